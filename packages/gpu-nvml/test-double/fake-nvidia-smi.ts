import { chmod, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = dirname(fileURLToPath(import.meta.url));

/** What the fake nvidia-smi prints: one record of raw cells (with units) per GPU and per process. */
export const fakeNvidiaSmiFixtureSchema = z.strictObject({
  driverVersion: z.string().optional(),
  cudaVersion: z.string().optional(),
  gpus: z.array(z.record(z.string(), z.string())).optional(),
  apps: z.array(z.record(z.string(), z.string())).optional(),
  /** Fields this "older" nvidia-smi refuses with `Field "x" is not a valid field to query.` (exit 2). */
  refusedFields: z.array(z.string()).optional(),
  /** Make every call fail like a broken driver. */
  failure: z.strictObject({ exitCode: z.number().int().positive(), output: z.string() }).optional(),
});

export type FakeNvidiaSmiFixture = z.input<typeof fakeNvidiaSmiFixtureSchema>;

/** Two GPUs as driver 550 prints them, with the usual quirks. */
export function defaultSmiFixture(): FakeNvidiaSmiFixture {
  return {
    driverVersion: '550.54.15',
    cudaVersion: '12.4',
    gpus: [
      {
        index: '0',
        uuid: 'GPU-5mi00000-0000-4000-8000-000000000000',
        name: 'NVIDIA A100-SXM4-80GB',
        'memory.total': '81920 MiB',
        'memory.used': '20480 MiB',
        'memory.free': '61440 MiB',
        'utilization.gpu': '85 %',
        'utilization.memory': '40 %',
        'temperature.gpu': '61',
        'power.draw': '312.45 W',
        'power.limit': '400.00 W',
        'clocks.gr': '1410 MHz',
        'clocks.sm': '1410 MHz',
        'clocks.mem': '1593 MHz',
        driver_version: '550.54.15',
        'pci.bus_id': '00000000:17:00.0',
        compute_cap: '8.0',
        'mig.mode.current': 'Disabled',
        'ecc.errors.corrected.volatile.total': '0',
        'ecc.errors.uncorrected.volatile.total': '0',
        'retired_pages.sbe': '0',
        'retired_pages.dbe': '0',
        'retired_pages.pending': 'No',
      },
      {
        index: '1',
        uuid: 'GPU-5mi00001-0000-4000-8000-000000000001',
        name: 'NVIDIA GeForce RTX 4090',
        'memory.total': '24564 MiB',
        'memory.used': '1 MiB',
        'memory.free': '24045 MiB',
        'utilization.gpu': '0 %',
        'utilization.memory': '0 %',
        'temperature.gpu': '38',
        'power.draw': '[Not Supported]',
        'power.limit': '450.00 W',
        'clocks.gr': '210 MHz',
        'clocks.sm': '210 MHz',
        'clocks.mem': '405 MHz',
        driver_version: '550.54.15',
        'pci.bus_id': '00000000:65:00.0',
        compute_cap: '8.9',
        'mig.mode.current': '[N/A]',
        'ecc.errors.corrected.volatile.total': '[N/A]',
        'ecc.errors.uncorrected.volatile.total': '[N/A]',
        'retired_pages.sbe': '[N/A]',
        'retired_pages.dbe': '[N/A]',
        'retired_pages.pending': '[N/A]',
      },
    ],
    apps: [
      {
        gpu_uuid: 'GPU-5mi00000-0000-4000-8000-000000000000',
        pid: '4242',
        used_gpu_memory: '18432 MiB',
        process_name: 'python3 train.py --lr=0.1, --tags=a,b',
      },
      { gpu_uuid: 'GPU-5mi00000-0000-4000-8000-000000000000', pid: '4243', used_gpu_memory: '[N/A]', process_name: '/usr/bin/ffmpeg' },
    ],
  };
}

function tsv(records: readonly Record<string, string>[] = []): string {
  return records.flatMap((record, index) => Object.entries(record).map(([field, value]) => `${index}\t${field}\t${value}\n`)).join('');
}

/** Renders the fixture as the files the shell script reads. */
function files(fixture: FakeNvidiaSmiFixture): Record<string, string> {
  const valid = fakeNvidiaSmiFixtureSchema.parse(fixture);
  const q = [
    '',
    '==============NVSMI LOG==============',
    '',
    'Timestamp                                 : Thu Jan  1 00:00:00 2026',
    `Driver Version                            : ${valid.driverVersion ?? '550.54.15'}`,
    `CUDA Version                              : ${valid.cudaVersion ?? '12.4'}`,
    '',
    `Attached GPUs                             : ${valid.gpus?.length ?? 0}`,
    '',
  ].join('\n');
  return {
    'gpus.tsv': tsv(valid.gpus),
    'apps.tsv': tsv(valid.apps),
    'refused.txt': (valid.refusedFields ?? []).map((field) => `${field}\n`).join(''),
    'failure.txt': valid.failure ? `${valid.failure.exitCode}\n${valid.failure.output}\n` : '',
    'q.txt': q,
  };
}

/** A private copy of the fake nvidia-smi with its fixture. */
export interface FakeNvidiaSmi {
  /** Pass as `nvidiaSmiPath`. */
  readonly path: string;
  /** Replaces the fixture (the next call sees it). */
  update(fixture: FakeNvidiaSmiFixture): Promise<void>;
  dispose(): Promise<void>;
}

export async function createFakeNvidiaSmi(fixture: FakeNvidiaSmiFixture = defaultSmiFixture()): Promise<FakeNvidiaSmi> {
  const directory = await mkdtemp(join(tmpdir(), 'aima-nvidia-smi-test-'));
  const path = join(directory, 'nvidia-smi');
  await copyFile(join(here, 'fake-nvidia-smi.sh'), path);
  await chmod(path, 0o755);
  const update = async (next: FakeNvidiaSmiFixture) => {
    for (const [name, text] of Object.entries(files(next))) await writeFile(join(directory, name), text);
  };
  await update(fixture);
  return { path, update, dispose: () => rm(directory, { recursive: true, force: true }) };
}
