/**
 * Reads a stream to its end, or undefined as soon as it holds more than `maxBytes` (the reader
 * is then cancelled). Rejects with the signal's reason when aborted.
 */
export async function readBytes(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      signal?.throwIfAborted();
      total += next.value.byteLength;
      if (total > maxBytes) return undefined;
      chunks.push(next.value);
    }
    signal?.throwIfAborted();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
