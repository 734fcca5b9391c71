import { VirtualClock } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { MonitorLoop } from './monitor-loop.js';

describe('MonitorLoop', () => {
  it('runs a round at once and then every interval until stopped', async () => {
    const clock = new VirtualClock(0);
    const rounds: number[] = [];
    const loop = new MonitorLoop(clock, 1000, async () => {
      rounds.push(clock.now());
    });
    loop.start();
    loop.start();
    await clock.advanceTo(3500);
    expect(rounds).toEqual([0, 1000, 2000, 3000]);
    loop.stop();
    await clock.advanceTo(10_000);
    expect(rounds).toHaveLength(4);
    expect(clock.pendingTimers).toBe(0);
  });

  it('never overlaps rounds and waits for the running one on idle()', async () => {
    const clock = new VirtualClock(0);
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const loop = new MonitorLoop(clock, 10, async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      running--;
    });
    loop.start();
    await clock.advanceTo(100);
    loop.stop();
    const idle = loop.idle();
    release();
    await idle;
    expect(most).toBe(1);
    expect(running).toBe(0);
  });
});
