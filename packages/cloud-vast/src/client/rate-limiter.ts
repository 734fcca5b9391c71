import PQueue from 'p-queue';
import { defaultRateLimits, type RateLimit, type VastEndpoint, vastEndpoints } from './endpoints.js';

/** Runs tasks under a per-endpoint rate limit. */
export interface RateLimiter {
  run<T>(endpoint: VastEndpoint, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  close(): void;
}

/**
 * One p-queue per endpoint (Vast limits each endpoint separately). p-queue keeps its interval
 * with real timers, so tests turn the limiter off (`false`) or give it short intervals.
 */
export function createRateLimiter(limits: false | Partial<Record<VastEndpoint, RateLimit>>): RateLimiter {
  const queues = new Map<VastEndpoint, PQueue>();
  if (limits !== false) {
    for (const endpoint of vastEndpoints) {
      const limit = limits[endpoint] ?? defaultRateLimits[endpoint];
      queues.set(endpoint, new PQueue({ intervalCap: limit.perInterval, interval: limit.intervalMs }));
    }
  }
  return {
    run(endpoint, task, signal) {
      const queue = queues.get(endpoint);
      if (queue === undefined) return task();
      const queued = queue.add(task, { signal, throwOnTimeout: true });
      return signal === undefined ? queued : raceAbort(queued, signal);
    },
    close() {
      for (const queue of queues.values()) queue.clear();
    },
  };
}

/** Rejects with the signal's reason as soon as it aborts, also while the task still waits in the queue. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
