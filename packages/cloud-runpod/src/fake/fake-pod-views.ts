import type { FakePod, FakePodStore } from './fake-pods.js';

const actionsByStatus: Record<string, readonly string[]> = {
  PROVISIONING: ['stop', 'terminate'],
  STARTING: ['stop', 'terminate'],
  RUNNING: ['stop', 'restart', 'terminate'],
  EXITED: ['start', 'terminate'],
  ERROR: ['start', 'terminate'],
};

/** Container port → public port for the pod's `N/tcp` ports, once mapped. */
function tcpMappings(store: FakePodStore, pod: FakePod): { readonly private: number; readonly public: number }[] {
  if (!store.mapped(pod)) return [];
  return pod.ports
    .map((port, index) => ({ port, index }))
    .filter(({ port }) => port.endsWith('/tcp'))
    .map(({ port, index }) => ({ private: Number(port.split('/')[0]), public: store.publicPort(pod, index) }));
}

/** A pod as REST v2 shows it (`GET /v2/pods/{id}`), following the recorded payloads. */
export function restPodView(store: FakePodStore, pod: FakePod): Record<string, unknown> {
  const status = store.status(pod);
  const mappings = tcpMappings(store, pod);
  const ssh22 = mappings.find((mapping) => mapping.private === 22);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: pod.id,
    name: pod.name,
    image: pod.image,
    args: '',
    disk: pod.diskGb,
    ports: [...pod.ports],
    env: { ...pod.env },
    registry: null,
    status,
    actions: actionsByStatus[status] ?? [],
    mounts: {},
    gpu: { id: pod.gpuTypeId, count: pod.gpuCount },
    cloud: pod.cloud,
    dataCenterId: pod.dataCenterId ?? 'EU-RO-1',
    cudaVersion: '12.8',
    ssh: {
      proxy: { host: 'ssh.runpod.io', port: 22, username: `${pod.id}-64410065`, command: `ssh ${pod.id}-64410065@ssh.runpod.io` },
      direct:
        ssh22 === undefined
          ? null
          : { host: pod.publicIp, port: ssh22.public, username: 'root', command: `ssh root@${pod.publicIp} -p ${ssh22.public}` },
    },
    template: null,
    cost: Math.round(pod.pricePerGpu * pod.gpuCount * 1e6) / 1e6,
    locked: false,
    globalNetworking: { enabled: false },
    runtime: store.mapped(pod)
      ? {
          uptime: Math.floor((store.now() - pod.startedAt) / 1000),
          cpu: { util: 0 },
          memory: { util: 0 },
          gpus: Array.from({ length: pod.gpuCount }, () => ({ util: 0, memoryUtil: 0 })),
          ports: mappings.map((mapping) => ({ ip: pod.publicIp, private: mapping.private, public: mapping.public, type: 'tcp' })),
        }
      : null,
    createdAt: iso(pod.createdAt),
    startedAt: status === 'EXITED' ? null : iso(pod.startedAt),
  };
}

/** A pod as GraphQL shows it (`pod`, `podRentInterruptable`, ...): env as `K=V` strings, ports as one string. */
export function graphqlPodView(store: FakePodStore, pod: FakePod): Record<string, unknown> {
  const status = store.status(pod);
  const mapped = store.mapped(pod);
  return {
    id: pod.id,
    name: pod.name,
    desiredStatus: status === 'EXITED' ? 'EXITED' : 'RUNNING',
    imageName: pod.image,
    env: Object.entries(pod.env).map(([key, value]) => `${key}=${value}`),
    machineId: `m${pod.id.slice(0, 11)}`,
    costPerHr: Math.round(pod.pricePerGpu * pod.gpuCount * 1e6) / 1e6,
    gpuCount: pod.gpuCount,
    vcpuCount: 8,
    memoryInGb: 32,
    containerDiskInGb: pod.diskGb,
    volumeInGb: 0,
    volumeMountPath: '/workspace',
    ports: pod.ports.join(','),
    lastStatusChange: `Rented by User: ${new Date(pod.startedAt).toUTCString()}`,
    uptimeSeconds: mapped ? Math.floor((store.now() - pod.startedAt) / 1000) : 0,
    podType: pod.interruptible ? 'INTERRUPTABLE' : 'RESERVED',
    dockerArgs: '',
    machine: {
      podHostId: `${pod.id}-64410065`,
      gpuDisplayName: pod.gpuTypeId,
      location: 'RO',
      dataCenterId: pod.dataCenterId ?? 'EU-RO-1',
    },
    runtime: mapped
      ? {
          uptimeInSeconds: Math.floor((store.now() - pod.startedAt) / 1000),
          ports: tcpMappings(store, pod).map((mapping) => ({
            ip: pod.publicIp,
            isIpPublic: true,
            privatePort: mapping.private,
            publicPort: mapping.public,
            type: 'tcp',
          })),
          gpus: [],
          container: { cpuPercent: 0, memoryPercent: 0 },
        }
      : null,
  };
}
