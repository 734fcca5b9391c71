import type { Clock, Timer } from './clock.js';
import { sleepOn } from './clock.js';

interface PendingTimer {
  readonly at: number;
  readonly sequence: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/**
 * Simulated time: nothing moves until `advanceTo` or `runUntilIdle` is awaited. Timers fire in
 * time order (then creation order), and promise callbacks they start run before the next timer
 * fires, so async code behaves as it would live, only without waiting.
 */
export class VirtualClock implements Clock {
  private current: number;
  private sequence = 0;
  private readonly queue: PendingTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  setTimer(ms: number, fn: () => void): Timer {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), sequence: this.sequence++, fn, cancelled: false };
    this.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Time of the next pending timer, if any. */
  nextTimerAt(): number | undefined {
    this.dropCancelled();
    return this.queue[0]?.at;
  }

  /** Number of timers still pending. */
  get pendingTimers(): number {
    return this.queue.filter((timer) => !timer.cancelled).length;
  }

  /** Fires every timer due up to `time` in order, letting async work settle after each; then sets the time. */
  async advanceTo(time: number): Promise<void> {
    await settle();
    for (;;) {
      this.dropCancelled();
      const next = this.queue[0];
      if (next === undefined || next.at > time) break;
      this.pop();
      this.current = Math.max(this.current, next.at);
      next.fn();
      await settle();
    }
    this.current = Math.max(this.current, time);
  }

  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.current + ms);
  }

  /** Fires timers until none are left or `limit` is reached (guards against timers that re-arm forever). */
  async runUntilIdle(limit = Number.POSITIVE_INFINITY): Promise<void> {
    await settle();
    for (let next = this.nextTimerAt(); next !== undefined && next <= limit; next = this.nextTimerAt()) {
      await this.advanceTo(next);
    }
  }

  private dropCancelled(): void {
    while (this.queue[0]?.cancelled) this.pop();
  }

  private push(timer: PendingTimer): void {
    const queue = this.queue;
    queue.push(timer);
    let index = queue.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!earlier(queue[index] as PendingTimer, queue[parent] as PendingTimer)) break;
      [queue[index], queue[parent]] = [queue[parent] as PendingTimer, queue[index] as PendingTimer];
      index = parent;
    }
  }

  private pop(): void {
    const queue = this.queue;
    const last = queue.pop();
    if (last === undefined || queue.length === 0) return;
    queue[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < queue.length && earlier(queue[left] as PendingTimer, queue[smallest] as PendingTimer)) smallest = left;
      if (right < queue.length && earlier(queue[right] as PendingTimer, queue[smallest] as PendingTimer)) smallest = right;
      if (smallest === index) return;
      [queue[index], queue[smallest]] = [queue[smallest] as PendingTimer, queue[index] as PendingTimer];
      index = smallest;
    }
  }
}

function earlier(a: PendingTimer, b: PendingTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.sequence < b.sequence);
}

/** Lets pending promise callbacks run: a macrotask turn drains every microtask queued before it. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
