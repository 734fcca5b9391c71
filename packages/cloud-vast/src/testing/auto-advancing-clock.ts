import { type Clock, VirtualClock } from '@aima/core';

/** A clock for tests whose sleeps pass at once, recorded so that backoff delays can be checked. */
export interface AutoAdvancingClock extends Clock {
  /** The virtual time underneath; advance it to fire timers (request timeouts) on purpose. */
  readonly virtual: VirtualClock;
  /** Every `sleep` asked for, in milliseconds, in order. */
  readonly sleeps: readonly number[];
}

/**
 * Wraps a `VirtualClock`: `sleep(ms)` records `ms` and advances virtual time by it, firing any
 * timers due, so backoff and polling loops run instantly while timers set with `setTimer` (request
 * timeouts) fire only when time is advanced. Concurrent sleeps each advance the time.
 */
export function createAutoAdvancingClock(start = 0): AutoAdvancingClock {
  const virtual = new VirtualClock(start);
  const sleeps: number[] = [];
  return {
    virtual,
    sleeps,
    now: () => virtual.now(),
    setTimer: (ms, fn) => virtual.setTimer(ms, fn),
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      await virtual.advanceBy(ms);
      signal?.throwIfAborted();
    },
  };
}
