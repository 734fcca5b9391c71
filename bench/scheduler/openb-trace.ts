/**
 * A minimal, private loader of the Alibaba cluster-trace-gpu-v2023 "openb" pod and node lists,
 * for the replay benchmark only (the richer trace CLI lives in `bench/simulation`). Maps each GPU
 * pod to a job spec and each GPU of the node list to a GPU registration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type CloudOffer, type GpuRegistrationInput, type Priority, parseCloudOffer, type SimulationJob } from '@aima/core';

/** Where the trace lives, relative to this file (the repository's sibling `shared/`). */
export const openbDirectoryUrl = new URL('../../../shared/data/traces/alibaba-gpu-v2023/', import.meta.url);
export const openbPodListUrl = new URL('openb_pod_list_default.csv', openbDirectoryUrl);
export const openbNodeListUrl = new URL('openb_node_list_gpu_node.csv', openbDirectoryUrl);

/** Epoch ms of the trace's second 0 (the trace gives seconds from its start only). */
export const openbEpoch = Date.UTC(2023, 0, 2, 0, 0, 0);

interface ModelFigures {
  readonly vramGb: number;
  readonly powerWatts: number;
  readonly purchasePriceUsd: number;
  readonly computeCapability: string;
}

/**
 * The trace names models only. VRAM, board power and price are ASSUMPTIONS of this benchmark:
 * datasheet figures for the named models; G1/G2/G3 are undisclosed in the trace and guessed
 * (mid-range 24 GB, 32 GB and 80 GB data-centre cards). They shape costs and VRAM fits only.
 */
const modelFigures: Readonly<Record<string, ModelFigures>> = {
  P100: { vramGb: 16, powerWatts: 250, purchasePriceUsd: 5_700, computeCapability: '6.0' },
  T4: { vramGb: 16, powerWatts: 70, purchasePriceUsd: 2_300, computeCapability: '7.5' },
  V100M16: { vramGb: 16, powerWatts: 300, purchasePriceUsd: 8_000, computeCapability: '7.0' },
  V100M32: { vramGb: 32, powerWatts: 300, purchasePriceUsd: 10_000, computeCapability: '7.0' },
  A10: { vramGb: 24, powerWatts: 150, purchasePriceUsd: 2_800, computeCapability: '8.6' },
  G1: { vramGb: 24, powerWatts: 250, purchasePriceUsd: 5_000, computeCapability: '8.0' },
  G2: { vramGb: 32, powerWatts: 300, purchasePriceUsd: 8_000, computeCapability: '8.0' },
  G3: { vramGb: 80, powerWatts: 400, purchasePriceUsd: 15_000, computeCapability: '8.0' },
};

/** A few cloud offers to compare against (prices roughly 2026 marketplace medians). */
export const openbCloudOffers: readonly CloudOffer[] = [
  { provider: 'vast', offerId: 'o-4090', gpuModel: 'RTX 4090', gpuCount: 1, vramGb: 24, pricePerHourUsd: 0.4, region: 'eu-west' },
  { provider: 'vast', offerId: 'o-t4', gpuModel: 'T4', gpuCount: 1, vramGb: 16, pricePerHourUsd: 0.15, region: 'us-east' },
  { provider: 'runpod', offerId: 'o-a100', gpuModel: 'A100 80GB', gpuCount: 1, vramGb: 80, pricePerHourUsd: 1.6, region: 'eu-central' },
  { provider: 'runpod', offerId: 'o-l4', gpuModel: 'L4', gpuCount: 1, vramGb: 24, pricePerHourUsd: 0.45, region: 'us-west' },
].map((offer) =>
  parseCloudOffer({ ...offer, reliability: 0.98, uploadMbps: 1_000, downloadMbps: 1_000, interruptible: false, verified: true }),
);

function rows(csv: string, header: string): string[][] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== header) throw new Error(`unexpected openb header: ${lines[0] ?? '(empty file)'}`);
  return lines.slice(1).map((line) => line.split(','));
}

/** One registration per GPU of `openb_node_list_gpu_node.csv`. */
export function parseOpenbNodes(csv: string): GpuRegistrationInput[] {
  const gpus: GpuRegistrationInput[] = [];
  for (const [sn = '', , , count = '', model = ''] of rows(csv, 'sn,cpu_milli,memory_mib,gpu,model')) {
    const figures = modelFigures[model];
    if (figures === undefined) throw new Error(`unknown openb GPU model "${model}"`);
    for (let slot = 0; slot < Number(count); slot++) {
      gpus.push({
        id: `gpu_${gpus.length.toString(16).padStart(8, '0')}`,
        model,
        cudaVersion: '12.2',
        hostAddress: sn,
        location: 'openb',
        depreciationYears: 3,
        ...figures,
      });
    }
  }
  return gpus;
}

/** FNV-1a of a string, for a deterministic 20 % confidential share. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value;
}

function priorityOf(qos: string): Priority {
  return qos === 'LS' ? 'high' : qos === 'BE' ? 'low' : 'normal';
}

/**
 * GPU pods (num_gpu ≥ 1) of `openb_pod_list_default.csv` as simulation jobs: submitted at
 * `creation_time`, running `deletion_time − scheduled_time` (pods never scheduled: from
 * `creation_time`), at least 1 s. A fractional GPU is an audio job needing `gpu_milli/1000 × 16`
 * GB, a whole GPU an image job, several GPUs a video job needing 24 GB (placed on one GPU: the
 * scheduler places single-GPU jobs). 20 % confidential by a hash of the name, the rest internal.
 */
export function parseOpenbPods(csv: string): SimulationJob[] {
  const header = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';
  const jobs: SimulationJob[] = [];
  for (const [name = '', , , numGpu = '', gpuMilli = '', , qos = '', , created = '', deleted = '', scheduled = ''] of rows(csv, header)) {
    const gpus = Number(numGpu);
    if (!(gpus >= 1)) continue;
    const milli = Number(gpuMilli);
    const start = scheduled === '' ? Number(created) : Number(scheduled);
    const runSeconds = Math.max(1, Number(deleted) - start);
    const shape =
      gpus > 1
        ? { type: 'video' as const, requirements: { minVramGb: 24 } }
        : milli < 1000
          ? { type: 'audio' as const, requirements: { minVramGb: Math.max(0.1, (milli / 1000) * 16) } }
          : { type: 'image' as const };
    jobs.push({
      submitAt: openbEpoch + Number(created) * 1000,
      runSeconds,
      spec: {
        id: name,
        ...shape,
        confidentiality: hash(name) % 5 === 0 ? 'confidential' : 'internal',
        priority: priorityOf(qos),
        estimatedDurationSeconds: runSeconds,
      },
    });
  }
  return jobs;
}

/** The trace's GPU pods and GPUs, or undefined when `../shared` is not there. */
export function readOpenbTrace(): { jobs: SimulationJob[]; fleet: GpuRegistrationInput[] } | undefined {
  if (!existsSync(openbPodListUrl) || !existsSync(openbNodeListUrl)) return undefined;
  return { jobs: parseOpenbPods(readFileSync(openbPodListUrl, 'utf8')), fleet: parseOpenbNodes(readFileSync(openbNodeListUrl, 'utf8')) };
}
