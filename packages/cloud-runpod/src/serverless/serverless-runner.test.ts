import { ConfigError, ProviderError, ValidationError } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runpodFaults } from '../fake/fake-faults.js';
import { workerError } from '../fake/fake-serverless.js';
import { everythingPrintable, rejectionOf, secretKey } from '../test-support/harness.js';
import {
  cloudPlacement,
  endpointId,
  jobNamed,
  type RunnerHarness,
  recordingContext,
  startRunnerHarness,
} from '../test-support/runner-harness.js';
import { driveUntil } from '../testing/drive-clock.js';
import { ServerlessJobError } from './serverless-job-error.js';
import { createRunpodServerlessRunner } from './serverless-runner.js';

let harness: RunnerHarness;
afterEach(async () => {
  await harness.close();
});

const serverlessRequests = () => harness.fake.requests.filter((request) => request.surface === 'serverless');

describe('RunPod serverless runner: job states', () => {
  it('submits the job through runpod-sdk, reports queued → running → completed, and resolves with output and metrics', async () => {
    harness = await startRunnerHarness({ 'job-1': { queueMs: 2_000, runMs: 5_000, output: { labels: ['cat'] } } });
    const context = recordingContext();
    const result = await harness.settle(harness.runner.run(jobNamed('job-1'), cloudPlacement, context));
    expect(result).toEqual({ output: { labels: ['cat'] }, metrics: { queueMs: 2_000, executionMs: expect.any(Number) } });
    expect(context.progress.calls.map((call) => call.fraction)).toEqual([0, 0, 1]);
    expect(context.progress.calls.map((call) => call.message)).toEqual([
      `queued on RunPod endpoint ${endpointId}`,
      'running on a RunPod worker',
      'completed on RunPod',
    ]);
    const [run] = serverlessRequests();
    expect(run).toMatchObject({ method: 'POST', path: `/v2/${endpointId}/run`, authorized: true });
    expect(run?.userAgent).toMatch(/^RunPod-JS-SDK\//);
    expect(run?.body).toEqual({ input: { jobId: 'job-1', spec: jobNamed('job-1').spec, attempt: 1 } });
    expect(
      serverlessRequests()
        .slice(1)
        .every((request) => request.operation === 'status'),
    ).toBe(true);
  });

  it('rejects a FAILED job with the worker error message', async () => {
    harness = await startRunnerHarness({
      'job-2': { outcome: 'FAILED', error: workerError('CUDA out of memory', "<class 'torch.OutOfMemoryError'>") },
    });
    const error = await rejectionOf(harness.settle(harness.runner.run(jobNamed('job-2'), cloudPlacement, recordingContext())));
    expect(ServerlessJobError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      phase: 'failed',
      code: 'AIMA_RUNPOD_JOB',
      workerError: { message: 'CUDA out of memory', type: "<class 'torch.OutOfMemoryError'>" },
    });
    expect(String(error)).toMatch(/RunPod job .+-u1 failed: CUDA out of memory/);
  });

  it('rejects a FAILED job whose error is a plain string', async () => {
    harness = await startRunnerHarness({ 'job-3': { outcome: 'FAILED', error: 'Invalid parameter: width must be divisible by 64' } });
    const error = await rejectionOf(harness.settle(harness.runner.run(jobNamed('job-3'), cloudPlacement, recordingContext())));
    expect(String(error)).toContain('failed: Invalid parameter: width must be divisible by 64');
  });

  it('passes the execution timeout to RunPod and rejects a TIMED_OUT job', async () => {
    harness = await startRunnerHarness({ 'job-4': { outcome: 'RUNS_FOREVER' } }, { executionTimeoutMs: 30_000, ttlMs: 600_000 });
    const error = await rejectionOf(harness.settle(harness.runner.run(jobNamed('job-4'), cloudPlacement, recordingContext())));
    expect(error).toMatchObject({ phase: 'timed-out' });
    expect(String(error)).toContain('timed out');
    expect(serverlessRequests()[0]?.body).toMatchObject({ policy: { executionTimeout: 30_000, ttl: 600_000 } });
  });

  it('rejects a job cancelled on RunPod by someone else', async () => {
    harness = await startRunnerHarness({ 'job-5': { outcome: 'RUNS_FOREVER' } });
    const running = rejectionOf(harness.runner.run(jobNamed('job-5'), cloudPlacement, recordingContext()));
    await driveUntil(
      () => [...harness.fake.serverless.jobs.values()].some((job) => harness.fake.serverless.status(job) === 'IN_PROGRESS'),
      {
        clock: harness.clock,
        fake: harness.fake,
      },
    );
    for (const job of harness.fake.serverless.jobs.values()) job.cancelledAt = harness.clock.now();
    await driveUntil(() => harness.fake.serverless.settled(), { clock: harness.clock, fake: harness.fake });
    expect(await running).toMatchObject({ phase: 'cancelled' });
  });

  it('cancels the RunPod job when the signal aborts, rejecting at once with the reason', async () => {
    harness = await startRunnerHarness({ 'job-6': { outcome: 'RUNS_FOREVER' } });
    const controller = new AbortController();
    const running = rejectionOf(harness.runner.run(jobNamed('job-6'), cloudPlacement, recordingContext(controller.signal)));
    await driveUntil(() => serverlessRequests().filter((request) => request.operation === 'status').length >= 2, {
      clock: harness.clock,
      fake: harness.fake,
    });
    const reason = new Error('preempted');
    controller.abort(reason);
    expect(await running).toBe(reason);
    await driveUntil(() => harness.fake.serverless.settled(), { clock: harness.clock, fake: harness.fake });
    const [job] = harness.fake.serverless.jobs.values();
    expect(job && harness.fake.serverless.status(job)).toBe('CANCELLED');
    expect(serverlessRequests().at(-1)).toMatchObject({ method: 'POST', operation: 'cancel' });
  });

  it('cancels a job whose /run answer arrives after the abort', async () => {
    harness = await startRunnerHarness({ 'job-7': { outcome: 'RUNS_FOREVER' } });
    const controller = new AbortController();
    const running = rejectionOf(harness.runner.run(jobNamed('job-7'), cloudPlacement, recordingContext(controller.signal)));
    controller.abort(new Error('cancelled by the user'));
    expect(String(await running)).toContain('cancelled by the user');
    await driveUntil(() => harness.fake.serverless.settled(), { clock: harness.clock, fake: harness.fake, maxSteps: 200 });
    expect([...harness.fake.serverless.jobs.values()].map((job) => harness.fake.serverless.status(job))).toEqual(['CANCELLED']);
  });
});

describe('RunPod serverless runner: streaming', () => {
  it('polls /stream, hands every chunk to onStreamOutput, reports chunk progress, then reads the final output', async () => {
    const chunks: unknown[] = [];
    harness = await startRunnerHarness(
      { 'job-8': { runMs: 8_000, stream: [{ text: 'a' }, { progress: 0.5, message: 'half way' }, { text: 'b' }], output: 'ab' } },
      { stream: true, onStreamOutput: (output, jobId) => chunks.push({ jobId, output }) },
    );
    const context = recordingContext();
    const result = await harness.settle(harness.runner.run(jobNamed('job-8'), cloudPlacement, context));
    expect(result.output).toBe('ab');
    expect(chunks).toEqual([
      { jobId: 'job-8', output: { text: 'a' } },
      { jobId: 'job-8', output: { progress: 0.5, message: 'half way' } },
      { jobId: 'job-8', output: { text: 'b' } },
    ]);
    expect(context.progress.calls).toContainEqual({ fraction: 0.5, message: 'half way' });
    expect(context.progress.calls.at(-1)?.fraction).toBe(1);
    const stream = serverlessRequests().find((request) => request.operation === 'stream');
    expect(stream?.userAgent).toMatch(/^aima-cloud-runpod\//);
  });
});

describe('RunPod serverless runner: transient errors', () => {
  it('retries 429 (Retry-After) and 5xx on status polls, and a 429 on /run', async () => {
    harness = await startRunnerHarness();
    harness.fake.faults.add(
      runpodFaults.rateLimited({ surface: 'serverless', operation: 'run' }, 2),
      runpodFaults.rateLimited({ surface: 'serverless', operation: 'status' }, 3),
      runpodFaults.serverError({ surface: 'serverless', operation: 'status' }, 502, 2),
    );
    const result = await harness.settle(harness.runner.run(jobNamed('job-9'), cloudPlacement, recordingContext()));
    expect(result.output).toEqual({ echo: expect.objectContaining({ jobId: 'job-9' }) });
    expect(serverlessRequests().filter((request) => request.operation === 'run')).toHaveLength(2);
    expect(harness.fake.faults.pending).toBe(0);
  });

  it('does not repeat /run after a 5xx (the job may exist) and fails with a transient ProviderError', async () => {
    harness = await startRunnerHarness();
    harness.fake.faults.add(runpodFaults.serverError({ surface: 'serverless', operation: 'run' }, 500, 3));
    const error = await rejectionOf(harness.settle(harness.runner.run(jobNamed('job-10'), cloudPlacement, recordingContext())));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'transient', status: 500, operation: 'submit job' });
    expect(serverlessRequests()).toHaveLength(1);
  });

  it('gives up on status after the retries and cancels the job so it does not run on unobserved', async () => {
    harness = await startRunnerHarness({ 'job-11': { outcome: 'RUNS_FOREVER' } }, { retry: { maxAttempts: 2 } });
    harness.fake.faults.add(runpodFaults.serverError({ surface: 'serverless', operation: 'status' }, 503, 2));
    const error = await rejectionOf(harness.settle(harness.runner.run(jobNamed('job-11'), cloudPlacement, recordingContext())));
    expect(error).toMatchObject({ kind: 'transient', status: 503, operation: 'read job status' });
    await driveUntil(() => harness.fake.serverless.settled(), { clock: harness.clock, fake: harness.fake });
    expect(serverlessRequests().at(-1)?.operation).toBe('cancel');
  });
});

describe('RunPod serverless runner: bad input, before any request', () => {
  it('refuses malformed endpoint ids with a ValidationError and a missing key with a ConfigError', async () => {
    harness = await startRunnerHarness();
    for (const bad of ['AimaFake01', '../aimafake01', 'aima fake', '', 'https://api.runpod.ai/v2/x', '-x', 'x'.repeat(65)]) {
      expect(() => createRunpodServerlessRunner({ endpointId: bad, apiKey: secretKey }), bad).toThrow(ValidationError);
    }
    expect(() => createRunpodServerlessRunner({ endpointId: 'black-forest-labs-flux-1-schnell', apiKey: secretKey })).not.toThrow();
    expect(() => createRunpodServerlessRunner({ endpointId })).toThrow(ConfigError);
    expect(() => createRunpodServerlessRunner({ endpointId, apiKey: ' ' })).toThrow(/RunPod API key/);
    expect(harness.fake.requests).toHaveLength(0);
  });

  it('refuses confidential jobs, local placements and oversized inputs', async () => {
    harness = await startRunnerHarness();
    const context = recordingContext();
    expect(await rejectionOf(harness.runner.run(jobNamed('job-12', 'confidential'), cloudPlacement, context))).toBeInstanceOf(
      ValidationError,
    );
    expect(
      await rejectionOf(harness.runner.run(jobNamed('job-12'), { kind: 'local', gpuIds: ['gpu-1'], hostAddress: 'localhost' }, context)),
    ).toBeInstanceOf(ValidationError);
    const huge = {
      ...context,
      resumeFrom: { id: 'cp-1', jobId: 'job-12', sequence: 1, createdAt: 0, sizeBytes: 8_000_000, data: new Uint8Array(8_000_000) },
    };
    expect(String(await rejectionOf(harness.runner.run(jobNamed('job-12'), cloudPlacement, huge)))).toContain('at most 10 MB');
    expect(harness.fake.requests).toHaveLength(0);
  });

  it('sends a checkpoint to resume from as base64', async () => {
    harness = await startRunnerHarness();
    const context = {
      ...recordingContext(),
      resumeFrom: { id: 'cp-2', jobId: 'job-13', sequence: 2, createdAt: 5, sizeBytes: 3, data: new Uint8Array([1, 2, 3]) },
    };
    await harness.settle(harness.runner.run({ ...jobNamed('job-13'), attempt: 2 }, cloudPlacement, context));
    expect(serverlessRequests()[0]?.body).toMatchObject({
      input: { attempt: 2, resumeFrom: { id: 'cp-2', sequence: 2, sizeBytes: 3, dataBase64: 'AQID' } },
    });
  });
});

describe('RunPod serverless runner: secrets and health', () => {
  it('never puts the key in errors or logs, even though runpod-sdk errors carry the request headers', async () => {
    harness = await startRunnerHarness();
    const wrongKey = createRunpodServerlessRunner({
      endpointId,
      apiKey: `${secretKey}-wrong`,
      baseUrl: harness.fake.serverlessUrl,
      logger: harness.logger,
    });
    const errors = [
      await rejectionOf(wrongKey.run(jobNamed('job-14'), cloudPlacement, recordingContext())),
      await rejectionOf(wrongKey.health()),
    ];
    harness.fake.faults.add({
      match: { surface: 'serverless', operation: 'run' },
      respond: { status: 400, body: { error: `bad key ${secretKey}` } },
    });
    errors.push(await rejectionOf(harness.runner.run(jobNamed('job-15'), cloudPlacement, recordingContext())));
    expect(errors[0]).toMatchObject({ kind: 'auth', status: 401 });
    for (const error of errors) expect(await everythingPrintable(error)).not.toContain(secretKey);
    expect(harness.logger.lines.join('\n')).not.toContain(secretKey);
    wrongKey.close();
  });

  it('reads the endpoint health', async () => {
    harness = await startRunnerHarness();
    await harness.settle(harness.runner.run(jobNamed('job-16'), cloudPlacement, recordingContext()));
    expect(await harness.runner.health()).toMatchObject({ jobs: { completed: 1, inQueue: 0 }, workers: { idle: 1 } });
  });
});
