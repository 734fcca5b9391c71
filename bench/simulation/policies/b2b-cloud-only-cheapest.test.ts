import { describe, expect, it } from 'vitest';
import { cloudOnlyCheapestPolicy } from './b2b-cloud-only-cheapest.js';
import { inputFor, type PolicyCase } from './policy-test-fixtures.js';

const cases: readonly PolicyCase[] = [
  { name: 'free local GPU, offer too: rents', localWait: 0, cloud: true, expected: 'cloud' },
  { name: 'offer only', cloud: true, expected: 'cloud' },
  { name: 'free local GPU, no offer: local stays unused', localWait: 0, expected: 'none' },
  { name: 'confidential, free local GPU, offer too', confidential: true, localWait: 0, cloud: true, expected: 'local' },
  { name: 'confidential, busy local GPU: queues locally', confidential: true, localWait: 900, cloud: true, expected: 'local' },
  { name: 'confidential, no local GPU', confidential: true, cloud: true, expected: 'none' },
];

describe('B2b cloud-only cheapest + confidential local', () => {
  it.each(cases)('$name → $expected', (testCase) => {
    expect(cloudOnlyCheapestPolicy.decide(inputFor(testCase)).target).toBe(testCase.expected);
  });
});
