/** One `--query-gpu` or `--query-compute-apps` field and whether the row is useless without it. */
export interface SmiField {
  readonly name: string;
  readonly required: boolean;
}

const required = (name: string): SmiField => ({ name, required: true });
const optional = (name: string): SmiField => ({ name, required: false });

/** Discovery (N1). The CUDA version is not a query field; it comes from `nvidia-smi -q`. */
export const discoveryFields: readonly SmiField[] = [
  required('index'),
  required('uuid'),
  required('name'),
  required('memory.total'),
  optional('driver_version'),
  optional('pci.bus_id'),
  optional('compute_cap'),
  optional('mig.mode.current'),
  optional('power.limit'),
];

/** Metrics (N2) and health counters (N3). */
export const sampleFields: readonly SmiField[] = [
  required('uuid'),
  required('memory.total'),
  required('memory.used'),
  optional('memory.free'),
  optional('utilization.gpu'),
  optional('utilization.memory'),
  optional('temperature.gpu'),
  optional('power.draw'),
  optional('power.limit'),
  optional('clocks.gr'),
  optional('clocks.sm'),
  optional('clocks.mem'),
  optional('ecc.errors.corrected.volatile.total'),
  optional('ecc.errors.uncorrected.volatile.total'),
  optional('retired_pages.sbe'),
  optional('retired_pages.dbe'),
  optional('retired_pages.pending'),
];

/** Processes; the free-text name goes last so commas in it cannot shift columns. */
export const processFields: readonly SmiField[] = [
  required('gpu_uuid'),
  required('pid'),
  optional('used_gpu_memory'),
  optional('process_name'),
];

const INVALID_FIELD = /Field "([^"]+)" is not a valid field to query/i;

/** The field an older nvidia-smi refused (`Field "x" is not a valid field to query.`), if that is what it said. */
export function refusedField(output: string): string | undefined {
  return INVALID_FIELD.exec(output)?.[1];
}
