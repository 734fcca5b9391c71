import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../config/job-spec.js';
import { parseSchedulerConfig } from '../../config/scheduler-config.js';
import { agingFactor, deadlineFactor, effectivePriority } from './effective-priority.js';
import { JobPriorityQueue, type QueueEntry, type QueueTicket } from './job-priority-queue.js';

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

/** The whole queue in pop order at `now`: a full re-sort by effective priority, then class weight, queue time and arrival (ids are given in arrival order). */
function ranked(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  const weight = (entry: QueueEntry) => config.priorityWeights[entry.priority];
  return [...entries].sort(
    (a, b) =>
      effectivePriority(b, now, config) - effectivePriority(a, now, config) ||
      weight(b) - weight(a) ||
      a.queuedAt - b.queuedAt ||
      (a.id < b.id ? -1 : 1),
  );
}

function drain(queue: JobPriorityQueue, now: number): string[] {
  const popped: string[] = [];
  for (let entry = queue.pop(now); entry !== undefined; entry = queue.pop(now)) popped.push(entry.id);
  return popped;
}

function deadlineAt(now: number, deadlineIn: number | undefined): number | undefined {
  return deadlineIn === undefined ? undefined : now + deadlineIn;
}

/** Entries crowded into few classes, with deadlines mostly inside the deadline factor's window: close contests. */
const crowdedEntryArbitrary = fc.record({
  priority: fc.constantFrom<Priority>('normal', 'normal', 'low', 'batch'),
  queuedAt: fc.integer({ min: 0, max: 8_000_000 }),
  deadlineIn: fc.option(fc.integer({ min: -1_200_000, max: 7_200_000 }), { nil: undefined, freq: 4 }),
});

type EntryValue = { priority: Priority; queuedAt: number; deadlineIn: number | undefined };

/** Random pushes (queued up to `queuedAt` ms before now), removals, and pops as time moves forward and sometimes back. */
function operations(entries: fc.Arbitrary<EntryValue>, maxAdvance: number, advance = fc.integer({ min: 0, max: maxAdvance })) {
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('push' as const), entry: entries }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('pop' as const), advance }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('back' as const), by: fc.integer({ min: 1, max: 3 * maxAdvance }) }) },
    ),
    { maxLength: 150 },
  );
}

type Operation = ReturnType<typeof operations> extends fc.Arbitrary<(infer T)[]> ? T : never;

/** Runs `operations` on a queue and on a plain array re-sorted for every pop; they must agree throughout. */
function checkAgainstResort(operationList: readonly Operation[], start: number): void {
  const queue = new JobPriorityQueue(config);
  const model = new Map<string, QueueEntry>();
  const tickets = new Map<string, QueueTicket>();
  let now = start;
  let created = 0;
  for (const operation of operationList) {
    if (operation.kind === 'push') {
      const { entry } = operation;
      const id = `job_${String(created++).padStart(4, '0')}`;
      const pushed = { id, priority: entry.priority, queuedAt: now - entry.queuedAt, deadline: deadlineAt(now, entry.deadlineIn) };
      tickets.set(id, queue.push(pushed));
      model.set(id, pushed);
    } else if (operation.kind === 'remove') {
      const id = [...tickets.keys()][operation.pick % Math.max(1, tickets.size)];
      const ticket = id === undefined ? undefined : tickets.get(id);
      if (ticket !== undefined) expect(queue.remove(ticket)).toBe(model.delete(id as string));
    } else {
      now += operation.kind === 'pop' ? operation.advance : -operation.by;
      const expected = ranked([...model.values()], now)[0];
      expect(queue.pop(now)?.id).toBe(expected?.id);
      if (expected !== undefined) model.delete(expected.id);
    }
    expect(queue.size).toBe(model.size);
  }
  expect(drain(queue, now)).toEqual(ranked([...model.values()], now).map((entry) => entry.id));
}

describe('JobPriorityQueue', () => {
  it('pops in exactly the order of a full re-sort by effective priority, at any time', () => {
    fc.assert(
      fc.property(fc.array(entryArbitrary, { maxLength: 60 }), fc.integer({ min: 10_000_000, max: 30_000_000 }), (raw, now) => {
        const queue = new JobPriorityQueue(config);
        const entries: QueueEntry[] = raw.map((entry, index) => ({
          id: `job_${String(index).padStart(4, '0')}`,
          priority: entry.priority,
          queuedAt: entry.queuedAt,
          deadline: deadlineAt(now, entry.deadlineIn),
        }));
        for (const entry of entries) queue.push(entry);
        expect(drain(queue, now)).toEqual(ranked(entries, now).map((entry) => entry.id));
      }),
      { numRuns: 400 },
    );
  });

  it('pops like a full re-sort through pushes, removals and pops as time moves on (and back)', () => {
    fc.assert(fc.property(operations(entryArbitrary, 3_000_000), fc.integer({ min: 10_000_000, max: 30_000_000 }), checkAgainstResort), {
      numRuns: 300,
    });
  });

  it('pops like a full re-sort when aging and deadline factors compete within few classes', () => {
    fc.assert(
      fc.property(operations(crowdedEntryArbitrary, 600_000), fc.integer({ min: 10_000_000, max: 30_000_000 }), checkAgainstResort),
      { numRuns: 500 },
    );
  });

  it('pops like a full re-sort when most pops share one `now` (as in a dispatch round) while jobs come and go', () => {
    const mostlySameNow = fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 600_000 }) },
    );
    fc.assert(
      fc.property(
        operations(crowdedEntryArbitrary, 600_000, mostlySameNow),
        fc.integer({ min: 10_000_000, max: 30_000_000 }),
        checkAgainstResort,
      ),
      { numRuns: 500 },
    );
  });

  it('ranks a deadline again when the clock goes back before it', () => {
    const queue = new JobPriorityQueue(config);
    queue.push({ id: 'normal', priority: 'normal', queuedAt: 0 });
    queue.push({ id: 'batch-deadline', priority: 'batch', queuedAt: 0, deadline: 10_000_000 });
    expect(queue.peek(10_060_000)?.id).toBe('normal'); // deadline passed: batch 1 × 10 < normal 10 × 10
    expect(queue.peek(9_940_000)?.id).toBe('batch-deadline'); // one minute left again: 1 × 10 × 100 > 100
    expect(queue.peek(10_060_000)?.id).toBe('normal');
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
  });

  it('removes by the ticket push gave, once; a ticket of a picked job or of another queue removes nothing', () => {
    const queue = new JobPriorityQueue(config);
    const other = new JobPriorityQueue(config);
    const normal = queue.push({ id: 'b-normal', priority: 'normal', queuedAt: 0 });
    const batch = queue.push({ id: 'a-batch', priority: 'batch', queuedAt: 0 });
    const elsewhere = other.push({ id: 'c-high', priority: 'high', queuedAt: 0 });
    expect(queue.has(normal)).toBe(true);
    expect(queue.remove(normal)).toBe(true);
    expect(queue.remove(normal)).toBe(false);
    expect(queue.has(normal)).toBe(false);
    expect(queue.remove(elsewhere)).toBe(false);
    expect(queue.pop(0)?.id).toBe('a-batch');
    expect(queue.remove(batch)).toBe(false);
    expect([queue.size, other.size]).toEqual([0, 1]);
  });

  it('hands back the entry as pushed, with whatever the caller carries in it, and ties go to the job pushed first', () => {
    const queue = new JobPriorityQueue<QueueEntry & { readonly payload: number }>(config);
    queue.push({ id: 'z', priority: 'normal', queuedAt: 5, payload: 1 });
    queue.push({ id: 'a', priority: 'normal', queuedAt: 5, payload: 2 });
    queue.push({ id: 'z', priority: 'normal', queuedAt: 5, payload: 3 });
    expect([queue.pop(10)?.payload, queue.pop(10)?.payload, queue.pop(10)?.payload]).toEqual([1, 2, 3]);
  });
});
