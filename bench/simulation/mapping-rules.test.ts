import { describe, expect, it } from 'vitest';
import { deadlineFor, fnv1a, isConfidentialTenant, slackFor, traceEpochMs, vramClassGb } from './mapping-rules.js';

describe('mapping rules (evaluation.md §4.3, §4.5)', () => {
  it('hashes with 32-bit FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('labels about P % of tenants confidential, deterministically per seed', () => {
    const tenants = Array.from({ length: 10_000 }, (_, index) => `tenant-${index}`);
    const share = (percent: number, seed = 1) =>
      tenants.filter((tenant) => isConfidentialTenant(tenant, { seed, confidentialPercent: percent })).length / tenants.length;
    expect(share(0)).toBe(0);
    expect(share(100)).toBe(1);
    expect(share(20)).toBeGreaterThan(0.18);
    expect(share(20)).toBeLessThan(0.22);
    expect(isConfidentialTenant('G0001', { seed: 7 })).toBe(isConfidentialTenant('G0001', { seed: 7 }));
    expect(
      tenants.filter((tenant) => isConfidentialTenant(tenant, { seed: 1 }) !== isConfidentialTenant(tenant, { seed: 2 })).length,
    ).toBeGreaterThan(0);
  });

  it.each([
    ['high', 2],
    ['critical', 2],
    ['normal', 5],
    ['low', 20],
    ['batch', 20],
  ] as const)('slack of %s is %d×', (priority, slack) => {
    expect(slackFor(priority)).toBe(slack);
  });

  it.each([
    [2.56, 8],
    [8, 8],
    [12, 16],
    [16, 16],
    [17, 24],
    [32, 32],
    [40, 48],
    [64, 80],
    [128, 128],
  ])('puts a %d GB need in the %d GB class', (need, bound) => {
    expect(vramClassGb(need)).toBe(bound);
  });

  it('sets deadline = submit + slack × duration + 45 s', () => {
    expect(deadlineFor(traceEpochMs, 100, 'high')).toBe(traceEpochMs + 245_000);
    expect(deadlineFor(traceEpochMs, 100, 'low', { high: 1.1, normal: 1.1, low: 1.1 })).toBe(traceEpochMs + 155_000);
  });
});
