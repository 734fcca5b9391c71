/** Longest line accepted from a stream; a longer one is a protocol error. */
const MAX_LINE_BYTES = 1024 * 1024;

/** Splits a byte stream into text lines (without the newline); blank lines are skipped. */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      if (line !== '') yield line;
      newline = pending.indexOf('\n');
    }
    if (pending.length > MAX_LINE_BYTES) throw new Error(`a stream line is longer than ${MAX_LINE_BYTES} bytes`);
  }
  const last = (pending + decoder.decode()).trim();
  if (last !== '') yield last;
}
