import { describe, expect, it } from 'vitest';
import { type ErrorRecoveryState, planErrorRecovery } from './error-recovery.js';

const limits = { maxRetries: 3, backoffCapSeconds: 60, unknownErrorRetries: 1 };
const fresh: ErrorRecoveryState = { retries: 0, alternativeTried: false, onCloud: false, cloudRestricted: false };

describe('planErrorRecovery: seed 002 handle_job_failure, branch by branch', () => {
  it('transient: retries with backoff min(60, 2^n) s, at most 3 times, then as persistent', () => {
    const plans = [0, 1, 2].map((retries) => planErrorRecovery('transient', { ...fresh, retries }, limits));
    expect(plans).toEqual([
      { action: 'retry', retry: 1, delaySeconds: 2 },
      { action: 'retry', retry: 2, delaySeconds: 4 },
      { action: 'retry', retry: 3, delaySeconds: 8 },
    ]);
    expect(planErrorRecovery('transient', { ...fresh, retries: 3 }, limits)).toEqual({ action: 'alternative' });
  });

  it('transient: the backoff is capped', () => {
    expect(planErrorRecovery('transient', { ...fresh, retries: 6 }, { ...limits, maxRetries: 10 })).toMatchObject({ delaySeconds: 60 });
  });

  it('unknown: retried once, then persistent', () => {
    expect(planErrorRecovery('unknown', fresh, limits)).toEqual({ action: 'retry', retry: 1, delaySeconds: 2 });
    expect(planErrorRecovery('unknown', { ...fresh, retries: 1 }, limits)).toEqual({ action: 'alternative' });
  });

  it('persistent: another resource once, then fail', () => {
    expect(planErrorRecovery('persistent', fresh, limits)).toEqual({ action: 'alternative' });
    expect(planErrorRecovery('persistent', { ...fresh, alternativeTried: true }, limits)).toMatchObject({ action: 'fail' });
  });

  it('system: cloud failover unless cloud-restricted or already in the cloud', () => {
    expect(planErrorRecovery('system', fresh, limits)).toEqual({ action: 'cloud' });
    expect(planErrorRecovery('system', { ...fresh, cloudRestricted: true }, limits)).toEqual({ action: 'alternative' });
    expect(planErrorRecovery('system', { ...fresh, onCloud: true }, limits)).toEqual({ action: 'alternative' });
  });
});
