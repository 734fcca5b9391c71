/**
 * Our names for a serverless job's state, mapped from RunPod's (B9). The scheduler's own job
 * states are not final yet; these follow the usual words (queued, running, succeeded, ...).
 */
export type ServerlessJobPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

const phaseByStatus: Readonly<Record<string, ServerlessJobPhase>> = {
  IN_QUEUE: 'queued',
  IN_PROGRESS: 'running',
  /** Listed by the job-states docs page besides IN_PROGRESS. */
  RUNNING: 'running',
  COMPLETED: 'succeeded',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TIMED_OUT: 'timed-out',
};

/** The phase of a RunPod job status; undefined for a status this client does not know. */
export function phaseOf(status: string): ServerlessJobPhase | undefined {
  return phaseByStatus[status.toUpperCase()];
}

/** Whether nothing more will happen to the job (rp-js `isCompleted`: CANCELLED included). */
export function isTerminal(phase: ServerlessJobPhase | undefined): boolean {
  return phase === 'succeeded' || phase === 'failed' || phase === 'cancelled' || phase === 'timed-out';
}
