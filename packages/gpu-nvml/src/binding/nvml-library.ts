import koffi, { type LibraryHandle } from 'koffi';

/** A declared C function: called synchronously, or on a koffi worker thread through `async`. */
export interface NativeFunction {
  (...args: unknown[]): unknown;
  async(...args: unknown[]): void;
}

interface Prototype {
  /** Symbols to try, newest first (the versioned `_v2`/`_v3` names before the old ones). */
  readonly names: readonly string[];
  /** C parameter list; pointers are `void *` so buffers, typed arrays and BigInt handles pass through. */
  readonly parameters: string;
}

// Every function returns nvmlReturn_t (a 4-byte enum). Prototypes from the reference §1.2.
const required = {
  init: { names: ['nvmlInit_v2', 'nvmlInit'], parameters: 'void' },
  shutdown: { names: ['nvmlShutdown'], parameters: 'void' },
  getCount: { names: ['nvmlDeviceGetCount_v2', 'nvmlDeviceGetCount'], parameters: 'void *count' },
  getHandleByIndex: { names: ['nvmlDeviceGetHandleByIndex_v2', 'nvmlDeviceGetHandleByIndex'], parameters: 'uint32_t index, void *device' },
  getName: { names: ['nvmlDeviceGetName'], parameters: 'void *device, void *name, uint32_t length' },
  getUuid: { names: ['nvmlDeviceGetUUID'], parameters: 'void *device, void *uuid, uint32_t length' },
  getMemoryInfo: { names: ['nvmlDeviceGetMemoryInfo'], parameters: 'void *device, void *memory' },
} as const satisfies Record<string, Prototype>;

const optional = {
  getDriverVersion: { names: ['nvmlSystemGetDriverVersion'], parameters: 'void *version, uint32_t length' },
  getCudaDriverVersionV2: { names: ['nvmlSystemGetCudaDriverVersion_v2'], parameters: 'void *version' },
  getCudaDriverVersion: { names: ['nvmlSystemGetCudaDriverVersion'], parameters: 'void *version' },
  getProcessName: { names: ['nvmlSystemGetProcessName'], parameters: 'uint32_t pid, void *name, uint32_t length' },
  getMemoryInfoV2: { names: ['nvmlDeviceGetMemoryInfo_v2'], parameters: 'void *device, void *memory' },
  getPciInfo: { names: ['nvmlDeviceGetPciInfo_v3'], parameters: 'void *device, void *pci' },
  getComputeCapability: { names: ['nvmlDeviceGetCudaComputeCapability'], parameters: 'void *device, void *major, void *minor' },
  getMigMode: { names: ['nvmlDeviceGetMigMode'], parameters: 'void *device, void *current, void *pending' },
  getUtilization: { names: ['nvmlDeviceGetUtilizationRates'], parameters: 'void *device, void *utilization' },
  getTemperatureV: { names: ['nvmlDeviceGetTemperatureV'], parameters: 'void *device, void *temperature' },
  getTemperature: { names: ['nvmlDeviceGetTemperature'], parameters: 'void *device, uint32_t sensor, void *temperature' },
  getTemperatureThreshold: { names: ['nvmlDeviceGetTemperatureThreshold'], parameters: 'void *device, uint32_t kind, void *temperature' },
  getPowerUsage: { names: ['nvmlDeviceGetPowerUsage'], parameters: 'void *device, void *power' },
  getPowerLimit: {
    names: ['nvmlDeviceGetEnforcedPowerLimit', 'nvmlDeviceGetPowerManagementLimit'],
    parameters: 'void *device, void *limit',
  },
  getClockInfo: { names: ['nvmlDeviceGetClockInfo'], parameters: 'void *device, uint32_t type, void *clock' },
  getProcesses: {
    names: ['nvmlDeviceGetComputeRunningProcesses_v3', 'nvmlDeviceGetComputeRunningProcesses_v2', 'nvmlDeviceGetComputeRunningProcesses'],
    parameters: 'void *device, void *count, void *infos',
  },
  getTotalEccErrors: {
    names: ['nvmlDeviceGetTotalEccErrors'],
    parameters: 'void *device, uint32_t errorType, uint32_t counterType, void *count',
  },
  getRetiredPages: { names: ['nvmlDeviceGetRetiredPages'], parameters: 'void *device, uint32_t cause, void *count, void *addresses' },
  getRetiredPagesPending: { names: ['nvmlDeviceGetRetiredPagesPendingStatus'], parameters: 'void *device, void *pending' },
  eventSetCreate: { names: ['nvmlEventSetCreate'], parameters: 'void *set' },
  getSupportedEventTypes: { names: ['nvmlDeviceGetSupportedEventTypes'], parameters: 'void *device, void *types' },
  registerEvents: { names: ['nvmlDeviceRegisterEvents'], parameters: 'void *device, uint64_t types, void *set' },
  eventSetWait: { names: ['nvmlEventSetWait_v2', 'nvmlEventSetWait'], parameters: 'void *set, void *data, uint32_t timeoutMs' },
  eventSetFree: { names: ['nvmlEventSetFree'], parameters: 'void *set' },
} as const satisfies Record<string, Prototype>;

/** Symbols probed only for their presence (the process-record layout heuristic, reference §1.4). */
const probes = ['nvmlDeviceGetConfComputeMemSizeInfo', 'nvmlDeviceGetRunningProcessDetailList'] as const;

export type RequiredFunction = keyof typeof required;
export type OptionalFunction = keyof typeof optional;
export type NvmlFunctionName = RequiredFunction | OptionalFunction;

/** The functions of one loaded library; optional ones are absent when the driver lacks them. */
export type NvmlFunctions = { readonly [Name in RequiredFunction]: NativeFunction } & {
  readonly [Name in OptionalFunction]?: NativeFunction;
};

/** A loaded `libnvidia-ml.so.1`. */
export interface NvmlLibrary {
  readonly path: string;
  readonly functions: NvmlFunctions;
  /** The C symbol each function resolved to, e.g. `{ init: 'nvmlInit_v2' }`. */
  readonly symbols: Readonly<Partial<Record<NvmlFunctionName, string>>>;
  /** Which probe symbols exist. */
  readonly present: ReadonlySet<string>;
  errorString(code: number): string;
  /** Unloads the library; no declared function may be called afterwards. */
  unload(): void;
}

function declare(library: LibraryHandle, prototype: Prototype): { fn: NativeFunction; symbol: string } | undefined {
  for (const name of prototype.names) {
    try {
      return { fn: library.func(`int ${name}(${prototype.parameters})`), symbol: name };
    } catch {
      // koffi throws "Cannot find function" for a missing symbol: try the next (older) name.
    }
  }
  return undefined;
}

/** A library failed to load or lacks a required symbol. */
export class NvmlLoadError extends Error {
  override readonly name = 'NvmlLoadError';
}

function declareAll(library: LibraryHandle, path: string) {
  const functions: Record<string, NativeFunction> = {};
  const symbols: Record<string, string> = {};
  for (const [key, prototype] of Object.entries(required)) {
    const declared = declare(library, prototype);
    if (!declared) throw new NvmlLoadError(`${path} does not export ${prototype.names.join(' or ')}; it is not a usable NVML library`);
    functions[key] = declared.fn;
    symbols[key] = declared.symbol;
  }
  for (const [key, prototype] of Object.entries(optional)) {
    const declared = declare(library, prototype);
    if (declared) {
      functions[key] = declared.fn;
      symbols[key] = declared.symbol;
    }
  }
  return { functions: functions as NvmlFunctions, symbols };
}

/**
 * Loads NVML from `path` (a file name searched by the dynamic loader, or an absolute path) and
 * declares every function the binding uses. Throws `NvmlLoadError` when the file cannot be loaded
 * or a required symbol is missing; missing optional symbols are simply absent.
 */
export function loadNvmlLibrary(path: string): NvmlLibrary {
  let library: LibraryHandle;
  try {
    library = koffi.load(path);
  } catch (error) {
    // koffi's message does not name the file (reference §4.4, pitfall 4).
    throw new NvmlLoadError(`cannot load ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    const { functions, symbols } = declareAll(library, path);
    const errorString = library.func('const char *nvmlErrorString(int result)');
    const present = new Set(probes.filter((name) => declare(library, { names: [name], parameters: 'void' })));
    return {
      path,
      functions,
      symbols,
      present,
      errorString: (code) => String(errorString(code)),
      unload: () => library.unload(),
    };
  } catch (error) {
    library.unload();
    throw error;
  }
}
