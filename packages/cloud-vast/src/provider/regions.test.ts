import { describe, expect, it } from 'vitest';
import { countriesForRegion, countryOf, regionOf } from './regions.js';

describe('regions from Vast geolocations', () => {
  it.each([
    ['Texas, US', 'us-tx'],
    ['New York, US', 'us-ny'],
    ['US', 'us'],
    ['Somewhere, US', 'us'],
    ['Quebec, CA', 'ca'],
    ['Bavaria, DE', 'eu-de'],
    ['Bucharest, RO', 'eu-ro'],
    ['London, GB', 'eur-gb'],
    ['Oslo, NO', 'eur-no'],
    ['Guangxi, CN', 'ap-cn'],
    ['Sydney, AU', 'oc-au'],
    ['Dubai, AE', 'me-ae'],
    ['Lagos, NG', 'af-ng'],
    ['São Paulo, BR', 'sa-br'],
    ['Nowhere, ZZ', 'other-zz'],
    ['Sweden', 'unknown'],
    [null, 'unknown'],
  ])('%s is %s', (geolocation, region) => {
    expect(regionOf(geolocation)).toBe(region);
  });

  it('reads the country code at the end', () => {
    expect(countryOf(' Guangxi, cn ')).toBe('CN');
  });

  it('asks the server for the countries a region can hold', () => {
    expect(countriesForRegion('eu')).toHaveLength(27);
    expect(countriesForRegion('eu')).not.toContain('GB');
    expect(countriesForRegion('us-tx')).toEqual(['US']);
    expect(countriesForRegion('EU-DE')).toEqual(['DE']);
    expect(countriesForRegion('unknown')).toEqual([]);
  });
});
