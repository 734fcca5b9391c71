import type { NvmlLibrary } from './nvml-library.js';
import { NvmlReturn } from './nvml-return-codes.js';
import { type NvmlSession, returnCodeOf } from './nvml-session.js';
import { u64At } from './scratch.js';

/** Bytes per process record: 16 (v1), 24 (v2, and _v3 as declared) or 32 (_v3 on R535 drivers). */
export type ProcessRecordSize = 16 | 24 | 32;

/** One compute process on a device. */
export interface NvmlProcess {
  readonly pid: number;
  /** `undefined` when NVML says NVML_VALUE_NOT_AVAILABLE (e.g. under WDDM). */
  readonly usedBytes: number | undefined;
}

const R535_ONLY = 'nvmlDeviceGetConfComputeMemSizeInfo';
const AFTER_R535 = 'nvmlDeviceGetRunningProcessDetailList';
const LARGEST_RECORD = 32;

/**
 * The record size the library writes (nvitop's heuristic, reference §1.4): 32 bytes when `_v3`
 * and `nvmlDeviceGetConfComputeMemSizeInfo` exist but `nvmlDeviceGetRunningProcessDetailList`
 * does not (R535 wrote 32 without a version bump); 24 for `_v3`/`_v2`; 16 for the unversioned call.
 */
export function processRecordSizeOf(library: NvmlLibrary): ProcessRecordSize {
  switch (library.symbols.getProcesses) {
    case 'nvmlDeviceGetComputeRunningProcesses_v3':
      return library.present.has(R535_ONLY) && !library.present.has(AFTER_R535) ? 32 : 24;
    case 'nvmlDeviceGetComputeRunningProcesses_v2':
      return 24;
    default:
      return 16;
  }
}

/**
 * Reads compute processes with NVML's two-call protocol: ask with room for none, then allocate
 * `count * 2 + 5` (processes come and go) and ask again. The buffer always has room for 32-byte
 * records, so a driver that writes bigger records than we expect cannot overrun it.
 */
export class ProcessReader {
  private buffer = Buffer.alloc(LARGEST_RECORD * 16);
  private words = new Uint32Array(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length >>> 2);

  constructor(
    private readonly session: NvmlSession,
    readonly recordSize: ProcessRecordSize,
  ) {}

  read(index: number, handle: bigint): NvmlProcess[] | undefined {
    const fn = this.session.functions.getProcesses;
    if (!fn || !this.session.supports(index, 'getProcesses')) return undefined;
    const count = this.session.scratch.first;
    count[0] = 0;
    let code = returnCodeOf(fn(handle, count, null));
    if (code === NvmlReturn.success) return [];
    for (let attempt = 0; attempt < 3 && code === NvmlReturn.insufficientSize; attempt++) {
      const capacity: number = (count[0] ?? 0) * 2 + 5;
      this.reserve(capacity);
      count[0] = capacity;
      code = returnCodeOf(fn(handle, count, this.buffer));
    }
    if (!this.session.accept(code, 'getProcesses', index)) return undefined;
    return this.decode(count[0] ?? 0);
  }

  private reserve(records: number): void {
    if (this.buffer.length >= records * LARGEST_RECORD) return;
    this.buffer = Buffer.alloc(records * LARGEST_RECORD);
    this.words = new Uint32Array(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length >>> 2);
  }

  private decode(count: number): NvmlProcess[] {
    const processes: NvmlProcess[] = [];
    const stride = this.recordSize >>> 2;
    // pid is at offset 0 and usedGpuMemory at offset 8 in all three layouts.
    for (let record = 0; record < count; record++) {
      const word = record * stride;
      processes.push({ pid: this.words[word] ?? 0, usedBytes: u64At(this.words, word + 2) });
    }
    return processes;
  }
}

/** Names of processes by pid, cached while the pid keeps showing up. */
export class ProcessNames {
  private names = new Map<number, string>();
  private seen = new Map<number, string>();

  constructor(private readonly session: NvmlSession) {}

  name(pid: number): string | undefined {
    let name = this.seen.get(pid) ?? this.names.get(pid);
    if (name === undefined) name = this.lookUp(pid);
    if (name !== undefined) this.seen.set(pid, name);
    return name;
  }

  /** Ends a sampling round: forgets names of pids that did not appear in it (pids get reused). */
  endRound(): void {
    this.names = this.seen;
    this.seen = new Map();
  }

  private lookUp(pid: number): string | undefined {
    const fn = this.session.functions.getProcessName;
    if (!fn) return undefined;
    const { text } = this.session.scratch;
    const code = returnCodeOf(fn(pid, text, text.length));
    // NOT_FOUND: the process exited between the two calls.
    return this.session.accept(code, 'getProcessName') ? this.session.scratch.readText() : undefined;
  }
}
