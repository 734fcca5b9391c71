import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// HABITS.md §6: adapters see only @aima/core's public entries; no package imports another
// adapter; no relative import leaves its package; library code never reads ../shared.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = join(root, 'packages');
const corePublicEntries = new Set(['@aima/core', '@aima/core/onnx', '@aima/core/testing']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts|js|mjs)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ];
  return specifiers.map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** Source text without comments, so a comment citing where data came from is not a read of it. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

const packages = readdirSync(packagesDir).filter((name) => statSync(join(packagesDir, name)).isDirectory());
const files = packages.flatMap((name) => sourceFiles(join(packagesDir, name, 'src')).map((file) => ({ name, file })));

describe('package boundaries', () => {
  it('finds the packages and their sources', () => {
    expect(packages).toEqual(expect.arrayContaining(['core', 'gpu-nvml', 'cloud-vast', 'cloud-runpod', 'storage-s3']));
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(packages)('%s imports core only through its public entries and no other adapter', (name) => {
    const violations = files
      .filter((entry) => entry.name === name)
      .flatMap(({ file }) =>
        importsOf(file)
          .filter((specifier) => specifier.startsWith('@aima/'))
          .filter((specifier) => (name === 'core' ? true : !corePublicEntries.has(specifier)))
          .map((specifier) => `${relative(root, file)} imports ${specifier}`),
      );
    expect(violations).toEqual([]);
  });

  it('has no relative import that leaves its package', () => {
    const violations = files.flatMap(({ name, file }) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => !resolve(dirname(file), specifier).startsWith(`${join(packagesDir, name)}/`))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('never reads the shared research folder from library code', () => {
    const violations = files
      .filter(({ file }) => !file.endsWith('.test.ts'))
      .filter(({ file }) => /['"`][^'"`]*shared\/(data|reference|seeds|design)/.test(withoutComments(readFileSync(file, 'utf8'))))
      .map(({ file }) => relative(root, file));
    expect(violations).toEqual([]);
  });

  it('exports only the public entries from core', () => {
    const manifest = JSON.parse(readFileSync(join(packagesDir, 'core', 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports).sort()).toEqual(['.', './onnx', './package.json', './testing']);
  });

  it('uses no export * in a public index (the public API is an explicit list)', () => {
    const indexes = files.filter(({ file }) => file.endsWith('index.ts'));
    const violations = indexes.filter(({ file }) => /export\s*\*/.test(readFileSync(file, 'utf8'))).map(({ file }) => relative(root, file));
    expect(violations).toEqual([]);
  });

  it('catches a deep import when one is written (the check itself works)', () => {
    expect(importsOf(join(root, 'tests', 'fixtures', 'deep-import.fixture.ts'))).toContain('@aima/core/src/engine/pipeline');
  });
});
