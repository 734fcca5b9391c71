import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GenaiFiles, OpenbFiles } from './workloads.js';

/** `shared/data` beside the repository: /work/main/bench/simulation → /work/shared/data. */
export const defaultDataDir = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const tracePaths = {
  pods: 'traces/alibaba-gpu-v2023/openb_pod_list_default.csv',
  nodes: 'traces/alibaba-gpu-v2023/openb_node_list_gpu_node.csv',
  requests: 'traces/alibaba-genai-v2026/lora_request_trace.csv',
  costReference: 'prices/consolidated/gpu_cost_reference.csv',
} as const;

/** The files of `names` that are missing under `dataDir`. */
export function missingFiles(dataDir: string = defaultDataDir, names: readonly (keyof typeof tracePaths)[]): string[] {
  return names.map((name) => join(dataDir, tracePaths[name])).filter((path) => !existsSync(path));
}

function read(dataDir: string, name: keyof typeof tracePaths): string {
  return readFileSync(join(dataDir, tracePaths[name]), 'utf8');
}

/** Reads the openb files. @throws Error when one is missing (check with `missingFiles` first). */
export function readOpenbFiles(dataDir: string = defaultDataDir): OpenbFiles {
  return { pods: read(dataDir, 'pods'), nodes: read(dataDir, 'nodes'), costReference: read(dataDir, 'costReference') };
}

/** Reads the GenAI files. @throws Error when one is missing. */
export function readGenaiFiles(dataDir: string = defaultDataDir): GenaiFiles {
  return { requests: read(dataDir, 'requests'), costReference: read(dataDir, 'costReference') };
}
