import { fileURLToPath } from 'node:url';
import { integer } from '../harness/table.js';
import { millis, print, readableSeconds, verdict } from './format.js';
import { replayOpenb } from './openb-replay.js';
import { openbDirectoryUrl } from './openb-trace.js';
import type { TargetLine } from './placement-section.js';

export const targetReplayMs = 2_000;

/** Replays the whole openb trace through `simulate()` and reports its wall time. */
export async function openbSection(policy: string): Promise<TargetLine[]> {
  print(`2. openb trace replayed in simulation (policy ${policy})`);
  const replay = await replayOpenb(policy);
  if (replay === undefined) {
    print(`   SKIPPED: the openb trace is not present at ${fileURLToPath(openbDirectoryUrl)} (../shared is absent).`);
    print();
    return [{ passed: false, text: 'SKIP  openb replay: trace absent' }];
  }
  const { report } = replay;
  print(
    `   ${integer(replay.jobs)} GPU pods of openb_pod_list_default.csv on ${integer(replay.gpus)} GPUs (openb_node_list_gpu_node.csv), ` +
      `4 cloud offers; simulated span ${readableSeconds(report.simulatedSeconds)}`,
  );
  print(
    `   simulate() wall ${millis(replay.wallMs)}, CPU ${millis(replay.cpuMs)} (reading + mapping the CSVs ${millis(replay.loadMs)}, not included); ` +
      `jobs completed ${integer(report.jobs.completed)}, failed ${integer(report.jobs.failed)}, rejected ${integer(report.jobs.rejected)}; ` +
      `cloud share ${(report.cloudShare * 100).toFixed(1)} %, mean wait ${report.wait.mean.toFixed(1)} s, ` +
      `confidentiality violations ${report.confidentialityViolations}`,
  );
  print('   the first simulate() of the process: JIT warm-up included, as a user would see it');
  const passed = replay.wallMs < targetReplayMs;
  return [
    {
      passed,
      text: `${verdict(passed)}  openb replay: ${millis(replay.wallMs)} wall for ${integer(replay.jobs)} jobs on ${integer(replay.gpus)} GPUs (target < 2 s)`,
    },
  ];
}
