import { z } from 'zod';
import { parseInput } from '../config/parse-input.js';
import { nameSchema, versionSchema } from '../config/primitives.js';
import { ConfigError } from '../errors/config-error.js';

/** Numeric precisions a model variant can run at, most accurate first. */
export const precisionSchema = z.enum(['fp32', 'fp16', 'int8']);
export type Precision = z.output<typeof precisionSchema>;

/** The task a model serves; the same values as a job's type. */
export const modelTaskSchema = z.enum(['video', 'image', 'audio', 'custom']);
export type ModelTask = z.output<typeof modelTaskSchema>;

/** One size of a model (YOLO-style n/s/m/l/x or any name) with its memory needs. */
export const modelVariantSchema = z
  .strictObject({
    /** `n`, `s`, `m`, `l`, `x` or a host-chosen name. */
    size: nameSchema,
    /** Accuracy of this variant in [0, 1]; the model's when absent. */
    accuracy: z.number().min(0).max(1).optional(),
    /** Parameters in millions; used for estimates when `gflopsPerItem` is absent (2 FLOPs per parameter). */
    params: z.number().positive().optional(),
    /** Compute per input item in GFLOPs, for performance estimates. */
    gflopsPerItem: z.number().positive().optional(),
    /** Memory of the loaded model (weights, workspace) per precision, in MB. `fp32` is required. */
    memoryMbByPrecision: z.strictObject({
      fp32: z.number().positive(),
      fp16: z.number().positive().optional(),
      int8: z.number().positive().optional(),
    }),
    /** Extra memory per item of a batch (activations), in MB. */
    memoryMbPerBatchItem: z.number().nonnegative(),
    /** Path of an ONNX file of this variant, for benchmarking. */
    onnxPath: z.string().min(1).optional(),
  })
  .refine((variant) => variant.gflopsPerItem !== undefined || variant.params !== undefined, {
    message: 'give gflopsPerItem or params so performance can be estimated',
  });
export type ModelVariant = z.output<typeof modelVariantSchema>;

/** A model in the registry (seed 000 §3 `ModelRegistry`). */
export const modelDefinitionSchema = z.strictObject({
  id: nameSchema,
  name: nameSchema,
  version: versionSchema,
  task: modelTaskSchema,
  /** Accuracy in [0, 1] (mAP, WER complement…), comparable within a task. */
  accuracy: z.number().min(0).max(1),
  variants: z.array(modelVariantSchema).min(1),
  /** Precisions the model's runtime supports. @default ['fp32'] */
  precisions: z.array(precisionSchema).min(1).default(['fp32']),
});
export type ModelDefinition = z.output<typeof modelDefinitionSchema>;
export type ModelDefinitionInput = z.input<typeof modelDefinitionSchema>;

/** The models the selector chooses from. */
export interface ModelRegistry {
  /** Adds a model. @throws ValidationError for a bad definition, ConfigError for a duplicate id. */
  register(model: ModelDefinitionInput): ModelDefinition;
  get(id: string): ModelDefinition | undefined;
  /** Models of a task in registration order. */
  models(task?: ModelTask): readonly ModelDefinition[];
}

/** Creates a registry, optionally with models. @throws ValidationError, ConfigError as `register`. */
export function createModelRegistry(initial: readonly ModelDefinitionInput[] = []): ModelRegistry {
  const byId = new Map<string, ModelDefinition>();
  const registry: ModelRegistry = {
    register(input) {
      const model = parseInput(modelDefinitionSchema, input, 'model definition');
      if (byId.has(model.id)) throw new ConfigError(`A model with id "${model.id}" is already registered; choose another id.`);
      const sizes = new Set(model.variants.map((variant) => variant.size));
      if (sizes.size !== model.variants.length) throw new ConfigError(`Model "${model.id}" lists a variant size twice.`);
      byId.set(model.id, model);
      return model;
    },
    get: (id) => byId.get(id),
    models: (task) => [...byId.values()].filter((model) => task === undefined || model.task === task),
  };
  for (const model of initial) registry.register(model);
  return registry;
}

/** Key of a variant in profiles and caches: `${modelId}-${size}`. */
export function variantKey(model: ModelDefinition, variant: ModelVariant): string {
  return `${model.id}-${variant.size}`;
}

/** Accuracy of a variant: its own, else the model's. */
export function variantAccuracy(model: ModelDefinition, variant: ModelVariant): number {
  return variant.accuracy ?? model.accuracy;
}
