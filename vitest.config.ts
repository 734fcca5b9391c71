import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; CI also builds and type-checks the published entries.
    alias: [
      { find: /^@aima\/core\/testing$/, replacement: fromRoot('./packages/core/src/testing/index.ts') },
      { find: /^@aima\/core\/onnx$/, replacement: fromRoot('./packages/core/src/onnx/index.ts') },
      { find: /^@aima\/core$/, replacement: fromRoot('./packages/core/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'tests/**/*.test.ts', 'examples/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
