import type { Clock, RandomSource } from '@aima/core';
import type { FakeGpuType } from './fake-catalog.js';

/** How a fake pod comes up, from create (or start) on the fake's clock. */
export interface FakePodTimeline {
  /** `PROVISIONING` for this long. */
  readonly provisioningMs: number;
  /** Then `STARTING` for this long. */
  readonly startingMs: number;
  /** Then `RUNNING` with `runtime: null` and no port mappings for this long (recorded live, B7); `Infinity` never maps. */
  readonly endpointDelayMs: number;
  /** The pod turns `ERROR` at this time after start, if set. */
  readonly errorAtMs?: number;
}

/** @default 5 s provisioning, 5 s starting, 10 s running before the ports are mapped */
export const defaultPodTimeline: FakePodTimeline = { provisioningMs: 5_000, startingMs: 5_000, endpointDelayMs: 10_000 };

/** What creating a pod needs. */
export interface FakePodSpec {
  readonly name: string;
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  readonly ports: readonly string[];
  readonly gpuTypeId: string;
  readonly gpuCount: number;
  readonly cloud: 'SECURE' | 'COMMUNITY';
  readonly dataCenterId?: string | undefined;
  readonly interruptible: boolean;
  readonly pricePerGpu: number;
  readonly diskGb: number;
}

/** A pod held by the fake. */
export interface FakePod extends FakePodSpec {
  readonly id: string;
  readonly createdAt: number;
  startedAt: number;
  desired: 'RUNNING' | 'EXITED';
  timeline: FakePodTimeline;
  readonly publicIp: string;
  readonly portBase: number;
}

export type FakePodStatus = 'PROVISIONING' | 'STARTING' | 'RUNNING' | 'EXITED' | 'ERROR';

/** The pods of the fake account and their life on the clock. Terminated pods are deleted. */
export class FakePodStore {
  readonly pods = new Map<string, FakePod>();
  /** Ids of pods terminated so far, for assertions. */
  readonly terminatedIds: string[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly timelineFor: (spec: FakePodSpec) => FakePodTimeline,
  ) {}

  now(): number {
    return this.clock.now();
  }

  create(spec: FakePodSpec): FakePod {
    const now = this.clock.now();
    const pod: FakePod = {
      ...spec,
      id: this.randomId(14),
      createdAt: now,
      startedAt: now,
      desired: 'RUNNING',
      timeline: this.timelineFor(spec),
      publicIp: `203.0.113.${1 + Math.floor(this.random.next() * 250)}`,
      portBase: 20_000 + Math.floor(this.random.next() * 30_000),
    };
    this.pods.set(pod.id, pod);
    return pod;
  }

  terminate(id: string): boolean {
    const existed = this.pods.delete(id);
    if (existed) this.terminatedIds.push(id);
    return existed;
  }

  status(pod: FakePod): FakePodStatus {
    if (pod.desired === 'EXITED') return 'EXITED';
    const elapsed = this.clock.now() - pod.startedAt;
    if (pod.timeline.errorAtMs !== undefined && elapsed >= pod.timeline.errorAtMs) return 'ERROR';
    if (elapsed < pod.timeline.provisioningMs) return 'PROVISIONING';
    if (elapsed < pod.timeline.provisioningMs + pod.timeline.startingMs) return 'STARTING';
    return 'RUNNING';
  }

  /** Whether the runtime and the port mappings exist yet. */
  mapped(pod: FakePod): boolean {
    const { provisioningMs, startingMs, endpointDelayMs } = pod.timeline;
    return this.status(pod) === 'RUNNING' && this.clock.now() - pod.startedAt >= provisioningMs + startingMs + endpointDelayMs;
  }

  /** Public port of a container port, once mapped. */
  publicPort(pod: FakePod, index: number): number {
    return pod.portBase + index;
  }

  stop(pod: FakePod): void {
    pod.desired = 'EXITED';
  }

  start(pod: FakePod): void {
    pod.desired = 'RUNNING';
    pod.startedAt = this.clock.now();
  }

  private randomId(length: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from({ length }, () => alphabet[Math.floor(this.random.next() * alphabet.length)]).join('');
  }
}

/** Whether a GPU type can be rented as asked; the capacity answer otherwise. */
export function capacityOf(
  types: readonly FakeGpuType[],
  request: {
    readonly gpuTypeId: string;
    readonly cloud: 'SECURE' | 'COMMUNITY';
    readonly gpuCount: number;
    readonly dataCenterId?: string | undefined;
  },
): { readonly ok: true; readonly type: FakeGpuType } | { readonly ok: false; readonly problem: 'unknown-gpu' | 'no-capacity' } {
  const type = types.find((candidate) => candidate.id === request.gpuTypeId);
  if (type === undefined) return { ok: false, problem: 'unknown-gpu' };
  const stock = request.cloud === 'SECURE' ? type.secureStock : type.communityStock;
  const placeOk = request.dataCenterId === undefined || request.cloud === 'COMMUNITY' || type.dataCenters.includes(request.dataCenterId);
  if (stock === null || !placeOk || request.gpuCount > type.maxGpuCount) return { ok: false, problem: 'no-capacity' };
  return { ok: true, type };
}
