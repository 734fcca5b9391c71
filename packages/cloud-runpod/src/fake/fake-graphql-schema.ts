import type { SelectedField } from './graphql-selection.js';

/**
 * The part of RunPod's GraphQL schema the fake serves (reference B5): object type → field →
 * type. A query selecting a field not listed here fails validation with HTTP 400, as RunPod
 * refuses a whole query over one unknown field.
 */
export const fakeGraphqlSchema: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Query: { gpuTypes: '[GpuType]', pod: 'Pod' },
  Mutation: { podFindAndDeployOnDemand: 'Pod', podRentInterruptable: 'Pod', podTerminate: 'Void' },
  GpuType: fields(
    'id displayName manufacturer memoryInGb cudaCores secureCloud communityCloud securePrice communityPrice secureSpotPrice communitySpotPrice maxGpuCount maxGpuCountSecureCloud maxGpuCountCommunityCloud minPodGpuCount',
    { lowestPrice: 'LowestPrice' },
  ),
  LowestPrice: fields(
    'minimumBidPrice uninterruptablePrice minVcpu minMemory stockStatus compliance countryCode availableGpuCounts gpuName gpuTypeId',
  ),
  Pod: fields(
    'id name desiredStatus imageName env machineId costPerHr gpuCount vcpuCount memoryInGb containerDiskInGb volumeInGb volumeMountPath ports lastStatusChange uptimeSeconds podType dockerArgs',
    { machine: 'Machine', runtime: 'PodRuntime' },
  ),
  Machine: fields('podHostId gpuDisplayName location dataCenterId'),
  PodRuntime: fields('uptimeInSeconds', { ports: '[RuntimePort]', gpus: '[RuntimeGpu]', container: 'RuntimeContainer' }),
  RuntimePort: fields('ip isIpPublic privatePort publicPort type'),
  RuntimeGpu: fields('id gpuUtilPercent memoryUtilPercent'),
  RuntimeContainer: fields('cpuPercent memoryPercent'),
};

function fields(scalars: string, objects: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(scalars.split(' ').map((name) => [name, 'Scalar'])), ...objects };
}

/** GraphQL validation messages for a selection on `typeName`, in the wording graphql-js uses. */
export function validateSelection(selection: readonly SelectedField[], typeName: string): string[] {
  const type = fakeGraphqlSchema[typeName] ?? {};
  return selection.flatMap((field) => {
    const fieldType = type[field.name];
    if (fieldType === undefined) return [`Cannot query field "${field.name}" on type "${typeName}".`];
    const objectType = fieldType.replace(/[[\]]/g, '');
    const isObject = fakeGraphqlSchema[objectType] !== undefined;
    if (isObject && field.selection === undefined)
      return [`Field "${field.name}" of type "${fieldType}" must have a selection of subfields.`];
    if (!isObject && field.selection !== undefined)
      return [`Field "${field.name}" must not have a selection since type "${fieldType}" has no subfields.`];
    return isObject && field.selection !== undefined ? validateSelection(field.selection, objectType) : [];
  });
}

/** Picks the selected fields out of a resolved value; function fields are called with their arguments. */
export function project(value: unknown, selection: readonly SelectedField[] | undefined): unknown {
  if (selection === undefined || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((item) => project(item, selection));
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    selection.map((field) => {
      const raw = record[field.name];
      const resolved = typeof raw === 'function' ? (raw as (args: Readonly<Record<string, unknown>>) => unknown)(field.args) : raw;
      return [field.responseKey, project(resolved, field.selection)];
    }),
  );
}
