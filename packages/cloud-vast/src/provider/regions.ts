/**
 * Regions from Vast's `geolocation` ("City/region, CC"; reference A4), named like RunPod's data
 * centres (`eu-ro-1`, `us-tx-3`) so that one query reads the same on both clouds:
 *
 * - EU member states: `eu-<cc>` (`eu-de`); `eu` matches all of them and nothing outside the EU;
 * - other European countries: `eur-<cc>` (`eur-gb`, `eur-no`, `eur-ch`);
 * - United States: `us-<state>` when the state is given (`us-tx`), else `us`; Canada: `ca`;
 * - elsewhere: `na-<cc>` (rest of North America), `sa-<cc>`, `ap-<cc>` (Asia-Pacific),
 *   `oc-<cc>`, `me-<cc>`, `af-<cc>`; a code not listed: `other-<cc>`; no code: `unknown`.
 */
const areaCountries: Readonly<Record<string, string>> = {
  eu: 'AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE HU',
  eur: 'GB UK NO CH IS LI UA RS BA MK AL MD ME BY RU XK GE AM AZ',
  na: 'MX GT CR PA PR DO JM HN SV NI CU BS',
  sa: 'BR AR CL CO PE UY VE EC BO PY',
  ap: 'JP KR CN TW HK MO SG IN ID TH VN MY PH PK BD KZ LK NP MN KH',
  oc: 'AU NZ',
  me: 'AE IL SA QA TR IR IQ JO KW BH OM LB CY',
  af: 'ZA NG KE EG MA TN GH DZ ET UG TZ RW SN MU',
};

const areaOfCountry = new Map<string, string>();
for (const [area, countries] of Object.entries(areaCountries)) {
  for (const country of countries.split(' ')) if (!areaOfCountry.has(country)) areaOfCountry.set(country, area);
}

const usStates =
  'AL Alabama,AK Alaska,AZ Arizona,AR Arkansas,CA California,CO Colorado,CT Connecticut,DE Delaware,FL Florida,GA Georgia,' +
  'HI Hawaii,ID Idaho,IL Illinois,IN Indiana,IA Iowa,KS Kansas,KY Kentucky,LA Louisiana,ME Maine,MD Maryland,MA Massachusetts,' +
  'MI Michigan,MN Minnesota,MS Mississippi,MO Missouri,MT Montana,NE Nebraska,NV Nevada,NH New Hampshire,NJ New Jersey,' +
  'NM New Mexico,NY New York,NC North Carolina,ND North Dakota,OH Ohio,OK Oklahoma,OR Oregon,PA Pennsylvania,RI Rhode Island,' +
  'SC South Carolina,SD South Dakota,TN Tennessee,TX Texas,UT Utah,VT Vermont,VA Virginia,WA Washington,WV West Virginia,' +
  'WI Wisconsin,WY Wyoming,DC District of Columbia';

const stateCode = new Map<string, string>();
for (const entry of usStates.split(',')) {
  const code = entry.slice(0, 2);
  stateCode.set(code.toLowerCase(), code.toLowerCase());
  stateCode.set(entry.slice(3).toLowerCase(), code.toLowerCase());
}

/** The two-letter country code at the end of a geolocation, upper case. */
export function countryOf(geolocation: string | null | undefined): string | undefined {
  const match = geolocation?.trim().match(/(?:^|[\s,])([A-Za-z]{2})$/);
  return match?.[1]?.toUpperCase();
}

/** The region of a Vast geolocation. */
export function regionOf(geolocation: string | null | undefined): string {
  const country = countryOf(geolocation);
  if (country === undefined) return 'unknown';
  if (country === 'US') {
    const place = geolocation?.split(',')[0]?.trim().toLowerCase() ?? '';
    const state = stateCode.get(place);
    return state === undefined ? 'us' : `us-${state}`;
  }
  if (country === 'CA') return 'ca';
  const area = areaOfCountry.get(country);
  return `${area ?? 'other'}-${country.toLowerCase()}`;
}

/**
 * Country codes whose offers can lie in a wanted region (`eu` → all EU members, `us-tx` → US),
 * for the server-side `geolocation` filter. Empty when the region names no country we know.
 */
export function countriesForRegion(wanted: string): string[] {
  const region = wanted.toLowerCase();
  const countries = ['US', 'CA', ...areaOfCountry.keys()];
  return countries.filter((country) => {
    const base = country === 'US' ? 'us' : country === 'CA' ? 'ca' : `${areaOfCountry.get(country)}-${country.toLowerCase()}`;
    return sameRegion(region, base) || sameRegion(base, region);
  });
}

/** Core's region rule (`eu` allows `eu-de`): equal, or a prefix up to a dash. */
export function sameRegion(allowed: string, region: string): boolean {
  const a = allowed.toLowerCase();
  const r = region.toLowerCase();
  return r === a || (r.startsWith(a) && r.charAt(a.length) === '-');
}
