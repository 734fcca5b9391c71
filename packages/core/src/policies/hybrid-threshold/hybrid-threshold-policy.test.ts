import { describe, expect, it } from 'vitest';
import { cloudCandidate, type InputOptions, localCandidate, policyInput } from '../policy-test-fixtures.js';
import { hybridThresholdPolicy } from './hybrid-threshold-policy.js';

// Every branch of seed 002 §4.2 get_resource_allocation_decision, in the seed's order.
const cases: Array<[string, InputOptions, 'local' | 'cloud' | 'none', string]> = [
  [
    'confidential → local',
    {
      job: { confidentiality: 'confidential', priority: 'critical' },
      local: localCandidate(9),
      cloud: cloudCandidate(0.1),
      utilization: 1,
    },
    'local',
    'hybrid-threshold/confidential-local',
  ],
  [
    'confidential without local GPU → reject',
    { job: { confidentiality: 'confidential' }, cloud: cloudCandidate(0.1) },
    'none',
    'hybrid-threshold/confidential-no-local',
  ],
  [
    'critical and utilisation 51 % → cloud',
    { job: { priority: 'critical' }, local: localCandidate(0.1), cloud: cloudCandidate(9), utilization: 0.51 },
    'cloud',
    'hybrid-threshold/critical-high-utilization',
  ],
  [
    'critical and utilisation exactly 50 % → not that rule',
    { job: { priority: 'critical' }, local: localCandidate(0.1), cloud: cloudCandidate(9), utilization: 0.5 },
    'local',
    'hybrid-threshold/default-local',
  ],
  [
    'high (not critical) and utilisation 90 % → not that rule',
    { job: { priority: 'high' }, local: localCandidate(0.1), cloud: cloudCandidate(9), utilization: 0.9 },
    'local',
    'hybrid-threshold/default-local',
  ],
  ['wait 1801 s → cloud', { local: localCandidate(0.1, 1801), cloud: cloudCandidate(9) }, 'cloud', 'hybrid-threshold/wait-too-long'],
  [
    'wait exactly 1800 s → not that rule',
    { local: localCandidate(0.1, 1800), cloud: cloudCandidate(9) },
    'local',
    'hybrid-threshold/default-local',
  ],
  ['no local GPU → cloud', { cloud: cloudCandidate(9) }, 'cloud', 'hybrid-threshold/local-cannot-satisfy'],
  [
    'cloud < 0.8 × local → cloud',
    { local: localCandidate(1), cloud: cloudCandidate(0.79) },
    'cloud',
    'hybrid-threshold/cloud-cost-efficient',
  ],
  ['cloud = 0.8 × local → local', { local: localCandidate(1), cloud: cloudCandidate(0.8) }, 'local', 'hybrid-threshold/default-local'],
  [
    'cloud a bit cheaper (0.9 ×) → local by default',
    { local: localCandidate(1), cloud: cloudCandidate(0.9) },
    'local',
    'hybrid-threshold/default-local',
  ],
  ['no cloud offer → local by default', { local: localCandidate(1) }, 'local', 'hybrid-threshold/default-local'],
  [
    'adapted wait threshold is used',
    { local: localCandidate(0.1, 700), cloud: cloudCandidate(9), thresholds: { maxWaitTimeSeconds: 600 } },
    'cloud',
    'hybrid-threshold/wait-too-long',
  ],
  [
    'adapted cost factor is used',
    { local: localCandidate(1), cloud: cloudCandidate(0.9), thresholds: { costEfficiencyFactor: 0.95 } },
    'cloud',
    'hybrid-threshold/cloud-cost-efficient',
  ],
];

describe('hybrid-threshold policy (seed 002 HybridResourceManager)', () => {
  it.each(cases)('%s', (_name, options, target, rule) => {
    const verdict = hybridThresholdPolicy.decide(policyInput(options));
    expect(verdict.target).toBe(target);
    expect(verdict.rule).toBe(rule);
  });
});
