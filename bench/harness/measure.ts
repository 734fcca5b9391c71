/** One thing to time: a call and how often to warm it up and time it. */
export interface Subject {
  /** Called with a running index (for cycling through inputs); its result is kept, so it cannot be optimised away. */
  readonly run: (iteration: number) => unknown;
  /** Untimed calls first, so the JIT has compiled the hot path. */
  readonly warmup: number;
  /** Timed calls, each timed on its own. */
  readonly iterations: number;
}

/** Per-call latency figures of one subject, in microseconds. */
export interface Timing {
  readonly iterations: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  /** Calls per second of timed work: iterations / sum of the per-call times. */
  readonly perSecond: number;
}

/** Keeps results reachable so the JIT cannot drop the calls that made them. */
const sink: { value: unknown } = { value: undefined };

/** The value at quantile `q` of ascending `sorted` (nearest rank). */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

function summarise(samplesNs: Float64Array): Timing {
  let totalNs = 0;
  for (const sample of samplesNs) totalNs += sample;
  const sorted = samplesNs.slice().sort();
  return {
    iterations: samplesNs.length,
    p50Us: quantile(sorted, 0.5) / 1_000,
    p99Us: quantile(sorted, 0.99) / 1_000,
    meanUs: totalNs / samplesNs.length / 1_000,
    perSecond: samplesNs.length / (totalNs / 1e9),
  };
}

/**
 * Warms every subject up, then times them in `rounds` alternating blocks (subject A's share of
 * calls, then B's, then A's again, ...), each call timed on its own with
 * `process.hrtime.bigint()` (which adds a few tens of nanoseconds per sample). Alternating keeps
 * a burst of load from other processes from landing on one subject only, so ratios between
 * subjects stay fair on a shared machine.
 */
export function measureInterleaved(subjects: readonly Subject[], rounds = 5): Timing[] {
  const next = subjects.map((subject) => {
    for (let index = 0; index < subject.warmup; index++) sink.value = subject.run(index);
    return subject.warmup;
  });
  const samples = subjects.map((subject) => new Float64Array(subject.iterations));
  const filled = subjects.map(() => 0);
  for (let round = 1; round <= rounds; round++) {
    subjects.forEach((subject, which) => {
      const samplesNs = samples[which] as Float64Array;
      const until = Math.floor((subject.iterations * round) / rounds);
      let position = filled[which] ?? 0;
      let iteration = next[which] ?? 0;
      for (; position < until; position++, iteration++) {
        const start = process.hrtime.bigint();
        sink.value = subject.run(iteration);
        samplesNs[position] = Number(process.hrtime.bigint() - start);
      }
      filled[which] = position;
      next[which] = iteration;
    });
  }
  return samples.map(summarise);
}

/** Times one subject: {@link measureInterleaved} with a single subject and round. */
export function measure(subject: Subject): Timing {
  const [timing] = measureInterleaved([subject], 1);
  if (timing === undefined) throw new Error('no timing');
  return timing;
}
