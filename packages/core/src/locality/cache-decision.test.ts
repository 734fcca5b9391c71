import { describe, expect, it } from 'vitest';
import { type CacheAccess, decideCache } from './cache-decision.js';

const hour = 3_600_000;
const now = 100 * hour;
const day = 86_400;

/** `count` accesses to `key` within the last hour, cycling through `jobTypes`. */
function accesses(key: string, count: number, jobTypes: readonly string[], sizeBytes = 100): CacheAccess[] {
  return Array.from({ length: count }, (_, index) => ({
    key,
    at: now - (index + 1) * 60_000,
    jobType: jobTypes[index % jobTypes.length] ?? 'video',
    sizeBytes,
  }));
}

describe('decideCache (seed 002 §5.2)', () => {
  it.each([
    // 24 h window: priority = count / 24 × (1 + 0.1 × diversity)
    { name: '10 accesses, 2 types: exactly 0.5 is not cached', count: 10, types: ['video', 'audio'], priority: 0.5, cached: false },
    { name: '11 accesses, 2 types: 0.55 is cached', count: 11, types: ['video', 'audio'], priority: 0.55, cached: true },
    { name: '12 accesses, 1 type: 0.55 is cached', count: 12, types: ['video'], priority: 0.55, cached: true },
    { name: '8 accesses, 5 types: exactly 0.5 is not cached', count: 8, types: ['a', 'b', 'c', 'd', 'e'], priority: 0.5, cached: false },
    { name: '1 access: far below', count: 1, types: ['video'], priority: 1.1 / 24, cached: false },
  ])('$name', ({ count, types, priority, cached }) => {
    const decision = decideCache(accesses('clip', count, types), { now, windowSeconds: day, capacityBytes: 1_000 });
    const candidate = [...decision.admit, ...decision.declined.map((entry) => entry.candidate)][0];
    expect(candidate?.priority).toBeCloseTo(priority, 12);
    expect(decision.admit.map((entry) => entry.key)).toEqual(cached ? ['clip'] : []);
  });

  it('counts only accesses inside the window, but every job type ever seen', () => {
    const old = { key: 'clip', at: now - 2 * day * 1000, jobType: 'image', sizeBytes: 100 };
    const decision = decideCache([old, ...accesses('clip', 12, ['video'])], { now, windowSeconds: day, capacityBytes: 1_000 });
    expect(decision.admit[0]).toMatchObject({ accessesPerHour: 0.5, jobTypeDiversity: 2 });
    expect(decision.admit[0]?.priority).toBeCloseTo(0.6, 12);
    const atEdge = { ...old, at: now - day * 1000 };
    expect(decideCache([atEdge], { now, windowSeconds: day, capacityBytes: 1_000 }).declined[0]?.candidate.accessesPerHour).toBe(0);
  });

  it('remembers only the newest historyLimit accesses per object', () => {
    const log = accesses('clip', 150, ['video']);
    expect(decideCache(log, { now, windowSeconds: day, capacityBytes: 1_000 }).admit[0]?.accessesPerHour).toBe(100 / 24);
    expect(decideCache(log, { now, windowSeconds: day, capacityBytes: 1_000, historyLimit: 48 }).admit[0]?.accessesPerHour).toBe(2);
  });

  it('admits by descending priority while space remains, passing over what does not fit', () => {
    const log = [
      ...accesses('medium', 20, ['video'], 400),
      ...accesses('hot', 40, ['video', 'audio'], 500),
      ...accesses('small', 15, ['video'], 100),
    ];
    const decision = decideCache(log, { now, windowSeconds: day, capacityBytes: 1_000, cached: [{ key: 'resident', sizeBytes: 300 }] });
    expect(decision.admit.map((entry) => entry.key)).toEqual(['hot', 'small']);
    expect(decision.declined).toEqual([{ candidate: expect.objectContaining({ key: 'medium' }), reason: 'needs 400 bytes, 200 free' }]);
    expect(decision.freeBytes).toBe(100);
  });

  it('skips objects already cached and uses the configured factor, threshold and window', () => {
    const log = [...accesses('cached', 50, ['video']), ...accesses('clip', 2, ['video'])];
    const decision = decideCache(log, {
      now,
      windowSeconds: 7_200,
      capacityBytes: 1_000,
      cached: [{ key: 'cached', sizeBytes: 10 }],
      diversityFactor: 0,
      priorityThreshold: 0.9,
    });
    expect(decision.admit).toEqual([{ key: 'clip', priority: 1, accessesPerHour: 1, jobTypeDiversity: 1, sizeBytes: 100 }]);
    expect(decision.declined).toEqual([]);
  });
});
