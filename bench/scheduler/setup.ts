import {
  type CloudOffer,
  createDecisionEngine,
  createOfferBook,
  createSeededRandom,
  type DecisionEngine,
  GpuRegistry,
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

/** Options of {@link indexedPlacerFor}. */
export interface IndexedPlacerSetup extends Pick<IndexedPlacerOptions, 'onDecision' | 'phases'> {
  /** Decide with core's decision cache (`createDecisionEngine({ cache: true })`). @default false */
  readonly cache?: boolean;
}

/** Core's registry with every GPU of the scenario registered, as a host would at start. */
export function registryFor(scenario: Scenario): GpuRegistry {
  const registry = new GpuRegistry(scenario.engine.config, createSeededRandom(1));
  for (const state of scenario.states) {
    registry.register(state.gpu, scenario.now);
    if (state.health !== undefined) registry.setHealth(state.gpu.id, state.health);
    if (state.busyUntil !== undefined) registry.setBusyUntil(state.gpu.id, state.busyUntil);
  }
  return registry;
}

/** A fresh indexed placer with its own registry (placers mutate their fleet) and, with `cache`, its own cached engine. */
export function indexedPlacerFor(scenario: Scenario, setup: IndexedPlacerSetup = {}): IndexedPlacer {
  const { cache, ...options } = setup;
  return new IndexedPlacer({
    ...options,
    engine: cache ? createDecisionEngine({ policy: scenario.engine.policy, cache: true }) : scenario.engine,
    registry: registryFor(scenario),
    offers: createOfferBook(scenario.offers),
    uploadBandwidthMbps: scenario.uploadBandwidthMbps,
    entries: scenario.workload.entries,
  });
}

export function naivePlacerFor(scenario: Scenario): NaivePlacer {
  return new NaivePlacer({
    config: scenario.engine.config,
    states: scenario.states,
    entries: scenario.workload.entries,
  });
}
