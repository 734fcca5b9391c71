import { AimaError } from '../../errors/aima-error.js';
import { JobFailedError } from '../../errors/job-failed-error.js';
import { classifyJobError, describeError } from '../../failover/error-classification.js';
import { planErrorRecovery } from '../../failover/error-recovery.js';
import { ErrorStatistics } from '../../failover/error-statistics.js';
import { chooseFailoverStrategy, isHighPriority } from '../../failover/failover-strategy.js';
import type { Placement } from '../../spec/job-runner.js';
import { offerBlockSeconds } from '../cloud-placement.js';
import type { JobRecord } from '../job-record.js';
import type { SchedulerCore } from '../scheduler-core.js';
import { FailoverSignal } from './failover-signal.js';
import type { FailoverOrigin, FailoverRecord, FailoverRoute } from './failover-types.js';

/**
 * Decides, when a run ends badly, whether and where the job runs again (F3, F4), records the move
 * in the job's history (F5) and announces it. The job keeps its checkpoint, so it resumes from it.
 */
export class FailoverHandler {
  readonly statistics = new ErrorStatistics();

  constructor(private readonly core: SchedulerCore) {}

  /**
   * Called once per failed run, after its GPU was released or its instance terminated. True when
   * the job will run again (requeued now or after a delay); false when it must fail.
   */
  recover(record: JobRecord, placement: Placement, error: unknown, gpuIds: readonly string[]): boolean {
    if (this.core.closed) return false;
    if (error instanceof FailoverSignal) return this.afterResourceFailure(record, error, gpuIds);
    return this.afterJobError(record, placement, error, gpuIds);
  }

  /** F3: the GPU failed or the instance was interrupted; the seed's table decides by class and priority. */
  private afterResourceFailure(record: JobRecord, signal: FailoverSignal, gpuIds: readonly string[]): boolean {
    const failover = this.core.config.failover;
    const failovers = record.failovers ?? 0;
    if (failovers >= failover.maxFailovers) {
      record.failoverError = new JobFailedError(record.id, `it was moved ${failovers} times and failed again: ${signal.message}`);
      return false;
    }
    record.failovers = failovers + 1;
    const origin = signal.origin;
    const avoidGpuIds = [...(record.route?.avoidGpuIds ?? []), ...(origin.kind === 'local' ? [origin.gpuId] : [])];
    if (origin.kind === 'cloud') this.blockOffer(origin);
    const redistribute = failover.redistribute && isHighPriority(record.spec.priority);
    const strategy = origin.kind === 'cloud' ? 'local-then-cloud' : chooseFailoverStrategy(signal.failureClass, record.spec);
    const delaySeconds = strategy === 'retry-same-gpu' ? failover.temporaryRetryDelaySeconds : 0;
    const route: FailoverRoute =
      strategy === 'retry-same-gpu'
        ? { mode: 'same-gpu', ...(origin.kind === 'local' && { pinGpuId: origin.gpuId }), avoidGpuIds: [], redistribute: false }
        : { mode: strategy === 'other-local' ? 'local' : strategy, avoidGpuIds, redistribute };
    this.move(record, route, gpuIds, {
      trigger: signal.trigger,
      failureClass: signal.failureClass,
      from: origin,
      action: strategy,
      delaySeconds,
      message: signal.message,
    });
    return true;
  }

  /** F4: the runner failed; seed 002's error classes decide between retry, another resource, the cloud, or failing. */
  private afterJobError(record: JobRecord, placement: Placement, error: unknown, gpuIds: readonly string[]): boolean {
    const core = this.core;
    const description = describeError(error);
    const errorClass = classifyJobError(description, core.config.failover);
    const errorKey = this.statistics.record(description, errorClass, record.spec.type, core.clock.now());
    record.errorKeys = [...(record.errorKeys ?? []), errorKey];
    const plan = planErrorRecovery(
      errorClass,
      {
        retries: record.errorRetries ?? 0,
        alternativeTried: record.alternativeTried === true,
        onCloud: placement.kind === 'cloud',
        cloudRestricted: record.spec.confidentiality === 'confidential',
      },
      core.config.failover,
    );
    if (plan.action === 'fail') return false;
    const from = originOf(placement);
    const failed = AimaError.isInstance(error) ? error : new JobFailedError(record.id, description.message, { cause: error });
    const avoidGpuIds = from.kind === 'local' ? [from.gpuId] : [];
    if (from.kind === 'cloud' && plan.action !== 'retry') this.blockOffer(from);
    const common = { trigger: 'job-error' as const, errorClass, from, message: description.message };
    if (plan.action === 'retry') {
      record.errorRetries = plan.retry;
      this.move(record, { mode: 'any', avoidGpuIds: [], redistribute: false }, gpuIds, {
        ...common,
        action: 'retry',
        delaySeconds: plan.delaySeconds,
      });
      return true;
    }
    record.alternativeTried = true;
    const mode = plan.action === 'cloud' ? 'cloud' : 'any';
    const route: FailoverRoute = { mode, avoidGpuIds, redistribute: false, failIfNone: { error: failed } };
    this.move(record, route, gpuIds, { ...common, action: plan.action === 'cloud' ? 'cloud' : 'alternative-resource', delaySeconds: 0 });
    return true;
  }

  /** Records the move, announces it, and queues the job again now or after the delay. */
  private move(
    record: JobRecord,
    route: FailoverRoute,
    gpuIds: readonly string[],
    entry: Omit<FailoverRecord, 'at' | 'attempt' | 'checkpointSequence'>,
  ): void {
    const core = this.core;
    const at = core.clock.now();
    const checkpoint = record.lastCheckpoint;
    const history: FailoverRecord = {
      at,
      attempt: record.attempt,
      ...entry,
      ...(checkpoint !== undefined && { checkpointSequence: checkpoint.sequence }),
    };
    record.failoverHistory = [...(record.failoverHistory ?? []), history];
    record.pendingFailover = history;
    record.route = route;
    delete record.placement;
    record.attempt++;
    core.events.emit('failover-started', {
      jobId: record.id,
      at,
      trigger: history.trigger,
      action: history.action,
      from: history.from,
      delaySeconds: history.delaySeconds,
      message: history.message,
      attempt: record.attempt,
      gpuIds,
      ...(history.failureClass && { failureClass: history.failureClass }),
      ...(history.errorClass && { errorClass: history.errorClass }),
      ...(checkpoint !== undefined && { checkpointId: checkpoint.id }),
    });
    core.logger.warn('a job is failing over', {
      jobId: record.id,
      action: history.action,
      trigger: history.trigger,
      reason: history.message,
    });
    if (history.delaySeconds === 0) {
      core.enqueue(record);
      return;
    }
    core.setState(record, 'queued');
    record.retryTimer = core.clock.setTimer(history.delaySeconds * 1000, () => {
      delete record.retryTimer;
      if (!core.closed && record.state === 'queued') core.enqueue(record);
    });
  }

  private blockOffer(origin: Extract<FailoverOrigin, { kind: 'cloud' }>): void {
    this.core.blockOffer(origin.providerId, origin.offerId, this.core.clock.now() + offerBlockSeconds * 1000);
  }
}

function originOf(placement: Placement): FailoverOrigin {
  if (placement.kind === 'local') return { kind: 'local', gpuId: placement.gpuIds[0] ?? 'unknown' };
  return {
    kind: 'cloud',
    providerId: placement.providerId,
    offerId: placement.offer.offerId,
    ...(placement.instance !== undefined && { instanceId: placement.instance.id }),
  };
}
