import type { CloudInstance } from '@aima/core';
import type { VastInstance } from '../client/schemas/instance.js';
import { decodeInstanceLabel, type InstanceIdentity } from './instance-label.js';
import { readStatus } from './instance-status.js';

/** A Vast instance in core's terms, plus what only Vast has. */
export interface VastCloudInstance extends CloudInstance {
  /** SSH: direct (public IP and the port mapped to 22) when Vast maps one, else Vast's SSH proxy. */
  readonly ssh?: { readonly host: string; readonly port: number };
  /** Vast's raw status fields, for diagnosis. */
  readonly vast: {
    readonly actualStatus?: string;
    readonly intendedStatus?: string;
    readonly curState?: string;
    readonly machineId?: number;
    readonly interruptible: boolean;
    readonly outbid: boolean;
  };
}

export interface MappingContext {
  readonly id: number;
  /** Epoch ms, for the cost so far. */
  readonly now: number;
  /** Who the instance belongs to when its label does not say (in its first seconds). */
  readonly fallback?: InstanceIdentity;
}

/**
 * Maps a Vast instance to ours. The cost so far is `dph_total` × time since `start_date` (Vast has
 * no running total on the instance; `accountSpend` reads the billed charges).
 */
export function toCloudInstance(raw: VastInstance, context: MappingContext): VastCloudInstance {
  const identity = decodeInstanceLabel(raw.label) ?? context.fallback;
  const reading = readStatus(raw);
  const pricePerHourUsd = Math.max(0, raw.dph_total ?? 0);
  const startedAt = raw.start_date ? Math.round(raw.start_date * 1000) : context.now;
  const until = reading.status === 'terminated' && raw.end_date ? Math.round(raw.end_date * 1000) : context.now;
  const endpoint = reading.status === 'running' ? endpointOf(raw) : undefined;
  const ssh = sshOf(raw);
  return {
    id: String(context.id),
    providerId: 'vast',
    offerId: identity?.offerId ?? 'unknown',
    ...(identity !== undefined && { key: identity.key }),
    status: reading.status,
    ...(endpoint !== undefined && { endpoint }),
    pricePerHourUsd,
    startedAt: Math.max(0, startedAt),
    label: identity?.label ?? (raw.label?.trim() || 'unlabelled'),
    costSoFarUsd: (pricePerHourUsd * Math.max(0, until - startedAt)) / 3_600_000,
    ...(reading.message !== undefined && { statusMessage: reading.message }),
    ...(ssh !== undefined && { ssh }),
    vast: {
      ...(raw.actual_status && { actualStatus: raw.actual_status }),
      ...(raw.intended_status && { intendedStatus: raw.intended_status }),
      ...(raw.cur_state && { curState: raw.cur_state }),
      ...(typeof raw.machine_id === 'number' && { machineId: raw.machine_id }),
      interruptible: raw.is_bid === true,
      outbid: reading.outbid,
    },
  };
}

/** Public host and container port → public port, from `ports` (`"8000/tcp" → [{HostPort: "37708"}]`). */
function endpointOf(raw: VastInstance): CloudInstance['endpoint'] {
  const host = raw.public_ipaddr?.trim();
  if (!host) return undefined;
  const ports: Record<string, number> = {};
  for (const [binding, mappings] of Object.entries(raw.ports ?? {})) {
    const hostPort = mappings?.[0]?.HostPort;
    const containerPort = binding.split('/')[0];
    if (hostPort !== undefined && containerPort) ports[containerPort] = hostPort;
  }
  return { host, ports };
}

/** Direct SSH when port 22 is mapped, else Vast's proxy (`ssh_host`:`ssh_port`; reference A10). */
function sshOf(raw: VastInstance): VastCloudInstance['ssh'] {
  const direct = raw.ports?.['22/tcp']?.[0]?.HostPort;
  const host = raw.public_ipaddr?.trim();
  if (direct !== undefined && host) return { host, port: direct };
  if (raw.ssh_host && typeof raw.ssh_port === 'number') return { host: raw.ssh_host, port: raw.ssh_port };
  return undefined;
}
