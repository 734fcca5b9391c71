import { describe, expect, it } from 'vitest';
import { cloudCandidate, type InputOptions, localCandidate, policyInput } from '../policy-test-fixtures.js';
import { aimaPolicy } from './aima-policy.js';

// Every branch of seed 000 §1.3 select_gpu_environment, in the seed's order.
const cases: Array<[string, InputOptions, 'local' | 'cloud' | 'none', string]> = [
  [
    'confidential with a local GPU → local',
    { job: { confidentiality: 'confidential' }, local: localCandidate(5), cloud: cloudCandidate(0.1) },
    'local',
    'aima/confidential-local',
  ],
  [
    'confidential without a local GPU → reject',
    { job: { confidentiality: 'confidential' }, cloud: cloudCandidate(0.1) },
    'none',
    'aima/confidential-no-local',
  ],
  [
    'confidential, urgent and a long queue → still local',
    { job: { confidentiality: 'confidential', urgency: 'high' }, local: localCandidate(1, 7200), cloud: cloudCandidate(0.1) },
    'local',
    'aima/confidential-local',
  ],
  ['no suitable local GPU → cloud', { cloud: cloudCandidate(1) }, 'cloud', 'aima/no-suitable-local'],
  [
    'high urgency, queue 61 min → cloud',
    { job: { urgency: 'high' }, local: localCandidate(0.1, 61 * 60), cloud: cloudCandidate(10) },
    'cloud',
    'aima/urgent-queue',
  ],
  [
    'high urgency, queue exactly 60 min → not urgent-queue',
    { job: { urgency: 'high' }, local: localCandidate(0.1, 60 * 60), cloud: cloudCandidate(10) },
    'local',
    'aima/cost-local',
  ],
  [
    'normal urgency, queue 3 h → cost decides',
    { local: localCandidate(0.1, 3 * 3600), cloud: cloudCandidate(10) },
    'local',
    'aima/cost-local',
  ],
  [
    'the queue is the minimum over all suitable GPUs',
    { job: { urgency: 'high' }, local: localCandidate(0.1, 0), minWaitSeconds: 0, cloud: cloudCandidate(10) },
    'local',
    'aima/cost-local',
  ],
  ['no cloud offer → local', { local: localCandidate(100) }, 'local', 'aima/no-cloud-offer'],
  [
    'media 11 GB, cloud cheaper than 1.2 × local, upload 31 min → local',
    { job: { media: { sizeGb: 11 } }, local: localCandidate(1), cloud: cloudCandidate(0.5, 31 * 60) },
    'local',
    'aima/large-media-slow-upload',
  ],
  [
    'media 11 GB, upload 29 min → cost decides (cloud)',
    { job: { media: { sizeGb: 11 } }, local: localCandidate(1), cloud: cloudCandidate(0.5, 29 * 60) },
    'cloud',
    'aima/cost-cloud',
  ],
  [
    'media exactly 10 GB is not large → cost decides',
    { job: { media: { sizeGb: 10 } }, local: localCandidate(1), cloud: cloudCandidate(0.5, 3600) },
    'cloud',
    'aima/cost-cloud',
  ],
  [
    'media 11 GB, cloud ≥ 1.2 × local → the large-media rule does not apply',
    { job: { media: { sizeGb: 11 } }, local: localCandidate(1), cloud: cloudCandidate(1.2, 3600) },
    'local',
    'aima/cost-local',
  ],
  ['local ≤ 1.1 × cloud → local (boundary)', { local: localCandidate(1.1), cloud: cloudCandidate(1) }, 'local', 'aima/cost-local'],
  ['local > 1.1 × cloud → cloud', { local: localCandidate(1.11), cloud: cloudCandidate(1) }, 'cloud', 'aima/cost-cloud'],
  ['local much cheaper → local', { local: localCandidate(0.1), cloud: cloudCandidate(1) }, 'local', 'aima/cost-local'],
];

describe('aima policy (seed 000 select_gpu_environment)', () => {
  it.each(cases)('%s', (_name, options, target, rule) => {
    const verdict = aimaPolicy.decide(policyInput(options));
    expect(verdict.target).toBe(target);
    expect(verdict.rule).toBe(rule);
    expect(verdict.reason.length).toBeGreaterThan(10);
  });

  it('compares the cloud with the cheapest suitable GPU and runs cost-decided jobs there', () => {
    // The best-scored GPU costs 0.47, the cheapest 0.21, the cloud 0.30 (the seed prices the suitable set).
    const input = policyInput({ local: localCandidate(0.47), cheapest: localCandidate(0.21), cloud: cloudCandidate(0.3) });
    expect(aimaPolicy.decide(input)).toMatchObject({ target: 'local', rule: 'aima/cost-local', localCandidate: 'cheapest' });
    const dearer = policyInput({ local: localCandidate(0.1), cheapest: localCandidate(0.5), cloud: cloudCandidate(0.3) });
    expect(aimaPolicy.decide(dearer)).toMatchObject({ target: 'cloud', rule: 'aima/cost-cloud' });
  });

  it('reads every threshold from the configuration', () => {
    const config = {
      policies: {
        aima: { urgentQueueMinutes: 10, localCostTolerance: 2, largeMediaGb: 1, slowUploadMinutes: 1, largeMediaCloudCostFactor: 5 },
      },
    };
    expect(
      aimaPolicy.decide(policyInput({ config, job: { urgency: 'high' }, local: localCandidate(0.1, 11 * 60), cloud: cloudCandidate(1) }))
        .rule,
    ).toBe('aima/urgent-queue');
    expect(aimaPolicy.decide(policyInput({ config, local: localCandidate(1.9), cloud: cloudCandidate(1) })).rule).toBe('aima/cost-local');
    expect(
      aimaPolicy.decide(policyInput({ config, job: { media: { sizeGb: 2 } }, local: localCandidate(1), cloud: cloudCandidate(4, 120) }))
        .rule,
    ).toBe('aima/large-media-slow-upload');
  });
});
