import type { CloudInstance, CloudInstanceStatus } from '@aima/core';
import type { RunpodPod } from '../api/rest-v2-schemas.js';
import { encodeOfferId } from './offer-id.js';

/**
 * Environment variables that mark a pod as ours. The pod name (`<label>:<key>`) is for people;
 * these are exact even when a label or key contains the separator.
 */
export const aimaEnv = { label: 'AIMA_LABEL', key: 'AIMA_KEY', offerId: 'AIMA_OFFER_ID' } as const;

/** Container ports a pod asked RunPod to publish over TCP (`"22/tcp"` → 22). */
function requestedTcpPorts(pod: RunpodPod): number[] {
  return (pod.ports ?? []).filter((port) => port.endsWith('/tcp')).map((port) => Number(port.split('/')[0]));
}

/** Public host and container port → public port, from `runtime.ports` (B8); only TCP entries with an address. */
export function endpointOf(pod: RunpodPod): { host: string; ports: Record<string, number> } | undefined {
  const published = (pod.runtime?.ports ?? []).filter(
    (port) => (port.type ?? 'tcp') === 'tcp' && typeof port.ip === 'string' && port.ip !== '' && typeof port.public === 'number',
  );
  const host = pod.ssh?.direct?.host ?? published[0]?.ip ?? undefined;
  if (host === undefined || host === null) return undefined;
  return { host, ports: Object.fromEntries(published.map((port) => [String(port.private), port.public as number])) };
}

/**
 * Whether the pod can be used: `RUNNING` is not enough, since RunPod reports it while `runtime`
 * and the port mappings are still null (recorded live, B7); every requested TCP port must be
 * published too.
 */
export function isReachable(pod: RunpodPod): boolean {
  if (pod.status !== 'RUNNING' || pod.runtime === null || pod.runtime === undefined) return false;
  const wanted = requestedTcpPorts(pod);
  if (wanted.length === 0) return true;
  const endpoint = endpointOf(pod);
  return endpoint !== undefined && wanted.every((port) => endpoint.ports[String(port)] !== undefined);
}

function statusOf(pod: RunpodPod): { readonly status: CloudInstanceStatus; readonly message: string } {
  switch (pod.status) {
    case 'PROVISIONING':
      return { status: 'provisioning', message: 'RunPod is allocating a machine' };
    case 'STARTING':
      return { status: 'provisioning', message: 'the container is starting' };
    case 'RUNNING':
      return isReachable(pod)
        ? { status: 'running', message: 'running; ports published' }
        : { status: 'provisioning', message: 'RUNNING, but RunPod has not published the port mappings yet' };
    case 'EXITED':
      return { status: 'stopped', message: 'stopped (EXITED); its disk still bills' };
    case 'ERROR':
      return { status: 'failed', message: 'the container is in an unrecoverable error state (ERROR)' };
    case 'TERMINATED':
      return { status: 'terminated', message: 'terminated' };
    default:
      return { status: 'provisioning', message: `unknown RunPod status ${pod.status}` };
  }
}

function epochMs(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * Cost so far, estimated as price × time since the pod started: RunPod's pod record has no
 * running total (`/v2/billing/pods` has hourly buckets). Zero while stopped; the provider's spend
 * ledger keeps the highest figure it has seen per pod.
 */
function estimatedCost(pod: RunpodPod, now: number): number {
  const since = epochMs(pod.startedAt) ?? epochMs(pod.createdAt);
  if (since === undefined || pod.status === 'EXITED' || pod.status === 'TERMINATED') return 0;
  return Math.max(0, ((pod.cost ?? 0) * (now - since)) / 3_600_000);
}

/** A RunPod pod as a core `CloudInstance`. Pods without our label env get the label `unlabelled`. */
export function podToInstance(pod: RunpodPod, providerId: string, now: number): CloudInstance {
  const env = pod.env ?? {};
  const { status, message } = statusOf(pod);
  const endpoint = status === 'running' ? endpointOf(pod) : undefined;
  const fallbackOfferId =
    pod.gpu === null || pod.gpu === undefined
      ? 'unknown'
      : encodeOfferId({
          gpuTypeId: pod.gpu.id,
          cloud: pod.cloud === 'COMMUNITY' ? 'COMMUNITY' : 'SECURE',
          pricing: 'ondemand',
          gpuCount: pod.gpu.count,
        });
  const key = env[aimaEnv.key];
  return {
    id: pod.id,
    providerId,
    offerId: env[aimaEnv.offerId] ?? fallbackOfferId,
    ...(key !== undefined && { key }),
    status,
    ...(endpoint !== undefined && { endpoint }),
    pricePerHourUsd: Math.max(0, pod.cost ?? 0),
    startedAt: Math.max(0, Math.trunc(epochMs(pod.createdAt) ?? now)),
    label: env[aimaEnv.label] ?? 'unlabelled',
    costSoFarUsd: estimatedCost(pod, now),
    statusMessage: message,
  };
}

/** Whether the pod was launched by AIMA with this label. */
export function hasLabel(pod: RunpodPod, label: string): boolean {
  return pod.env?.[aimaEnv.label] === label;
}
