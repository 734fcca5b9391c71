import type { JobType } from '../config/job-spec.js';
import type { JobErrorClass } from './error-classification.js';

/** One error pattern seen (seed 002 `_update_error_patterns`): keyed by code and the message's first 50 characters. */
export interface ErrorPatternStatistics {
  readonly key: string;
  readonly occurrences: number;
  /** Epoch ms. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly jobTypes: readonly JobType[];
  readonly errorClasses: Readonly<Partial<Record<JobErrorClass, number>>>;
  /** How recoveries after this error ended: `recovered` when the job completed later, `failed` when it did not. */
  readonly resolutions: Readonly<Record<'recovered' | 'failed', number>>;
}

interface MutablePattern {
  occurrences: number;
  firstSeen: number;
  lastSeen: number;
  jobTypes: Set<JobType>;
  errorClasses: Partial<Record<JobErrorClass, number>>;
  resolutions: Record<'recovered' | 'failed', number>;
}

/** Error-pattern statistics over a scheduler's life (F4), bounded to `limit` patterns (the oldest seen is dropped). */
export class ErrorStatistics {
  private readonly patterns = new Map<string, MutablePattern>();

  constructor(private readonly limit = 1_000) {}

  /** Records an error; returns its pattern key, to report the resolution with later. */
  record(error: { readonly message: string; readonly code: string }, kind: JobErrorClass, jobType: JobType, at: number): string {
    const key = `${error.code}:${error.message.slice(0, 50)}`;
    let pattern = this.patterns.get(key);
    if (pattern === undefined) {
      if (this.patterns.size >= this.limit) this.dropOldest();
      pattern = {
        occurrences: 0,
        firstSeen: at,
        lastSeen: at,
        jobTypes: new Set(),
        errorClasses: {},
        resolutions: { recovered: 0, failed: 0 },
      };
      this.patterns.set(key, pattern);
    }
    pattern.occurrences++;
    pattern.lastSeen = at;
    pattern.jobTypes.add(jobType);
    pattern.errorClasses[kind] = (pattern.errorClasses[kind] ?? 0) + 1;
    return key;
  }

  /** Counts how a job that met these errors ended. */
  resolve(keys: Iterable<string>, resolution: 'recovered' | 'failed'): void {
    for (const key of new Set(keys)) {
      const pattern = this.patterns.get(key);
      if (pattern) pattern.resolutions[resolution]++;
    }
  }

  /** Every pattern, most frequent first. */
  list(): ErrorPatternStatistics[] {
    return [...this.patterns]
      .map(([key, pattern]) => ({
        key,
        occurrences: pattern.occurrences,
        firstSeen: pattern.firstSeen,
        lastSeen: pattern.lastSeen,
        jobTypes: [...pattern.jobTypes].sort(),
        errorClasses: { ...pattern.errorClasses },
        resolutions: { ...pattern.resolutions },
      }))
      .sort((a, b) => b.occurrences - a.occurrences || a.key.localeCompare(b.key));
  }

  private dropOldest(): void {
    let oldest: string | undefined;
    let oldestSeen = Number.POSITIVE_INFINITY;
    for (const [key, pattern] of this.patterns) {
      if (pattern.lastSeen < oldestSeen) {
        oldest = key;
        oldestSeen = pattern.lastSeen;
      }
    }
    if (oldest !== undefined) this.patterns.delete(oldest);
  }
}
