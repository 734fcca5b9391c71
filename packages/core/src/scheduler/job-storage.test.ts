import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobSpecInput } from '../config/job-spec.js';
import type { SchedulerConfigInput } from '../config/scheduler-config.js';
import type { JobContext, JobRunner, Placement } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import { createFilesystemObjectStore } from '../storage/filesystem-object-store.js';
import { createSimulatedCloudProvider } from '../testing/simulated/simulated-cloud-provider.js';
import { createSimulatedLocalGpuProvider } from '../testing/simulated/simulated-local-gpu-provider.js';
import { VirtualClock } from '../time/virtual-clock.js';
import type { SchedulerStorage } from './job-storage.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import { offer, start } from './scheduler-test-fixtures.js';

const directories: string[] = [];
const schedulers: Scheduler[] = [];
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function store(residency: 'on-premises' | 'off-premises' = 'on-premises'): ObjectStore {
  const root = mkdtempSync(join(tmpdir(), 'aima-job-storage-'));
  directories.push(root);
  return createFilesystemObjectStore({ root, residency });
}

async function keys(objects: ObjectStore, prefix: string): Promise<string[]> {
  return (await objects.list(prefix)).items.map((item) => item.key);
}

/** Real file I/O runs beside the virtual clock: wait (in real time) until it has happened. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface Run {
  readonly attempt: number;
  readonly placement: Placement;
  readonly resumedAt: number;
  readonly inputs: JobContext['inputs'];
  readonly outputs: JobContext['outputs'];
}

/** Three steps of 100 s, a checkpoint after each; resumes after the step in its checkpoint. */
function steppingRunner(clock: VirtualClock, runs: Run[]): JobRunner {
  return {
    async run(job, placement, context) {
      const resumedAt = context.resumeFrom ? Number(new TextDecoder().decode(context.resumeFrom.data)) : 0;
      runs.push({ attempt: job.attempt, placement, resumedAt, inputs: context.inputs, outputs: context.outputs });
      for (let step = resumedAt + 1; step <= 3; step++) {
        await clock.sleep(100_000, context.signal);
        await context.checkpoint(new TextEncoder().encode(String(step)));
      }
      return { output: { resumedAt } };
    },
  };
}

async function setup(options: { gpus: number; storage: SchedulerStorage; offers?: boolean; config?: SchedulerConfigInput }) {
  const clock = new VirtualClock(start);
  const runs: Run[] = [];
  const local = createSimulatedLocalGpuProvider({
    host: 'node-a',
    gpus: Array.from({ length: options.gpus }, () => ({ model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' })),
    clock,
  });
  const cloud = createSimulatedCloudProvider({
    id: 'sim',
    offers: options.offers ? [offer('eu', 0.5)] : [],
    clock,
    provisioningSeconds: 60,
  });
  const scheduler = createScheduler({
    runner: steppingRunner(clock, runs),
    clock,
    localProviders: [{ provider: local, location: 'berlin' }],
    cloudProviders: [cloud],
    cloudImage: 'img',
    storage: options.storage,
    ...(options.config && { config: options.config }),
  });
  schedulers.push(scheduler);
  const checkpointed: number[] = [];
  scheduler.on('job-checkpointed', (event) => checkpointed.push(event.sequence));
  await scheduler.start();
  return { clock, scheduler, local, cloud, runs, checkpointed };
}

const job = (extra: Partial<JobSpecInput> = {}): JobSpecInput => ({
  type: 'video',
  confidentiality: 'internal',
  priority: 'high',
  checkpointable: true,
  estimatedDurationSeconds: 300,
  ...extra,
});

describe('checkpoints through the checkpoint store (S2)', () => {
  it('a job moved to another GPU resumes from the newest complete checkpoint in the store; its checkpoints are deleted at the end', async () => {
    const checkpoints = store();
    const h = await setup({ gpus: 2, storage: { checkpoints } });
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(100_000);
    await until(() => h.checkpointed.length === 1, 'checkpoint 1');
    await h.clock.advanceBy(100_000);
    await until(() => h.checkpointed.length === 2, 'checkpoint 2');
    expect(await keys(checkpoints, `checkpoints/${handle.id}/`)).toHaveLength(4);
    // The newest checkpoint is damaged in the store: the one before it must win.
    await checkpoints.put(`checkpoints/${handle.id}/0000000002/data`, new TextEncoder().encode('9'));
    const first = h.runs[0]?.placement;
    if (first?.kind !== 'local') throw new Error('expected a local run');
    h.local.emitHealth({
      gpuId: `sim-node-a-${h.scheduler.snapshot().gpus.findIndex((gpu) => gpu.id === first.gpuIds[0])}`,
      source: 'xid',
      code: 13,
      severity: 'temporary',
      message: 'XID 13',
    });
    await until(() => h.runs.length === 2, 'the second run');
    expect(h.runs[1]).toMatchObject({ attempt: 2, resumedAt: 1, placement: { kind: 'local' } });
    expect(h.runs[1]?.placement).not.toEqual(first);
    for (let step = 0; step < 2; step++) {
      const seen = h.checkpointed.length;
      await h.clock.advanceBy(100_000);
      await until(() => h.checkpointed.length === seen + 1, 'a checkpoint after resuming');
    }
    expect(await handle.result).toEqual({ output: { resumedAt: 1 } });
    await until(async () => (await keys(checkpoints, 'checkpoints/')).length === 0, 'checkpoints deleted');
  });

  it("keeps a confidential job's checkpoints in memory when the store is off premises", async () => {
    const checkpoints = store('off-premises');
    const h = await setup({ gpus: 1, storage: { checkpoints } });
    const handle = h.scheduler.submit(job({ confidentiality: 'confidential' }));
    await h.clock.advanceBy(300_000);
    await expect(handle.result).resolves.toEqual({ output: { resumedAt: 0 } });
    expect(h.checkpointed).toEqual([1, 2, 3]);
    expect(await keys(checkpoints, '')).toEqual([]);
  });
});

describe('outputs placed by the next step (S3)', () => {
  it("tells the runner to write outputs where the next step runs, else at the job's own site", async () => {
    const h = await setup({ gpus: 1, storage: {} });
    const chained = h.scheduler.submit(job({ nextSteps: [{ location: 'eu-west' }, { location: 'EU-WEST' }, {}] }));
    const alone = h.scheduler.submit(job({ nextSteps: [{}] }));
    const plain = h.scheduler.submit(job());
    await h.clock.advanceBy(900_000);
    await Promise.all([chained.result, alone.result, plain.result]);
    expect(h.runs.map((run) => run.outputs?.locations)).toEqual([['eu-west'], ['berlin'], undefined]);
  });
});

describe('inputs staged for a cloud run (S3, S4)', () => {
  const inputBytes = new TextEncoder().encode('frame '.repeat(1_000));
  const config: SchedulerConfigInput = { storage: { transferAheadThresholdBytes: 1_024 } };

  it('moves large inputs to the staging store before the launch, compressed, with transfer events, and deletes them after the run', async () => {
    const media = store();
    const staging = store('off-premises');
    await media.put('media/clip.txt', inputBytes, { contentType: 'text/plain' });
    await media.put('media/small.txt', new TextEncoder().encode('tiny'));
    const h = await setup({ gpus: 0, offers: true, storage: { media, staging }, config });
    const transfers: string[] = [];
    h.scheduler.on('transfer-started', (event) => transfers.push(`started ${event.key}`));
    h.scheduler.on('transfer-completed', (event) => transfers.push(`completed ${event.key} ${event.bytes}→${event.storedBytes}`));
    const handle = h.scheduler.submit(
      job({
        confidentiality: 'public',
        media: {
          inputs: [
            { key: 'media/clip.txt', sizeBytes: inputBytes.byteLength, contentType: 'text/plain' },
            { key: 'media/small.txt', sizeBytes: 4 },
          ],
        },
      }),
    );
    await until(() => h.cloud.liveInstances().length === 1, 'the launch');
    expect(transfers).toEqual([
      expect.stringMatching(/^started media\/clip.txt$/),
      expect.stringMatching(/^completed media\/clip.txt 6000→\d+$/),
    ]);
    await h.clock.advanceBy(60_000);
    await until(() => h.runs.length === 1, 'the cloud run');
    const inputs = h.runs[0]?.inputs ?? [];
    expect(inputs).toMatchObject([
      { key: 'media/clip.txt', mode: 'ahead', compressed: true },
      { key: 'media/small.txt', mode: 'on-demand' },
    ]);
    const stagedKey = inputs[0]?.stagedKey ?? '';
    const stream = await staging.get(stagedKey);
    const bytes = Buffer.from(await new Response(stream).arrayBuffer());
    expect(gunzipSync(bytes)).toEqual(Buffer.from(inputBytes));
    for (let step = 0; step < 3; step++) {
      const seen = h.checkpointed.length;
      await h.clock.advanceBy(100_000);
      await until(() => h.checkpointed.length === seen + 1, 'a checkpoint');
    }
    await expect(handle.result).resolves.toBeDefined();
    await until(async () => (await keys(staging, '')).length === 0, 'the staging area cleaned');
    expect(await keys(media, 'media/')).toHaveLength(2);
  });

  it('fails the job with a typed error when an input is missing, before any instance is launched', async () => {
    const media = store();
    const staging = store('off-premises');
    const h = await setup({ gpus: 0, offers: true, storage: { media, staging }, config });
    const handle = h.scheduler.submit(job({ confidentiality: 'public', media: { inputs: [{ key: 'media/gone.mp4', sizeBytes: 5_000 }] } }));
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AIMA_TRANSFER' });
    expect(h.cloud.liveInstances()).toEqual([]);
    expect(await keys(staging, '')).toEqual([]);
  });
});
