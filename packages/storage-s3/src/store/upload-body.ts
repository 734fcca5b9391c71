import type { ObjectBody } from '@aima/core';
import type { S3UploadBody } from '../client/s3-object-client.js';

/**
 * A body as an S3 upload body that counts its bytes on the way through. When `signal` aborts, a
 * web stream is cancelled and a Node stream destroyed with the reason, so an upload waiting for
 * a stalled body stops at once instead of at the body's next chunk.
 */
export function countedBody(body: ObjectBody, count: (bytes: number) => void, signal?: AbortSignal): S3UploadBody {
  if (body instanceof Uint8Array) {
    count(body.byteLength);
    return body;
  }
  return (async function* counted() {
    for await (const chunk of chunksOf(body, signal)) {
      count(chunk.byteLength);
      yield chunk;
    }
  })();
}

function isDestroyable(body: object): body is { destroy(error?: Error): void } {
  return 'destroy' in body && typeof body.destroy === 'function';
}

async function* chunksOf(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, signal?: AbortSignal): AsyncIterable<Uint8Array> {
  if (!(body instanceof ReadableStream)) {
    const onAbort = () => isDestroyable(body) && body.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      yield* body;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return;
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
    finished = true;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel(signal?.reason).catch(() => undefined);
    reader.releaseLock();
  }
}
