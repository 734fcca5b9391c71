import { describe, expect, it } from 'vitest';
import { classifyXid, UNKNOWN_XID } from './xid-classification.js';

describe('classifyXid', () => {
  it.each([
    [13, 'temporary'],
    [31, 'temporary'],
    [43, 'temporary'],
    [45, 'temporary'],
    [68, 'temporary'],
    [109, 'temporary'],
    [48, 'critical'],
    [64, 'critical'],
    [74, 'critical'],
    [79, 'critical'],
    [95, 'critical'],
    [119, 'critical'],
    [120, 'critical'],
    [140, 'critical'],
    [63, 'persistent'],
    [92, 'persistent'],
    [94, 'persistent'],
    [154, 'persistent'],
    [61, 'persistent'],
  ] as const)('XID %i is %s', (xid, severity) => {
    expect(classifyXid(xid).severity).toBe(severity);
  });

  it('says what happened and what to do', () => {
    expect(classifyXid(79)).toMatchObject({ label: 'GPU has fallen off the bus', action: expect.stringContaining('restart') });
    expect(classifyXid(48).label).toContain('double-bit ECC');
  });

  it('treats unknown and unlisted XIDs as persistent, like the k8s device plugin', () => {
    expect(classifyXid(UNKNOWN_XID)).toMatchObject({ severity: 'persistent', label: 'unknown XID' });
    expect(classifyXid(4242)).toMatchObject({ severity: 'persistent', label: 'XID 4242' });
  });
});
