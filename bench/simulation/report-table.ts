import type { SimulationReport } from '@aima/core';
import { dollars, formatTable, integer, percent, seconds } from './text-table.js';

/** One row of the results table: which trace, which policy, what the simulation measured. */
export interface ResultRow {
  readonly trace: string;
  readonly label: string;
  readonly report: SimulationReport;
  /** Decisions the engine made (a queued job is decided again each dispatch round). */
  readonly decisions?: number;
  /** CPU time of the replay (all threads of the process), less noisy than wall time on a shared machine. */
  readonly cpuMilliseconds?: number;
}

const header = [
  'trace/policy',
  'done',
  'failed',
  'rejected',
  'total $',
  'cloud $',
  'energy $',
  'capex $',
  'wait mean s',
  'p90 s',
  'p99 s',
  'max high s',
  'max normal s',
  'max low s',
  'miss %',
  'local util %',
  'cloud share %',
  'conf viol',
  'preempt',
  'launch fail',
  'decisions',
  'wall ms',
  'cpu ms',
];

function cells({ trace, label, report, decisions, cpuMilliseconds }: ResultRow): string[] {
  const byPriority = report.waitByPriority;
  return [
    `${trace} ${label}`,
    integer(report.jobs.completed),
    integer(report.jobs.failed + report.jobs.cancelled),
    integer(report.jobs.rejected),
    dollars(report.costs.totalUsd),
    dollars(report.costs.cloudUsd),
    dollars(report.costs.localEnergyUsd),
    dollars(report.costs.localDepreciationUsd),
    seconds(report.wait.mean),
    seconds(report.wait.p90),
    seconds(report.wait.p99),
    seconds(byPriority.high.max),
    seconds(byPriority.normal.max),
    seconds(byPriority.low.max),
    percent(report.jobsWithDeadline === 0 ? 0 : report.deadlineMisses / report.jobsWithDeadline),
    percent(report.localUtilization),
    percent(report.cloudShare),
    integer(report.confidentialityViolations),
    integer(report.preemptions),
    integer(report.launchFailures),
    decisions === undefined ? '-' : integer(decisions),
    integer(report.wallMilliseconds),
    cpuMilliseconds === undefined ? '-' : integer(cpuMilliseconds),
  ];
}

/** The one results table: a row per trace and policy. */
export function formatResults(rows: readonly ResultRow[]): string {
  return formatTable(header, rows.map(cells));
}
