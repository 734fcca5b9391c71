import type { FakeMarket } from './fake-market.js';
import type { FakeRequest, FakeResponse } from './fake-routes.js';

/**
 * `GET /charges/`: one row per instance that ran in the asked day range (epoch seconds), billed at
 * its hourly price for the overlap, rounded to 3 decimals (reference A11). Without both day bounds
 * it answers as Vast does.
 */
export function showCharges(market: FakeMarket, request: FakeRequest): FakeResponse {
  const range = readDayRange(request.query.select_filters);
  if (range === undefined) {
    return { status: 400, json: { success: false, msg: "Must provide both 'day' gte and lte filters for instance charges" } };
  }
  const results = [...market.instances.values()].flatMap((instance) => {
    const start = Math.max(instance.createdAt, range.from);
    const end = Math.min(instance.destroyedAt ?? market.now(), range.to);
    if (end <= start) return [];
    const hours = (end - start) / 3_600_000;
    const price = instance.bid ?? Number(instance.offer.dph_total);
    const amount = Math.round(price * hours * 1000) / 1000;
    const description = `${hours.toFixed(3)} hours at $${price.toFixed(3)}/hour`;
    return [
      {
        start: Math.floor(instance.createdAt / 1000),
        end: Math.floor((instance.destroyedAt ?? market.now()) / 1000),
        type: 'instance',
        source: `instance-${instance.id}`,
        description: `Instance ${instance.id} Charges`,
        amount,
        metadata: instance.label === null ? {} : { label: instance.label },
        items: [{ type: 'gpu', amount, description }],
      },
    ];
  });
  return { status: 200, json: { success: true, count: results.length, total: results.length, next_token: null, results } };
}

function readDayRange(filters: string | undefined): { from: number; to: number } | undefined {
  try {
    const day = (JSON.parse(filters ?? '{}') as { day?: { gte?: unknown; lte?: unknown } }).day;
    if (typeof day?.gte !== 'number' || typeof day.lte !== 'number') return undefined;
    return { from: day.gte * 1000, to: day.lte * 1000 };
  } catch {
    return undefined;
  }
}
