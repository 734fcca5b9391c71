import type { FakeOffer } from './fake-offers.js';

const operators = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'notin']);
const topLevelKeys = new Set(['order', 'type', 'limit', 'allocated_storage', 'disable_bundling']);
const searchTypes = new Set(['on-demand', 'ondemand', 'bid', 'reserved']);

/** A search body as the fake understood it. */
export interface FakeSearch {
  readonly filters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly type: string;
  readonly order: readonly (readonly [string, string])[];
  readonly limit: number;
}

/**
 * Checks a `POST /bundles/` body as Vast does: every filter must be an operator object (a bare
 * value gives `bad_request` "Input should be a valid dictionary", reference A3), operators come
 * from `eq neq gt gte lt lte in notin`, and `type` is `on-demand`, `ondemand`, `bid` or `reserved`.
 */
export function readSearchBody(body: unknown): { readonly search: FakeSearch } | { readonly error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: 'q: Input should be a valid dictionary' };
  const problems: string[] = [];
  const filters: Record<string, Record<string, unknown>> = {};
  for (const [field, value] of Object.entries(body)) {
    if (topLevelKeys.has(field)) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`q.${field}: Input should be a valid dictionary`);
      continue;
    }
    const unknown = Object.keys(value).filter((operator) => !operators.has(operator));
    if (unknown.length > 0) problems.push(`q.${field}: unknown operator ${unknown.join(', ')}`);
    filters[field] = value as Record<string, unknown>;
  }
  const record = body as Record<string, unknown>;
  const type = record.type ?? 'on-demand';
  if (typeof type !== 'string' || !searchTypes.has(type)) problems.push('type: Input should be on-demand, bid or reserved');
  const order = readOrder(record.order, problems);
  const limit = typeof record.limit === 'number' ? record.limit : 64;
  return problems.length > 0 ? { error: problems.join('; ') } : { search: { filters, type: String(type), order, limit } };
}

function readOrder(order: unknown, problems: string[]): [string, string][] {
  if (order === undefined || order === null) return [['score', 'desc']];
  const valid =
    Array.isArray(order) &&
    order.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && (entry[1] === 'asc' || entry[1] === 'desc'));
  if (!valid) problems.push('order: Input should be a list of [field, "asc"|"desc"]');
  return valid ? (order as [string, string][]) : [];
}

/** Offers that pass every filter, priced for the search type, ordered and limited. */
export function runSearch(offers: readonly FakeOffer[], search: FakeSearch): FakeOffer[] {
  const priced: FakeOffer[] =
    search.type === 'bid' ? offers.map((offer) => ({ ...offer, dph_total: offer.min_bid, is_bid: true })) : [...offers];
  const matching = priced.filter((offer) =>
    Object.entries(search.filters).every(([field, filter]) => passes(fieldValue(offer, field), filter)),
  );
  const sorted = [...matching].sort((a, b) => {
    for (const [field, direction] of search.order) {
      const difference = compare(a[field], b[field]);
      if (difference !== 0) return direction === 'desc' ? -difference : difference;
    }
    return 0;
  });
  return sorted.slice(0, Math.max(0, search.limit));
}

/** The value a filter reads: some filter fields are computed from the offer. */
function fieldValue(offer: FakeOffer, field: string): unknown {
  switch (field) {
    case 'verified':
      return offer.verification === 'verified';
    case 'datacenter':
      return Number(offer.hosting_type ?? 0) >= 1;
    case 'geolocation':
      return /([A-Za-z]{2})\s*$/.exec(String(offer.geolocation ?? ''))?.[1]?.toUpperCase() ?? null;
    case 'external':
      return offer.external ?? false;
    case 'rented':
      return offer.rented ?? false;
    default:
      return offer[field];
  }
}

/** A filter on a field offers lack is ignored, as gpuhunt's local check does. */
function passes(actual: unknown, filter: Readonly<Record<string, unknown>>): boolean {
  if (actual === undefined) return true;
  return Object.entries(filter).every(([operator, expected]) => {
    const list = Array.isArray(expected) ? expected : [expected];
    switch (operator) {
      case 'eq':
        return same(actual, expected);
      case 'neq':
        return !same(actual, expected);
      case 'in':
        return list.some((item) => same(actual, item));
      case 'notin':
        return !list.some((item) => same(actual, item));
      default:
        return ordered(operator, actual, expected);
    }
  });
}

/** Vast accepts numeric strings for numbers (`{"num_gpus":{"eq":"1"}}`, reference A5). */
function same(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'string') return actual === Number(expected);
  return actual === expected;
}

function ordered(operator: string, actual: unknown, expected: unknown): boolean {
  const a = Number(actual);
  const b = Number(expected);
  if (actual === null || Number.isNaN(a) || Number.isNaN(b)) return false;
  return operator === 'gt' ? a > b : operator === 'gte' ? a >= b : operator === 'lt' ? a < b : a <= b;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a ?? '').localeCompare(String(b ?? ''));
}
