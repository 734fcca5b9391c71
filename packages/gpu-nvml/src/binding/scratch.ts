const TWO_TO_32 = 2 ** 32;
const ALL_ONES_32 = 0xffffffff;

/**
 * Reusable out-parameter memory for synchronous NVML calls, so a sample allocates nothing.
 * Only one synchronous call runs at a time on the JS thread, so sharing is safe; asynchronous
 * calls (koffi worker threads) must bring their own buffers.
 */
export class Scratch {
  /** 128 bytes for small structs (the largest, nvmlPciInfo_t, has 68), with 32-bit views over the same memory. */
  readonly struct = Buffer.alloc(128);
  readonly structWords = new Uint32Array(this.struct.buffer, this.struct.byteOffset, 32);
  readonly structInts = new Int32Array(this.struct.buffer, this.struct.byteOffset, 32);
  /** Separate words for functions with several scalar out-parameters. */
  readonly first = new Uint32Array(1);
  readonly second = new Uint32Array(1);
  readonly firstInt = new Int32Array(1);
  readonly secondInt = new Int32Array(1);
  readonly wide = new BigUint64Array(1);
  readonly wideWords = new Uint32Array(this.wide.buffer);
  /** Text out-parameters: names, UUIDs, versions (NVML's largest buffer is 96 bytes; process names get 256). */
  readonly text = Buffer.alloc(256);

  /** Reads a NUL-terminated string the last call wrote into `text`. */
  readText(): string {
    const end = this.text.indexOf(0);
    return this.text.toString('utf8', 0, end < 0 ? this.text.length : end);
  }

  /** Reads the u64 at `byteOffset` of `struct`; NVML_VALUE_NOT_AVAILABLE becomes `undefined`. */
  readU64(byteOffset: number): number | undefined {
    return u64At(this.structWords, byteOffset >>> 2);
  }
}

/**
 * Reads a little-endian u64 from two 32-bit words as a Number (exact up to 2^53, enough for any
 * byte count); all ones (NVML_VALUE_NOT_AVAILABLE, -1) becomes `undefined`.
 */
export function u64At(words: Uint32Array, wordIndex: number): number | undefined {
  const low = words[wordIndex] ?? 0;
  const high = words[wordIndex + 1] ?? 0;
  if (low === ALL_ONES_32 && high === ALL_ONES_32) return undefined;
  return high * TWO_TO_32 + low;
}
