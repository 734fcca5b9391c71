import { pipeline, Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** The first chunks of a stream, read to decide on compression before anything is written. */
export interface StreamHead {
  readonly chunks: readonly Uint8Array[];
  readonly bytes: number;
}

/** Reads chunks until at least `minBytes` are held or the stream ends. */
export async function readHead(reader: ReadableStreamDefaultReader<Uint8Array>, minBytes: number): Promise<StreamHead> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  while (bytes < minBytes) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    bytes += next.value.byteLength;
  }
  return { chunks, bytes };
}

/** The head's bytes in one array, for the compression probe. */
export function joinHead(head: StreamHead): Uint8Array {
  const joined = new Uint8Array(head.bytes);
  let offset = 0;
  for (const chunk of head.chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/** The head's chunks, then the rest of the stream; the reader is cancelled when iteration stops early. */
export async function* replay(head: StreamHead, reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* head.chunks;
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Passes chunks through, calling `report(total)` whenever `intervalBytes` more have passed since
 * the last report, and once at the end with the final count.
 */
export async function* withProgress(
  source: AsyncIterable<Uint8Array>,
  intervalBytes: number,
  report: (transferredBytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let transferred = 0;
  let reported = 0;
  for await (const chunk of source) {
    yield chunk;
    transferred += chunk.byteLength;
    if (transferred - reported >= intervalBytes) {
      reported = transferred;
      report(transferred);
    }
  }
  if (reported !== transferred || transferred === 0) report(transferred);
}

/**
 * The gzip of `source`, streamed. An error on either side tears down both, so the source's
 * reader is released when the consumer stops early.
 */
export async function* gzipped(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const gzip = pipeline(Readable.from(source), createGzip(), () => undefined);
  for await (const chunk of gzip) yield chunk as Uint8Array;
}
