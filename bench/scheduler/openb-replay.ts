import { type SimulationReport, simulate } from '@aima/core';
import { openbCloudOffers, readOpenbTrace } from './openb-trace.js';

/** One replay of the openb trace. */
export interface OpenbReplay {
  readonly jobs: number;
  readonly gpus: number;
  /** Wall time of `simulate()` alone, ms (the trace already read and mapped). */
  readonly wallMs: number;
  /** CPU time (user + system) of the process during `simulate()`, ms: less sensitive to other processes than wall time. */
  readonly cpuMs: number;
  /** Reading and mapping the CSV files, ms. */
  readonly loadMs: number;
  readonly report: SimulationReport;
}

/** Replays the openb GPU pods on the openb fleet with policy `policy`; undefined when the trace is absent. */
export async function replayOpenb(policy = 'aima'): Promise<OpenbReplay | undefined> {
  const loadStart = performance.now();
  const trace = readOpenbTrace();
  if (trace === undefined) return undefined;
  const loadMs = performance.now() - loadStart;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const report = await simulate({ jobs: trace.jobs, fleet: trace.fleet, offers: openbCloudOffers, policy });
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { jobs: trace.jobs.length, gpus: trace.fleet.length, wallMs, cpuMs: (cpu.user + cpu.system) / 1_000, loadMs, report };
}
