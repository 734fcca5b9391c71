import type { FailureSeverity } from '@aima/core';

/** What an XID means for scheduling. */
export interface XidClass {
  readonly xid: number;
  /**
   * - `temporary`: an application error; the GPU stays healthy (restart the job);
   * - `persistent`: the GPU needs attention but can still run work (monitor, reset at a convenient time);
   * - `critical`: drain the GPU now; it needs a reset or a reboot.
   */
  readonly severity: FailureSeverity;
  /** NVIDIA's mnemonic or a short description. */
  readonly label: string;
  /** What to do next. */
  readonly action: string;
}

type Row = readonly [FailureSeverity, string, string];

const RESTART_APP = 'restart the application; the GPU stays usable';
const RESET_GPU = 'drain the GPU and reset it (or reboot the node)';
const MONITOR = 'keep using the GPU but watch it; reset it at a convenient time';

// From the project's NVML reference §3: NVIDIA's XID catalog, DCGM's health mapping (devastating
// XIDs and FAIL → critical, WARN → persistent) and the k8s device plugin's ignored application XIDs.
const rows: Readonly<Record<number, Row>> = {
  13: ['temporary', 'graphics engine exception (GR_EXCEPTION)', RESTART_APP],
  31: ['temporary', 'GPU memory page fault (MMU_ERR_FLT)', RESTART_APP],
  43: ['temporary', 'GPU stopped processing (RESETCHANNEL_VERIF_ERROR)', RESTART_APP],
  45: ['temporary', 'preemptive cleanup after earlier errors (PREEMPTIVE_REMOVAL)', 'follow the other XIDs reported with it'],
  68: ['temporary', 'video processor exception', RESTART_APP],
  109: ['temporary', 'context switch timeout', RESTART_APP],
  48: ['critical', 'double-bit ECC error (GPU_ECC_DBE)', RESET_GPU],
  64: ['critical', 'GPU memory remapping failure (DRAM_RETIREMENT_FAILURE)', RESET_GPU],
  74: ['critical', 'NVLink error', RESET_GPU],
  79: ['critical', 'GPU has fallen off the bus', 'drain the node and restart it; check power, cooling and seating'],
  95: ['critical', 'uncontained memory error (UNCONTAINED_ERROR)', RESET_GPU],
  119: ['critical', 'GSP RPC timeout', RESET_GPU],
  120: ['critical', 'GSP error', RESET_GPU],
  140: ['critical', 'unrecoverable ECC error escape', RESET_GPU],
  63: ['persistent', 'GPU memory remapping event (DRAM_RETIREMENT_EVENT)', MONITOR],
  92: ['persistent', 'high single-bit ECC error rate (EXCESSIVE_SBE_INTERRUPTS)', MONITOR],
  94: ['persistent', 'contained memory error (CONTAINED_ERROR)', 'restart the application; the GPU reset can be deferred'],
  154: ['persistent', 'GPU recovery action changed', 'read the recovery action the driver asks for'],
  38: ['persistent', 'PCIe error', MONITOR],
  39: ['persistent', 'PCIe error', MONITOR],
  42: ['persistent', 'PCIe error', MONITOR],
  54: ['persistent', 'power problem', MONITOR],
  56: ['persistent', 'power problem', MONITOR],
  57: ['persistent', 'power problem', MONITOR],
  58: ['persistent', 'power problem', MONITOR],
  78: ['persistent', 'power problem', MONITOR],
  60: ['persistent', 'thermal problem', MONITOR],
  61: ['persistent', 'thermal problem', MONITOR],
  62: ['persistent', 'thermal problem', MONITOR],
  67: ['persistent', 'NVLink problem', MONITOR],
  73: ['persistent', 'NVLink problem', MONITOR],
  121: ['persistent', 'NVLink problem', MONITOR],
  137: ['persistent', 'NVLink problem', MONITOR],
  93: ['persistent', 'InfoROM problem', MONITOR],
};

/** NVML reports 999 when the driver could not name the XID. */
export const UNKNOWN_XID = 999;

/**
 * Classifies an XID. Unlisted XIDs count as persistent: the k8s device plugin marks the GPU
 * unhealthy for any XID it does not know to be an application error.
 */
export function classifyXid(xid: number): XidClass {
  const row = rows[xid];
  if (row) return { xid, severity: row[0], label: row[1], action: row[2] };
  const label = xid === UNKNOWN_XID ? 'unknown XID' : `XID ${xid}`;
  return { xid, severity: 'persistent', label, action: 'look up the XID in the NVIDIA XID catalog and check the kernel log' };
}
