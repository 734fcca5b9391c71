import type { CloudOffer } from '../config/cloud-offer.js';
import { adaptHybridThresholds, initialHybridThresholds, type UsageSample } from '../policies/hybrid-threshold/adaptive-thresholds.js';
import type { GpuHealthEvent } from '../spec/gpu-device.js';
import type { Timer } from '../time/clock.js';
import type { SchedulerCore } from './scheduler-core.js';
import type { LocalProviderBinding } from './scheduler-options.js';

/**
 * Keeps the registry and the offer book in step with the providers: discovery at start, samples
 * every monitoring interval, health events as they come, offers every refresh interval, and the
 * hybrid policy's thresholds adapted hourly from the usage history (D5).
 */
export class ProviderSync {
  private readonly timers: Timer[] = [];
  private readonly unsubscribers: Array<() => void> = [];
  private readonly gpuIdsByDevice = new Map<string, string>();
  private readonly usageHistory: UsageSample[] = [];

  constructor(
    private readonly core: SchedulerCore,
    private readonly bindings: readonly LocalProviderBinding[],
  ) {}

  async start(signal?: AbortSignal): Promise<void> {
    this.core.requestOffers = (minVramGb) => this.refreshOffers(undefined, [{ minVramGb }]);
    for (const binding of this.bindings) await this.discover(binding, signal);
    await this.reconcileOrphans(signal);
    await this.refreshOffers(signal);
    const { monitoring, scheduler, policies } = this.core.config;
    // Samples are both metrics (N2) and heartbeats (F1): taken at the shorter of the two intervals.
    const sampleSeconds = Math.min(monitoring.intervalSeconds, this.core.config.failover.heartbeatIntervalSeconds);
    if (this.bindings.length > 0) this.every(sampleSeconds, () => this.sampleAll());
    if (this.core.cloudProviders.size > 0) this.every(scheduler.offerRefreshSeconds, () => this.refreshOffers());
    this.core.hybridThresholds = initialHybridThresholds(policies.hybridThreshold);
    // Only the hybrid-threshold policy reads the adaptive thresholds.
    if (this.core.engine.policy === 'hybrid-threshold')
      this.every(policies.hybridThreshold.updateIntervalSeconds, () => this.adaptThresholds());
  }

  stop(): void {
    for (const timer of this.timers.splice(0)) timer.cancel();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  private every(seconds: number, run: () => Promise<void> | void): void {
    const arm = () => {
      const timer = this.core.clock.setTimer(seconds * 1000, () => {
        this.timers.splice(this.timers.indexOf(timer), 1);
        if (this.core.closed) return;
        void Promise.resolve(run()).finally(() => {
          if (!this.core.closed) arm();
        });
      });
      this.timers.push(timer);
    };
    arm();
  }

  private async discover(binding: LocalProviderBinding, signal?: AbortSignal): Promise<void> {
    const core = this.core;
    for (const device of await binding.provider.discover(signal)) {
      const now = core.clock.now();
      const record = core.registry.register(
        {
          model: device.model,
          vramGb: device.vramGb,
          cudaVersion: device.cudaVersion ?? '0',
          ...(device.computeCapability !== undefined && { computeCapability: device.computeCapability }),
          hostAddress: device.host,
          location: binding.location,
          ...(binding.tags && { tags: [...binding.tags] }),
          ...(binding.accessRestrictions && { accessRestrictions: binding.accessRestrictions }),
          ...(binding.availabilitySchedule && { availabilitySchedule: binding.availabilitySchedule }),
          ...(binding.powerWatts !== undefined && { powerWatts: binding.powerWatts }),
          ...(binding.purchasePriceUsd !== undefined && { purchasePriceUsd: binding.purchasePriceUsd }),
          ...(binding.depreciationYears !== undefined && { depreciationYears: binding.depreciationYears }),
        },
        now,
        { stableKey: device.uuid, providerId: binding.provider.id },
      );
      this.gpuIdsByDevice.set(`${binding.provider.id}\u0000${device.id}`, record.gpu.id);
      core.events.emit('gpu-registered', { gpuId: record.gpu.id, at: now, model: device.model, providerId: binding.provider.id });
    }
    this.unsubscribers.push(binding.provider.onHealth((event) => this.onHealth(binding, event)));
  }

  /** Samples every provider: each sample is a GPU's heartbeat; a GPU without one missed it (F1). */
  private async sampleAll(): Promise<void> {
    const health = this.core.health;
    for (const binding of this.bindings) {
      const samples = await binding.provider.sample().catch((error: unknown) => {
        this.core.logger.warn('sampling local GPUs failed', { provider: binding.provider.id, error: String(error) });
        return [];
      });
      const seen = new Set<string>();
      for (const sample of samples) {
        const gpuId = this.gpuIdsByDevice.get(`${binding.provider.id}\u0000${sample.gpuId}`);
        if (gpuId === undefined) continue;
        seen.add(gpuId);
        health.heartbeat(gpuId, { ...sample, gpuId });
      }
      for (const [device, gpuId] of this.gpuIdsByDevice)
        if (device.startsWith(`${binding.provider.id}\u0000`) && !seen.has(gpuId)) health.missedHeartbeat(gpuId);
    }
  }

  private onHealth(binding: LocalProviderBinding, event: GpuHealthEvent): void {
    const gpuId = this.gpuIdsByDevice.get(`${binding.provider.id}\u0000${event.gpuId}`);
    if (gpuId !== undefined) this.core.health.healthEvent(gpuId, event);
  }

  /**
   * C4 after a restart: every instance carrying our label belongs to no live job of this
   * scheduler (it has none yet), so it is terminated: nothing keeps billing.
   */
  private async reconcileOrphans(signal?: AbortSignal): Promise<void> {
    const core = this.core;
    for (const provider of core.cloudProviders.values()) {
      try {
        for (const instance of await provider.listInstances(core.config.scheduler.instanceLabel, signal)) {
          core.logger.warn('terminating an orphaned cloud instance', { provider: provider.id, instanceId: instance.id });
          await provider.terminate(instance.id, signal);
        }
      } catch (error) {
        core.logger.error('reconciling cloud instances failed; orphans may still bill', { provider: provider.id, error: String(error) });
      }
    }
  }

  /**
   * Offers matching what queued jobs need: one query per distinct VRAM need (the largest eight)
   * plus an open one, merged. A market that pages its answer cheapest-first (Vast) would
   * otherwise never show the large GPUs big jobs need.
   */
  private offerQueries(): Array<{ minVramGb?: number }> {
    const needs = new Set<number>();
    for (const record of this.core.jobs.values()) {
      if (record.state !== 'queued') continue;
      needs.add(record.vramGb);
    }
    const largest = [...needs].sort((a, b) => b - a).slice(0, 8);
    return [{}, ...largest.map((minVramGb) => ({ minVramGb }))];
  }

  /** Reads offers (only `extra` queries when given, merged into the last read) for every provider. */
  private async refreshOffers(signal?: AbortSignal, extra?: Array<{ minVramGb?: number }>): Promise<void> {
    const core = this.core;
    const queries = extra ?? this.offerQueries();
    for (const provider of core.cloudProviders.values()) {
      try {
        const merged = new Map<string, CloudOffer>(
          extra ? (core.offersByProvider.get(provider.id) ?? []).map((offer) => [offer.offerId, offer]) : [],
        );
        for (const query of queries) for (const offer of await provider.listOffers(query, signal)) merged.set(offer.offerId, offer);
        core.offersByProvider.set(provider.id, [...merged.values()]);
      } catch (error) {
        core.logger.warn('reading cloud offers failed; keeping the last ones', { provider: provider.id, error: String(error) });
      }
    }
    core.rebuildOfferBook();
    core.scheduleTick();
  }

  private adaptThresholds(): void {
    const core = this.core;
    const now = core.clock.now();
    this.usageHistory.push({ at: now, localUtilization: core.registry.fleet.utilization() });
    const windowStart = now - core.config.policies.hybridThreshold.historyWindowSeconds * 1000;
    while ((this.usageHistory[0]?.at ?? now) < windowStart) this.usageHistory.shift();
    const current = core.hybridThresholds ?? initialHybridThresholds(core.config.policies.hybridThreshold);
    core.hybridThresholds = adaptHybridThresholds(current, this.usageHistory, now, core.config.policies.hybridThreshold);
  }
}
