import { existsSync, readFileSync } from 'node:fs';
import { createSeededRandom } from '@aima/core';
import { alibabaGpuModel, alibabaGpuModels } from './alibaba-gpu-models.js';

/** One node of the trace's node list. */
export interface AlibabaNode {
  readonly nodeName: string;
  readonly gpuModel: string;
  readonly gpuCount: number;
}

/** Where the trace's node list lives, relative to this file (the repository's sibling `shared/`). */
export const alibabaNodeListUrl = new URL('../../../shared/data/traces/alibaba-spot-gpu-v2026/node_info_df.csv', import.meta.url);

const expectedHeader = 'gpu_model,gpu_capacity_num,cpu_num,node_name';

/** Parses `node_info_df.csv`. @throws Error on an unexpected header, a malformed row or an unknown model. */
export function parseAlibabaNodeList(csv: string): AlibabaNode[] {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== expectedHeader) throw new Error(`unexpected header in the Alibaba node list: ${lines[0] ?? '(empty file)'}`);
  return lines.slice(1).map((line, index) => {
    const [gpuModel, capacity, , nodeName] = line.split(',').map((field) => field.trim());
    const gpuCount = Number(capacity);
    if (gpuModel === undefined || nodeName === undefined || nodeName === '' || !Number.isInteger(gpuCount) || gpuCount < 1) {
      throw new Error(`malformed row ${index + 2} in the Alibaba node list: ${line}`);
    }
    alibabaGpuModel(gpuModel);
    return { nodeName, gpuModel, gpuCount };
  });
}

/** Reads the trace's node list, or returns undefined when the file is not there. */
export function readAlibabaNodeList(url: URL = alibabaNodeListUrl): AlibabaNode[] | undefined {
  if (!existsSync(url)) return undefined;
  return parseAlibabaNodeList(readFileSync(url, 'utf8'));
}

/**
 * A stand-in node list of the trace's shape, for when the trace is absent: the same models with
 * the same GPU and node counts per model (GPUs spread as evenly as possible over a model's
 * nodes), node order shuffled deterministically, nodes named 0, 1, 2, ... like the trace.
 */
export function generateAlibabaShapedNodeList(seed = 2026): AlibabaNode[] {
  const nodes: Array<{ gpuModel: string; gpuCount: number }> = [];
  for (const entry of alibabaGpuModels) {
    const base = Math.floor(entry.gpus / entry.nodes);
    const remainder = entry.gpus % entry.nodes;
    for (let index = 0; index < entry.nodes; index++) {
      nodes.push({ gpuModel: entry.model, gpuCount: base + (index < remainder ? 1 : 0) });
    }
  }
  const random = createSeededRandom(seed);
  for (let index = nodes.length - 1; index > 0; index--) {
    const other = Math.floor(random.next() * (index + 1));
    [nodes[index], nodes[other]] = [nodes[other] as (typeof nodes)[number], nodes[index] as (typeof nodes)[number]];
  }
  return nodes.map((node, index) => ({ nodeName: String(index), ...node }));
}
