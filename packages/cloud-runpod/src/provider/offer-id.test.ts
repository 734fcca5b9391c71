import { describe, expect, it } from 'vitest';
import { encodeOfferId, parseOfferId } from './offer-id.js';

describe('offer ids', () => {
  it('round-trips GPU type, cloud, pricing and GPU count', () => {
    const key = { gpuTypeId: 'NVIDIA A100-SXM4-80GB', cloud: 'COMMUNITY', pricing: 'spot', gpuCount: 4 } as const;
    expect(encodeOfferId(key)).toBe('NVIDIA A100-SXM4-80GB|COMMUNITY|spot|4');
    expect(parseOfferId(encodeOfferId(key))).toEqual(key);
  });

  it.each([
    'aima-conformance-no-such-offer',
    'X|SECURE|ondemand',
    'X|ALL|ondemand|1',
    'X|SECURE|bid|1',
    'X|SECURE|ondemand|0',
    ' |SECURE|ondemand|1',
  ])('refuses %s', (offerId) => {
    expect(parseOfferId(offerId)).toBeUndefined();
  });
});
