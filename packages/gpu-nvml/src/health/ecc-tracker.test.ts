import { describe, expect, it } from 'vitest';
import { EccTracker } from './ecc-tracker.js';

describe('EccTracker', () => {
  it('takes the first sample as the baseline for corrected errors and retired pages', () => {
    const tracker = new EccTracker();
    expect(tracker.observe({ correctedVolatile: 12, uncorrectedVolatile: 0, retiredPagesSingleBit: 3, retiredPagesDoubleBit: 1 })).toEqual(
      [],
    );
  });

  it('reports rising counters with a severity each', () => {
    const tracker = new EccTracker();
    tracker.observe({ correctedVolatile: 0, uncorrectedVolatile: 0, retiredPagesDoubleBit: 0, retiredPagesPending: false });
    const findings = tracker.observe({ correctedVolatile: 5, uncorrectedVolatile: 1, retiredPagesDoubleBit: 1, retiredPagesPending: true });
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ['ecc-uncorrected', 'critical'],
      ['ecc-corrected', 'temporary'],
      ['retired-pages', 'persistent'],
      ['retired-pages-pending', 'persistent'],
    ]);
    expect(findings[1]?.message).toBe('5 new corrected ECC error(s)');
    expect(tracker.observe({ correctedVolatile: 5, uncorrectedVolatile: 1, retiredPagesDoubleBit: 1, retiredPagesPending: true })).toEqual(
      [],
    );
  });

  it('reports uncorrected errors and pending retirements already present at the baseline', () => {
    const tracker = new EccTracker();
    expect(tracker.observe({ uncorrectedVolatile: 2, retiredPagesPending: true }).map((finding) => finding.code)).toEqual([
      'ecc-uncorrected',
      'retired-pages-pending',
    ]);
  });

  it('keeps the last value of a counter a sample could not read', () => {
    const tracker = new EccTracker();
    tracker.observe({ correctedVolatile: 4 });
    expect(tracker.observe({ correctedVolatile: undefined })).toEqual([]);
    expect(tracker.observe({ correctedVolatile: 6 }).map((finding) => finding.message)).toEqual(['2 new corrected ECC error(s)']);
    expect(tracker.observe(undefined)).toEqual([]);
  });
});
