import type { Clock, GpuDevice, GpuHealthEvent, Logger, Timer } from '@aima/core';
import { type NvmlEvent, NvmlEventSet, NvmlEventType } from '../binding/nvml-event-set.js';
import { describeNvmlReturn, NvmlReturn, severityOfNvmlClass } from '../binding/nvml-return-codes.js';
import type { NvmlSession } from '../binding/nvml-session.js';
import { classifyXid } from '../health/xid-classification.js';
import type { EventWatch } from '../provider/gpu-source.js';

export interface NvmlEventWatchSettings {
  readonly clock: Clock;
  readonly logger: Logger;
  /** Milliseconds between polls. */
  readonly pollIntervalMs: number;
}

/** At most this many events are taken per poll, so a storm cannot starve the event loop. */
const MAX_EVENTS_PER_POLL = 64;

function instanceText(event: NvmlEvent): string {
  if (event.gpuInstanceId === undefined) return '';
  const compute = event.computeInstanceId === undefined ? '' : `, compute instance ${event.computeInstanceId}`;
  return ` (MIG GPU instance ${event.gpuInstanceId}${compute})`;
}

/** Maps an NVML event to a health event; `undefined` for event types we did not ask for. */
export function healthEventOf(event: NvmlEvent, gpuId: string, at: number): GpuHealthEvent | undefined {
  if (event.eventType & NvmlEventType.xidCritical) {
    const xid = classifyXid(event.eventData);
    const message = `XID ${xid.xid}: ${xid.label}${instanceText(event)}; ${xid.action}`;
    return { gpuId, at, source: 'xid', code: xid.xid, severity: xid.severity, message };
  }
  if (event.eventType & NvmlEventType.doubleBitEcc) {
    return {
      gpuId,
      at,
      source: 'ecc',
      code: 'ecc-double-bit',
      severity: 'critical',
      message: 'double-bit ECC error: drain the GPU and reset it',
    };
  }
  if (event.eventType & NvmlEventType.singleBitEcc) {
    return { gpuId, at, source: 'ecc', code: 'ecc-single-bit', severity: 'temporary', message: 'single-bit ECC error (corrected)' };
  }
  return undefined;
}

/** Polls one event set on the clock; see `startNvmlEventWatch`. */
class NvmlEventWatch implements EventWatch {
  private readonly byIndex: Map<number, GpuDevice>;
  private timer: Timer | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;
  private lastError: number | undefined;

  constructor(
    private readonly set: NvmlEventSet,
    devices: readonly GpuDevice[],
    private readonly settings: NvmlEventWatchSettings,
    private readonly emit: (event: GpuHealthEvent) => void,
  ) {
    this.byIndex = new Map(devices.map((device) => [device.index, device]));
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.polling;
    this.set.free();
  }

  private schedule(): void {
    this.timer = this.settings.clock.setTimer(this.settings.pollIntervalMs, () => {
      this.polling = this.drain()
        .catch((error: unknown) => this.settings.logger.warn('NVML event poll failed', { error: String(error) }))
        .finally(() => {
          this.polling = undefined;
          if (!this.stopped) this.schedule();
        });
    });
  }

  /** Takes pending events with zero-timeout waits until none is left (or the per-poll cap). */
  private async drain(): Promise<void> {
    for (let taken = 0; taken < MAX_EVENTS_PER_POLL && !this.stopped; taken++) {
      const result = await this.set.wait(0);
      if (result.code === NvmlReturn.timeout) return;
      if (!result.event) return this.waitFailed(result.code);
      this.lastError = undefined;
      const device = result.event.deviceIndex === undefined ? undefined : this.byIndex.get(result.event.deviceIndex);
      const event = device && healthEventOf(result.event, device.id, this.settings.clock.now());
      if (event) this.emit(event);
      else this.settings.logger.warn('NVML event for an unknown device or type', { event: result.event });
    }
  }

  /** A failing wait marks every watched GPU (as the k8s device plugin does), once per distinct code. */
  private waitFailed(code: number): void {
    if (code === this.lastError) return;
    this.lastError = code;
    const info = describeNvmlReturn(code);
    const severity = severityOfNvmlClass(info.errorClass) ?? 'persistent';
    const message = `waiting for NVML events failed with ${info.name}: ${info.description}`;
    for (const index of this.set.registered) {
      const device = this.byIndex.get(index);
      if (device) this.emit({ gpuId: device.id, at: this.settings.clock.now(), source: 'nvml', code: info.name, severity, message });
    }
  }
}

/**
 * Polls an NVML event set on the clock: each poll drains pending events with zero-timeout waits
 * run on a koffi worker thread, so neither the event loop nor process exit is ever held up.
 * Returns `undefined` when the driver offers none of the events.
 */
export function startNvmlEventWatch(
  session: NvmlSession,
  devices: readonly GpuDevice[],
  settings: NvmlEventWatchSettings,
  emit: (event: GpuHealthEvent) => void,
): EventWatch | undefined {
  const set = NvmlEventSet.create(
    session,
    devices.map((device) => device.index),
    settings.logger,
  );
  if (set) return new NvmlEventWatch(set, devices, settings, emit);
  settings.logger.info('NVML events are not available here; XIDs will not be reported');
  return undefined;
}
