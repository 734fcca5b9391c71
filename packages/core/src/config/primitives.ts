import { z } from 'zod';

/** A non-empty, trimmed string. */
export const nameSchema = z.string().trim().min(1, 'must not be empty');

/** A version like `12`, `12.1` or `12.1.0` (CUDA, driver). */
export const versionSchema = z.string().regex(/^\d+(\.\d+){0,2}$/, 'must be a version such as "12.1"');

/** A CUDA compute capability like `8.9`. */
export const computeCapabilitySchema = z.string().regex(/^\d+\.\d+$/, 'must be a compute capability such as "8.9"');

/** Compares dotted versions numerically: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const difference = Number(left[index] ?? 0) - Number(right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
