import type { CloudOffer } from '../../config/cloud-offer.js';
import type { Side } from '../candidates.js';
import type { GpuClassView } from '../fleet/gpu-class.js';
import type { PreparedJob } from '../prepared-job.js';
import type { PluginContext } from './plugin-context.js';

/**
 * The answer of a filter. An expected "no" is data, not an exception: `reason` is a short stable
 * phrase that rejections are counted by ("insufficient VRAM"); `detail` says it for this candidate
 * ("16 GB < 24 GB needed").
 */
export type FilterStatus = { readonly passed: true } | { readonly passed: false; readonly reason: string; readonly detail?: string };

/** The one passing status; return it rather than allocating. */
export const PASS: FilterStatus = Object.freeze({ passed: true });

/** A rejecting status. */
export function reject(reason: string, detail?: string): FilterStatus {
  return detail === undefined ? { passed: false, reason } : { passed: false, reason, detail };
}

/**
 * Filter extension point: says which candidates cannot run the job at all. Each method is
 * optional; a filter implements the ones it has an opinion on.
 *
 * Contract: pure and fast (no I/O, no clock, no randomness); the same inputs give the same
 * status. Cheap filters should be registered first: the engine stops at the first "no".
 */
export interface FilterPlugin {
  readonly name: string;
  /** Once per decision: may rule out a whole side (e.g. no cloud for confidential data). */
  filterSide?(job: PreparedJob, side: Side, context: PluginContext): FilterStatus;
  /** Once per class of identical local GPUs. */
  filterLocal?(job: PreparedJob, gpuClass: GpuClassView, context: PluginContext): FilterStatus;
  /** Once per cloud offer examined. */
  filterCloud?(job: PreparedJob, offer: CloudOffer, context: PluginContext): FilterStatus;
  /**
   * Index hint: `filterCloud` rejects every offer with less VRAM than `vramGb`, with `reason`.
   * The engine then skips those offers through the offer book's VRAM index instead of calling
   * `filterCloud` on each, and records them as this plugin's rejections.
   */
  cloudVramFloor?(job: PreparedJob): { readonly vramGb: number; readonly reason: string };
}
