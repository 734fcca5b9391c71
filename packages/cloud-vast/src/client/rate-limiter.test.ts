import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';

describe('per-endpoint rate limits (p-queue, real time)', () => {
  it('spaces calls to one endpoint and leaves the others free', async () => {
    const limiter = createRateLimiter({ 'show-instance': { perInterval: 1, intervalMs: 40 } });
    const started: number[] = [];
    const begin = Date.now();
    const task = async () => {
      started.push(Date.now() - begin);
    };
    await Promise.all([limiter.run('show-instance', task), limiter.run('show-instance', task), limiter.run('show-instance', task)]);
    expect(started[2]).toBeGreaterThanOrEqual(70);
    const free = Date.now();
    await limiter.run('search-offers', task);
    expect(Date.now() - free).toBeLessThan(40);
    limiter.close();
  });

  it('rejects a queued call with the abort reason at once', async () => {
    const limiter = createRateLimiter({ 'destroy-instance': { perInterval: 1, intervalMs: 10_000 } });
    await limiter.run('destroy-instance', async () => 'first');
    const controller = new AbortController();
    const reason = new Error('give up');
    const queued = limiter.run('destroy-instance', async () => 'second', controller.signal);
    controller.abort(reason);
    await expect(queued).rejects.toBe(reason);
    limiter.close();
  });

  it('runs straight through when limits are off', async () => {
    const limiter = createRateLimiter(false);
    expect(await limiter.run('create-instance', async () => 7)).toBe(7);
    limiter.close();
  });
});
