import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'onnx/index': 'src/onnx/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  external: ['vitest', 'onnxruntime-node', 'onnx-proto'],
  // p-queue and p-timeout ship ESM only; bundling them keeps the CJS build loadable everywhere.
  noExternal: ['p-queue', 'p-timeout'],
});
