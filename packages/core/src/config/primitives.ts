import { z } from 'zod';

/** A non-empty, trimmed string. */
export const nameSchema = z.string().trim().min(1, 'must not be empty');

/** A version like `12`, `12.1` or `12.1.0` (CUDA, driver). */
export const versionSchema = z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as "12.1"');

/** A CUDA compute capability like `8.9`. */
export const computeCapabilitySchema = z.string().regex(/^\d+\.\d+$/, 'must be a compute capability such as "8.9"');

/** Compares dotted versions numerically: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  // Walks both strings part by part without allocating: this runs per candidate on the hot path.
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let left = 0;
    while (i < a.length && a.charCodeAt(i) !== 46) left = left * 10 + (a.charCodeAt(i++) - 48);
    let right = 0;
    while (j < b.length && b.charCodeAt(j) !== 46) right = right * 10 + (b.charCodeAt(j++) - 48);
    if (left !== right) return left - right;
    i++;
    j++;
  }
  return 0;
}
