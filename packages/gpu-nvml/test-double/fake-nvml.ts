import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import { buildFakeNvml, type FakeNvmlVariant } from './build-fake-nvml.js';
import { type FakeNvmlConfig, fakeNvmlConfigSchema } from './fake-nvml-config.js';

/** Event type bits of the fake (and of NVML). */
export const FakeEventType = { singleBitEcc: 0x1, doubleBitEcc: 0x2, xid: 0x8 } as const;

/** A private copy of the fake library with its own device file and state. */
export interface FakeNvml {
  /** Absolute path to pass as `libraryPath`. */
  readonly libraryPath: string;
  readonly directory: string;
  /** Queues an XID event for a device. */
  pushXid(deviceIndex: number, xid: number): void;
  pushEvent(deviceIndex: number, eventType: number, eventData: number): void;
  /** Makes `functionName` (or "*") return `code` for one device, or for every call when `deviceIndex` is `'all'`. */
  setReturn(functionName: string, deviceIndex: number | 'all', code: number): void;
  /** Calls made on a device (or on global functions when omitted). */
  calls(deviceIndex?: number): number;
  /** Outstanding nvmlInit calls. */
  initCount(): number;
  pendingEvents(): number;
  /** Why the device file was rejected; empty when it was fine. */
  configError(): string;
  /** C sizes of the layouts: pci, memory v1, memory v2, utilization, temperature v1, process v1, v2, R535, event data. */
  abiSizes(): number[];
  dispose(): Promise<void>;
}

function control(libraryPath: string) {
  const library = koffi.load(libraryPath);
  return {
    library,
    pushEvent: library.func('int fake_nvml_push_event(int device, uint64_t type, uint64_t data)'),
    setReturn: library.func('int fake_nvml_set_return(const char *fn, int device, int rc)'),
    calls: library.func('uint64_t fake_nvml_calls(int device)'),
    initCount: library.func('int fake_nvml_init_count(void)'),
    pendingEvents: library.func('int fake_nvml_pending_events(void)'),
    configError: library.func('const char *fake_nvml_config_error(void)'),
    abiSizes: library.func('uint32_t fake_nvml_abi_sizes(void *out, uint32_t capacity)'),
  };
}

function check(code: unknown, what: string): void {
  if (code !== 0) throw new Error(`fake NVML control ${what} failed with ${String(code)}`);
}

/**
 * Builds the fake (once) and copies it into a fresh directory with `config` as its device file,
 * so each test gets its own library instance: the dynamic loader shares state per path only.
 * `config` is validated with zod; `raw` writes the text as is (to test a broken file).
 */
export async function createFakeNvml(
  options: { variant?: FakeNvmlVariant; config?: FakeNvmlConfig; raw?: string } = {},
): Promise<FakeNvml> {
  const built = await buildFakeNvml(options.variant);
  if (!built.ok) throw new Error(built.reason);
  const directory = await mkdtemp(join(tmpdir(), 'aima-nvml-test-'));
  const libraryPath = join(directory, 'libnvidia-ml.so.1');
  await copyFile(built.libraryPath, libraryPath);
  const text = options.raw ?? JSON.stringify(fakeNvmlConfigSchema.parse(options.config ?? {}));
  await writeFile(join(directory, 'fake-nvml.json'), text);
  const fake = control(libraryPath);
  return {
    libraryPath,
    directory,
    pushXid: (deviceIndex, xid) => check(fake.pushEvent(deviceIndex, FakeEventType.xid, xid), 'pushXid'),
    pushEvent: (deviceIndex, eventType, eventData) => check(fake.pushEvent(deviceIndex, eventType, eventData), 'pushEvent'),
    setReturn: (name, deviceIndex, code) => check(fake.setReturn(name, deviceIndex === 'all' ? -1 : deviceIndex, code), 'setReturn'),
    calls: (deviceIndex = -1) => Number(fake.calls(deviceIndex)),
    initCount: () => Number(fake.initCount()),
    pendingEvents: () => Number(fake.pendingEvents()),
    configError: () => String(fake.configError()),
    abiSizes: () => {
      const out = new Uint32Array(16);
      const count = Number(fake.abiSizes(out, out.length));
      return [...out.subarray(0, count)];
    },
    dispose: async () => {
      fake.library.unload();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
