import { describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers in time order, then creation order, and moves time only when advanced', async () => {
    const clock = new VirtualClock(1_000);
    const fired: string[] = [];
    clock.setTimer(50, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(50, () => fired.push(`c@${clock.now()}`));
    expect(clock.now()).toBe(1_000);
    await clock.advanceTo(1_040);
    expect(fired).toEqual(['a@1010']);
    expect(clock.now()).toBe(1_040);
    await clock.advanceBy(100);
    expect(fired).toEqual(['a@1010', 'b@1050', 'c@1050']);
    expect(clock.now()).toBe(1_140);
  });

  it('runs async chains started by a timer before the next timer fires', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    const work = (async () => {
      await clock.sleep(10);
      order.push('slept 10');
      await Promise.resolve();
      await clock.sleep(10);
      order.push('slept 20');
    })();
    clock.setTimer(15, () => order.push('timer 15'));
    await clock.runUntilIdle();
    await work;
    expect(order).toEqual(['slept 10', 'timer 15', 'slept 20']);
    expect(clock.now()).toBe(20);
  });

  it('cancels timers and aborts sleeps with the signal reason', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(5, () => (fired = true)).cancel();
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await clock.runUntilIdle();
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
    await expect(clock.sleep(1, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('stops at a limit when timers re-arm forever', async () => {
    const clock = new VirtualClock(0);
    const tick = () => clock.setTimer(1_000, tick);
    tick();
    await clock.runUntilIdle(10_000);
    expect(clock.now()).toBe(10_000);
  });
});

describe('systemClock', () => {
  it('sleeps in real time and can be aborted', async () => {
    const start = systemClock.now();
    await systemClock.sleep(5);
    expect(systemClock.now()).toBeGreaterThanOrEqual(start);
    await expect(systemClock.sleep(10_000, AbortSignal.abort(new Error('abort')))).rejects.toThrow('abort');
  });
});
