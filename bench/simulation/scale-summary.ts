import type { ResultRow } from './report-table.js';
import { integer } from './text-table.js';
import type { Workload } from './workloads.js';

const daySeconds = 86_400;

/** One line on the size of a replay: jobs, what was dropped, GPUs, offers, simulated days. */
export function scaleLine(workload: Workload, rows: readonly ResultRow[]): string {
  const { trace, fleet, offers } = workload;
  const jobs = trace.jobs;
  const dropped = Object.entries(trace.dropped)
    .map(([reason, count]) => `${reason} ${integer(count)}`)
    .join(', ');
  const confidential = jobs.filter((job) => job.spec.confidentiality === 'confidential').length;
  const byPriority = { high: 0, normal: 0, low: 0 };
  for (const job of jobs) {
    const priority = job.spec.priority;
    if (priority === 'high' || priority === 'normal' || priority === 'low') byPriority[priority]++;
  }
  const multiGpu = jobs.filter((job) => job.spec.type === 'video').length;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const job of jobs) {
    first = Math.min(first, job.submitAt);
    last = Math.max(last, job.submitAt);
  }
  const submitDays = jobs.length === 0 ? 0 : (last - first) / 1000 / daySeconds;
  const simulatedDays =
    Math.max(0, ...rows.filter((row) => row.trace === trace.trace).map((row) => row.report.simulatedSeconds)) / daySeconds;
  const gpuHours = jobs.reduce((sum, job) => sum + (job.runSeconds ?? 0), 0) / 3_600;
  return [
    `${trace.trace}: ${integer(jobs.length)} jobs of ${integer(trace.rows)} rows (dropped: ${dropped || 'none'})`,
    `  priority high/normal/low ${integer(byPriority.high)}/${integer(byPriority.normal)}/${integer(byPriority.low)}, confidential ${integer(confidential)} (${((confidential / Math.max(1, jobs.length)) * 100).toFixed(1)} %)${multiGpu > 0 ? `, multi-GPU pods mapped to one GPU ${integer(multiGpu)}` : ''}`,
    `  ${integer(gpuHours)} GPU-hours of work, ${integer(fleet.length)} local GPUs, ${integer(offers.length)} cloud offers, submits over ${submitDays.toFixed(1)} days, simulated span ${simulatedDays.toFixed(1)} days`,
  ].join('\n');
}
