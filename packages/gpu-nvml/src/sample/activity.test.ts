import { describe, expect, it } from 'vitest';
import { gpuActivity, mebibytes, usedPercent } from './activity.js';

const seed = { busyPercent: 80, activePercent: 20 };

describe('gpuActivity (seed 000 _collect_gpu_metrics)', () => {
  it.each([
    [0, 0, 'idle'],
    [20, 20, 'idle'],
    [21, 0, 'active'],
    [0, 21, 'active'],
    [80, 80, 'active'],
    [81, 0, 'busy'],
    [0, 80.1, 'busy'],
    [undefined, 50, 'active'],
    [undefined, 5, 'idle'],
  ] as const)('utilisation %s %% and memory %s %% is %s', (utilization, memory, status) => {
    expect(gpuActivity(utilization, memory, seed)).toBe(status);
  });

  it('follows configured thresholds', () => {
    expect(gpuActivity(50, 0, { busyPercent: 40, activePercent: 10 })).toBe('busy');
  });
});

describe('memory units', () => {
  it('converts bytes to MiB and used memory to a percentage with one decimal', () => {
    expect(mebibytes(81920 * 1024 * 1024)).toBe(81920);
    expect(usedPercent(1024, 81920)).toBe(1.3);
    expect(usedPercent(5, 0)).toBe(0);
    expect(usedPercent(200, 100)).toBe(100);
  });
});
