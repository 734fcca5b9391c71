import type { DecisionTarget } from '../engine/decision.js';
import { AimaError } from '../errors/aima-error.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { ProviderError } from '../errors/provider-error.js';
import type { TemporaryArea } from '../locality/temporary-area.js';
import type { CloudGpuProvider } from '../spec/cloud-gpu-provider.js';
import type { CloudInstance } from '../spec/cloud-instance.js';
import { FailoverSignal } from './failover/failover-signal.js';
import { execute, type RunEnd } from './job-execution.js';
import type { JobRecord } from './job-record.js';
import type { SchedulerCore } from './scheduler-core.js';

type CloudTarget = Extract<DecisionTarget, { kind: 'cloud' }>;

/** How long an offer that failed to launch, or whose instance was interrupted, stays blocked. */
export const offerBlockSeconds = 600;

/**
 * Places a job on a cloud offer: launch (idempotent per job and attempt), wait until running,
 * run, and always terminate, so a launched instance is either in use or being terminated (C4).
 * A launch that fails blocks the offer for a while and requeues the job, which then goes to the
 * next candidate; after `failover.maxRetries` attempts the job fails.
 */
export function placeOnCloud(core: SchedulerCore, record: JobRecord, target: CloudTarget): void {
  const provider = core.cloudProviders.get(target.provider);
  const offer = core.offerBook.offers.find((candidate) => candidate.provider === target.provider && candidate.offerId === target.offerId);
  if (provider === undefined || offer === undefined) {
    core.blockOffer(target.provider, target.offerId, core.clock.now() + offerBlockSeconds * 1000);
    core.enqueue(record);
    return;
  }
  core.setState(record, 'starting');
  const controller = new AbortController();
  record.controller = controller;
  const work = core.launches.add(async () => {
    let instance: CloudInstance | undefined;
    let staged: Awaited<ReturnType<typeof core.storage.stageForCloud>> | undefined;
    try {
      controller.signal.throwIfAborted();
      // Inputs move before the launch, so no instance bills while they travel (S3).
      staged = await stageOrFail(core, record, offer.region, controller.signal);
      if (staged === undefined) return;
      instance = await provider.launch(
        {
          key: `${record.id}#${record.attempt}`,
          offerId: offer.offerId,
          image: core.cloudImage ?? '',
          label: core.config.scheduler.instanceLabel,
          env: { AIMA_JOB_ID: record.id },
        },
        controller.signal,
      );
      record.instance = instance;
      const running = await waitUntilRunning(core, provider, instance, controller.signal);
      const watcher = new AbortController();
      const area = staged.area;
      execute(
        core,
        record,
        { kind: 'cloud', providerId: provider.id, offer, instance: running },
        [],
        async (end, seconds) => {
          watcher.abort();
          await Promise.all([endCloudRun(core, record, provider, running, end, seconds), cleanUp(core, record, area)]);
        },
        staged.inputs,
      );
      core.track(watchInstance(core, record, provider, running, watcher.signal));
    } catch (error) {
      if (instance !== undefined) await terminateOrRetry(core, provider, instance);
      await cleanUp(core, record, staged?.area);
      launchFailed(core, record, target, error, controller.signal);
    }
  });
  core.track(work);
}

/**
 * Watches a running instance until its run ends (`until` aborts): through the provider's change
 * push where it has one, else by polling every heartbeat interval. An instance that stops running
 * (spot capacity reclaimed, host lost) stops its job with a FailoverSignal, so the job resumes
 * from its checkpoint elsewhere (F3). A failed poll is not an interruption: the next one decides.
 */
async function watchInstance(
  core: SchedulerCore,
  record: JobRecord,
  provider: CloudGpuProvider,
  instance: CloudInstance,
  until: AbortSignal,
): Promise<void> {
  const controller = record.controller;
  if (controller === undefined) return;
  const interrupt = (found: CloudInstance | undefined) => {
    const status = found === undefined ? 'is gone' : `is ${found.status}`;
    const detail = found?.statusMessage === undefined ? '' : ` (${found.statusMessage})`;
    const origin = { kind: 'cloud' as const, providerId: provider.id, offerId: instance.offerId, instanceId: instance.id };
    controller.abort(new FailoverSignal('cloud-interruption', 'persistent', origin, `instance ${instance.id} ${status}${detail}`));
  };
  if (provider.onInstanceChange !== undefined) {
    const unsubscribe = provider.onInstanceChange((changed) => {
      if (changed.id === instance.id && changed.status !== 'running' && !until.aborted) interrupt(changed);
    });
    until.addEventListener('abort', unsubscribe, { once: true });
    return;
  }
  const interval = core.config.failover.heartbeatIntervalSeconds * 1000;
  while (!until.aborted) {
    try {
      await core.clock.sleep(interval, until);
    } catch {
      return;
    }
    const current = await provider.getInstance(instance.id, until).then(
      (found) => ({ found }),
      () => undefined,
    );
    if (until.aborted || current === undefined || current.found?.status === 'running') continue;
    interrupt(current.found);
    return;
  }
}

/**
 * Stages the job's inputs for the cloud; a failed transfer is the job's failure (a missing input,
 * a store refusing), not the offer's: the job fails with the typed error and undefined is returned.
 */
async function stageOrFail(core: SchedulerCore, record: JobRecord, region: string, signal: AbortSignal) {
  try {
    return await core.storage.stageForCloud(core, record, region, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    delete record.controller;
    const failure = AimaError.isInstance(error) ? error : new JobFailedError(record.id, String(error), { cause: error });
    core.finish(record, { error: failure, state: 'failed' });
    return undefined;
  }
}

/** Deletes a run's staged inputs (S4), whatever the run's end; a failed delete is logged and retried on the next cleanup. */
async function cleanUp(core: SchedulerCore, record: JobRecord, area: TemporaryArea | undefined): Promise<void> {
  if (area === undefined) return;
  const report = await area.cleanup().catch(() => undefined);
  for (const failed of report?.failed ?? [])
    core.logger.warn('deleting staged input failed', { jobId: record.id, key: failed.key, error: failed.message });
}

async function waitUntilRunning(
  core: SchedulerCore,
  provider: CloudGpuProvider,
  instance: CloudInstance,
  signal: AbortSignal,
): Promise<CloudInstance> {
  const deadline = core.clock.now() + core.config.scheduler.cloudStartTimeoutSeconds * 1000;
  let current: CloudInstance | undefined = instance;
  while (current?.status !== 'running') {
    if (current === undefined || current.status === 'failed' || current.status === 'terminated' || current.status === 'stopped') {
      throw new ProviderError(
        provider.id,
        'capacity',
        `instance ${instance.id} ended before it ran (${current?.statusMessage ?? current?.status ?? 'gone'})`,
      );
    }
    if (core.clock.now() >= deadline)
      throw new ProviderError(
        provider.id,
        'capacity',
        `instance ${instance.id} was not running after ${core.config.scheduler.cloudStartTimeoutSeconds} s`,
      );
    await core.clock.sleep(core.config.scheduler.cloudPollSeconds * 1000, signal);
    current = await provider.getInstance(instance.id, signal);
  }
  return current;
}

async function endCloudRun(
  core: SchedulerCore,
  record: JobRecord,
  provider: CloudGpuProvider,
  instance: CloudInstance,
  _end: RunEnd,
  seconds: number,
): Promise<void> {
  const latest = await provider.getInstance(instance.id).catch(() => undefined);
  // A provider that reports nothing, or 0 for an instance that ran at a price, is not believed.
  const estimated = (instance.pricePerHourUsd * seconds) / 3_600;
  const reported = latest?.costSoFarUsd;
  record.costUsd += core.costs.recordCloud(reported !== undefined && reported > 0 ? reported : estimated);
  delete record.instance;
  await terminateOrRetry(core, provider, instance);
}

/**
 * Terminates an instance; if the provider refuses, keeps retrying on the clock (and once more at
 * close) so a launched instance never keeps billing unnoticed (C4).
 */
export async function terminateOrRetry(core: SchedulerCore, provider: CloudGpuProvider, instance: CloudInstance): Promise<void> {
  try {
    await provider.terminate(instance.id);
    core.pendingTerminations.delete(instance.id);
  } catch (error) {
    core.logger.error('terminating a cloud instance failed; retrying', {
      provider: provider.id,
      instanceId: instance.id,
      error: String(error),
    });
    core.pendingTerminations.set(instance.id, { provider, instance });
    if (core.closed) return;
    core.clock.setTimer(core.config.scheduler.cloudPollSeconds * 6 * 1000, () => {
      if (!core.closed && core.pendingTerminations.has(instance.id)) core.track(terminateOrRetry(core, provider, instance));
    });
  }
}

function launchFailed(core: SchedulerCore, record: JobRecord, target: CloudTarget, error: unknown, signal: AbortSignal): void {
  delete record.controller;
  delete record.instance;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    core.finish(record, { error: reason instanceof Error ? reason : new Error(String(reason)), state: 'cancelled' });
    return;
  }
  core.logger.warn('cloud launch failed', { jobId: record.id, provider: target.provider, offerId: target.offerId, error: String(error) });
  core.blockOffer(target.provider, target.offerId, core.clock.now() + offerBlockSeconds * 1000);
  if (record.attempt > core.config.failover.maxRetries) {
    const failure = error instanceof Error ? error : new Error(String(error));
    core.finish(record, { error: failure, state: 'failed' });
    return;
  }
  record.attempt++;
  core.enqueue(record);
}
