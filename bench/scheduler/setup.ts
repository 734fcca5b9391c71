import {
  type CloudOffer,
  createDecisionEngine,
  createLocalFleet,
  createOfferBook,
  createSeededRandom,
  type DecisionEngine,
  type JobSpec,
  type LocalGpuState,
} from '@aima/core';
import { generateOffers } from '@aima/core/testing';
import { alibabaSpotFleet, sampleEvery } from '../fleet/alibaba-spot-fleet.js';
import { createJobMix } from '../jobs/job-mix.js';
import { IndexedPlacer, type IndexedPlacerOptions } from './indexed-placer.js';
import { NaivePlacer } from './naive-placer.js';
import { createQueueWorkload, type QueueWorkload } from './queue-workload.js';

/** Everything the placement benchmarks share. */
export interface Scenario {
  readonly now: number;
  readonly engine: DecisionEngine;
  readonly states: readonly LocalGpuState[];
  readonly fleetSource: 'trace' | 'generated';
  readonly offers: readonly CloudOffer[];
  readonly workload: QueueWorkload;
  readonly uploadBandwidthMbps: number;
  /** The distinct job specs the queue cycles through. */
  readonly templates: readonly JobSpec[];
  readonly distinctSpecs: number;
}

/** Options of {@link createScenario}. */
export interface ScenarioOptions {
  readonly queued: number;
  /** GPUs: the whole Alibaba fleet (10,412) or every k-th of it. */
  readonly gpus?: number;
  /** @default 1,000 */
  readonly offers?: number;
  /** Share of queued jobs with a deadline. @default 0.05 */
  readonly deadlineShare?: number;
  /** Distinct job specs cycled through. @default 200 */
  readonly distinctSpecs?: number;
  readonly nodeListUrl?: URL;
}

/**
 * The Alibaba spot-GPU fleet with every GPU free, generated cloud offers (seed 7, as the decision
 * benchmark), the engine with policy `aima`, and a queue of jobs cycling through a job mix.
 */
export function createScenario(options: ScenarioOptions): Scenario {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const fleet = alibabaSpotFleet({ now, busyShare: 0 }, options.nodeListUrl);
  const states = options.gpus === undefined ? fleet.states : sampleEvery(fleet.states, options.gpus);
  const distinctSpecs = options.distinctSpecs ?? 200;
  const templates = createJobMix({ count: distinctSpecs, now });
  return {
    now,
    engine: createDecisionEngine({ policy: 'aima' }),
    states,
    fleetSource: fleet.source,
    offers: generateOffers({ count: options.offers ?? 1_000, random: createSeededRandom(7) }),
    workload: createQueueWorkload({
      count: options.queued,
      now,
      specs: templates,
      ...(options.deadlineShare !== undefined && { deadlineShare: options.deadlineShare }),
    }),
    uploadBandwidthMbps: 200,
    templates,
    distinctSpecs,
  };
}

/** A fresh indexed placer on its own fleet copy (placers mutate their fleet). */
export function indexedPlacerFor(
  scenario: Scenario,
  options: Pick<IndexedPlacerOptions, 'cache' | 'onCacheHit' | 'phases'> = {},
): IndexedPlacer {
  return new IndexedPlacer({
    ...options,
    engine: scenario.engine,
    fleet: createLocalFleet(scenario.states, scenario.engine.config.cost),
    offers: createOfferBook(scenario.offers),
    uploadBandwidthMbps: scenario.uploadBandwidthMbps,
    entries: scenario.workload.entries,
    specs: scenario.workload.specs,
  });
}

export function naivePlacerFor(scenario: Scenario): NaivePlacer {
  return new NaivePlacer({
    config: scenario.engine.config,
    states: scenario.states,
    entries: scenario.workload.entries,
    specs: scenario.workload.specs,
  });
}
