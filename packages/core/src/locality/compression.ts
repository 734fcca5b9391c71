import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';

const gzipAsync = promisify(gzipCallback);
const gunzipAsync = promisify(gunzipCallback);

/**
 * Whether and when to gzip before storing or transferring (S4): `true` uses the default saving,
 * an object sets it, `false` never compresses.
 */
export type CompressionOption = boolean | { readonly minSavingRatio: number };

/** Compression is kept only when it saves at least this fraction of the bytes. */
export const defaultMinSavingRatio = 0.1;

/** The saving ratio an option asks for, or undefined when compression is off. */
export function minSavingRatioOf(option: CompressionOption | undefined): number | undefined {
  if (option === undefined || option === false) return undefined;
  return option === true ? defaultMinSavingRatio : option.minSavingRatio;
}

/** Whether `compressedBytes` is small enough against `originalBytes` to be worth keeping. */
export function compressionPays(originalBytes: number, compressedBytes: number, minSavingRatio: number): boolean {
  return originalBytes > 0 && compressedBytes <= originalBytes * (1 - minSavingRatio);
}

const alreadyCompressedTypes = new Set([
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/heic',
  'audio/mpeg',
  'audio/aac',
  'audio/ogg',
  'audio/opus',
  'audio/mp4',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/zstd',
  'application/x-7z-compressed',
  'application/x-bzip2',
  'application/x-xz',
  'application/x-rar-compressed',
]);

/**
 * True for content types whose bytes are compressed already, so gzip would only cost time:
 * every `video/*`, common image and audio codecs and archive formats. Parameters
 * (`; charset=...`) and case are ignored.
 */
export function isAlreadyCompressed(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type.startsWith('video/') || alreadyCompressedTypes.has(type);
}

/** The gzip of `data` when it saves at least `minSavingRatio`, else undefined. */
export async function gzipIfWorthwhile(data: Uint8Array, minSavingRatio: number): Promise<Uint8Array | undefined> {
  if (data.byteLength === 0) return undefined;
  const compressed = new Uint8Array(await gzipAsync(data));
  return compressionPays(data.byteLength, compressed.byteLength, minSavingRatio) ? compressed : undefined;
}

/** Inflates gzip bytes; rejects on data that is not valid gzip or inflates past `maxBytes`. */
export async function gunzipBytes(data: Uint8Array, maxBytes?: number): Promise<Uint8Array> {
  return new Uint8Array(await gunzipAsync(data, maxBytes === undefined ? {} : { maxOutputLength: Math.max(1, maxBytes) }));
}
