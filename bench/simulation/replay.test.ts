import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configFor, policyRuns, selectRuns } from './policy-runs.js';
import { countingDecisions, replayPolicies } from './replay.js';
import { formatResults } from './report-table.js';
import { missingFiles, readOpenbFiles } from './trace-files.js';
import { openbWorkload } from './workloads.js';

const pods = [
  'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
  ...Array.from({ length: 40 }, (_, index) => {
    const qos = ['LS', 'BE', 'Burstable'][index % 3];
    const shape = index % 5 === 0 ? '2,1000' : index % 2 === 0 ? '1,500' : '1,1000';
    return `pod-${index},4000,8192,${shape},,${qos},Running,${index * 60},${index * 60 + 600 + index * 30},${index * 60}`;
  }),
].join('\n');
const nodes = 'sn,cpu_milli,memory_mib,gpu,model\nn0,64000,262144,2,T4\nn1,64000,262144,1,V100M32';
const costReference =
  'gpu,vram_gb,vast_median_usd_hr_skypilot_v8,runpod_secure_usd_hr_2025_06_21\nV100 16/32GB,16,0.106,0.49\nRTX A6000,48,0.425,0.49';

describe('replaying every policy', () => {
  it('runs each policy on the same small workload, never violating confidentiality', async () => {
    const workload = openbWorkload({ pods, nodes, costReference }, { confidentialPercent: 30 });
    expect(workload.trace.jobs).toHaveLength(40);
    expect(workload.trace.jobs.some((job) => job.spec.confidentiality === 'confidential')).toBe(true);
    const rows = await replayPolicies(workload, policyRuns);
    expect(rows.map((row) => row.report.policy)).toEqual(policyRuns.map((run) => run.policy.name));
    for (const { report, decisions } of rows) {
      expect(report.jobs.completed + report.jobs.rejected + report.jobs.failed).toBe(40);
      expect(report.confidentialityViolations).toBe(0);
      expect(decisions).toBeGreaterThanOrEqual(40);
    }
    const byId = (id: string) => rows[policyRuns.findIndex((run) => run.id === id)]?.report;
    expect(byId('B1')?.costs.cloudUsd).toBe(0);
    expect(byId('B2b')?.cloudShare).toBeGreaterThan(0.5);
    expect(formatResults(rows).split('\n')).toHaveLength(2 + policyRuns.length);
  });

  it('merges the shared settings under a run’s own, and selects runs by id', () => {
    const b1 = selectRuns(['b1']);
    expect(b1.map((run) => run.id)).toEqual(['B1']);
    const [first] = b1;
    expect(first && configFor(first)).toMatchObject({
      cost: { pue: 1.56 },
      scheduler: { maxConcurrentJobs: 1_000_000 },
      queue: { maxWaitFactor: 1 },
    });
    expect(() => selectRuns(['B4'])).toThrow(/unknown policy id/);
  });

  it('counts decisions without changing the policy', () => {
    const [run] = policyRuns;
    if (run === undefined) throw new Error('no runs');
    const counted = countingDecisions(run.policy);
    expect(counted.policy.name).toBe(run.policy.name);
    expect(counted.count()).toBe(0);
  });

  it.skipIf(missingFiles(undefined, ['pods', 'nodes', 'costReference']).length > 0)(
    'replays 200 real openb jobs with B2b and B5: no confidentiality violation',
    async () => {
      const workload = openbWorkload(readOpenbFiles(), { limit: 200 });
      const rows = await replayPolicies(workload, selectRuns(['B2b', 'B5']));
      for (const { report } of rows) {
        expect(report.jobs.total).toBe(200);
        expect(report.jobs.completed).toBe(200);
        expect(report.confidentialityViolations).toBe(0);
      }
    },
  );
});

it('finds the shared data folder or says what is missing', () => {
  expect(missingFiles('/nonexistent', ['pods'])).toEqual(['/nonexistent/traces/alibaba-gpu-v2023/openb_pod_list_default.csv']);
  expect(typeof existsSync).toBe('function');
});
