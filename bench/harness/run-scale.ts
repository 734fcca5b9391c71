import {
  type CloudOffer,
  createLocalFleet,
  type DecisionContext,
  type DecisionEngine,
  type JobSpec,
  type LocalGpuState,
  type OfferBook,
} from '@aima/core';
import { engineOutcomeClass, seedOutcomeClass } from '../baseline/outcome-class.js';
import { toSeedJobRequirements } from '../baseline/seed-job-requirements.js';
import { type SeedContext, seedSelectGpuEnvironment } from '../baseline/seed-select-gpu-environment.js';
import { measureInterleaved, type Timing } from './measure.js';

/** How many calls to warm up and time, per implementation. */
export interface Runs {
  readonly warmup: number;
  readonly iterations: number;
}

export interface ScaleRuns {
  readonly engine: Runs;
  readonly baseline: Runs;
  readonly detailed: Runs;
}

/** Everything one scale of the benchmark shares. */
export interface ScaleInput {
  readonly states: readonly LocalGpuState[];
  /** The offers as a plain array (baseline) and as core's offer book (engine), same offers. */
  readonly offers: readonly CloudOffer[];
  readonly offerBook: OfferBook;
  readonly jobs: readonly JobSpec[];
  readonly engine: DecisionEngine;
  readonly now: number;
  readonly uploadBandwidthMbps: number;
  readonly runs: ScaleRuns;
}

/** The figures of one scale. */
export interface ScaleResult {
  readonly gpus: number;
  readonly classes: number;
  /** Jobs (of the mix) on which engine and baseline agree on local / cloud / reject. */
  readonly agreeing: number;
  /** Mean over the job mix of the offers the engine filtered before its cheapest-first walk could stop. */
  readonly offersExamined: number;
  readonly engine: Timing;
  readonly baseline: Timing;
  readonly detailed: Timing;
}

function cycle<T>(items: readonly T[]): (index: number) => T {
  if (items.length === 0) throw new Error('nothing to cycle through');
  return (index) => items[index % items.length] as T;
}

/**
 * Builds the fleet once (untimed), checks agreement on the job mix, then times the engine, the
 * baseline and the engine with detailed explanations, interleaved.
 */
export function runScale(input: ScaleInput): ScaleResult {
  const { engine, states, offers, now, uploadBandwidthMbps, runs } = input;
  const context: DecisionContext = {
    now,
    fleet: createLocalFleet(states, engine.config.cost),
    offers: input.offerBook,
    uploadBandwidthMbps,
  };
  const detailedContext: DecisionContext = { ...context, explain: 'detailed' };
  const seedContext: SeedContext = { now, uploadBandwidthMbps, cost: engine.config.cost };
  const job = cycle(input.jobs);
  const runEngine = (index: number) => engine.decide(job(index), context);
  const runBaseline = (index: number) =>
    seedSelectGpuEnvironment(toSeedJobRequirements(job(index), engine.config), states, offers, seedContext);

  let agreeing = 0;
  let offersExamined = 0;
  input.jobs.forEach((_, index) => {
    const decision = runEngine(index);
    offersExamined += decision.considered.cloudOffersExamined;
    if (engineOutcomeClass(decision) === seedOutcomeClass(runBaseline(index))) agreeing++;
  });
  const [engineTiming, baselineTiming, detailedTiming] = measureInterleaved([
    { run: runEngine, ...runs.engine },
    { run: runBaseline, ...runs.baseline },
    { run: (index) => engine.decide(job(index), detailedContext), ...runs.detailed },
  ]);
  if (engineTiming === undefined || baselineTiming === undefined || detailedTiming === undefined) throw new Error('missing timing');
  return {
    gpus: states.length,
    classes: runEngine(0).considered.localClasses,
    agreeing,
    offersExamined: offersExamined / input.jobs.length,
    engine: engineTiming,
    baseline: baselineTiming,
    detailed: detailedTiming,
  };
}
