import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { parseCloudOffer, parseGpuRegistration } from './parse-entities.js';

const valid = { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4', hostAddress: '10.0.0.5', location: 'on-prem-berlin' };

function pathsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues.map((issue) => issue.path);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseGpuRegistration', () => {
  it('applies the seed defaults (24/7, no restrictions, 3-year depreciation)', () => {
    expect(parseGpuRegistration(valid)).toEqual({
      ...valid,
      availabilitySchedule: '24/7',
      accessRestrictions: { tenants: [], roles: [] },
      tags: [],
      depreciationYears: 3,
    });
  });

  it('accepts time windows, restrictions and a benchmark profile in the seed JSON shape', () => {
    const gpu = parseGpuRegistration({
      ...valid,
      availabilitySchedule: [{ days: ['mon', 'tue'], start: '22:00', end: '06:00', utcOffsetMinutes: 60 }],
      accessRestrictions: { tenants: ['acme'], roles: ['ml-engineer'] },
      benchmarkResults: {
        general: { fp32_gflops: 82580, fp16_gflops: 165160, memory_bandwidth_gbps: 1008 },
        model_specific: { yolov8x: { inference_time_ms: 12.5, max_batch_size: 16, memory_usage_mb: 4200, throughput_fps: 80 } },
      },
    });
    expect(gpu.availabilitySchedule).toEqual([{ days: ['mon', 'tue'], start: '22:00', end: '06:00', utcOffsetMinutes: 60 }]);
    expect(gpu.benchmarkResults?.model_specific?.yolov8x?.throughput_fps).toBe(80);
  });

  it.each([
    ['negative VRAM', { ...valid, vramGb: -24 }, 'vramGb'],
    ['zero VRAM', { ...valid, vramGb: 0 }, 'vramGb'],
    ['bad id', { ...valid, id: 'gpu-1' }, 'id'],
    ['bad CUDA', { ...valid, cudaVersion: 'latest' }, 'cudaVersion'],
    ['bad compute capability', { ...valid, computeCapability: '8' }, 'computeCapability'],
    ['bad window time', { ...valid, availabilitySchedule: [{ days: ['mon'], start: '25:00', end: '06:00' }] }, 'availabilitySchedule'],
    ['empty window', { ...valid, availabilitySchedule: [{ days: ['mon'], start: '06:00', end: '06:00' }] }, 'availabilitySchedule'],
    ['unknown weekday', { ...valid, availabilitySchedule: [{ days: ['monday'], start: '06:00', end: '07:00' }] }, 'availabilitySchedule'],
    ['empty host', { ...valid, hostAddress: ' ' }, 'hostAddress'],
    ['unknown field', { ...valid, vram: 24 }, ''],
  ])('rejects %s', (_name, input, path) => {
    const paths = pathsOf(() => parseGpuRegistration(input));
    expect(paths.some((candidate) => candidate === path || candidate.startsWith(`${path}.`))).toBe(true);
  });
});

describe('parseCloudOffer', () => {
  const offer = {
    provider: 'vast',
    offerId: '123',
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb: 24,
    pricePerHourUsd: 0.4,
    region: 'eu-central',
    reliability: 0.98,
    uploadMbps: 500,
    downloadMbps: 800,
    interruptible: false,
  };

  it('accepts an offer and defaults verified and tags', () => {
    expect(parseCloudOffer(offer)).toEqual({ ...offer, verified: false, tags: [] });
  });

  it.each([
    ['reliability above 1', { ...offer, reliability: 1.2 }, 'reliability'],
    ['fractional GPU count', { ...offer, gpuCount: 1.5 }, 'gpuCount'],
    ['negative price', { ...offer, pricePerHourUsd: -1 }, 'pricePerHourUsd'],
    ['missing region', { ...offer, region: undefined }, 'region'],
  ])('rejects %s', (_name, input, path) => {
    expect(pathsOf(() => parseCloudOffer(input))).toContain(path);
  });
});
