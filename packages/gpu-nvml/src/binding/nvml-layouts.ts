import koffi, { type TypeObject } from 'koffi';

/** The byte size and field offsets of one C struct, as koffi lays it out for this platform. */
export interface StructLayout<Field extends string> {
  readonly size: number;
  readonly offset: Readonly<Record<Field, number>>;
}

/**
 * Our own declarations of the NVML structs the binding reads (layouts from the project's NVML
 * reference §1.4; NVIDIA's header is not copied). Anonymous koffi structs, so declaring them twice
 * in one process cannot clash ("Duplicate type name"). The binding passes plain buffers and reads
 * them at these offsets, which is several times faster than koffi's object marshalling.
 */
export interface NvmlLayouts {
  readonly pciInfo: StructLayout<'busId'>;
  readonly memoryV1: StructLayout<'total' | 'free' | 'used'>;
  readonly memoryV2: StructLayout<'version' | 'total' | 'reserved' | 'free' | 'used'>;
  readonly utilization: StructLayout<'gpu' | 'memory'>;
  readonly temperatureV1: StructLayout<'version' | 'sensorType' | 'temperature'>;
  readonly processV1: StructLayout<'pid' | 'usedGpuMemory'>;
  readonly processV2: StructLayout<'pid' | 'usedGpuMemory' | 'gpuInstanceId' | 'computeInstanceId'>;
  readonly processR535: StructLayout<'pid' | 'usedGpuMemory' | 'usedGpuCcProtectedMemory'>;
  readonly eventData: StructLayout<'device' | 'eventType' | 'eventData' | 'gpuInstanceId' | 'computeInstanceId'>;
}

function layout<Field extends string>(definition: Record<Field, string | TypeObject>): StructLayout<Field> {
  const type = koffi.struct(definition);
  const offset = {} as Record<Field, number>;
  for (const field of Object.keys(definition) as Field[]) offset[field] = koffi.offsetof(type, field);
  return { size: koffi.sizeof(type), offset };
}

function declareLayouts(): NvmlLayouts {
  const processV2 = {
    pid: 'uint32_t',
    usedGpuMemory: 'uint64_t',
    gpuInstanceId: 'uint32_t',
    computeInstanceId: 'uint32_t',
  } as const;
  return {
    pciInfo: layout({
      busIdLegacy: koffi.array('char', 16),
      domain: 'uint32_t',
      bus: 'uint32_t',
      device: 'uint32_t',
      pciDeviceId: 'uint32_t',
      pciSubSystemId: 'uint32_t',
      busId: koffi.array('char', 32),
    }),
    memoryV1: layout({ total: 'uint64_t', free: 'uint64_t', used: 'uint64_t' }),
    memoryV2: layout({ version: 'uint32_t', total: 'uint64_t', reserved: 'uint64_t', free: 'uint64_t', used: 'uint64_t' }),
    utilization: layout({ gpu: 'uint32_t', memory: 'uint32_t' }),
    temperatureV1: layout({ version: 'uint32_t', sensorType: 'uint32_t', temperature: 'int32_t' }),
    processV1: layout({ pid: 'uint32_t', usedGpuMemory: 'uint64_t' }),
    processV2: layout(processV2),
    // R535 drivers wrote this 32-byte element from _v3 without a version bump (reference §1.4).
    processR535: layout({ ...processV2, usedGpuCcProtectedMemory: 'uint64_t' }),
    eventData: layout({
      device: 'void *',
      eventType: 'uint64_t',
      eventData: 'uint64_t',
      gpuInstanceId: 'uint32_t',
      computeInstanceId: 'uint32_t',
    }),
  };
}

let layouts: NvmlLayouts | undefined;

/** The layouts, declared on first use (nothing is declared on import). */
export function nvmlLayouts(): NvmlLayouts {
  layouts ??= declareLayouts();
  return layouts;
}

/** `NVML_STRUCT_VERSION(data, ver)`: the struct size with the version in the top byte. */
export function structVersion(size: number, version: number): number {
  return (size | (version << 24)) >>> 0;
}
