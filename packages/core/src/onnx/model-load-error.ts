import { AimaError, type AimaErrorOptions } from '../errors/aima-error.js';

const modelLoadErrorMarker = Symbol.for('aima.error.model-load');

/** An ONNX model, or the runtime that runs it, could not be loaded. */
export class ModelLoadError extends AimaError {
  protected readonly [modelLoadErrorMarker] = true;
  readonly modelPath: string;

  constructor(modelPath: string, message: string, options: AimaErrorOptions = {}) {
    super('AIMA_MODEL_LOAD', `Cannot load ONNX model ${modelPath}: ${message}`, options);
    this.name = 'ModelLoadError';
    this.modelPath = modelPath;
  }

  static override isInstance(error: unknown): error is ModelLoadError {
    return typeof error === 'object' && error !== null && modelLoadErrorMarker in error;
  }
}
