import { describe, expect, it } from 'vitest';
import { classifyGpuFailure } from './failure-class.js';

describe('classifyGpuFailure (seed 000 _classify_failure)', () => {
  it.each([
    { reason: 'hardware fault on PCIe', duration: 0, expected: 'critical' },
    { reason: 'Critical temperature', duration: 0, expected: 'critical' },
    { reason: 'driver hiccup', duration: 301, expected: 'persistent' },
    { reason: 'driver hiccup', duration: 300, expected: 'temporary' },
    { reason: 'persistent NVML error', duration: 0, expected: 'persistent' },
    { reason: 'missed 2 heartbeats', duration: 60, expected: 'temporary' },
    { reason: 'hardware and persistent', duration: 900, expected: 'critical' },
  ] as const)('"$reason" for $duration s is $expected', ({ reason, duration, expected }) => {
    expect(classifyGpuFailure({ reason, durationSeconds: duration }, 300)).toBe(expected);
  });

  it("keeps the provider's severity when it is more severe than the reason says", () => {
    expect(classifyGpuFailure({ reason: 'XID 79: GPU has fallen off the bus', severity: 'critical' }, 300)).toBe('critical');
    expect(classifyGpuFailure({ reason: 'XID 63: memory remapping event', severity: 'persistent' }, 300)).toBe('persistent');
    expect(classifyGpuFailure({ reason: 'XID 13: graphics engine exception', severity: 'temporary', durationSeconds: 400 }, 300)).toBe(
      'persistent',
    );
  });
});
