import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compressionPays, gunzipBytes, gzipIfWorthwhile, isAlreadyCompressed, minSavingRatioOf } from './compression.js';

describe('compression (S4)', () => {
  it.each([
    ['video/mp4', true],
    ['VIDEO/QuickTime', true],
    ['image/jpeg', true],
    ['image/png; charset=binary', true],
    ['audio/mpeg', true],
    ['application/zip', true],
    ['application/gzip', true],
    ['text/plain', false],
    ['application/json', false],
    ['image/x-portable-pixmap', false],
    ['audio/wav', false],
    [undefined, false],
  ])('%s is already compressed: %s', (contentType, expected) => {
    expect(isAlreadyCompressed(contentType)).toBe(expected);
  });

  it('keeps gzip only when it saves the asked ratio, and round-trips', async () => {
    const text = new TextEncoder().encode('abc'.repeat(1_000));
    const compressed = await gzipIfWorthwhile(text, 0.1);
    expect(compressed && (await gunzipBytes(compressed))).toEqual(text);
    expect(await gzipIfWorthwhile(new Uint8Array(randomBytes(2_000)), 0.1)).toBeUndefined();
    expect(await gzipIfWorthwhile(new Uint8Array(0), 0)).toBeUndefined();
    expect([compressionPays(100, 90, 0.1), compressionPays(100, 91, 0.1), compressionPays(0, 0, 0)]).toEqual([true, false, false]);
  });

  it('refuses to inflate past a limit', async () => {
    const compressed = await gzipIfWorthwhile(new Uint8Array(10_000), 0.1);
    if (compressed === undefined) throw new Error('zeros must compress');
    await expect(gunzipBytes(compressed, 1_000)).rejects.toThrow();
    expect((await gunzipBytes(compressed, 10_000)).byteLength).toBe(10_000);
  });

  it('reads the option: off, default ratio, or an explicit one', () => {
    expect([
      minSavingRatioOf(undefined),
      minSavingRatioOf(false),
      minSavingRatioOf(true),
      minSavingRatioOf({ minSavingRatio: 0.3 }),
    ]).toEqual([undefined, undefined, 0.1, 0.3]);
  });
});
