import type { DecisionOutcome } from '@aima/core';
import { type LatencyFigures, latencyFigures } from './latency.js';
import type { Placer } from './placement.js';
import type { JobEntry } from './queue-workload.js';

/** How to drive a placer. */
export interface DriveOptions {
  /** Epoch ms of the first round. */
  readonly start: number;
  /** Picks per dispatch round; all picks of a round happen at one `now`. */
  readonly roundSize: number;
  /** Time between rounds, ms. */
  readonly roundAdvanceMs: number;
  /** Live allocations at most: before each round the oldest complete (are released) to make room. */
  readonly maxRunning: number;
  /** Makes a new arrival after each pick (untimed), so the queue keeps its size. Absent: no refill. */
  readonly refill?: (now: number) => JobEntry;
  /** Records the picked job ids (for order checks). */
  readonly recordOrder?: boolean;
}

/** What a driver measured over its timed picks. */
export interface DriveResult {
  readonly pick: LatencyFigures;
  readonly complete: LatencyFigures;
  readonly outcomes: Record<DecisionOutcome, number>;
  readonly order: readonly string[];
}

/**
 * Runs a placer in dispatch rounds: at each round's start the jobs that had to wait go back in
 * the queue and the oldest allocations complete until a round's worth fits under `maxRunning`;
 * then `roundSize` picks at one `now`, each timed alone with `process.hrtime.bigint()`. `run` can
 * be called repeatedly; untimed calls warm up.
 */
export class PlacementDriver {
  private readonly pickNs: number[] = [];
  private readonly completeNs: number[] = [];
  private readonly outcomes: Record<DecisionOutcome, number> = { local: 0, cloud: 0, queue: 0, reject: 0 };
  private readonly order: string[] = [];
  private now: number;
  private inRound = 0;
  exhausted = false;

  constructor(
    readonly placer: Placer,
    private readonly options: DriveOptions,
  ) {
    this.now = options.start;
  }

  /** Makes `picks` pick-and-place steps (fewer if the queue runs dry); times them when `timed`. */
  run(picks: number, timed: boolean): void {
    const { placer, options } = this;
    for (let done = 0; done < picks && !this.exhausted; done++) {
      if (this.inRound === 0) this.startRound(timed);
      const begin = process.hrtime.bigint();
      const step = placer.pickAndPlace(this.now);
      const elapsed = Number(process.hrtime.bigint() - begin);
      if (step === undefined) {
        this.exhausted = true;
        return;
      }
      if (timed) {
        this.pickNs.push(elapsed);
        this.outcomes[step.outcome]++;
      }
      if (options.recordOrder) this.order.push(step.jobId);
      if (options.refill) placer.push(options.refill(this.now));
      if (++this.inRound === options.roundSize) {
        this.inRound = 0;
        this.now += options.roundAdvanceMs;
      }
    }
  }

  result(): DriveResult {
    return {
      pick: latencyFigures(Float64Array.from(this.pickNs)),
      complete: latencyFigures(Float64Array.from(this.completeNs)),
      outcomes: { ...this.outcomes },
      order: [...this.order],
    };
  }

  private startRound(timed: boolean): void {
    const { placer, options } = this;
    placer.requeueWaiting();
    while (placer.running > options.maxRunning - options.roundSize) {
      const begin = process.hrtime.bigint();
      if (!placer.completeOldest(this.now)) break;
      if (timed) this.completeNs.push(Number(process.hrtime.bigint() - begin));
    }
  }
}
