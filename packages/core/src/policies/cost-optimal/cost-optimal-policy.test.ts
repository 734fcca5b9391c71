import { describe, expect, it } from 'vitest';
import { cloudCandidate, type InputOptions, localCandidate, now, policyInput } from '../policy-test-fixtures.js';
import { costOptimalPolicy } from './cost-optimal-policy.js';

const inTwoHours = now + 2 * 3_600_000;

const cases: Array<[string, InputOptions, 'local' | 'cloud' | 'none', string]> = [
  [
    'confidential → local even when dearer',
    { job: { confidentiality: 'confidential' }, local: localCandidate(9), cloud: cloudCandidate(1) },
    'local',
    'cost-optimal/confidential-local',
  ],
  [
    'confidential without local → reject',
    { job: { confidentiality: 'confidential' }, cloud: cloudCandidate(1) },
    'none',
    'cost-optimal/confidential-no-local',
  ],
  ['nothing feasible → reject', {}, 'none', 'cost-optimal/no-candidate'],
  ['only cloud', { cloud: cloudCandidate(1) }, 'cloud', 'cost-optimal/only-cloud'],
  ['only local', { local: localCandidate(1) }, 'local', 'cost-optimal/only-local'],
  ['cheaper local', { local: localCandidate(0.5), cloud: cloudCandidate(1) }, 'local', 'cost-optimal/cheaper-local'],
  ['tie goes local', { local: localCandidate(1), cloud: cloudCandidate(1) }, 'local', 'cost-optimal/cheaper-local'],
  ['cheaper cloud', { local: localCandidate(1), cloud: cloudCandidate(0.5) }, 'cloud', 'cost-optimal/cheaper-cloud'],
  // 1 h job, deadline in 2 h: local waits 90 min → misses; cloud uploads 10 min → meets.
  [
    'deadline only the cloud meets',
    { job: { deadline: inTwoHours }, local: localCandidate(0.1, 5400), cloud: cloudCandidate(5, 600) },
    'cloud',
    'cost-optimal/deadline-cloud',
  ],
  [
    'deadline only local meets',
    { job: { deadline: inTwoHours }, local: localCandidate(5, 0), cloud: cloudCandidate(0.1, 5400) },
    'local',
    'cost-optimal/deadline-local',
  ],
  [
    'deadline both meet → cheaper',
    { job: { deadline: inTwoHours }, local: localCandidate(5), cloud: cloudCandidate(0.1) },
    'cloud',
    'cost-optimal/cheaper-cloud',
  ],
  [
    'deadline both miss → earliest finish (cloud)',
    { job: { deadline: now + 3_600_000 }, local: localCandidate(0.1, 7200), cloud: cloudCandidate(5, 60) },
    'cloud',
    'cost-optimal/deadline-earliest',
  ],
  [
    'deadline both miss → earliest finish (local)',
    { job: { deadline: now + 3_600_000 }, local: localCandidate(5, 60), cloud: cloudCandidate(0.1, 7200) },
    'local',
    'cost-optimal/deadline-earliest',
  ],
];

describe('cost-optimal policy', () => {
  it.each(cases)('%s', (_name, options, target, rule) => {
    const verdict = costOptimalPolicy.decide(policyInput(options));
    expect(verdict.target).toBe(target);
    expect(verdict.rule).toBe(rule);
  });
});
