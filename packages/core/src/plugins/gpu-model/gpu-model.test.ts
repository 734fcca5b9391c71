import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testGpuClass, testJob, testOffer } from '../plugin-test-fixtures.js';
import { gpuModelPlugin } from './gpu-model.js';

interface Row {
  readonly model: string;
  readonly wanted: [string, ...string[]] | undefined;
  readonly passed: boolean;
}

// Matching is by whole words of the normalised name (vendor words dropped, punctuation folded):
// "A10" does not match "A100", "L4" does not match "L40S".
const rows: readonly Row[] = [
  { model: 'NVIDIA A100-SXM4-80GB', wanted: undefined, passed: true },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['A100'], passed: true },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['a100'], passed: true },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['H100', 'A100'], passed: true },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['A100 80GB'], passed: true },
  { model: 'NVIDIA A100-SXM4-40GB', wanted: ['A100 80GB'], passed: false },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['A100-SXM4'], passed: true },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['H100'], passed: false },
  { model: 'NVIDIA A100-SXM4-80GB', wanted: ['A10'], passed: false },
  { model: 'NVIDIA A10G', wanted: ['A10'], passed: false },
  { model: 'NVIDIA A10', wanted: ['A10'], passed: true },
  { model: 'NVIDIA GeForce RTX 4090', wanted: ['RTX 4090'], passed: true },
  { model: 'NVIDIA GeForce RTX 4090', wanted: ['4090'], passed: true },
  { model: 'NVIDIA GeForce RTX 4090', wanted: ['GeForce RTX 4090'], passed: true },
  { model: 'NVIDIA GeForce RTX 4090', wanted: ['rtx'], passed: true },
  { model: 'NVIDIA GeForce RTX 4090', wanted: ['RTX 3090'], passed: false },
  { model: 'NVIDIA L40S', wanted: ['L4'], passed: false },
  { model: 'NVIDIA L4', wanted: ['L4'], passed: true },
  { model: 'NVIDIA L40S', wanted: ['L40S'], passed: true },
  { model: 'Tesla T4', wanted: ['T4'], passed: true },
  { model: 'RTX 6000 Ada Generation', wanted: ['RTX A6000'], passed: false },
  { model: 'NVIDIA RTX A6000', wanted: ['A6000'], passed: true },
];

const label = (row: Row) => (row.wanted === undefined ? 'no requirement' : row.wanted.join(' | '));

describe('gpu-model plugin', () => {
  it('is named "gpu-model"', () => {
    expect(gpuModelPlugin.name).toBe('gpu-model');
  });

  describe.each([
    {
      side: 'local',
      run: (row: Row) =>
        gpuModelPlugin.filterLocal(
          testJob({ requirements: { gpuModels: row.wanted } }),
          testGpuClass({ model: row.model, powerWatts: 300, purchasePriceUsd: 5000 }),
        ),
    },
    {
      side: 'cloud',
      run: (row: Row) =>
        gpuModelPlugin.filterCloud(testJob({ requirements: { gpuModels: row.wanted } }), testOffer({ gpuModel: row.model })),
    },
  ])('$side', ({ run }) => {
    it.each(rows.map((row) => ({ ...row, label: label(row) })))('$model, wanted $label: passed=$passed', (row) => {
      const status = run(row);
      if (row.passed) {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual({
          reason: 'GPU model not requested',
          detail: `${row.model} is not one of ${row.wanted?.join(', ')}`,
        });
      }
    });
  });

  it('lists every wanted model in the detail', () => {
    const status = gpuModelPlugin.filterCloud(
      testJob({ requirements: { gpuModels: ['H100', 'H200'] } }),
      testOffer({ gpuModel: 'RTX 4090' }),
    );
    expect(rejectionOf(status)).toEqual({ reason: 'GPU model not requested', detail: 'RTX 4090 is not one of H100, H200' });
  });

  it.each([
    { model: 'NVIDIA A100-SXM4-80GB', wanted: 'NVIDIA' },
    { model: 'NVIDIA GeForce RTX 4090', wanted: 'GeForce' },
    { model: 'Tesla T4', wanted: 'Tesla' },
    { model: 'AMD Instinct MI300X', wanted: 'nvidia' },
  ])('an entry made only of vendor words ($wanted) matches every model, e.g. $model', ({ model, wanted }) => {
    expect(gpuModelPlugin.filterCloud(testJob({ requirements: { gpuModels: [wanted] } }), testOffer({ gpuModel: model }))).toBe(PASS);
    expect(
      gpuModelPlugin.filterLocal(
        testJob({ requirements: { gpuModels: [wanted] } }),
        testGpuClass({ model, powerWatts: 300, purchasePriceUsd: 5000 }),
      ),
    ).toBe(PASS);
  });
});
