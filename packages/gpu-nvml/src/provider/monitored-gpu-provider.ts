import { type Clock, type GpuDevice, type GpuHealthEvent, type LocalGpuProvider, type Logger, ProviderError } from '@aima/core';
import { HealthTracker } from '../health/health-tracker.js';
import type { ThermalSettings } from '../health/thermal-trend.js';
import type { NvmlGpuSample } from '../sample/nvml-gpu-sample.js';
import type { EventWatch, GpuSource } from './gpu-source.js';
import { ListenerSet } from './listener-set.js';
import { MonitorLoop } from './monitor-loop.js';

/** A LocalGpuProvider that also monitors its GPUs while someone listens. */
export interface MonitoredGpuProvider extends LocalGpuProvider {
  sample(signal?: AbortSignal): Promise<NvmlGpuSample[]>;
  /**
   * Health events: XIDs (NVML only) as they happen, and faults, thermal trends and ECC changes
   * found by any sample. While at least one listener (health or status) is subscribed, the
   * provider samples every monitoring interval, starting at once.
   */
  onHealth(listener: (event: GpuHealthEvent) => void): () => void;
  /** The samples of each monitoring round (the seed's status updates). */
  onStatus(listener: (samples: readonly NvmlGpuSample[]) => void): () => void;
}

export interface MonitoredGpuProviderSettings {
  readonly id: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
  readonly thermal: ThermalSettings;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class MonitoredProvider implements MonitoredGpuProvider {
  readonly id: string;
  private devices: GpuDevice[] | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private watch: Promise<EventWatch | undefined> | undefined;
  private readonly stopping = new Set<Promise<void>>();
  private readonly tracker: HealthTracker;
  private readonly loop: MonitorLoop;
  private readonly health: ListenerSet<GpuHealthEvent>;
  private readonly status: ListenerSet<readonly NvmlGpuSample[]>;

  constructor(
    private readonly source: GpuSource,
    private readonly settings: MonitoredGpuProviderSettings,
  ) {
    this.id = settings.id;
    this.tracker = new HealthTracker(settings.thermal);
    this.loop = new MonitorLoop(settings.clock, settings.intervalMs, () => this.round());
    this.health = new ListenerSet(settings.logger, () => this.listenersChanged());
    this.status = new ListenerSet(settings.logger, () => this.listenersChanged());
  }

  async discover(signal?: AbortSignal): Promise<GpuDevice[]> {
    this.check(signal);
    const devices = await this.source.discover(signal);
    this.check(signal);
    this.devices = devices;
    return devices.map((device) => ({ ...device }));
  }

  async sample(signal?: AbortSignal): Promise<NvmlGpuSample[]> {
    this.check(signal);
    const devices = this.devices ?? (await this.discover(signal));
    const readings = await this.source.sample(devices, this.settings.clock.now(), signal);
    this.check(signal);
    for (const reading of readings) {
      for (const event of this.tracker.observe(reading)) this.health.emit(event);
    }
    return readings.map((reading) => reading.sample);
  }

  onHealth(listener: (event: GpuHealthEvent) => void): () => void {
    return this.health.add(listener);
  }

  onStatus(listener: (samples: readonly NvmlGpuSample[]) => void): () => void {
    return this.status.add(listener);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    this.loop.stop();
    this.health.clear();
    this.status.clear();
    this.stopWatch();
    await Promise.allSettled([...this.stopping]);
    await this.loop.idle();
    await this.source.close();
  }

  private check(signal: AbortSignal | undefined): void {
    signal?.throwIfAborted();
    if (this.closed) throw new ProviderError(this.id, 'unavailable', 'the provider is closed; create a new one');
  }

  private listenersChanged(): void {
    if (this.closed) return;
    if (this.health.size + this.status.size > 0) this.loop.start();
    else this.loop.stop();
    if (this.health.size > 0) this.startWatch();
    else this.stopWatch();
  }

  private async round(): Promise<void> {
    try {
      const samples = await this.sample();
      this.status.emit(samples);
    } catch (error) {
      if (!this.closed) this.settings.logger.warn('GPU monitoring round failed', { provider: this.id, error: messageOf(error) });
    }
  }

  private startWatch(): void {
    const watchEvents = this.source.watchEvents?.bind(this.source);
    if (this.watch || !watchEvents) return;
    this.watch = (async () => {
      const devices = this.devices ?? (await this.discover());
      return watchEvents(devices, (event) => this.health.emit(event));
    })().catch((error: unknown) => {
      if (!this.closed) this.settings.logger.warn('GPU event watch did not start', { provider: this.id, error: messageOf(error) });
      return undefined;
    });
  }

  private stopWatch(): void {
    const watch = this.watch;
    this.watch = undefined;
    if (!watch) return;
    const stopped = watch
      .then((running) => running?.stop())
      .catch((error: unknown) =>
        this.settings.logger.warn('GPU event watch did not stop cleanly', { provider: this.id, error: messageOf(error) }),
      );
    this.stopping.add(stopped);
    void stopped.finally(() => this.stopping.delete(stopped));
  }
}

/** Wraps a GPU source in the LocalGpuProvider contract, with monitoring and health tracking. */
export function createMonitoredGpuProvider(source: GpuSource, settings: MonitoredGpuProviderSettings): MonitoredGpuProvider {
  return new MonitoredProvider(source, settings);
}
