import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { createModelRegistry, variantAccuracy, variantKey } from './model-registry.js';
import { gpuPrecisions, usablePrecisions } from './precision.js';
import { detector, transcriber } from './test-models.js';

describe('createModelRegistry', () => {
  it('lists models by task in registration order and finds them by id', () => {
    const registry = createModelRegistry([detector, transcriber]);
    expect(registry.models().map((model) => model.id)).toEqual(['detector', 'transcriber']);
    expect(registry.models('audio').map((model) => model.id)).toEqual(['transcriber']);
    expect(registry.models('image')).toEqual([]);
    expect(registry.get('detector')?.variants).toHaveLength(2);
    expect(registry.get('missing')).toBeUndefined();
  });

  it('defaults precisions to fp32', () => {
    const registry = createModelRegistry();
    const { precisions: _omitted, ...rest } = transcriber;
    expect(registry.register({ ...rest, id: 'plain' }).precisions).toEqual(['fp32']);
  });

  it.each([
    ['accuracy above 1', { ...detector, accuracy: 1.2 }, 'accuracy'],
    ['no variants', { ...detector, variants: [] }, 'variants'],
    [
      'a variant without gflops or params',
      { ...detector, variants: [{ size: 'n', memoryMbByPrecision: { fp32: 1 }, memoryMbPerBatchItem: 0 }] },
      'variants.0',
    ],
    ['an unknown task', { ...detector, task: 'text' }, 'task'],
  ])('rejects %s with a ValidationError', (_name, input, path) => {
    const registry = createModelRegistry();
    const error = captured(() => registry.register(input as typeof detector));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(path);
  });

  it('rejects a duplicate id and a duplicate variant size with a ConfigError', () => {
    const registry = createModelRegistry([detector]);
    expect(() => registry.register(detector)).toThrow(ConfigError);
    const first = detector.variants[0];
    expect(() => registry.register({ ...detector, id: 'twice', variants: [first, first] as typeof detector.variants })).toThrow(
      ConfigError,
    );
  });

  it('keys variants by model id and size and inherits accuracy', () => {
    const model = createModelRegistry([transcriber]).get('transcriber');
    const variant = model?.variants[0];
    if (model === undefined || variant === undefined) throw new Error('model missing');
    expect(variantKey(model, variant)).toBe('transcriber-l');
    expect(variantAccuracy(model, variant)).toBe(0.9);
  });
});

describe('precision rule', () => {
  it.each([
    [undefined, ['fp32']],
    ['5.2', ['fp32']],
    ['5.3', ['fp32']],
    ['6.0', ['fp32', 'fp16']],
    ['6.1', ['fp32', 'fp16', 'int8']],
    ['8.9', ['fp32', 'fp16', 'int8']],
  ])('compute capability %s runs %j', (capability, expected) => {
    expect(gpuPrecisions(capability)).toEqual(expected);
  });

  it('keeps only precisions the model, the GPU and the variant all have', () => {
    const model = createModelRegistry([transcriber]).get('transcriber');
    const variant = model?.variants[0];
    if (model === undefined || variant === undefined) throw new Error('model missing');
    expect(usablePrecisions(model, variant, '8.9')).toEqual(['fp32', 'fp16']);
    expect(usablePrecisions(model, variant, '5.0')).toEqual(['fp32']);
  });
});

function captured(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
