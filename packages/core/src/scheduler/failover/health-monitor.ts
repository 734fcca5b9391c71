import type { GpuHealth } from '../../engine/fleet/local-gpu-state.js';
import { classifyGpuFailure } from '../../failover/failure-class.js';
import { TemperatureTrend } from '../../failover/temperature-trend.js';
import type { FailureSeverity, GpuHealthEvent, GpuSample } from '../../spec/gpu-device.js';
import type { SchedulerCore } from '../scheduler-core.js';
import { FailoverSignal } from './failover-signal.js';

/** Health a failure class leaves a GPU in (F2): temporary → degraded, persistent → offline, critical → error. */
const healthByClass: Record<FailureSeverity, GpuHealth> = { temporary: 'degraded', persistent: 'offline', critical: 'error' };

const severityOf: Record<GpuHealth, number> = { healthy: 0, degraded: 1, maintenance: 2, offline: 2, error: 3 };

/** Why a GPU is not healthy, as far as the monitor itself may undo it. */
type Cause = 'heartbeat' | 'temporary' | 'temperature' | 'fault';

const causeRank: Record<Cause, number> = { temperature: 0, temporary: 1, heartbeat: 2, fault: 3 };

interface Watch {
  missed: number;
  /** When the current failure began (epoch ms). */
  failingSince?: number;
  lastFailureAt?: number;
  cause?: Cause;
  readonly trend: TemperatureTrend;
}

/**
 * F1, F2, F5 for provider-discovered GPUs: every sample is a heartbeat; missed heartbeats mark a
 * GPU offline; provider health events and error samples are classified (seed 000
 * `_classify_failure`, escalating with the failure's duration); a job on a failing GPU is stopped
 * and failed over; a rising temperature trend marks a GPU degraded before it fails. Self-healing:
 * a GPU offline only for missed heartbeats returns when they resume, and one degraded by a
 * temporary fault returns once it has been quiet for the retry delay. Persistent and critical
 * faults stay until the host restores the GPU (`scheduler.restoreGpu`).
 */
export class HealthMonitor {
  private readonly watches = new Map<string, Watch>();

  constructor(private readonly core: SchedulerCore) {}

  /** A sample arrived for the GPU: a heartbeat. */
  heartbeat(gpuId: string, sample: GpuSample): void {
    const core = this.core;
    const watch = this.watchOf(gpuId);
    watch.missed = 0;
    if (sample.status === 'error') {
      // The seed's `error` status: the GPU answers but cannot be read; it takes no work (critical).
      this.failure(gpuId, { reason: sample.error ?? 'the GPU reports an error', severity: 'critical' }, 'fault');
      core.registry.recordSample(gpuId, sample);
      return;
    }
    core.registry.recordSample(gpuId, sample);
    const now = core.clock.now();
    if (watch.cause === 'heartbeat' || (watch.cause === 'temporary' && this.quietFor(watch, now))) this.heal(gpuId, watch);
    if (sample.temperatureC !== undefined) this.checkTemperature(gpuId, watch, sample.temperatureC, now);
  }

  /** The GPU's provider answered without it, or did not answer at all. */
  missedHeartbeat(gpuId: string): void {
    const watch = this.watchOf(gpuId);
    watch.missed++;
    const limit = this.core.config.failover.missedHeartbeatsOffline;
    if (watch.missed >= limit) this.failure(gpuId, { reason: `missed ${watch.missed} heartbeats in a row` }, 'heartbeat');
  }

  /** A provider's health event (an XID, an NVML error, ECC, overheating). */
  healthEvent(gpuId: string, event: GpuHealthEvent): void {
    this.failure(gpuId, { reason: event.message, severity: event.severity }, event.severity === 'temporary' ? 'temporary' : 'fault');
  }

  /** The host says the GPU is fine again (after a reset or repair). */
  restore(gpuId: string): boolean {
    const watch = this.watches.get(gpuId);
    if (watch !== undefined) {
      watch.missed = 0;
      this.heal(gpuId, watch);
      return true;
    }
    return this.setHealth(gpuId, 'healthy', 'restored by the host') !== undefined;
  }

  private failure(gpuId: string, info: { reason: string; severity?: FailureSeverity }, cause: Cause): void {
    const core = this.core;
    const now = core.clock.now();
    const watch = this.watchOf(gpuId);
    watch.failingSince ??= now;
    watch.lastFailureAt = now;
    const failureClass = classifyGpuFailure(
      { ...info, durationSeconds: (now - watch.failingSince) / 1000 },
      core.config.failover.persistentAfterSeconds,
    );
    // A GPU silent for missed heartbeats is offline whatever the class; a worse class wins over a milder cause.
    const next: Cause = cause === 'heartbeat' ? 'heartbeat' : failureClass === 'temporary' ? 'temporary' : 'fault';
    // Self-healing may undo only the worst cause seen: a GPU in error does not heal when heartbeats resume.
    if (watch.cause === undefined || causeRank[next] > causeRank[watch.cause]) watch.cause = next;
    const target = cause === 'heartbeat' && failureClass !== 'critical' ? 'offline' : healthByClass[failureClass];
    const current = core.registry.get(gpuId)?.health ?? 'healthy';
    // A milder fault never makes a GPU look better than it is.
    if (severityOf[target] >= severityOf[current]) this.setHealth(gpuId, target, info.reason);
    this.stopJobOn(gpuId, failureClass, info.reason);
  }

  /** Stops the job running on the GPU so failover moves it (the GPU is released as the job ends). */
  private stopJobOn(gpuId: string, failureClass: FailureSeverity, reason: string): void {
    const holder = this.core.ledger.holderOf(gpuId);
    const record = holder && this.core.jobs.get(holder.jobId);
    const controller = record?.controller;
    if (controller === undefined || controller.signal.aborted) return;
    controller.abort(new FailoverSignal('gpu-failure', failureClass, { kind: 'local', gpuId }, `GPU ${gpuId} failed: ${reason}`));
  }

  private checkTemperature(gpuId: string, watch: Watch, celsius: number, now: number): void {
    const settings = this.core.config.failover.temperature;
    watch.trend.add(now, celsius);
    const forecast = watch.trend.forecast(settings.limitC);
    if (forecast === undefined) return;
    const atRisk = forecast.secondsToLimit !== undefined && forecast.secondsToLimit <= settings.horizonSeconds;
    const health = this.core.registry.get(gpuId)?.health;
    if (atRisk && health === 'healthy') {
      watch.cause = 'temperature';
      const minutes = Math.round((forecast.secondsToLimit ?? 0) / 60);
      const slope = forecast.slopeCPerMinute.toFixed(1);
      this.setHealth(gpuId, 'degraded', `temperature rising ${slope} °C/min, ${settings.limitC} °C expected in ${minutes} min`);
    } else if (!atRisk && watch.cause === 'temperature') {
      this.heal(gpuId, watch);
    }
  }

  private heal(gpuId: string, watch: Watch): void {
    delete watch.cause;
    delete watch.failingSince;
    this.setHealth(gpuId, 'healthy', 'recovered');
  }

  private quietFor(watch: Watch, now: number): boolean {
    return now - (watch.lastFailureAt ?? 0) >= this.core.config.failover.temporaryRetryDelaySeconds * 1000;
  }

  private setHealth(gpuId: string, health: GpuHealth, reason: string): GpuHealth | undefined {
    const core = this.core;
    const previous = core.registry.setHealth(gpuId, health);
    if (previous !== undefined && previous !== health) {
      core.events.emit('gpu-status-changed', { gpuId, at: core.clock.now(), health, previous, reason });
      core.scheduleTick();
    }
    return previous;
  }

  private watchOf(gpuId: string): Watch {
    let watch = this.watches.get(gpuId);
    if (watch === undefined) {
      watch = { missed: 0, trend: new TemperatureTrend(this.core.config.failover.temperature.samples) };
      this.watches.set(gpuId, watch);
    }
    return watch;
  }
}
