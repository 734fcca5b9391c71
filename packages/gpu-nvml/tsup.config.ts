import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'agent-cli': 'src/agent-cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  external: ['@aima/core', 'koffi', 'zod'],
});
