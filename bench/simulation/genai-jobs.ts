import type { Priority, SimulationJob } from '@aima/core';
import { type CsvRow, numberField, parseCsv } from './csv.js';
import { deadlineFor, isConfidentialTenant, type MappingOptions, traceEpochMs, vramClassGb } from './mapping-rules.js';
import { countDrop, type MappedTrace } from './trace-mapping.js';

/** One request of `lora_request_trace.csv`. */
export interface GenaiRequest {
  /** Epoch ms of `gmt_create`, read as UTC (the trace's timestamps are shifted anyway). */
  readonly createdAt: number;
  readonly predictType: string;
  readonly status: string;
  readonly execSeconds?: number;
  readonly groupId: string;
  /** `num_images_per_prompt`; 1 when empty. */
  readonly images: number;
}

const columns = ['gmt_create', 'predict_type', 'predict_status', 'exec_time_seconds', 'groupId', 'num_images_per_prompt'];

/** Parses the request trace. @throws Error on a missing column or an unreadable `gmt_create`. */
export function parseGenaiRequests(csv: string): GenaiRequest[] {
  return parseCsv(csv, columns).map((row: CsvRow, index) => {
    const createdAt = Date.parse(`${(row.gmt_create ?? '').replace(' ', 'T')}Z`);
    if (!Number.isFinite(createdAt)) throw new Error(`unreadable gmt_create on request row ${index + 2}`);
    const execSeconds = numberField(row, 'exec_time_seconds');
    return {
      createdAt,
      predictType: row.predict_type ?? '',
      status: row.predict_status ?? '',
      ...(execSeconds !== undefined && { execSeconds }),
      groupId: row.groupId || 'unknown',
      images: numberField(row, 'num_images_per_prompt') ?? 1,
    };
  });
}

/** §4.4 (synthetic): a single-image TXT_2_IMG request is interactive → high, others normal. */
export function genaiPriority(request: Pick<GenaiRequest, 'predictType' | 'images'>): Priority {
  return request.predictType === 'TXT_2_IMG' && request.images <= 1 ? 'high' : 'normal';
}

/**
 * §4.2 (synthetic): 12 GB for one image, 24 GB for four or more; 2–3 images, which the table
 * leaves open, get 16 GB (our interpolation).
 */
export function genaiVramGb(images: number): number {
  if (images <= 1) return 12;
  return images >= 4 ? 24 : 16;
}

/**
 * evaluation.md §4 for GenAI: submit = gmt_create (trace start at the fixed epoch), duration =
 * exec_time_seconds, FAILED / PENDING / PROCESSING dropped; every request is an `image` job of
 * tenant `groupId`.
 */
export function mapGenaiRequests(requests: readonly GenaiRequest[], options: MappingOptions = {}): MappedTrace {
  const dropped: Record<string, number> = {};
  const jobs: SimulationJob[] = [];
  const start = requests.reduce((earliest, request) => Math.min(earliest, request.createdAt), Number.POSITIVE_INFINITY);
  requests.forEach((request, index) => {
    if (request.status !== 'SUCCEED') countDrop(dropped, `status ${request.status || '(empty)'}`);
    else if (request.execSeconds === undefined || request.execSeconds <= 0) countDrop(dropped, 'no exec time');
    else jobs.push(genaiJob(request, request.execSeconds, traceEpochMs + (request.createdAt - start), index, options));
  });
  return { trace: 'genai', jobs, rows: requests.length, dropped };
}

function genaiJob(request: GenaiRequest, durationSeconds: number, submitAt: number, index: number, options: MappingOptions): SimulationJob {
  const priority = genaiPriority(request);
  return {
    submitAt,
    runSeconds: durationSeconds,
    spec: {
      id: `genai-${index.toString().padStart(6, '0')}`,
      type: 'image',
      confidentiality: isConfidentialTenant(request.groupId, options) ? 'confidential' : 'internal',
      priority,
      urgency: priority === 'high' ? 'high' : 'normal',
      deadline: deadlineFor(submitAt, durationSeconds, priority, options.slack),
      estimatedDurationSeconds: durationSeconds,
      tenant: request.groupId,
      requirements: { minVramGb: vramClassGb(genaiVramGb(request.images)) },
    },
  };
}
