import { describe, expect, it } from 'vitest';
import type { JobInput } from '../config/job-spec.js';
import { planTransfers, type TransferTarget } from './transfer-plan.js';

const gib = 1024 ** 3;
const input = (key: string, sizeBytes: number, location?: string): JobInput => ({ key, sizeBytes, ...(location && { location }) });

describe('planTransfers', () => {
  it.each<{ name: string; input: JobInput; target: TransferTarget; mode: string }>([
    {
      name: 'large premises input to a cloud GPU',
      input: input('a', 2 * gib),
      target: { kind: 'cloud', location: 'eu-west-1' },
      mode: 'ahead',
    },
    {
      name: 'exactly 1 GiB is not above the threshold',
      input: input('a', gib),
      target: { kind: 'cloud', location: 'eu-west-1' },
      mode: 'on-demand',
    },
    { name: 'one byte more is', input: input('a', gib + 1), target: { kind: 'cloud', location: 'eu-west-1' }, mode: 'ahead' },
    { name: 'premises input to a local GPU', input: input('a', 5 * gib), target: { kind: 'local' }, mode: 'in-place' },
    {
      name: 'input in the target region',
      input: input('a', 5 * gib, 'eu'),
      target: { kind: 'cloud', location: 'eu-west-1' },
      mode: 'in-place',
    },
    {
      name: 'input in another region',
      input: input('a', 5 * gib, 'us-east-1'),
      target: { kind: 'cloud', location: 'eu-west-1' },
      mode: 'ahead',
    },
    { name: 'cloud input to a local GPU', input: input('a', 5 * gib, 'eu-west-1'), target: { kind: 'local' }, mode: 'ahead' },
    { name: 'small cloud input to a local GPU', input: input('a', 1_000, 'eu-west-1'), target: { kind: 'local' }, mode: 'on-demand' },
    {
      name: 'a large URL input',
      input: input('https://example.org/a.mp4', 5 * gib),
      target: { kind: 'cloud', location: 'eu' },
      mode: 'on-demand',
    },
  ])('$name → $mode', ({ input: item, target, mode }) => {
    expect(planTransfers([item], target, { uploadBandwidthMbps: 100 }).items[0]?.mode).toBe(mode);
  });

  it('estimates seconds per item and in total from the bandwidth (1 GB = 8000 Mb)', () => {
    const plan = planTransfers(
      [input('big', 2e9), input('small', 5e8), input('here', 9e9, 'eu-west-1')],
      { kind: 'cloud', location: 'eu-west-1' },
      {
        uploadBandwidthMbps: 100,
        thresholdBytes: 1e9,
      },
    );
    expect(plan.items.map((item) => [item.input.key, item.mode, item.estimatedSeconds])).toEqual([
      ['big', 'ahead', 160],
      ['small', 'on-demand', 40],
      ['here', 'in-place', 0],
    ]);
    expect([plan.aheadSeconds, plan.onDemandSeconds, plan.totalSeconds]).toEqual([160, 40, 200]);
    expect(plan.items.every((item) => item.reason.length > 0)).toBe(true);
  });
});
