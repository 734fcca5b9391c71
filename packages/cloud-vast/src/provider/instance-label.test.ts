import { describe, expect, it } from 'vitest';
import { decodeInstanceLabel, encodeInstanceLabel } from './instance-label.js';

describe('instance labels carry label, key and offer', () => {
  it('round-trips, colons and all', () => {
    const identity = { label: 'aima:prod', key: 'job 7#1', offerId: '123-bid' };
    const encoded = encodeInstanceLabel(identity);
    expect(encoded).toBe('aima%3Aprod:job%207%231:123-bid');
    expect(decodeInstanceLabel(encoded)).toEqual(identity);
  });

  it.each([null, undefined, '', 'my-notebook', 'a:b', 'a:b:c:d', ':key:1', 'team:gpu:box', 'a:%E0%A4%A:1'])('%j is not ours', (label) => {
    expect(decodeInstanceLabel(label)).toBeUndefined();
  });
});
