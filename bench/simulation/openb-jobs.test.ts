import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceEpochMs } from './mapping-rules.js';
import { mapOpenbPods, openbPriority, parseOpenbPods } from './openb-jobs.js';
import { defaultDataDir, tracePaths } from './trace-files.js';

const header = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';
const csv = [
  header,
  'pod-cpu,4000,8192,0,0,,BE,Running,0,100,0',
  'pod-pending,4000,8192,1,1000,,BE,Pending,10,70,',
  'pod-whole,12000,16384,1,1000,,LS,Running,100,1100,160',
  'pod-frac,6000,12288,1,460,,BE,Failed,200,500,200',
  'pod-multi,8000,32768,8,1000,,Burstable,Succeeded,300,3300,300',
  'pod-spec,8000,32768,1,500,V100M32|A10,Guaranteed,Running,400,900,400',
].join('\n');

describe('openb mapping (evaluation.md §4)', () => {
  const trace = mapOpenbPods(parseOpenbPods(csv), { largestGpuGb: 32, confidentialPercent: 0 });
  const job = (id: string) => trace.jobs.find((candidate) => candidate.spec.id === id);

  it('drops CPU-only and never-scheduled pods and counts them', () => {
    expect(trace.rows).toBe(6);
    expect(trace.jobs.map((candidate) => candidate.spec.id)).toEqual(['pod-whole', 'pod-frac', 'pod-multi', 'pod-spec']);
    expect(trace.dropped).toEqual({ 'CPU-only (num_gpu = 0)': 1, 'never scheduled (Pending)': 1 });
  });

  it('submits at creation and runs deletion − scheduled, with the §4.5 deadline', () => {
    const whole = job('pod-whole');
    expect(whole?.submitAt).toBe(traceEpochMs + 100_000);
    expect(whole?.runSeconds).toBe(940);
    expect(whole?.spec.estimatedDurationSeconds).toBe(940);
    expect(whole?.spec.deadline).toBe(traceEpochMs + 100_000 + (2 * 940 + 45) * 1000);
  });

  it.each([
    ['pod-whole', 'image', 16, 'high'],
    ['pod-frac', 'audio', 8, 'low'],
    ['pod-multi', 'video', 32, 'normal'],
    ['pod-spec', 'audio', 16, 'normal'],
  ] as const)('%s is %s asking for %d GB (class bound) at %s priority', (id, type, vram, priority) => {
    const spec = job(id)?.spec;
    expect(spec?.type).toBe(type);
    expect(spec?.requirements?.minVramGb).toBe(vram);
    expect(spec?.priority).toBe(priority);
    expect(spec?.tenant).toBe(id);
  });

  it('maps qos to priority', () => {
    expect(['LS', 'Burstable', 'Guaranteed', 'BE'].map(openbPriority)).toEqual(['high', 'normal', 'normal', 'low']);
  });

  it('labels every job confidential at P = 100', () => {
    const all = mapOpenbPods(parseOpenbPods(csv), { largestGpuGb: 32, confidentialPercent: 100 });
    expect(all.jobs.every((candidate) => candidate.spec.confidentiality === 'confidential')).toBe(true);
  });

  const podsPath = join(defaultDataDir, tracePaths.pods);
  it.skipIf(!existsSync(podsPath))('maps the real default pod list: 8,152 pods → 6,203 jobs', () => {
    const real = mapOpenbPods(parseOpenbPods(readFileSync(podsPath, 'utf8')), { largestGpuGb: 32 });
    expect(real.rows).toBe(8_152);
    expect(real.jobs).toHaveLength(6_203);
    expect(real.dropped).toEqual({ 'CPU-only (num_gpu = 0)': 1_088, 'never scheduled (Pending)': 861 });
    expect(real.jobs.filter((candidate) => candidate.spec.type === 'video')).toHaveLength(74);
    const confidential = real.jobs.filter((candidate) => candidate.spec.confidentiality === 'confidential').length / real.jobs.length;
    expect(confidential).toBeGreaterThan(0.17);
    expect(confidential).toBeLessThan(0.23);
  });
});
