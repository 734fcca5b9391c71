import type { CloudOffer, GpuRegistrationInput } from '@aima/core';
import { cloudOffersFromCostReference } from './cloud-offers.js';
import { genaiFleet } from './genai-fleet.js';
import { mapGenaiRequests, parseGenaiRequests } from './genai-jobs.js';
import type { MappingOptions } from './mapping-rules.js';
import { openbFleet, parseOpenbNodes } from './openb-fleet.js';
import { mapOpenbPods, parseOpenbPods } from './openb-jobs.js';
import { limitJobs, type MappedTrace } from './trace-mapping.js';

/** Everything one trace replay needs: the same for every policy. */
export interface Workload {
  readonly trace: MappedTrace;
  readonly fleet: GpuRegistrationInput[];
  readonly offers: CloudOffer[];
}

/** How to build a workload, beyond the mapping rules. */
export interface WorkloadOptions extends MappingOptions {
  readonly limit?: number;
  readonly capexSunk?: boolean;
  /** Share of the openb fleet kept. @default 1 */
  readonly fleetShare?: number;
}

/** The CSV texts of the openb replay. */
export interface OpenbFiles {
  readonly pods: string;
  readonly nodes: string;
  readonly costReference: string;
}

/** openb pods on the openb GPU nodes, with offers from the cost reference. */
export function openbWorkload(files: OpenbFiles, options: WorkloadOptions = {}): Workload {
  const fleet = openbFleet(parseOpenbNodes(files.nodes), { capexSunk: options.capexSunk ?? false, share: options.fleetShare ?? 1 });
  const largestGpuGb = fleet.reduce((largest, gpu) => Math.max(largest, gpu.vramGb), 0);
  const trace = mapOpenbPods(parseOpenbPods(files.pods), { ...options, largestGpuGb });
  return { trace: limitJobs(trace, options.limit), fleet, offers: cloudOffersFromCostReference(files.costReference) };
}

/** The CSV texts of the GenAI replay. */
export interface GenaiFiles {
  readonly requests: string;
  readonly costReference: string;
}

/** GenAI requests on an assumed fleet of `gpus` RTX 4090s, with offers from the cost reference. */
export function genaiWorkload(files: GenaiFiles, gpus: number, options: WorkloadOptions = {}): Workload {
  const trace = mapGenaiRequests(parseGenaiRequests(files.requests), options);
  return {
    trace: limitJobs(trace, options.limit),
    fleet: genaiFleet(gpus, { capexSunk: options.capexSunk ?? false }),
    offers: cloudOffersFromCostReference(files.costReference),
  };
}
