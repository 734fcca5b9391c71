import { quantile } from '../harness/measure.js';

/** Per-operation latencies, µs, and throughput. */
export interface LatencyFigures {
  readonly count: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  readonly meanUs: number;
  /** Operations per second of timed work: count / sum of the per-operation times. */
  readonly perSecond: number;
}

/** Summarises per-operation times in ns. */
export function latencyFigures(samplesNs: Float64Array): LatencyFigures {
  if (samplesNs.length === 0)
    return { count: 0, p50Us: Number.NaN, p99Us: Number.NaN, maxUs: Number.NaN, meanUs: Number.NaN, perSecond: 0 };
  let total = 0;
  for (const sample of samplesNs) total += sample;
  const sorted = samplesNs.slice().sort();
  return {
    count: samplesNs.length,
    p50Us: quantile(sorted, 0.5) / 1_000,
    p99Us: quantile(sorted, 0.99) / 1_000,
    maxUs: (sorted[sorted.length - 1] ?? Number.NaN) / 1_000,
    meanUs: total / samplesNs.length / 1_000,
    perSecond: samplesNs.length / (total / 1e9),
  };
}

/** Keeps results reachable so the JIT cannot drop the calls that made them. */
export const sink: { value: unknown } = { value: undefined };

/** Times `count` calls of `run`, each alone; `run` gets the call's index. */
export function timeEach(count: number, run: (index: number) => unknown): LatencyFigures {
  const samples = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const begin = process.hrtime.bigint();
    sink.value = run(index);
    samples[index] = Number(process.hrtime.bigint() - begin);
  }
  return latencyFigures(samples);
}
