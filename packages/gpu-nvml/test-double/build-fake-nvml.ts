import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

/** Which driver generation the fake imitates (see fake-nvml.c). */
export type FakeNvmlVariant = 'modern' | 'r535' | 'legacy';

const defines: Record<FakeNvmlVariant, string[]> = {
  modern: [],
  r535: ['-DFAKE_VARIANT_R535'],
  legacy: ['-DFAKE_VARIANT_LEGACY'],
};

/** The outcome of looking for a C compiler and building the fake. */
export type FakeNvmlBuild = { readonly ok: true; readonly libraryPath: string } | { readonly ok: false; readonly reason: string };

async function findCompiler(): Promise<string | undefined> {
  for (const candidate of [process.env.CC, 'gcc', 'cc'].filter((name): name is string => Boolean(name))) {
    try {
      await run(candidate, ['--version']);
      return candidate;
    } catch {
      // not installed: try the next one
    }
  }
  return undefined;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const builds = new Map<FakeNvmlVariant, Promise<FakeNvmlBuild>>();

async function build(variant: FakeNvmlVariant): Promise<FakeNvmlBuild> {
  const compiler = await findCompiler();
  if (!compiler) return { ok: false, reason: 'no C compiler (gcc or cc, or $CC) found; install gcc to run the NVML tests' };
  const sources = await Promise.all(['fake-nvml.c', 'fake-json.h'].map((name) => readFile(join(here, name))));
  const hash = createHash('sha256').update(variant).update(compiler);
  for (const source of sources) hash.update(source);
  const directory = join(tmpdir(), `aima-fake-nvml-${hash.digest('hex').slice(0, 16)}`);
  const libraryPath = join(directory, 'libnvidia-ml.so.1');
  if (await exists(libraryPath)) return { ok: true, libraryPath };
  await mkdir(directory, { recursive: true });
  // Build under a unique name and rename: test files may build the same variant concurrently.
  const partial = `${libraryPath}.${process.pid}.${Date.now()}.partial`;
  const args = ['-shared', '-fPIC', '-O2', '-Wall', ...defines[variant], '-o', partial, join(here, 'fake-nvml.c'), '-pthread', '-ldl'];
  try {
    await run(compiler, args);
    await rename(partial, libraryPath);
  } catch (error) {
    await rm(partial, { force: true });
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`building the fake NVML library failed: ${compiler} ${args.join(' ')}\n${detail}`);
  }
  return { ok: true, libraryPath };
}

/**
 * Compiles `fake-nvml.c` into `<tmp>/aima-fake-nvml-<hash>/libnvidia-ml.so.1` once per source
 * version and variant (cached across runs). Resolves `{ ok: false }` only when no C compiler
 * exists, so callers can skip with a clear message; a compile error rejects.
 */
export function buildFakeNvml(variant: FakeNvmlVariant = 'modern'): Promise<FakeNvmlBuild> {
  let pending = builds.get(variant);
  if (!pending) {
    pending = build(variant);
    builds.set(variant, pending);
  }
  return pending;
}
