/**
 * Test-only models for the selector tests (not exported from the package). Memory figures are in
 * MB; `detector` has YOLO-style sizes whose 'x' needs more than a 16 GB card at every precision.
 */
import type { ModelDefinitionInput } from './model-registry.js';

export const detector: ModelDefinitionInput = {
  id: 'detector',
  name: 'Detector',
  version: '8.1',
  task: 'video',
  accuracy: 0.5,
  precisions: ['fp32', 'fp16', 'int8'],
  variants: [
    {
      size: 's',
      accuracy: 0.45,
      gflopsPerItem: 28,
      memoryMbByPrecision: { fp32: 6_000, fp16: 3_000, int8: 1_500 },
      memoryMbPerBatchItem: 500,
    },
    {
      size: 'x',
      accuracy: 0.54,
      gflopsPerItem: 257,
      memoryMbByPrecision: { fp32: 40_000, fp16: 24_000, int8: 18_000 },
      memoryMbPerBatchItem: 1_000,
    },
  ],
};

export const detectorXOnly: ModelDefinitionInput = { ...detector, id: 'detector-x', variants: detector.variants.slice(1) };

export const transcriber: ModelDefinitionInput = {
  id: 'transcriber',
  name: 'Transcriber',
  version: '3',
  task: 'audio',
  accuracy: 0.9,
  variants: [{ size: 'l', params: 1_550, memoryMbByPrecision: { fp32: 10_000, fp16: 5_000 }, memoryMbPerBatchItem: 0 }],
  precisions: ['fp32', 'fp16'],
};
