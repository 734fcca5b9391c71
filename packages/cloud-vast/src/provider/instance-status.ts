import type { CloudInstanceStatus } from '@aima/core';
import type { VastInstance } from '../client/schemas/instance.js';

/** Our status of a Vast instance, with Vast's own words or ours on why. */
export interface StatusReading {
  readonly status: CloudInstanceStatus;
  readonly message?: string;
  /** An interruptible instance that lost its GPU to a higher bid. */
  readonly outbid: boolean;
}

const pending = new Set(['loading', 'created', 'restarting', 'rebooting', 'scheduling']);

/**
 * Reads Vast's status fields (reference A7, C):
 * - `actual_status` null, `loading`, `created`, `restarting`, `rebooting` → provisioning;
 * - `created` with "OCI runtime create failed", or `loading` after Vast gave up (`intended_status`
 *   `stopped`, e.g. an image that cannot be pulled) → failed;
 * - current, intended and next state all `stopped` on a bid instance → stopped, outbid (dstack);
 * - `stopped`, `frozen` → stopped; `exited`, `offline`, `unknown` → failed; `cur_state` `unloaded` → terminated.
 */
export function readStatus(instance: VastInstance): StatusReading {
  const said = instance.status_msg?.trim() || undefined;
  const actual = instance.actual_status ?? undefined;
  if (instance.cur_state === 'unloaded') return { status: 'terminated', outbid: false, ...(said && { message: said }) };
  if (isOutbid(instance)) {
    const message = `outbid: a higher bid took the GPU; Vast reports current, intended and next state stopped${said ? ` (${said})` : ''}`;
    return { status: 'stopped', outbid: true, message };
  }
  if (actual === 'running') return { status: 'running', outbid: false, ...(said && { message: said }) };
  if (actual === undefined || pending.has(actual)) return readPending(instance, actual, said);
  if (actual === 'stopped' || actual === 'frozen')
    return { status: 'stopped', outbid: false, message: said ?? `Vast reports the instance ${actual}` };
  const reasons: Record<string, string> = {
    exited: 'the container exited unexpectedly',
    offline: 'the host is offline',
    unknown: 'Vast has no recent heartbeat from the host',
  };
  const reason = reasons[actual] ?? `Vast reports status "${actual}"`;
  return { status: 'failed', outbid: false, message: said ? `${reason}: ${said}` : reason };
}

function readPending(instance: VastInstance, actual: string | undefined, said: string | undefined): StatusReading {
  if (actual === 'created' && said?.includes('OCI runtime create failed')) {
    return { status: 'failed', outbid: false, message: `the container could not be created: ${said}` };
  }
  if (instance.intended_status === 'stopped' && !instance.is_bid) {
    return { status: 'failed', outbid: false, message: `Vast gave up starting the instance${said ? `: ${said}` : ''}` };
  }
  return { status: 'provisioning', outbid: false, message: said ?? (actual === undefined ? 'being scheduled' : `Vast reports ${actual}`) };
}

function isOutbid(instance: VastInstance): boolean {
  return (
    instance.is_bid === true &&
    instance.cur_state === 'stopped' &&
    instance.intended_status === 'stopped' &&
    instance.next_state === 'stopped'
  );
}
