import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../config/scheduler-config.js';
import { classifyJobError, describeError } from './error-classification.js';

const rules = parseSchedulerConfig().failover;

describe('classifyJobError (seed 002 _classify_error)', () => {
  it.each([
    ['Request timeout after 30s', 'transient'],
    ['connection reset by peer', 'transient'],
    ['Too Many Requests', 'transient'],
    ['upstream overload', 'transient'],
    ['Permission denied: /data/in.mp4', 'persistent'],
    ['model file not found', 'persistent'],
    ['CUDA out of memory', 'persistent'],
    ['invalid input: codec', 'persistent'],
    ['Kernel panic on worker', 'system'],
    ['segmentation fault (core dumped)', 'system'],
    ['fatal error in decoder', 'system'],
    ['something odd', 'unknown'],
  ] as const)('"%s" is %s', (message, expected) => {
    expect(classifyJobError({ message, code: '' }, rules)).toBe(expected);
  });

  it('checks patterns before codes and transient before persistent, as the seed does', () => {
    expect(classifyJobError({ message: 'network: permission denied', code: '' }, rules)).toBe('transient');
    expect(classifyJobError({ message: 'fatal error', code: 'ETIMEDOUT' }, rules)).toBe('system');
  });

  it.each([
    ['ETIMEDOUT', 'transient'],
    ['ECONNREFUSED', 'transient'],
    ['503', 'transient'],
    ['EACCES', 'persistent'],
    ['404', 'persistent'],
    ['ENOMEM', 'system'],
    ['ENOSPC', 'system'],
    ['507', 'system'],
    ['E_OTHER', 'unknown'],
  ] as const)('code %s is %s', (code, expected) => {
    expect(classifyJobError({ message: 'it broke', code }, rules)).toBe(expected);
  });

  it('takes patterns from configuration', () => {
    const custom = parseSchedulerConfig({ failover: { errorPatterns: { transient: ['flaky'], persistent: [], system: [] } } }).failover;
    expect(classifyJobError({ message: 'flaky decoder', code: '' }, custom)).toBe('transient');
    expect(classifyJobError({ message: 'timeout', code: '' }, custom)).toBe('unknown');
  });
});

describe('describeError', () => {
  it('reads messages and the code along the cause chain', () => {
    const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const error = new Error('fetching the input failed', { cause });
    expect(describeError(error)).toEqual({ message: 'fetching the input failed: read ECONNRESET', code: 'ECONNRESET' });
  });

  it('reads HTTP statuses and non-Error values', () => {
    expect(describeError(Object.assign(new Error('busy'), { status: 503 })).code).toBe('503');
    expect(describeError('plain string')).toEqual({ message: 'plain string', code: '' });
  });
});
