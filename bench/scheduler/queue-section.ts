import { formatTable, integer, micros } from '../harness/table.js';
import { latencyCells, millis, print } from './format.js';
import { timeEach } from './latency.js';
import { bookkeeping, queueChurn, reRankAfterTicks } from './queue-bench.js';
import { naivePlacerFor, type Scenario } from './setup.js';

/** Sizes of the queue section. */
export interface QueueSectionOptions {
  readonly picks: number;
  readonly deadlineShares: readonly number[];
  readonly ticks: number;
  readonly naiveSorts: number;
  readonly bookkeepingPairs: number;
}

/** Queue alone (pop + push churn), re-ranking after aging ticks, and the bookkeeping per placement. */
export function queueSection(scenario: Scenario, options: QueueSectionOptions): void {
  const config = scenario.engine.config;
  const queued = scenario.workload.entries.length;
  const specs = scenario.templates;
  const naive = naivePlacerFor(scenario);
  const intervalMs = config.queue.schedulingIntervalSeconds * 1_000;
  const naiveSort = timeEach(options.naiveSorts, (tick) => naive.ranked(scenario.now + (tick + 1) * intervalMs));
  print(`4. Queue alone at ${integer(queued)} queued: pop the best job at \`now\`, push a new arrival (constant length)`);
  const rows = options.deadlineShares.map((share) => {
    const churn = queueChurn(config, specs, queued, share, options.picks);
    return [`core JobPriorityQueue, ${(share * 100).toFixed(0)} % with deadlines`, integer(churn.urgent), ...latencyCells(churn.popPush)];
  });
  rows.push(['naive: sort the array, take the first', '-', ...latencyCells(naiveSort)]);
  print(formatTable(['queue', 'urgent at start', 'timed', 'p50 µs', 'p99 µs', 'mean µs', 'picks/s'], rows));
  print(
    '   "urgent": jobs within the deadline-factor window (100 min); core keeps them in aging bands by deadline and scores only those ' +
      "whose bound (weight × the band's highest aging × their deadline factor) can still beat the best job found.",
  );
  print();
  const reRank = reRankAfterTicks(config, specs, queued, options.ticks);
  print(`5. Re-rank after an aging tick (${config.queue.schedulingIntervalSeconds} s later), ${integer(queued)} queued`);
  print(
    `   core queue: nothing to re-sort; the first peek after each of ${reRank.ticks} ticks: p50 ${micros(reRank.indexedPeek.p50Us)} µs, ` +
      `max ${micros(reRank.indexedPeek.maxUs)} µs`,
  );
  print(
    `   naive: a full sort at the new \`now\`: p50 ${millis(naiveSort.p50Us / 1_000)}, max ${millis(naiveSort.maxUs / 1_000)} (${naiveSort.count} sorts)`,
  );
  print();
  const books = bookkeeping(config, scenario.states, options.bookkeepingPairs);
  print(`6. Bookkeeping per local placement at ${integer(scenario.states.length)} GPUs (${integer(options.bookkeepingPairs)} pairs each)`);
  print(
    `   GpuRegistry.setBusyUntil busy + free (the fleet's fast path, as the dispatcher uses it): p50 ${micros(books.registryBusyFree.p50Us)} µs, ` +
      `mean ${micros(books.registryBusyFree.meanUs)} µs`,
  );
  print(
    `   LocalFleet.upsert busy + upsert free (the general update): p50 ${micros(books.fleetUpsertBusyFree.p50Us)} µs, ` +
      `mean ${micros(books.fleetUpsertBusyFree.meanUs)} µs`,
  );
  print(
    `   AllocationLedger.allocate + release: p50 ${micros(books.ledgerAllocateRelease.p50Us)} µs, mean ${micros(books.ledgerAllocateRelease.meanUs)} µs`,
  );
}
