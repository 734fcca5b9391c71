/**
 * @aima/core/onnx: benchmarks ONNX models with onnxruntime-node and builds performance profiles
 * (M2). A separate entry so hosts that do not benchmark never load the native runtime; both
 * `onnxruntime-node` and `onnx-proto` are optional peer dependencies, loaded on first use.
 * @packageDocumentation
 */
export {
  type BatchMeasurement,
  benchmarkOnnxModel,
  type ExecutionProvider,
  type FeedSpec,
  type OnnxBenchmarkOptions,
  type OnnxBenchmarkResult,
} from './benchmark.js';
export { buildProfile } from './build-profile.js';
export { ModelLoadError } from './model-load-error.js';
export { loadOnnxRuntime, type OnnxRuntime } from './runtime.js';
export { sileroVadFeeds, sileroWindowSamples } from './silero-vad.js';
export {
  buildSyntheticConvNet,
  type SyntheticConvNet,
  type SyntheticConvNetOptions,
  type SyntheticSize,
  syntheticFeeds,
  syntheticWidths,
  writeSyntheticConvNet,
} from './synthetic-conv-net.js';
