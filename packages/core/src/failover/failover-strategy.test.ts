import { describe, expect, it } from 'vitest';
import type { Confidentiality, Priority } from '../config/job-spec.js';
import type { FailureSeverity } from '../spec/gpu-device.js';
import { chooseFailoverStrategy } from './failover-strategy.js';

type Row = { failure: FailureSeverity; priority: Priority; confidentiality: Confidentiality; expected: string };

describe('chooseFailoverStrategy: seed 000 _handle_job_failover, branch by branch', () => {
  it.each<Row>([
    { failure: 'temporary', priority: 'normal', confidentiality: 'public', expected: 'retry-same-gpu' },
    { failure: 'temporary', priority: 'batch', confidentiality: 'internal', expected: 'retry-same-gpu' },
    { failure: 'temporary', priority: 'high', confidentiality: 'public', expected: 'other-local' },
    { failure: 'temporary', priority: 'critical', confidentiality: 'public', expected: 'other-local' },
    { failure: 'persistent', priority: 'low', confidentiality: 'public', expected: 'local-then-cloud' },
    { failure: 'persistent', priority: 'high', confidentiality: 'internal', expected: 'local-then-cloud' },
    { failure: 'critical', priority: 'normal', confidentiality: 'public', expected: 'cloud' },
    { failure: 'critical', priority: 'high', confidentiality: 'internal', expected: 'cloud' },
  ])('$failure & $priority → $expected', ({ failure, priority, confidentiality, expected }) => {
    expect(chooseFailoverStrategy(failure, { priority, confidentiality })).toBe(expected);
  });

  it.each<FailureSeverity>(['temporary', 'persistent', 'critical'])('a confidential job never gets a cloud branch (%s)', (failure) => {
    for (const priority of ['critical', 'high', 'normal', 'low', 'batch'] as const) {
      const strategy = chooseFailoverStrategy(failure, { priority, confidentiality: 'confidential' });
      expect(strategy === 'cloud' || strategy === 'local-then-cloud').toBe(false);
    }
  });
});
