import type { FakeOffer } from './fake-offers.js';

/** A rented instance inside the fake, with the faults injected into it. */
export interface FakeInstance {
  readonly id: number;
  readonly offer: FakeOffer;
  label: string | null;
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  readonly runtype: string;
  readonly diskGb: number;
  /** The bid, for an interruptible rental. */
  readonly bid?: number;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms when destroyed; the instance then reads as `{"instances": null}`. */
  destroyedAt?: number;
  stuckInLoading: boolean;
  containerFails: boolean;
  outbid: boolean;
  /** Stopped by a bid below the minimum or by a stop call. */
  stopped: boolean;
}

/** How long every status field stays null after creation (reference A7, "happy path"). */
const nullPhaseMs = 2_000;

/**
 * The instance as `GET /instances/{id}/` shows it at `now`: null fields first, then `loading`
 * with empty ports, then `running` with `ports` filled (host ports as strings), as the captured
 * sequence shows. Faults override: stuck in loading, OCI failure in `created`, outbid / stopped
 * with current, intended and next state all `stopped`.
 */
export function instanceView(instance: FakeInstance, now: number, loadingMs: number): Record<string, unknown> {
  const elapsed = now - instance.createdAt;
  const state = stateAt(instance, elapsed, loadingMs);
  const running = state.actual_status === 'running';
  const ports = running ? portMappings(instance) : state.actual_status === null ? null : {};
  const directStart = running ? 30_000 + (instance.id % 1000) * 10 : -1;
  const proxy = instance.runtype.includes('ssh') && state.actual_status !== null;
  return {
    id: instance.id,
    label: instance.label,
    machine_id: instance.offer.machine_id,
    host_id: instance.offer.host_id,
    bundle_id: instance.offer.bundle_id,
    ...state,
    image_uuid: instance.image,
    image_runtype: instance.runtype,
    extra_env: Object.entries(instance.env),
    ssh_host: proxy ? `ssh${instance.id % 9}.vast.ai` : null,
    ssh_port: proxy ? 10_000 + (instance.id % 50_000) : null,
    // Vast's public_ipaddr may carry whitespace (reference A7).
    public_ipaddr: state.actual_status === null ? null : `${instance.offer.public_ipaddr} `,
    ports,
    direct_port_start: directStart,
    direct_port_end: running ? directStart + 9 : -1,
    direct_port_count: instance.offer.direct_port_count,
    num_gpus: instance.offer.num_gpus,
    gpu_name: instance.offer.gpu_name,
    gpu_ram: instance.offer.gpu_ram,
    geolocation: instance.offer.geolocation,
    reliability2: instance.offer.reliability2,
    verification: instance.offer.verification,
    disk_space: instance.diskGb,
    dph_total: instance.bid ?? instance.offer.dph_total,
    is_bid: instance.bid !== undefined,
    min_bid: instance.offer.min_bid,
    start_date: instance.createdAt / 1000,
    end_date: instance.offer.end_date,
  };
}

function stateAt(instance: FakeInstance, elapsed: number, loadingMs: number): Record<string, string | null> {
  if (instance.outbid || instance.stopped) {
    return { actual_status: 'stopped', intended_status: 'stopped', cur_state: 'stopped', next_state: 'stopped', status_msg: null };
  }
  if (elapsed < nullPhaseMs) return { actual_status: null, intended_status: null, cur_state: null, next_state: null, status_msg: null };
  if (instance.containerFails) {
    const message = `Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process`;
    return { actual_status: 'created', intended_status: 'running', cur_state: 'running', next_state: 'running', status_msg: message };
  }
  if (instance.stuckInLoading || elapsed < loadingMs) {
    return {
      actual_status: 'loading',
      intended_status: 'running',
      cur_state: 'running',
      next_state: 'running',
      status_msg: `Pulling ${instance.image}`,
    };
  }
  return {
    actual_status: 'running',
    intended_status: 'running',
    cur_state: 'running',
    next_state: 'running',
    status_msg: `success, running ${instance.image.replace(':', '_')}/ssh`,
  };
}

/** `"<port>/tcp" → [{HostIp, HostPort}]` for every `-p` flag in env, HostPort a string; 22 when SSH is direct. */
function portMappings(instance: FakeInstance): Record<string, { HostIp: string; HostPort: string }[]> {
  const containerPorts = Object.keys(instance.env)
    .map((key) => /^-p (\d+):(\d+)/.exec(key)?.[2])
    .filter((port): port is string => port !== undefined);
  if (instance.runtype.includes('ssh_direc')) containerPorts.unshift('22');
  const start = 30_000 + (instance.id % 1000) * 10;
  return Object.fromEntries(
    containerPorts.map((port, index) => {
      const hostPort = String(start + index);
      return [
        `${port}/tcp`,
        [
          { HostIp: '0.0.0.0', HostPort: hostPort },
          { HostIp: '::', HostPort: hostPort },
        ],
      ];
    }),
  );
}
