import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genaiFleet } from './genai-fleet.js';
import { genaiPriority, genaiVramGb, mapGenaiRequests, parseGenaiRequests } from './genai-jobs.js';
import { traceEpochMs } from './mapping-rules.js';
import { defaultDataDir, tracePaths } from './trace-files.js';

const header =
  'gmt_create,predict_type,predict_status,exec_time_seconds,groupId,prompt_length,negative_prompt_length,num_images_per_prompt,num_inference_steps,checkpoint_model_version_id,num_lora';
const csv = [
  header,
  '2024-11-15 16:57:50,TXT_2_IMG,SUCCEED,32.0,G0000,63.0,26.0,1.0,30.0,M0000,0',
  '2024-11-15 16:58:00,TXT_2_IMG,FAILED,3.0,G0001,63.0,26.0,1.0,30.0,M0000,0',
  '2024-11-15 16:59:50,IMG_2_IMG,SUCCEED,20.0,G0002,63.0,26.0,1.0,30.0,M0000,0',
  '2024-11-15 17:57:50,TXT_2_IMG,SUCCEED,45.0,G0000,63.0,26.0,4.0,30.0,M0000,0',
  '2024-11-15 17:58:50,INPAINTING,PENDING,9.0,G0003,63.0,,,30.0,M0000,0',
].join('\n');

describe('GenAI mapping (evaluation.md §4)', () => {
  const trace = mapGenaiRequests(parseGenaiRequests(csv), { confidentialPercent: 0 });

  it('keeps SUCCEED requests and counts the rest by status', () => {
    expect(trace.rows).toBe(5);
    expect(trace.jobs).toHaveLength(3);
    expect(trace.dropped).toEqual({ 'status FAILED': 1, 'status PENDING': 1 });
  });

  it('submits at gmt_create from the fixed epoch and runs exec_time_seconds', () => {
    expect(trace.jobs.map((job) => job.submitAt - traceEpochMs)).toEqual([0, 120_000, 3_600_000]);
    expect(trace.jobs.map((job) => job.runSeconds)).toEqual([32, 20, 45]);
    expect(trace.jobs.every((job) => job.spec.type === 'image')).toBe(true);
    expect(trace.jobs.map((job) => job.spec.tenant)).toEqual(['G0000', 'G0002', 'G0000']);
  });

  it.each([
    ['TXT_2_IMG', 1, 'high'],
    ['TXT_2_IMG', 4, 'normal'],
    ['IMG_2_IMG', 1, 'normal'],
    ['INPAINTING', 1, 'normal'],
  ] as const)('%s with %d image(s) is %s', (predictType, images, priority) => {
    expect(genaiPriority({ predictType, images })).toBe(priority);
  });

  it.each([
    [1, 12],
    [2, 16],
    [3, 16],
    [4, 24],
    [8, 24],
  ])('%d image(s) need %d GB', (images, vram) => {
    expect(genaiVramGb(images)).toBe(vram);
  });

  it('builds the assumed RTX 4090 fleet', () => {
    expect(genaiFleet(3).map((gpu) => [gpu.id, gpu.vramGb, gpu.purchasePriceUsd])).toEqual([
      ['gpu_00000000', 24, 1_599],
      ['gpu_00000001', 24, 1_599],
      ['gpu_00000002', 24, 1_599],
    ]);
  });

  const requestsPath = join(defaultDataDir, tracePaths.requests);
  it.skipIf(!existsSync(requestsPath))('maps the real request trace: 26,823 requests → 26,392 jobs', () => {
    const real = mapGenaiRequests(parseGenaiRequests(readFileSync(requestsPath, 'utf8')));
    expect(real.rows).toBe(26_823);
    expect(real.jobs).toHaveLength(26_392);
    expect(real.dropped).toEqual({ 'status FAILED': 398, 'status PENDING': 30, 'status PROCESSING': 3 });
  });
});
