import type { LocalGpuState, RegisteredGpu } from '@aima/core';
import { createSeededRandom } from '@aima/core';
import { alibabaGpuModel } from './alibaba-gpu-models.js';
import { type AlibabaNode, generateAlibabaShapedNodeList, readAlibabaNodeList } from './alibaba-nodes.js';

/** The benchmark's sites: nodes are spread over them by `node_name mod 4`. */
export const alibabaSites = ['dc-a', 'dc-b', 'dc-c', 'dc-d'] as const;

/** Options of {@link alibabaSpotFleet}. */
export interface AlibabaFleetOptions {
  /** Epoch ms that `busyUntil` times are relative to. */
  readonly now: number;
  /** Seed of the busy/free draw. @default 42 */
  readonly seed?: number;
  /** Share of GPUs allocated, each busy for up to two hours. @default 0.5 */
  readonly busyShare?: number;
}

/** A fleet and where its shape came from. */
export interface AlibabaFleet {
  readonly states: LocalGpuState[];
  readonly source: 'trace' | 'generated';
  readonly nodes: number;
}

/**
 * One local GPU state per GPU of the node list, in node order: id `gpu_` + eight hex digits of
 * the GPU's index, host `node-<node_name>`, site by `node_name mod 4`, CUDA 12.4, every GPU
 * healthy, open 24/7 and unrestricted; about `busyShare` of them busy (seeded, deterministic).
 */
export function fleetFromNodes(nodes: readonly AlibabaNode[], options: AlibabaFleetOptions): LocalGpuState[] {
  const random = createSeededRandom(options.seed ?? 42);
  const busyShare = options.busyShare ?? 0.5;
  const states: LocalGpuState[] = [];
  nodes.forEach((node, nodeIndex) => {
    const model = alibabaGpuModel(node.gpuModel);
    const siteIndex = Number.isInteger(Number(node.nodeName))
      ? Number(node.nodeName) % alibabaSites.length
      : nodeIndex % alibabaSites.length;
    for (let slot = 0; slot < node.gpuCount; slot++) {
      const gpu: RegisteredGpu = {
        id: `gpu_${states.length.toString(16).padStart(8, '0')}`,
        model: model.model,
        vramGb: model.vramGb,
        cudaVersion: '12.4',
        computeCapability: model.computeCapability,
        hostAddress: `node-${node.nodeName}`,
        location: alibabaSites[siteIndex] ?? 'dc-a',
        availabilitySchedule: '24/7',
        accessRestrictions: { tenants: [], roles: [] },
        tags: [],
        powerWatts: model.powerWatts,
        purchasePriceUsd: model.purchasePriceUsd,
        depreciationYears: 3,
      };
      const busy = random.next() < busyShare;
      states.push(
        busy ? { gpu, health: 'healthy', busyUntil: options.now + Math.floor(random.next() * 7_200_000) } : { gpu, health: 'healthy' },
      );
    }
  });
  return states;
}

/**
 * The benchmark fleet: the Alibaba spot-GPU trace's 10,412 GPUs when `node_info_df.csv` is
 * present, else a generated node list of the same shape (same models and counts).
 */
export function alibabaSpotFleet(options: AlibabaFleetOptions, traceUrl?: URL): AlibabaFleet {
  const traced = readAlibabaNodeList(traceUrl);
  const nodes = traced ?? generateAlibabaShapedNodeList();
  return { states: fleetFromNodes(nodes, options), source: traced === undefined ? 'generated' : 'trace', nodes: nodes.length };
}

/** A deterministic sample of `size` GPUs: every k-th one (k = ⌊n / size⌋), from the first. */
export function sampleEvery<T>(items: readonly T[], size: number): T[] {
  if (size >= items.length) return [...items];
  const step = Math.floor(items.length / size);
  const sample: T[] = [];
  for (let index = 0; sample.length < size; index += step) {
    const item = items[index];
    if (item === undefined) break;
    sample.push(item);
  }
  return sample;
}
