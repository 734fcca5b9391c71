import { type Policy, simulate } from '@aima/core';
import { configFor, type PolicyRun } from './policy-runs.js';
import { createProgressBar, type ProgressStream } from './progress-bar.js';
import type { ResultRow } from './report-table.js';
import type { Workload } from './workloads.js';

/** How every policy of a replay is run. */
export interface ReplayOptions {
  readonly seed?: number;
  readonly provisioningSeconds?: number;
  readonly launchFailureRate?: number;
  /** Where progress bars draw; none when absent. */
  readonly progress?: ProgressStream;
}

/** Replays one workload through each policy in turn (sequentially: one core at a time). */
export async function replayPolicies(workload: Workload, runs: readonly PolicyRun[], options: ReplayOptions = {}): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const run of runs) {
    const bar = options.progress && createProgressBar(options.progress, `${workload.trace.trace} ${run.label}`);
    const counted = countingDecisions(run.policy);
    const cpuBefore = process.cpuUsage();
    const report = await simulate({
      jobs: workload.trace.jobs,
      fleet: workload.fleet,
      offers: workload.offers,
      policy: counted.policy,
      config: configFor(run),
      provisioningSeconds: options.provisioningSeconds ?? 120,
      launchFailureRate: options.launchFailureRate ?? 0,
      seed: options.seed ?? 1,
      ...(bar && { onProgress: (done: number, total: number) => bar.update(done, total) }),
    });
    const cpu = process.cpuUsage(cpuBefore);
    bar?.finish(`${Math.round(report.wallMilliseconds).toLocaleString('en-US')} ms`);
    rows.push({
      trace: workload.trace.trace,
      label: run.label,
      report,
      decisions: counted.count(),
      cpuMilliseconds: (cpu.user + cpu.system) / 1000,
    });
  }
  return rows;
}

/** The same policy under the same name, counting how often the engine asks it (once per decision). */
export function countingDecisions(policy: Policy): { policy: Policy; count: () => number } {
  let decisions = 0;
  return {
    policy: {
      name: policy.name,
      decide(input) {
        decisions++;
        return policy.decide(input);
      },
    },
    count: () => decisions,
  };
}
