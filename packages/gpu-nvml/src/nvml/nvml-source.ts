import { type GpuDevice, type GpuHealthEvent, ProviderError, type ProviderErrorKind } from '@aima/core';
import { readIdentity } from '../binding/nvml-identity.js';
import { NvmlLoadError } from '../binding/nvml-library.js';
import type { NvmlErrorClass } from '../binding/nvml-return-codes.js';
import { NvmlSession } from '../binding/nvml-session.js';
import { type NvmlSystemInfo, readSystemInfo } from '../binding/nvml-system.js';
import { NvmlError } from '../errors/nvml-error.js';
import { NvmlUnavailableError } from '../errors/nvml-unavailable-error.js';
import type { EventWatch, GpuReading, GpuSource, ThermalLimits } from '../provider/gpu-source.js';
import { toGpuDevice } from './nvml-device.js';
import { startNvmlEventWatch } from './nvml-event-watch.js';
import type { ResolvedNvmlGpuProviderOptions } from './nvml-options.js';
import { NvmlSampler } from './nvml-sampler.js';

function kindOf(errorClass: NvmlErrorClass): ProviderErrorKind {
  return errorClass === 'transient' ? 'transient' : 'unavailable';
}

/** NVML as a GPU source. The library loads and initialises on first use, off the event loop. */
export class NvmlSource implements GpuSource {
  private opening: Promise<NvmlSession> | undefined;
  private sampler: NvmlSampler | undefined;
  private system: NvmlSystemInfo | undefined;
  private readonly limits = new Map<string, ThermalLimits>();
  private readonly known = new Map<number, GpuDevice>();
  private closed = false;

  constructor(
    private readonly providerId: string,
    private readonly options: ResolvedNvmlGpuProviderOptions,
  ) {}

  async discover(signal?: AbortSignal): Promise<GpuDevice[]> {
    const session = await this.session();
    signal?.throwIfAborted();
    session.forgetDevices();
    this.system ??= readSystemInfo(session);
    const count = this.guard(() => session.deviceCount());
    const devices: GpuDevice[] = [];
    for (let index = 0; index < count; index++) {
      const device = this.discoverOne(session, index);
      if (device) devices.push(device);
    }
    return devices;
  }

  async sample(devices: readonly GpuDevice[], at: number, signal?: AbortSignal): Promise<GpuReading[]> {
    const session = await this.session();
    signal?.throwIfAborted();
    this.sampler ??= new NvmlSampler(session, {
      thresholds: this.options.monitoring,
      processNames: this.options.processNames,
      processRecordSize: this.options.processRecordSize,
      logger: this.options.logger,
    });
    return this.sampler.readAll(devices, at, (gpuId) => this.limits.get(gpuId));
  }

  async watchEvents(devices: readonly GpuDevice[], emit: (event: GpuHealthEvent) => void): Promise<EventWatch | undefined> {
    const session = await this.session();
    const { clock, logger, eventPollIntervalMs } = this.options;
    return startNvmlEventWatch(session, devices, { clock, logger, pollIntervalMs: eventPollIntervalMs }, emit);
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = undefined;
    const session = await opening?.catch(() => undefined);
    await session?.close();
  }

  /** The open session; the first call loads and initialises NVML. */
  private async session(): Promise<NvmlSession> {
    if (this.closed) throw new ProviderError(this.providerId, 'unavailable', 'the provider is closed');
    this.opening ??= this.open();
    const session = await this.opening;
    if (session.isClosed || this.closed) throw new ProviderError(this.providerId, 'unavailable', 'the provider is closed');
    return session;
  }

  private async open(): Promise<NvmlSession> {
    const { libraryPath, logger } = this.options;
    try {
      return await NvmlSession.open(libraryPath, logger);
    } catch (error) {
      this.opening = undefined;
      if (!(error instanceof NvmlLoadError) && !NvmlError.isInstance(error)) throw error;
      throw new NvmlUnavailableError([{ method: 'nvml', target: libraryPath, reason: error.message }], { cause: error });
    }
  }

  private discoverOne(session: NvmlSession, index: number): GpuDevice | undefined {
    try {
      const identity = readIdentity(session, index);
      const device = toGpuDevice(identity, this.system ?? {}, this.providerId, this.options.host);
      this.limits.set(device.id, { slowdownCelsius: identity.slowdownCelsius, shutdownCelsius: identity.shutdownCelsius });
      this.known.set(index, device);
      return device;
    } catch (error) {
      if (!NvmlError.isInstance(error)) throw error;
      const known = this.known.get(index);
      this.options.logger.warn(known ? 'GPU cannot be read; keeping what was known of it' : 'GPU cannot be read; skipped', {
        index,
        error: error.message,
      });
      return known;
    }
  }

  private guard<Result>(read: () => Result): Result {
    try {
      return read();
    } catch (error) {
      if (!NvmlError.isInstance(error)) throw error;
      throw new ProviderError(this.providerId, kindOf(error.errorClass), error.message, { cause: error, status: error.returnName });
    }
  }
}
