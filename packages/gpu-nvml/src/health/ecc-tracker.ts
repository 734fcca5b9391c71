import type { NvmlEccSample } from '../sample/nvml-gpu-sample.js';
import type { HealthFinding } from './health-finding.js';

function rise(now: number | undefined, before: number | undefined): number {
  return now !== undefined && before !== undefined && now > before ? now - before : 0;
}

/**
 * One GPU's ECC counters between samples. Rising corrected errors are temporary, new retired
 * pages and pending retirements persistent, uncorrected errors critical. The first sample is the
 * baseline: only uncorrected errors and pending retirements already present are reported then.
 */
export class EccTracker {
  private previous: NvmlEccSample | undefined;

  observe(counters: NvmlEccSample | undefined): HealthFinding[] {
    if (!counters) return [];
    const before = this.previous;
    this.previous = merge(before, counters);
    const findings: HealthFinding[] = [];
    const uncorrected = rise(counters.uncorrectedVolatile, before ? before.uncorrectedVolatile : 0);
    if (uncorrected > 0) {
      findings.push({
        source: 'ecc',
        code: 'ecc-uncorrected',
        severity: 'critical',
        message: `${uncorrected} new uncorrected (double-bit) ECC error(s): drain the GPU and reset it`,
      });
    }
    const corrected = rise(counters.correctedVolatile, before?.correctedVolatile);
    if (corrected > 0) {
      findings.push({ source: 'ecc', code: 'ecc-corrected', severity: 'temporary', message: `${corrected} new corrected ECC error(s)` });
    }
    const retired =
      rise(counters.retiredPagesDoubleBit, before?.retiredPagesDoubleBit) +
      rise(counters.retiredPagesSingleBit, before?.retiredPagesSingleBit);
    if (retired > 0) {
      findings.push({ source: 'ecc', code: 'retired-pages', severity: 'persistent', message: `${retired} more memory page(s) retired` });
    }
    if (counters.retiredPagesPending === true && before?.retiredPagesPending !== true) {
      findings.push({
        source: 'ecc',
        code: 'retired-pages-pending',
        severity: 'persistent',
        message: 'memory pages wait to be retired: reset the GPU when it is idle',
      });
    }
    return findings;
  }
}

/** Newer values win; a counter missing from one sample keeps its last value. */
function merge(before: NvmlEccSample | undefined, now: NvmlEccSample): NvmlEccSample {
  return {
    correctedVolatile: now.correctedVolatile ?? before?.correctedVolatile,
    uncorrectedVolatile: now.uncorrectedVolatile ?? before?.uncorrectedVolatile,
    retiredPagesSingleBit: now.retiredPagesSingleBit ?? before?.retiredPagesSingleBit,
    retiredPagesDoubleBit: now.retiredPagesDoubleBit ?? before?.retiredPagesDoubleBit,
    retiredPagesPending: now.retiredPagesPending ?? before?.retiredPagesPending,
  };
}
