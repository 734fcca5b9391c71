import { type SchedulerConfigInput, type SimulationJob, simulate } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { fifoQueueConfig, localOnlyFifoPolicy } from './b1-local-only-fifo.js';
import { inputFor, now, type PolicyCase } from './policy-test-fixtures.js';

const cases: readonly PolicyCase[] = [
  { name: 'free local GPU, offer too', localWait: 0, cloud: true, expected: 'local' },
  { name: 'busy local GPU, offer too: waits locally', localWait: 3_600, cloud: true, expected: 'local' },
  { name: 'no local GPU fits, offer does: never rents', cloud: true, expected: 'none' },
  { name: 'nothing fits', expected: 'none' },
  { name: 'confidential, busy local GPU', confidential: true, localWait: 60, expected: 'local' },
  { name: 'confidential, no local GPU', confidential: true, cloud: true, expected: 'none' },
];

describe('B1 local-only FIFO', () => {
  it.each(cases)('$name → $expected', (testCase) => {
    expect(localOnlyFifoPolicy.decide(inputFor(testCase)).target).toBe(testCase.expected);
  });

  it('queues FIFO: equal weights, no aging, no deadline boost', () => {
    const queue = fifoQueueConfig.queue;
    expect(new Set(Object.values(queue?.priorityWeights ?? {}))).toEqual(new Set([1]));
    expect(queue?.maxWaitFactor).toBe(1);
    expect(queue?.deadlineFactorNumeratorMinutes).toBeLessThan(1e-6);
  });
});

describe('B1 in the scheduler', () => {
  const job = (id: string, at: number, priority: 'high' | 'low'): SimulationJob => ({
    submitAt: now + at * 1000,
    runSeconds: 100,
    spec: { id, type: 'image', confidentiality: 'internal', priority, estimatedDurationSeconds: 100, requirements: { minVramGb: 16 } },
  });
  const jobs = [job('a', 0, 'low'), job('b', 1, 'low'), job('c', 2, 'high')];
  const fleet = [{ id: 'gpu_00000001', model: 'Tesla T4', vramGb: 16, cudaVersion: '12.1', hostAddress: 'n0', location: 'on-prem' }];
  const run = (config?: SchedulerConfigInput) =>
    simulate({
      jobs,
      fleet: fleet.map((gpu) => ({ ...gpu, powerWatts: 70, purchasePriceUsd: 2_300 })),
      offers: [],
      policy: localOnlyFifoPolicy,
      ...(config && { config }),
    });

  it('serves jobs in submit order with the FIFO config, by priority without it', async () => {
    const fifo = await run(fifoQueueConfig);
    expect(fifo.waitByPriority.high.max).toBeCloseTo(198, 0);
    const byPriority = await run();
    expect(byPriority.waitByPriority.high.max).toBeCloseTo(98, 0);
    expect(fifo.jobs.completed).toBe(3);
  });
});
