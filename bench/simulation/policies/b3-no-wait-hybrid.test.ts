import { describe, expect, it } from 'vitest';
import { noWaitHybridPolicy } from './b3-no-wait-hybrid.js';
import { inputFor, type PolicyCase } from './policy-test-fixtures.js';

const cases: readonly PolicyCase[] = [
  { name: 'free local GPU, offer too', localWait: 0, cloud: true, expected: 'local' },
  { name: 'local GPU busy for 1 s: no wait, rents', localWait: 1, cloud: true, expected: 'cloud' },
  { name: 'no local GPU fits', cloud: true, expected: 'cloud' },
  { name: 'busy local GPU, no offer: waits locally', localWait: 600, expected: 'local' },
  { name: 'nothing fits', expected: 'none' },
  { name: 'confidential, busy local GPU: waits locally', confidential: true, localWait: 600, cloud: true, expected: 'local' },
  { name: 'confidential, no local GPU', confidential: true, cloud: true, expected: 'none' },
];

describe('B3 no-wait hybrid', () => {
  it.each(cases)('$name → $expected', (testCase) => {
    expect(noWaitHybridPolicy.decide(inputFor(testCase)).target).toBe(testCase.expected);
  });
});
