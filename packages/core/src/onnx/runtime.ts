import type * as Ort from 'onnxruntime-node';
import { ModelLoadError } from './model-load-error.js';

/** The onnxruntime-node module, loaded on first use so importing this entry loads no native binary. */
export type OnnxRuntime = typeof Ort;

let runtime: Promise<OnnxRuntime> | undefined;

/** Loads onnxruntime-node once. @throws ModelLoadError when the optional peer dependency is missing. */
export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  runtime ??= import('onnxruntime-node').catch((error: unknown) => {
    runtime = undefined;
    throw new ModelLoadError('(runtime)', 'onnxruntime-node is not installed; add it to your dependencies', { cause: error });
  });
  return runtime;
}
