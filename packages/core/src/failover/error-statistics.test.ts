import { describe, expect, it } from 'vitest';
import { ErrorStatistics } from './error-statistics.js';

describe('ErrorStatistics', () => {
  it('counts occurrences, job types, classes and resolutions per code and message prefix', () => {
    const statistics = new ErrorStatistics();
    const key = statistics.record({ message: 'connection reset', code: 'ECONNRESET' }, 'transient', 'video', 1);
    statistics.record({ message: 'connection reset', code: 'ECONNRESET' }, 'transient', 'audio', 5);
    statistics.record({ message: 'x'.repeat(80), code: '' }, 'unknown', 'image', 7);
    statistics.resolve([key, key], 'recovered');
    const [first, second] = statistics.list();
    expect(first).toEqual({
      key: 'ECONNRESET:connection reset',
      occurrences: 2,
      firstSeen: 1,
      lastSeen: 5,
      jobTypes: ['audio', 'video'],
      errorClasses: { transient: 2 },
      resolutions: { recovered: 1, failed: 0 },
    });
    expect(second?.key).toBe(`:${'x'.repeat(50)}`);
  });

  it('keeps at most `limit` patterns, dropping the least recently seen', () => {
    const statistics = new ErrorStatistics(2);
    statistics.record({ message: 'a', code: '' }, 'unknown', 'video', 1);
    statistics.record({ message: 'b', code: '' }, 'unknown', 'video', 2);
    statistics.record({ message: 'c', code: '' }, 'unknown', 'video', 3);
    expect(statistics.list().map((pattern) => pattern.key)).toEqual([':b', ':c']);
  });
});
