import type { CloudOffer } from '../config/cloud-offer.js';
import type { GpuClassView } from './fleet/gpu-class.js';
import type { LocalGpuState } from './fleet/local-gpu-state.js';

/** A feasible local placement: the soonest-free GPU of a class that passed every filter. */
export interface LocalCandidate {
  readonly kind: 'local';
  readonly gpuClass: GpuClassView;
  readonly gpu: LocalGpuState;
  readonly waitSeconds: number;
  readonly costUsd: number;
}

/** A feasible cloud placement. */
export interface CloudCandidate {
  readonly kind: 'cloud';
  readonly offer: CloudOffer;
  /** Time to move the job's inputs to the instance. */
  readonly uploadSeconds: number;
  /** Price × (upload + run) + transfer. */
  readonly costUsd: number;
}

export type Candidate = LocalCandidate | CloudCandidate;
export type Side = 'local' | 'cloud';
