import type { Logger } from '@aima/core';
import { NvmlError } from '../errors/nvml-error.js';
import { loadNvmlLibrary, type NativeFunction, type NvmlFunctionName, type NvmlFunctions, type NvmlLibrary } from './nvml-library.js';
import { describeNvmlReturn, NvmlReturn } from './nvml-return-codes.js';
import { Scratch } from './scratch.js';

/** The return code of a koffi call (an `int`); anything else is treated as NVML_ERROR_UNKNOWN. */
export function returnCodeOf(value: unknown): number {
  return typeof value === 'number' ? value : NvmlReturn.unknown;
}

/** Runs a declared function on a koffi worker thread, so a slow driver never blocks the event loop. */
export function callAsync(fn: NativeFunction, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    fn.async(...args, (error: unknown, result: unknown) => {
      if (error) reject(error);
      else resolve(returnCodeOf(result));
    });
  });
}

/**
 * An initialised NVML library: device handles (kept here, never handed out), scratch memory, and
 * the one place where return codes are judged. `nvmlInit` and `nvmlShutdown` run off the event
 * loop (they can take seconds on a real driver without persistence mode); the other calls are
 * short and run synchronously.
 */
export class NvmlSession {
  readonly scratch = new Scratch();
  private readonly handles = new Map<number, bigint>();
  private readonly indexes = new Map<bigint, number>();
  private readonly unsupported: Set<NvmlFunctionName>[] = [];
  private closed = false;

  private constructor(
    readonly library: NvmlLibrary,
    private readonly logger: Logger,
  ) {}

  /** Loads the library and calls `nvmlInit`; throws `NvmlLoadError` or `NvmlError`. */
  static async open(libraryPath: string, logger: Logger): Promise<NvmlSession> {
    const library = loadNvmlLibrary(libraryPath);
    let code: number;
    try {
      code = await callAsync(library.functions.init);
    } catch (error) {
      library.unload();
      throw error;
    }
    if (code !== NvmlReturn.success) {
      library.unload();
      throw new NvmlError(library.symbols.init ?? 'nvmlInit', code);
    }
    logger.debug('NVML initialised', { library: libraryPath, symbols: library.symbols });
    return new NvmlSession(library, logger);
  }

  get functions(): NvmlFunctions {
    return this.library.functions;
  }

  /** The C symbol behind a function, for messages. */
  symbol(name: NvmlFunctionName): string {
    return this.library.symbols[name] ?? name;
  }

  /**
   * Judges a return code: true on success. A failure throws `NvmlError` when the value is
   * required or the code means the device (or library) is gone; otherwise the value is reported
   * absent, and a "not supported" answer is remembered so the call is not repeated.
   */
  accept(code: number, name: NvmlFunctionName, deviceIndex?: number, required = false): boolean {
    if (code === NvmlReturn.success) return true;
    const info = describeNvmlReturn(code);
    if (required || info.deviceFatal) throw new NvmlError(this.symbol(name), code, deviceIndex);
    if (info.errorClass === 'not-supported' && deviceIndex !== undefined) this.markUnsupported(deviceIndex, name);
    this.logger.debug('NVML value not available', { function: this.symbol(name), device: deviceIndex, code: info.name });
    return false;
  }

  /** False once the device answered "not supported" for this function (until `forgetDevices`). */
  supports(deviceIndex: number, name: NvmlFunctionName): boolean {
    return this.unsupported[deviceIndex]?.has(name) !== true;
  }

  markUnsupported(deviceIndex: number, name: NvmlFunctionName): void {
    let set = this.unsupported[deviceIndex];
    if (!set) {
      set = new Set();
      this.unsupported[deviceIndex] = set;
    }
    set.add(name);
  }

  /** Number of devices NVML counts, including ones this user may not access. */
  deviceCount(): number {
    const out = this.scratch.first;
    this.accept(returnCodeOf(this.functions.getCount(out)), 'getCount', undefined, true);
    return out[0] ?? 0;
  }

  /** The opaque handle of a device; cached, as NVML asks, until shutdown. */
  handle(deviceIndex: number): bigint {
    const cached = this.handles.get(deviceIndex);
    if (cached !== undefined) return cached;
    const out = this.scratch.wide;
    this.accept(returnCodeOf(this.functions.getHandleByIndex(deviceIndex, out)), 'getHandleByIndex', deviceIndex, true);
    const handle = out[0] ?? 0n;
    this.handles.set(deviceIndex, handle);
    this.indexes.set(handle, deviceIndex);
    return handle;
  }

  /** The device index of a handle NVML handed back (in event data), if it is one of ours. */
  indexOfHandle(handle: bigint): number | undefined {
    return this.indexes.get(handle);
  }

  /** Drops cached handles and "not supported" answers before a fresh discovery. */
  forgetDevices(): void {
    this.handles.clear();
    this.indexes.clear();
    this.unsupported.length = 0;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Calls `nvmlShutdown` (off the event loop) and unloads the library. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      const code = await callAsync(this.functions.shutdown);
      if (code !== NvmlReturn.success && code !== NvmlReturn.uninitialized) {
        this.logger.warn('nvmlShutdown failed', { code: describeNvmlReturn(code).name });
      }
    } finally {
      this.library.unload();
    }
  }
}
