import type { Logger } from '@aima/core';
import { nvmlLayouts } from './nvml-layouts.js';
import { describeNvmlReturn, NvmlReturn } from './nvml-return-codes.js';
import { callAsync, type NvmlSession, returnCodeOf } from './nvml-session.js';

/** `nvmlEventType*` bits the binding registers (reference §1.5). */
export const NvmlEventType = { singleBitEcc: 0x1, doubleBitEcc: 0x2, xidCritical: 0x8 } as const;

const WANTED = NvmlEventType.singleBitEcc | NvmlEventType.doubleBitEcc | NvmlEventType.xidCritical;
const NOT_ATTRIBUTABLE = 0xffffffff;

/** One event from `nvmlEventSetWait`. */
export interface NvmlEvent {
  /** Index of the device it came from; `undefined` if NVML named a handle we do not know. */
  readonly deviceIndex: number | undefined;
  readonly eventType: number;
  /** The XID for XID events; 999 for an unknown XID. */
  readonly eventData: number;
  readonly gpuInstanceId?: number;
  readonly computeInstanceId?: number;
}

/** The result of one wait: an event, a timeout (nothing pending) or an error code. */
export type NvmlWaitResult = { readonly code: 0; readonly event: NvmlEvent } | { readonly code: number; readonly event?: undefined };

/**
 * An NVML event set with the XID and ECC events of some devices registered. Waits run on a koffi
 * worker thread with a short timeout, so the event loop never blocks and the process can exit;
 * each set brings its own result buffer because the wait writes it from that thread.
 */
export class NvmlEventSet {
  private readonly data: Buffer;
  private readonly words: Uint32Array;
  private freed = false;

  private constructor(
    private readonly session: NvmlSession,
    private readonly set: bigint,
    readonly registered: readonly number[],
  ) {
    this.data = Buffer.alloc(nvmlLayouts().eventData.size);
    this.words = new Uint32Array(this.data.buffer, this.data.byteOffset, this.data.length >>> 2);
  }

  /** Creates a set for these devices; `undefined` when the driver supports none of the events. */
  static create(session: NvmlSession, deviceIndexes: readonly number[], logger: Logger): NvmlEventSet | undefined {
    const { eventSetCreate, registerEvents, eventSetWait, eventSetFree } = session.functions;
    if (!eventSetCreate || !registerEvents || !eventSetWait || !eventSetFree) return undefined;
    const out = session.scratch.wide;
    if (!session.accept(returnCodeOf(eventSetCreate(out)), 'eventSetCreate')) return undefined;
    const set = out[0] ?? 0n;
    const registered: number[] = [];
    for (const index of deviceIndexes) {
      const code = register(session, set, index);
      if (code === NvmlReturn.success) registered.push(index);
      else logger.info('NVML events not registered', { device: index, code: describeNvmlReturn(code).name });
      if (code === NvmlReturn.unknown) {
        // After UNKNOWN the set is in an undefined state and must be freed (nvml.h).
        registered.length = 0;
        break;
      }
    }
    if (registered.length > 0) return new NvmlEventSet(session, set, registered);
    eventSetFree(set);
    return undefined;
  }

  /** Waits up to `timeoutMs` (keep it short: an in-flight wait keeps the process alive). */
  async wait(timeoutMs: number): Promise<NvmlWaitResult> {
    const { eventSetWait } = this.session.functions;
    if (this.freed || !eventSetWait) return { code: NvmlReturn.uninitialized };
    const code = await callAsync(eventSetWait, this.set, this.data, timeoutMs);
    if (code !== NvmlReturn.success) return { code };
    return { code, event: this.decode() };
  }

  /** Frees the set; call only when no wait is in flight. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.session.functions.eventSetFree?.(this.set);
  }

  private decode(): NvmlEvent {
    const { offset } = nvmlLayouts().eventData;
    const word = (byteOffset: number) => this.words[byteOffset >>> 2] ?? 0;
    const instance = (value: number) => (value === NOT_ATTRIBUTABLE ? undefined : value);
    return {
      deviceIndex: this.session.indexOfHandle(this.data.readBigUInt64LE(offset.device)),
      eventType: word(offset.eventType),
      eventData: word(offset.eventData),
      gpuInstanceId: instance(word(offset.gpuInstanceId)),
      computeInstanceId: instance(word(offset.computeInstanceId)),
    };
  }
}

/** Registers the wanted events the device supports (as the k8s device plugin does); returns NVML's code. */
function register(session: NvmlSession, set: bigint, index: number): number {
  const { getSupportedEventTypes, registerEvents } = session.functions;
  const handle = session.handle(index);
  const out = session.scratch.wide;
  let mask = WANTED;
  if (getSupportedEventTypes && session.accept(returnCodeOf(getSupportedEventTypes(handle, out)), 'getSupportedEventTypes', index)) {
    mask = Number((out[0] ?? 0n) & BigInt(WANTED));
  }
  if (mask === 0 || !registerEvents) return NvmlReturn.notSupported;
  return returnCodeOf(registerEvents(handle, mask, set));
}
