import type { Priority, SimulationJob } from '@aima/core';
import { type CsvRow, numberField, parseCsv } from './csv.js';
import { deadlineFor, isConfidentialTenant, type MappingOptions, traceEpochMs, vramClassGb } from './mapping-rules.js';
import { openbSpecVramGb } from './openb-gpu-models.js';
import { countDrop, type MappedTrace } from './trace-mapping.js';

/** One pod of `openb_pod_list_*.csv`; times in seconds from the trace start. */
export interface OpenbPod {
  readonly name: string;
  readonly numGpu: number;
  readonly gpuMilli: number;
  readonly gpuSpec: string;
  readonly qos: string;
  readonly phase: string;
  readonly creation: number;
  readonly deletion?: number;
  /** Absent when the pod was never scheduled. */
  readonly scheduled?: number;
}

const columns = ['name', 'num_gpu', 'gpu_milli', 'gpu_spec', 'qos', 'pod_phase', 'creation_time', 'deletion_time', 'scheduled_time'];

/** Parses a pod list. @throws Error on a missing column or a row without name, GPU count or creation time. */
export function parseOpenbPods(csv: string): OpenbPod[] {
  return parseCsv(csv, columns).map((row: CsvRow, index) => {
    const numGpu = numberField(row, 'num_gpu');
    const creation = numberField(row, 'creation_time');
    if (!row.name || numGpu === undefined || creation === undefined) throw new Error(`malformed pod row ${index + 2}`);
    const deletion = numberField(row, 'deletion_time');
    const scheduled = numberField(row, 'scheduled_time');
    return {
      name: row.name,
      numGpu,
      gpuMilli: numberField(row, 'gpu_milli') ?? 0,
      gpuSpec: row.gpu_spec ?? '',
      qos: row.qos ?? '',
      phase: row.pod_phase ?? '',
      creation,
      ...(deletion !== undefined && { deletion }),
      ...(scheduled !== undefined && { scheduled }),
    };
  });
}

/** §4.4: LS → high, Burstable/Guaranteed → normal, BE → low (real labels). */
export function openbPriority(qos: string): Priority {
  if (qos === 'LS') return 'high';
  if (qos === 'BE') return 'low';
  return 'normal';
}

/** Options of {@link mapOpenbPods}. */
export interface OpenbMappingOptions extends MappingOptions {
  /** VRAM of the largest fleet GPU: caps a multi-GPU pod's need (it runs on one GPU). */
  readonly largestGpuGb: number;
}

/**
 * evaluation.md §4 for openb: submit = creation_time, duration = deletion − scheduled; CPU-only
 * and never-scheduled pods are dropped. Media type and VRAM by the §4.2 table; a multi-GPU pod
 * becomes one `video` job on one GPU needing min(num_gpu × VRAM(model), largest fleet GPU),
 * because core has no multi-GPU jobs. Tenant = pod name, so confidentiality is per job.
 */
export function mapOpenbPods(pods: readonly OpenbPod[], options: OpenbMappingOptions): MappedTrace {
  const dropped: Record<string, number> = {};
  const jobs: SimulationJob[] = [];
  for (const pod of pods) {
    if (pod.numGpu === 0) countDrop(dropped, 'CPU-only (num_gpu = 0)');
    else if (pod.scheduled === undefined || pod.deletion === undefined) countDrop(dropped, 'never scheduled (Pending)');
    else if (pod.deletion - pod.scheduled <= 0) countDrop(dropped, 'zero duration');
    else jobs.push(openbJob(pod, pod.deletion - pod.scheduled, options));
  }
  return { trace: 'openb', jobs, rows: pods.length, dropped };
}

function openbJob(pod: OpenbPod, durationSeconds: number, options: OpenbMappingOptions): SimulationJob {
  const submitAt = traceEpochMs + pod.creation * 1000;
  const priority = openbPriority(pod.qos);
  const { type, vramGb } = openbShape(pod, options.largestGpuGb);
  return {
    submitAt,
    runSeconds: durationSeconds,
    spec: {
      id: pod.name,
      type,
      confidentiality: isConfidentialTenant(pod.name, options) ? 'confidential' : 'internal',
      priority,
      urgency: priority === 'high' ? 'high' : 'normal',
      deadline: deadlineFor(submitAt, durationSeconds, priority, options.slack),
      estimatedDurationSeconds: durationSeconds,
      tenant: pod.name,
      requirements: { minVramGb: vramClassGb(vramGb) },
    },
  };
}

/** §4.2 table: fractional → audio, whole → image, multi-GPU → video; the need before class rounding. */
export function openbShape(pod: Pick<OpenbPod, 'numGpu' | 'gpuMilli' | 'gpuSpec'>, largestGpuGb: number) {
  const vram = openbSpecVramGb(pod.gpuSpec);
  if (pod.numGpu >= 2) return { type: 'video' as const, vramGb: Math.min(pod.numGpu * vram, largestGpuGb) };
  if (pod.gpuMilli > 0 && pod.gpuMilli < 1000)
    return { type: 'audio' as const, vramGb: Math.round((pod.gpuMilli / 1000) * vram * 100) / 100 };
  return { type: 'image' as const, vramGb: vram };
}
