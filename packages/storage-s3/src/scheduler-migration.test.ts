import { createScheduler, type JobRunner, type Placement, VirtualClock } from '@aima/core';
import { createSimulatedLocalGpuProvider } from '@aima/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3rverProcess, startS3rver } from './testing-support/s3rver-harness.js';
import { storeOn } from './testing-support/s3rver-store.js';

let server: S3rverProcess;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(async () => {
  await server.close();
});

/** Real S3 I/O runs beside the virtual clock: wait (in real time) until it has happened. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1_000; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a job moves between GPUs through a checkpoint in S3 (issue 7)', () => {
  it('resumes on another simulated GPU from the state saved in the bucket', async () => {
    const { store } = await storeOn(server, { residency: 'on-premises' });
    const clock = new VirtualClock(Date.parse('2026-11-23T08:00:00Z'));
    const local = createSimulatedLocalGpuProvider({
      host: 'node-a',
      gpus: [
        { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' },
        { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' },
      ],
      clock,
    });
    const runs: Array<{ placement: Placement; framesDone: number }> = [];
    // Processes 3 batches of 1,000 frames, 100 s each, and checkpoints the frame count after each.
    const runner: JobRunner = {
      async run(_job, placement, context) {
        const framesDone = context.resumeFrom ? JSON.parse(new TextDecoder().decode(context.resumeFrom.data)).frames : 0;
        runs.push({ placement, framesDone });
        for (let frames = framesDone + 1_000; frames <= 3_000; frames += 1_000) {
          await clock.sleep(100_000, context.signal);
          await context.checkpoint(new TextEncoder().encode(JSON.stringify({ frames })));
        }
        return { output: { resumedAtFrame: framesDone } };
      },
    };
    const scheduler = createScheduler({
      runner,
      clock,
      localProviders: [{ provider: local, location: 'berlin' }],
      storage: { checkpoints: store },
    });
    const checkpoints: number[] = [];
    scheduler.on('job-checkpointed', (event) => checkpoints.push(event.sequence));
    await scheduler.start();
    const handle = scheduler.submit({
      type: 'video',
      confidentiality: 'confidential',
      priority: 'high',
      checkpointable: true,
      estimatedDurationSeconds: 300,
    });
    for (let batch = 1; batch <= 2; batch++) {
      await clock.advanceBy(100_000);
      await until(() => checkpoints.length === batch, `checkpoint ${batch}`);
    }
    const stored = await store.list(`checkpoints/${handle.id}/`);
    expect(stored.items.map((item) => item.key.split('/').slice(-2).join('/'))).toEqual([
      '0000000001/data',
      '0000000001/manifest.json',
      '0000000002/data',
      '0000000002/manifest.json',
    ]);
    const first = runs[0]?.placement;
    if (first?.kind !== 'local') throw new Error('expected a local run');
    const failedIndex = scheduler.snapshot().gpus.findIndex((gpu) => gpu.id === first.gpuIds[0]);
    local.emitHealth({
      gpuId: `sim-node-a-${failedIndex}`,
      source: 'xid',
      code: 79,
      severity: 'critical',
      message: 'XID 79: fallen off the bus',
    });
    await until(() => runs.length === 2, 'the run on the other GPU');
    expect(runs[1]?.framesDone).toBe(2_000);
    expect(runs[1]?.placement).toMatchObject({ kind: 'local' });
    expect(runs[1]?.placement).not.toEqual(first);
    await clock.advanceBy(100_000);
    await expect(handle.result).resolves.toEqual({ output: { resumedAtFrame: 2_000 } });
    expect(scheduler.get(handle.id)?.failoverHistory).toMatchObject([{ action: 'other-local', checkpointSequence: 2, outcome: 'resumed' }]);
    await until(async () => (await store.list('checkpoints/')).items.length === 0, 'the checkpoints deleted after the job');
    await scheduler.close();
    await store.close();
  });
});
