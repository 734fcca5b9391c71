import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../config/job-spec.js';
import { parseSchedulerConfig } from '../../config/scheduler-config.js';
import { agingFactor, deadlineFactor, effectivePriority } from './effective-priority.js';
import { JobPriorityQueue, type QueueEntry } from './job-priority-queue.js';

const config = parseSchedulerConfig().queue;

describe('effective priority (seed 002)', () => {
  it.each([
    [0, 1],
    [600, 1],
    [900, 1.5],
    [1200, 2],
    [6000, 10],
    [60_000, 10],
  ])('aging after %d s waiting is ×%d', (wait, factor) => {
    expect(agingFactor(wait, config)).toBeCloseTo(factor, 10);
  });

  it.each([
    [undefined, 1],
    [-60_000, 1],
    [0, 1],
    [200 * 60_000, 1],
    [100 * 60_000, 1],
    [50 * 60_000, 2],
    [10 * 60_000, 10],
    [30_000, 100],
  ])('deadline factor with %s ms left is ×%d', (left, factor) => {
    expect(deadlineFactor(left, config)).toBeCloseTo(factor, 10);
  });

  it('multiplies base weight, aging and deadline', () => {
    expect(effectivePriority({ priority: 'normal', queuedAt: 0, deadline: 1_200_000 + 600_000 }, 1_200_000, config)).toBeCloseTo(
      10 * 2 * 10,
      10,
    );
    expect(effectivePriority({ priority: 'critical', queuedAt: 0 }, 0, config)).toBe(100);
  });
});

const priorities: Priority[] = ['critical', 'high', 'normal', 'low', 'batch'];
const entryArbitrary = fc.record({
  priority: fc.constantFrom(...priorities),
  queuedAt: fc.integer({ min: 0, max: 10_000_000 }),
  deadlineIn: fc.option(fc.integer({ min: -3_600_000, max: 20_000_000 }), { nil: undefined }),
});

describe('JobPriorityQueue', () => {
  it('pops in exactly the order of a full re-sort by effective priority, at any time', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 60 }), fc.integer({ min: 10_000_000, max: 30_000_000 }), (raw, now) => {
        const queue = new JobPriorityQueue(config);
        const entries: QueueEntry[] = raw.map((entry, index) => ({
          id: `job_${String(index).padStart(4, '0')}`,
          priority: entry.priority,
          queuedAt: entry.queuedAt,
          deadline: entry.deadlineIn === undefined ? undefined : now + entry.deadlineIn,
        }));
        for (const entry of entries) queue.push(entry);
        const weight = (entry: QueueEntry) => config.priorityWeights[entry.priority];
        const expected = [...entries]
          .sort(
            (a, b) =>
              effectivePriority(b, now, config) - effectivePriority(a, now, config) ||
              weight(b) - weight(a) ||
              a.queuedAt - b.queuedAt ||
              (a.id < b.id ? -1 : 1),
          )
          .map((entry) => entry.id);
        const popped: string[] = [];
        for (let entry = queue.pop(now); entry !== undefined; entry = queue.pop(now)) popped.push(entry.id);
        expect(popped).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('stays correct as time passes and deadlines come and go', () => {
    const queue = new JobPriorityQueue(config);
    queue.push({ id: 'a-batch-old', priority: 'batch', queuedAt: 0 });
    queue.push({ id: 'b-normal', priority: 'normal', queuedAt: 3_000_000 });
    queue.push({ id: 'c-low-deadline', priority: 'low', queuedAt: 3_000_000, deadline: 3_000_000 + 150 * 60_000 });
    expect(queue.peek(3_000_000)?.id).toBe('b-normal'); // batch aged 3000 s → 1 × 5 = 5 < normal 10
    expect(queue.peek(6_000_000)?.id).toBe('b-normal'); // batch capped at 1 × 10 = 10 < normal aged 10 × 5 = 50
    expect(queue.peek(3_000_000 + 145 * 60_000)?.id).toBe('c-low-deadline'); // 5 × 10 (aged) × 20 (5 min left) = 1000 > 100
    expect(queue.peek(3_000_000 + 151 * 60_000)?.id).toBe('b-normal'); // deadline passed → factor back to 1: 50 < 100
    expect(queue.countByPriority()).toEqual({ critical: 0, high: 0, normal: 1, low: 1, batch: 1 });
    expect(queue.remove('b-normal')).toBe(true);
    expect(queue.remove('b-normal')).toBe(false);
    expect(queue.size).toBe(2);
    expect(() => queue.push({ id: 'a-batch-old', priority: 'batch', queuedAt: 0 })).toThrow();
  });
});
