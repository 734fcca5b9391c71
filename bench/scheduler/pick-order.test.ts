import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type DriveOptions, PlacementDriver } from './drive.js';
import { createScenario, indexedPlacerFor, naivePlacerFor } from './setup.js';

// 1,000 queued jobs (30 % with a deadline 10 min–24 h ahead), 100 GPUs of the Alibaba fleet; 100
// rounds 10 minutes apart (about 16 h), so jobs age, most deadlines pass through the 100-minute
// window where the deadline factor grows, and some pass.
const scenario = createScenario({ queued: 1_000, gpus: 100, deadlineShare: 0.3 });
const drive: DriveOptions = { start: scenario.now, roundSize: 10, roundAdvanceMs: 600_000, maxRunning: 30, recordOrder: true };

function order(placer: ConstructorParameters<typeof PlacementDriver>[0]) {
  const driver = new PlacementDriver(placer, drive);
  driver.run(2_000, true);
  return driver.result();
}

describe('scheduler benchmark harness', () => {
  it('picks jobs in the same order with core queue + engine and with the naive sort + scan', () => {
    const indexed = order(indexedPlacerFor(scenario));
    const naive = order(naivePlacerFor(scenario));
    expect(indexed.order).toHaveLength(1_000);
    expect(new Set(indexed.order).size).toBe(1_000);
    // No job had to wait (30 running at most on 100 GPUs), so the order is the queue's alone.
    expect(indexed.outcomes.queue).toBe(0);
    expect(naive.outcomes.queue).toBe(0);
    expect(naive.order).toEqual(indexed.order);
  });

  it('picks the same order with the decision cache of core, whose decisions equal fresh ones', () => {
    const tally = { decisions: 0, identical: 0 };
    const cached = indexedPlacerFor(scenario, {
      cache: true,
      onDecision: (spec, context, decision) => {
        tally.decisions++;
        if (isDeepStrictEqual(decision, scenario.engine.decide(spec, context))) tally.identical++;
      },
    });
    const result = order(cached);
    expect(result.order).toEqual(order(indexedPlacerFor(scenario)).order);
    expect(tally.decisions).toBe(1_000);
    expect(tally.identical).toBe(tally.decisions);
    expect(cached.cacheStats?.hits).toBeGreaterThan(0);
  });
});
