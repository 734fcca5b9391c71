import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testGpuClass, testJob } from '../plugin-test-fixtures.js';
import { modelCompatibilityPlugin } from './model-compatibility.js';

describe('model-compatibility plugin', () => {
  it('is named "model-compatibility"', () => {
    expect(modelCompatibilityPlugin.name).toBe('model-compatibility');
  });

  it('filters local GPUs only (offers do not list supported models)', () => {
    expect(Object.keys(modelCompatibilityPlugin).sort()).toEqual(['filterLocal', 'name']);
  });

  it.each<{ name: string; model?: string; supported?: [string, ...string[]]; detail?: string }>([
    { name: 'job names no model, GPU lists none' },
    { name: 'job names no model, GPU lists some', supported: ['whisper-large'] },
    { name: 'job names a model, GPU lists none (any model)', model: 'yolov8' },
    { name: 'model listed', model: 'yolov8', supported: ['whisper-large', 'yolov8'] },
    {
      name: 'model not listed',
      model: 'yolov8',
      supported: ['whisper-large', 'sam'],
      detail: 'yolov8 is not among whisper-large, sam',
    },
    { name: 'match is exact and case-sensitive', model: 'YOLOv8', supported: ['yolov8'], detail: 'YOLOv8 is not among yolov8' },
    { name: 'no prefix match', model: 'yolov8', supported: ['yolov8-large'], detail: 'yolov8 is not among yolov8-large' },
  ])('$name', ({ model, supported, detail }) => {
    const job = testJob(model === undefined ? {} : { requirements: { model } });
    const status = modelCompatibilityPlugin.filterLocal(job, testGpuClass(supported === undefined ? {} : { supportedModels: supported }));
    if (detail === undefined) {
      expect(status).toBe(PASS);
    } else {
      expect(rejectionOf(status)).toEqual({ reason: 'model not supported', detail });
    }
  });
});
