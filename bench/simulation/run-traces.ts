/**
 * Replays the real traces of evaluation.md (openb, GenAI) through the real scheduler with each
 * baseline and policy, and prints one table. Run with `npm run simulate -w @aima/bench -- --help`
 * after `npm run build -w @aima/core`.
 */
import { assumptionLines } from './assumptions.js';
import { type CliOptions, parseCliOptions, usage } from './cli-options.js';
import { type PolicyRun, selectRuns } from './policy-runs.js';
import { replayPolicies } from './replay.js';
import { formatResults, type ResultRow } from './report-table.js';
import { scaleLine } from './scale-summary.js';
import { defaultDataDir, missingFiles, readGenaiFiles, readOpenbFiles, type tracePaths } from './trace-files.js';
import { genaiWorkload, openbWorkload, type Workload, type WorkloadOptions } from './workloads.js';

type TraceName = 'openb' | 'genai';

const filesOf: Record<TraceName, readonly (keyof typeof tracePaths)[]> = {
  openb: ['pods', 'nodes', 'costReference'],
  genai: ['requests', 'costReference'],
};

function loadWorkload(trace: TraceName, dataDir: string, options: CliOptions): Workload {
  const workloadOptions: WorkloadOptions = {
    seed: options.seed,
    confidentialPercent: options.confidentialPercent,
    slack: options.slack,
    capexSunk: options.accounting === 'marginal',
    fleetShare: options.fleetShare,
    ...(options.limit !== undefined && { limit: options.limit }),
  };
  return trace === 'openb'
    ? openbWorkload(readOpenbFiles(dataDir), workloadOptions)
    : genaiWorkload(readGenaiFiles(dataDir), options.genaiGpus, workloadOptions);
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  let runs: PolicyRun[];
  try {
    options = parseCliOptions(argv);
    runs = selectRuns(options.policies);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const dataDir = options.dataDir ?? defaultDataDir;
  const traces: TraceName[] = options.trace === 'both' ? ['openb', 'genai'] : [options.trace];
  const missing = missingFiles(dataDir, [...new Set(traces.flatMap((trace) => filesOf[trace]))]);
  if (missing.length > 0) {
    console.log(`The shared trace data is not available, so there is nothing to replay. Missing:\n  ${missing.join('\n  ')}`);
    console.log('Point --data at a copy of shared/data to run the simulation.');
    return 0;
  }
  const workloads: Workload[] = [];
  const rows: ResultRow[] = [];
  for (const trace of traces) {
    const started = performance.now();
    const workload = loadWorkload(trace, dataDir, options);
    console.error(
      `${trace}: loaded and mapped ${workload.trace.jobs.length.toLocaleString('en-US')} jobs in ${Math.round(performance.now() - started)} ms`,
    );
    workloads.push(workload);
    rows.push(
      ...(await replayPolicies(workload, runs, {
        seed: options.seed,
        provisioningSeconds: options.provisioningSeconds,
        launchFailureRate: options.launchFailureRate,
        progress: process.stderr,
      })),
    );
  }
  console.log('Trace replay through the AIMA scheduler (simulate(), virtual clock)\n');
  for (const workload of workloads) console.log(scaleLine(workload, rows));
  console.log('\nMapping rules and assumptions (evaluation.md §3-§5):');
  for (const line of assumptionLines(options, traces)) console.log(`  ${line}`);
  console.log('');
  console.log(formatResults(rows));
  console.log(
    '\nwait = submit to start (a cloud start includes provisioning); miss % over jobs with a deadline; failed includes cancelled;',
  );
  console.log(
    'local util = busy local GPU-s / (GPUs × simulated span); cloud share of GPU-hours; wall ms = real time of the replay, cpu ms = its CPU time.',
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
