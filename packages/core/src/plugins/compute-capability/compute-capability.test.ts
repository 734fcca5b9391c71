import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testGpuClass, testJob, testOffer } from '../plugin-test-fixtures.js';
import { computeCapabilityPlugin } from './compute-capability.js';

interface Row {
  readonly name: string;
  /** What the job requires. */
  readonly required: { cudaVersion?: string; computeCapability?: string };
  /** What the target states; `undefined` means it does not say. */
  readonly cudaVersion: string | undefined;
  readonly computeCapability: string | undefined;
  readonly expected: { reason: string; detail: string } | 'pass';
}

const rows: readonly Row[] = [
  { name: 'no requirement, everything stated', required: {}, cudaVersion: '11.8', computeCapability: '7.5', expected: 'pass' },
  {
    name: 'no requirement, compute capability not stated',
    required: {},
    cudaVersion: '11.8',
    computeCapability: undefined,
    expected: 'pass',
  },
  { name: 'CUDA newer than needed', required: { cudaVersion: '12.1' }, cudaVersion: '12.4', computeCapability: '8.9', expected: 'pass' },
  { name: 'CUDA exactly as needed', required: { cudaVersion: '12.1' }, cudaVersion: '12.1', computeCapability: '8.9', expected: 'pass' },
  { name: 'CUDA 12.1.1 vs 12.1', required: { cudaVersion: '12.1' }, cudaVersion: '12.1.1', computeCapability: '8.9', expected: 'pass' },
  {
    name: 'CUDA compared numerically, 12.10 > 12.9',
    required: { cudaVersion: '12.9' },
    cudaVersion: '12.10',
    computeCapability: '8.9',
    expected: 'pass',
  },
  {
    name: 'CUDA too old',
    required: { cudaVersion: '12.1' },
    cudaVersion: '11.8',
    computeCapability: '8.9',
    expected: { reason: 'CUDA version too old', detail: 'CUDA 11.8 < 12.1 needed' },
  },
  {
    name: 'CUDA 12 is 12.0, older than 12.1',
    required: { cudaVersion: '12.1' },
    cudaVersion: '12',
    computeCapability: '8.9',
    expected: { reason: 'CUDA version too old', detail: 'CUDA 12 < 12.1 needed' },
  },
  {
    name: 'CUDA 12.9 is older than 12.10 (numeric, not lexical)',
    required: { cudaVersion: '12.10' },
    cudaVersion: '12.9',
    computeCapability: '8.9',
    expected: { reason: 'CUDA version too old', detail: 'CUDA 12.9 < 12.10 needed' },
  },
  {
    name: 'compute capability higher than needed',
    required: { computeCapability: '8.0' },
    cudaVersion: '12.4',
    computeCapability: '9.0',
    expected: 'pass',
  },
  {
    name: 'compute capability equal',
    required: { computeCapability: '8.6' },
    cudaVersion: '12.4',
    computeCapability: '8.6',
    expected: 'pass',
  },
  {
    name: 'compute capability too low',
    required: { computeCapability: '8.0' },
    cudaVersion: '12.4',
    computeCapability: '7.5',
    expected: { reason: 'compute capability too low', detail: '7.5 < 8.0 needed' },
  },
  {
    name: 'compute capability not stated',
    required: { computeCapability: '8.0' },
    cudaVersion: '12.4',
    computeCapability: undefined,
    expected: { reason: 'compute capability unknown', detail: 'job needs 8.0' },
  },
  {
    name: 'both required and both met',
    required: { cudaVersion: '12.1', computeCapability: '8.0' },
    cudaVersion: '12.4',
    computeCapability: '8.9',
    expected: 'pass',
  },
  {
    name: 'both fail: the CUDA check comes first',
    required: { cudaVersion: '12.1', computeCapability: '8.0' },
    cudaVersion: '11.8',
    computeCapability: '7.5',
    expected: { reason: 'CUDA version too old', detail: 'CUDA 11.8 < 12.1 needed' },
  },
  {
    name: 'CUDA met, compute capability too low',
    required: { cudaVersion: '12.1', computeCapability: '8.0' },
    cudaVersion: '12.4',
    computeCapability: '7.0',
    expected: { reason: 'compute capability too low', detail: '7.0 < 8.0 needed' },
  },
];

describe('compute-capability plugin', () => {
  it('is named "compute-capability"', () => {
    expect(computeCapabilityPlugin.name).toBe('compute-capability');
  });

  describe.each([
    {
      side: 'local',
      run: (row: Row) =>
        computeCapabilityPlugin.filterLocal(
          testJob({ requirements: row.required }),
          // A registration always states its CUDA version.
          testGpuClass({ cudaVersion: row.cudaVersion ?? '12.4', computeCapability: row.computeCapability }),
        ),
    },
    {
      side: 'cloud',
      run: (row: Row) =>
        computeCapabilityPlugin.filterCloud(
          testJob({ requirements: row.required }),
          testOffer({ cudaVersion: row.cudaVersion, computeCapability: row.computeCapability }),
        ),
    },
  ])('$side', ({ run }) => {
    it.each(rows)('$name', (row) => {
      const status = run(row);
      if (row.expected === 'pass') {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual(row.expected);
      }
    });
  });

  describe('cloud offers that do not state a figure (unknown is not enough)', () => {
    it.each([
      {
        name: 'CUDA not stated',
        required: { cudaVersion: '12.1' },
        offer: { cudaVersion: undefined },
        expected: { reason: 'CUDA version unknown', detail: 'job needs CUDA 12.1' },
      },
      {
        name: 'neither stated: CUDA reported first',
        required: { cudaVersion: '12.1', computeCapability: '8.0' },
        offer: { cudaVersion: undefined, computeCapability: undefined },
        expected: { reason: 'CUDA version unknown', detail: 'job needs CUDA 12.1' },
      },
    ])('$name', ({ required, offer, expected }) => {
      expect(rejectionOf(computeCapabilityPlugin.filterCloud(testJob({ requirements: required }), testOffer(offer)))).toEqual(expected);
    });

    it('passes an offer that states nothing when the job asks for nothing', () => {
      const offer = testOffer({ cudaVersion: undefined, computeCapability: undefined });
      expect(computeCapabilityPlugin.filterCloud(testJob(), offer)).toBe(PASS);
    });
  });
});
