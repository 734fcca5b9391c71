/**
 * `npm run bench -w @aima/gpu-nvml`: the cost of the NVML binding itself, measured against the
 * fake `libnvidia-ml.so.1` (built here with gcc): one full `sample()` (memory v2, utilisation,
 * temperature, power and limit, three clocks, processes with names, ECC counters and retired
 * pages) per GPU for 1 and 8 GPUs, and `discover()` of 8 GPUs. Real drivers add their own ioctl
 * time on top; this measures what the package adds. Prints figures; never fails the build.
 */
import { cpus, loadavg } from 'node:os';
import koffi from 'koffi';
import { createNvmlGpuProvider } from '../src/nvml/nvml-gpu-provider.js';
import { buildFakeNvml } from '../test-double/build-fake-nvml.js';
import { createFakeNvml } from '../test-double/fake-nvml.js';
import { fakeDevices } from '../test-double/fake-nvml-config.js';

const targetPerGpuUs = 20;
const print = (text = '') => process.stdout.write(`${text}\n`);

interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

async function time(iterations: number, warmup: number, run: () => Promise<unknown>): Promise<Timing> {
  for (let index = 0; index < warmup; index++) await run();
  const micros = new Float64Array(iterations);
  for (let index = 0; index < iterations; index++) {
    const start = process.hrtime.bigint();
    await run();
    micros[index] = Number(process.hrtime.bigint() - start) / 1000;
  }
  const sorted = micros.sort();
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length };
}

function ffiFloorNs(libraryPath: string): number {
  const library = koffi.load(libraryPath);
  const noop = library.func('int fake_nvml_noop(void)');
  for (let index = 0; index < 20_000; index++) noop();
  const start = process.hrtime.bigint();
  for (let index = 0; index < 200_000; index++) noop();
  const ns = Number(process.hrtime.bigint() - start) / 200_000;
  library.unload();
  return ns;
}

const fixed = (value: number, digits = 2) => value.toFixed(digits).padStart(8);

async function benchSample(gpus: number) {
  const fake = await createFakeNvml({ config: { devices: fakeDevices(gpus) } });
  const provider = createNvmlGpuProvider({ libraryPath: fake.libraryPath, host: 'bench' });
  try {
    await provider.discover();
    const before = Array.from({ length: gpus }, (_, index) => fake.calls(index)).reduce((sum, calls) => sum + calls, 0);
    await provider.sample();
    const after = Array.from({ length: gpus }, (_, index) => fake.calls(index)).reduce((sum, calls) => sum + calls, 0);
    const sample = await time(gpus === 1 ? 20_000 : 5_000, 1_000, () => provider.sample());
    return { gpus, sample, callsPerGpu: (after - before) / gpus, ffi: ffiFloorNs(fake.libraryPath) };
  } finally {
    await provider.close();
    await fake.dispose();
  }
}

async function benchDiscover(gpus: number): Promise<Timing> {
  const fake = await createFakeNvml({ config: { devices: fakeDevices(gpus) } });
  const provider = createNvmlGpuProvider({ libraryPath: fake.libraryPath, host: 'bench' });
  try {
    await provider.discover();
    return await time(2_000, 200, () => provider.discover());
  } finally {
    await provider.close();
    await fake.dispose();
  }
}

async function main(): Promise<void> {
  print('@aima/gpu-nvml: cost of the NVML binding (koffi) per GPU, against the fake libnvidia-ml.so.1');
  const build = await buildFakeNvml();
  if (!build.ok) {
    print(`SKIP  ${build.reason}`);
    return;
  }
  print(`node:   ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? 'unknown'}`);
  print(`load:   ${loadavg()[0]?.toFixed(2) ?? '?'} (1-min load average at start; other busy processes make the figures noisier)`);
  print(
    'sample: memory v2, utilisation, temperature, power + limit, 3 clocks, 2 processes with names, ECC + retired pages (A100/L40S/H100),',
  );
  print('        each `await provider.sample()` timed alone with process.hrtime.bigint; µs per GPU = sample time / GPUs');
  print();
  const results = [await benchSample(1), await benchSample(8)];
  print('  GPUs   NVML calls/GPU   p50 µs/GPU   p99 µs/GPU   mean µs/GPU   p50 µs/sample');
  for (const { gpus, sample, callsPerGpu } of results) {
    print(
      `${String(gpus).padStart(6)}   ${fixed(callsPerGpu, 1)}         ${fixed(sample.p50 / gpus)}     ${fixed(sample.p99 / gpus)}     ${fixed(sample.mean / gpus)}      ${fixed(sample.p50)}`,
    );
  }
  const floor = results[0]?.ffi ?? 0;
  print(`FFI floor: ${floor.toFixed(0)} ns per koffi call to an empty C function`);
  const discover = await benchDiscover(8);
  print(
    `discover() of 8 GPUs: p50 ${discover.p50.toFixed(1)} µs, p99 ${discover.p99.toFixed(1)} µs (${(discover.p50 / 8).toFixed(2)} µs per GPU)`,
  );
  print();
  const eight = results[1];
  if (eight) {
    const perGpu = eight.sample.p50 / eight.gpus;
    print(
      `${perGpu <= targetPerGpuUs ? 'PASS' : 'FAIL'}  full sample ${perGpu.toFixed(2)} µs per GPU (p50, 8 GPUs; target ≤ ${targetPerGpuUs} µs)`,
    );
  }
}

await main();
