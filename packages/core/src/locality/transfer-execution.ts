import type { Confidentiality } from '../config/job-spec.js';
import { AimaError } from '../errors/aima-error.js';
import { ResidencyError } from '../errors/residency-error.js';
import { TransferError } from '../errors/transfer-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { ObjectStore } from '../spec/object-store.js';
import type { Clock } from '../time/clock.js';
import { type CompressionOption, gzipIfWorthwhile, isAlreadyCompressed, minSavingRatioOf } from './compression.js';
import type { TransferEvents } from './transfer-events.js';
import type { PlannedInput, TransferPlan } from './transfer-plan.js';
import { gzipped, joinHead, readHead, replay, type StreamHead, withProgress } from './transfer-stream.js';

/** Options of {@link executeTransferPlan}. */
export interface TransferExecutionOptions {
  /** The job the inputs belong to: a confidential job's inputs never go to an off-premises store. */
  readonly job: { readonly id: string; readonly confidentiality: Confidentiality };
  readonly from: ObjectStore;
  readonly to: ObjectStore;
  /** Stamps event times. */
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Written under this prefix at the destination, e.g. the job's temporary area. @default '' (the source key) */
  readonly destinationPrefix?: string;
  /** Gzip on the way when it pays and the content type is not compressed already (S4). @default true */
  readonly compress?: CompressionOption;
  /** A progress event at least this often. @default 8 MiB */
  readonly progressIntervalBytes?: number;
  readonly onStarted?: TransferEvents['transfer-started'];
  readonly onProgress?: TransferEvents['transfer-progress'];
  readonly onCompleted?: TransferEvents['transfer-completed'];
}

/** One input that arrived. A compressed one carries the key suffix `.gz` and must be gunzipped by its reader. */
export interface TransferredInput {
  readonly sourceKey: string;
  readonly destinationKey: string;
  readonly compressed: boolean;
  readonly bytes: number;
  readonly storedBytes: number;
}

/** What {@link executeTransferPlan} moved. */
export interface TransferResult {
  readonly transferred: readonly TransferredInput[];
}

/** Bytes read to decide whether gzip pays for an object. */
const probeBytes = 1024 * 1024;
const defaultProgressIntervalBytes = 8 * 1024 * 1024;

/**
 * Streams the plan's `ahead` inputs from one store to another, one after the other, with progress
 * events. On failure or abort every object written so far is deleted before the promise rejects
 * (with the signal's reason, an AIMA error, or a TransferError wrapping the store's error).
 * @throws ResidencyError before any byte moves when a confidential job's inputs would go off premises.
 */
export async function executeTransferPlan(plan: TransferPlan, options: TransferExecutionOptions): Promise<TransferResult> {
  const ahead = plan.items.filter((item) => item.mode === 'ahead');
  const first = ahead[0];
  if (first !== undefined && options.job.confidentiality === 'confidential' && options.to.residency === 'off-premises')
    throw new ResidencyError(options.job.id, `input ${first.input.key}`);
  const written: string[] = [];
  const transferred: TransferredInput[] = [];
  try {
    for (const item of ahead) transferred.push(await transferOne(item, options, written));
    return { transferred };
  } catch (error) {
    for (const key of written) await options.to.delete(key).catch(() => undefined);
    if (options.signal?.aborted) throw options.signal.reason;
    throw error;
  }
}

/** An opened source object with its first bytes read and the compression decided. */
interface OpenedSource {
  readonly totalBytes: number;
  readonly contentType: string | undefined;
  readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly head: StreamHead;
  readonly compressed: boolean;
}

async function openSource(item: PlannedInput, options: TransferExecutionOptions): Promise<OpenedSource> {
  const key = item.input.key;
  const info = await options.from.head(key, options.signal);
  const stream = info && (await options.from.get(key, options.signal));
  if (info === undefined || stream === undefined)
    throw new TransferError(key, 'the source object does not exist; check the input key and the source store.');
  const contentType = item.input.contentType ?? info.contentType;
  const ratio = isAlreadyCompressed(contentType) ? undefined : minSavingRatioOf(options.compress ?? true);
  const reader = stream.getReader();
  try {
    const head = await readHead(reader, probeBytes);
    const compressed = ratio !== undefined && (await gzipIfWorthwhile(joinHead(head), ratio)) !== undefined;
    return { totalBytes: info.sizeBytes, contentType, reader, head, compressed };
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

async function transferOne(item: PlannedInput, options: TransferExecutionOptions, written: string[]): Promise<TransferredInput> {
  const { to, clock, signal, job } = options;
  const key = item.input.key;
  const started = clock.now();
  let source: OpenedSource | undefined;
  try {
    source = await openSource(item, options);
    const { totalBytes, compressed } = source;
    const destinationKey = destinationOf(key, options, compressed);
    written.push(destinationKey);
    options.onStarted?.({ jobId: job.id, at: clock.now(), key, destinationKey, totalBytes, compressed });
    let bytes = 0;
    const body = withProgress(replay(source.head, source.reader), options.progressIntervalBytes ?? defaultProgressIntervalBytes, (read) => {
      bytes = read;
      const fraction = totalBytes > 0 ? Math.min(1, read / totalBytes) : 1;
      options.onProgress?.({ jobId: job.id, at: clock.now(), key, transferredBytes: read, totalBytes, fraction });
    });
    const contentType = compressed ? 'application/gzip' : source.contentType;
    const stored = await to.put(destinationKey, compressed ? gzipped(body) : body, {
      ...(contentType && { contentType }),
      ...(signal && { signal }),
    });
    const durationSeconds = (clock.now() - started) / 1000;
    const storedBytes = stored.sizeBytes;
    options.onCompleted?.({ jobId: job.id, at: clock.now(), key, destinationKey, bytes, storedBytes, compressed, durationSeconds });
    return { sourceKey: key, destinationKey, compressed, bytes, storedBytes };
  } catch (error) {
    if (signal?.aborted || AimaError.isInstance(error)) throw error;
    throw new TransferError(key, error instanceof Error ? error.message : String(error), { cause: error });
  } finally {
    await source?.reader.cancel().catch(() => undefined);
  }
}

function destinationOf(key: string, options: TransferExecutionOptions, compressed: boolean): string {
  const prefix = options.destinationPrefix?.replace(/\/+$/, '');
  const destinationKey = `${prefix ? `${prefix}/` : ''}${key}${compressed ? '.gz' : ''}`;
  if (options.from === options.to && destinationKey === key)
    throw new ValidationError('transfer options', [{ path: 'destinationPrefix', message: `would copy ${key} onto itself; set a prefix` }]);
  return destinationKey;
}
