import { createSeededRandom } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from './retry.js';

describe('backoff', () => {
  const fixed = (value: number) => ({ baseDelayMs: 500, maxDelayMs: 4_000, random: { next: () => value } });

  it.each([
    [0, 0, 250],
    [0, 0.999_999, 500],
    [1, 0.5, 750],
    [2, 0.5, 1_500],
    [5, 0, 2_000],
    [5, 0.999_999, 4_000],
  ])('retry %i with jitter %d waits %i ms', (attempt, jitter, delay) => {
    expect(backoffDelayMs(attempt, fixed(jitter))).toBe(delay);
  });

  it('is deterministic for a seeded random source and never shorter than Retry-After', () => {
    const delays = (seed: number) => {
      const policy = { ...fixed(0), random: createSeededRandom(seed) };
      return [0, 1, 2].map((attempt) => backoffDelayMs(attempt, policy));
    };
    expect(delays(3)).toEqual(delays(3));
    expect(delays(3)).not.toEqual(delays(4));
    expect(backoffDelayMs(0, fixed(0), 3_000)).toBe(3_000);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfterMs('2', now)).toBe(2_000);
    expect(parseRetryAfterMs(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  });
});
