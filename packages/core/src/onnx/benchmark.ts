import { stat } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ConfigError } from '../errors/config-error.js';
import { ModelLoadError } from './model-load-error.js';
import { loadOnnxRuntime, type OnnxRuntime } from './runtime.js';

/** One input tensor, described without the runtime's types so callers need not import it. */
export type FeedSpec =
  | { readonly type: 'float32'; readonly data: Float32Array; readonly dims: readonly number[] }
  | { readonly type: 'int64'; readonly data: BigInt64Array; readonly dims: readonly number[] };

export type ExecutionProvider = 'cuda' | 'cpu';

/** Options of {@link benchmarkOnnxModel}. */
export interface OnnxBenchmarkOptions {
  readonly modelPath: string;
  /** The feeds for a batch of `batch` items. */
  readonly inputs: (batch: number) => Readonly<Record<string, FeedSpec>>;
  /** Batch sizes to try, ascending; the run stops at the first that breaks a limit or fails. */
  readonly batchSizes: readonly number[];
  /** @default 3 */
  readonly warmupRuns?: number;
  /** @default 10 */
  readonly measuredRuns?: number;
  /** Stop growing the batch once a batch's median latency exceeds this. @default Infinity */
  readonly maxLatencyMs?: number;
  /** Providers in preference order; 'cuda' is tried only when listed. @default ['cpu'] */
  readonly executionProviders?: readonly ExecutionProvider[];
}

/** Figures of one batch size. */
export interface BatchMeasurement {
  readonly batchSize: number;
  readonly p50Ms: number;
  readonly meanMs: number;
  readonly minMs: number;
  /** Items per second at the median latency. */
  readonly throughputItemsPerSec: number;
}

/** What {@link benchmarkOnnxModel} measured. */
export interface OnnxBenchmarkResult {
  readonly modelPath: string;
  readonly modelFileMb: number;
  /** The provider the session ran on. */
  readonly executionProvider: ExecutionProvider;
  /** Why a requested provider was not used, e.g. CUDA binaries missing. */
  readonly providerFallback?: string;
  readonly loadMs: number;
  readonly batches: readonly BatchMeasurement[];
  /** Largest batch measured within the limits; 0 when none was. */
  readonly maxBatchSize: number;
  readonly stoppedBecause: 'completed' | 'latency' | 'failure';
  readonly failure?: string;
  /**
   * Peak growth of the process's resident memory from before the session was created, in MB. On
   * CPU this is the model's weights, arena and activations plus any other allocation in the
   * process meanwhile (an upper bound, noisy by a few MB); it is not GPU memory.
   */
  readonly peakMemoryMb: number;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
}

/**
 * Benchmarks an ONNX model with onnxruntime-node (M2): loads it, warms up, measures latency per
 * batch size with increasing batches until the latency limit or a failure (out of memory, a model
 * that does not batch), and tracks peak memory.
 * @throws ConfigError for bad options; ModelLoadError when the model or runtime cannot be loaded.
 */
export async function benchmarkOnnxModel(options: OnnxBenchmarkOptions): Promise<OnnxBenchmarkResult> {
  const warmupRuns = options.warmupRuns ?? 3;
  const measuredRuns = options.measuredRuns ?? 10;
  checkOptions(options, warmupRuns, measuredRuns);
  const fileMb = await modelFileMb(options.modelPath);
  const ort = await loadOnnxRuntime();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const loadStart = performance.now();
  const { session, provider, fallback } = await createSession(ort, options.modelPath, options.executionProviders ?? ['cpu']);
  const loadMs = performance.now() - loadStart;
  sample();
  const batches: BatchMeasurement[] = [];
  let stoppedBecause: OnnxBenchmarkResult['stoppedBecause'] = 'completed';
  let failure: string | undefined;
  try {
    for (const batchSize of options.batchSizes) {
      let measurement: BatchMeasurement;
      try {
        const feeds = toTensors(ort, options.inputs(batchSize));
        measurement = await measure(session, feeds, batchSize, warmupRuns, measuredRuns, sample);
      } catch (error) {
        stoppedBecause = 'failure';
        failure = `batch ${batchSize}: ${error instanceof Error ? error.message : String(error)}`;
        break;
      }
      if (measurement.p50Ms > (options.maxLatencyMs ?? Number.POSITIVE_INFINITY)) {
        stoppedBecause = 'latency';
        break;
      }
      batches.push(measurement);
    }
  } finally {
    await session.release();
  }
  return {
    modelPath: options.modelPath,
    modelFileMb: round(fileMb),
    executionProvider: provider,
    ...(fallback !== undefined && { providerFallback: fallback }),
    loadMs: round(loadMs),
    batches,
    maxBatchSize: batches.reduce((max, batch) => Math.max(max, batch.batchSize), 0),
    stoppedBecause,
    ...(failure !== undefined && { failure }),
    peakMemoryMb: round((peakRss - baselineRss) / 1024 / 1024),
    inputNames: session.inputNames,
    outputNames: session.outputNames,
  };
}

async function createSession(ort: OnnxRuntime, modelPath: string, providers: readonly ExecutionProvider[]) {
  const reasons: string[] = [];
  for (const provider of providers.includes('cpu') ? providers : [...providers, 'cpu' as const]) {
    try {
      const session = await ort.InferenceSession.create(modelPath, { executionProviders: [provider] });
      return { session, provider, fallback: reasons.length > 0 ? reasons.join('; ') : undefined };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (provider === 'cpu') throw new ModelLoadError(modelPath, message, { cause: error });
      reasons.push(`${provider}: ${message}`);
    }
  }
  // Unreachable: 'cpu' is always tried last and either returns or throws.
  throw new ModelLoadError(modelPath, 'no execution provider could load it');
}

async function measure(
  session: InferenceSession,
  feeds: Record<string, Tensor>,
  batchSize: number,
  warmupRuns: number,
  measuredRuns: number,
  sample: () => void,
): Promise<BatchMeasurement> {
  for (let run = 0; run < warmupRuns; run++) await session.run(feeds);
  sample();
  const times: number[] = [];
  for (let run = 0; run < measuredRuns; run++) {
    const start = performance.now();
    await session.run(feeds);
    times.push(performance.now() - start);
    sample();
  }
  const sorted = [...times].sort((a, b) => a - b);
  const p50 = median(sorted);
  return {
    batchSize,
    p50Ms: round(p50),
    meanMs: round(times.reduce((sum, time) => sum + time, 0) / times.length),
    minMs: round(sorted[0] ?? 0),
    throughputItemsPerSec: p50 > 0 ? round((batchSize * 1000) / p50) : 0,
  };
}

function toTensors(ort: OnnxRuntime, specs: Readonly<Record<string, FeedSpec>>): Record<string, Tensor> {
  const tensors: Record<string, Tensor> = {};
  for (const [name, spec] of Object.entries(specs)) {
    tensors[name] =
      spec.type === 'float32' ? new ort.Tensor('float32', spec.data, [...spec.dims]) : new ort.Tensor('int64', spec.data, [...spec.dims]);
  }
  return tensors;
}

function checkOptions(options: OnnxBenchmarkOptions, warmupRuns: number, measuredRuns: number): void {
  const issues = [
    ...(options.batchSizes.length === 0 ? [{ path: 'batchSizes', message: 'must list at least one batch size' }] : []),
    ...(options.batchSizes.some((size) => !Number.isInteger(size) || size < 1)
      ? [{ path: 'batchSizes', message: 'must be positive integers' }]
      : []),
    ...(!Number.isInteger(warmupRuns) || warmupRuns < 0 ? [{ path: 'warmupRuns', message: 'must be a non-negative integer' }] : []),
    ...(!Number.isInteger(measuredRuns) || measuredRuns < 1 ? [{ path: 'measuredRuns', message: 'must be a positive integer' }] : []),
  ];
  if (issues.length > 0) throw new ConfigError('Invalid ONNX benchmark options', issues);
}

async function modelFileMb(path: string): Promise<number> {
  try {
    return (await stat(path)).size / 1024 / 1024;
  } catch (error) {
    throw new ModelLoadError(path, 'the file cannot be read', { cause: error });
  }
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
