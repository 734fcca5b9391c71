import type { CliOptions } from './cli-options.js';
import { offerSpread } from './cloud-offers.js';

type Trace = 'openb' | 'genai';

/**
 * The mapping rules and assumptions printed with every table, each labelled real (read from the
 * trace or price data), synthetic (a rule of ours, evaluation.md §4), assumed (a figure of ours)
 * or simplified (what core cannot model yet). Lines of a trace not replayed are left out.
 */
export function assumptionLines(options: CliOptions, traces: readonly Trace[]): string[] {
  const { slack } = options;
  const lines: [Trace | 'all', string][] = [
    ['openb', '[real]       openb: submit = creation_time, duration = deletion_time − scheduled_time; priority from qos (LS → high,'],
    ['openb', '             Burstable/Guaranteed → normal, BE → low); VRAM from num_gpu and gpu_milli'],
    ['genai', '[real]       GenAI: submit = gmt_create, duration = exec_time_seconds; tenant = groupId'],
    ['all', '[real]       offer prices: gpu_cost_reference.csv (Vast median v8 else v7; RunPod secure and community, 2025-06-21)'],
    [
      'all',
      `[synthetic]  confidential = fnv1a(seed + tenant) % 100 < ${options.confidentialPercent} (seed ${options.seed})${traces.includes('openb') ? '; openb tenant = pod name' : ''}`,
    ],
    [
      'all',
      `[synthetic]  deadline = submit + slack × duration + 45 s; slack high ${slack.high}×, normal ${slack.normal}×, low ${slack.low}×`,
    ],
    ['all', '[synthetic]  VRAM asked = the need rounded up to its §4.2 class bound (8, 16, 24, 32, 48, 80 GB)'],
    ['all', '[synthetic]  urgency high for high-priority jobs, else normal (B5 rule 3 reads urgency)'],
    ['openb', '[synthetic]  openb media type (§4.2): fractional GPU → audio, whole GPU → image, multi-GPU → video'],
    ['genai', '[synthetic]  GenAI: single-image TXT_2_IMG → high, others normal; VRAM 12 GB for 1 image, 16 GB for 2–3, 24 GB for ≥4'],
    [
      'openb',
      '[assumed]    VRAM(model): P100/T4/V100M16 16 GB, V100M32 32 GB, A10 24 GB, G1/G2/G3 24 GB (undisclosed); empty gpu_spec 16 GB',
    ],
    ['openb', '[assumed]    P100 250 W $5,699; T4 70 W $2,300; V100 300 W $11,458; A10 150 W $2,800; G1-G3 250 W $5,000 (guesses)'],
    ['genai', `[assumed]    GenAI fleet: ${options.genaiGpus} × RTX 4090 (24 GB, 450 W, $1,599) on-prem; the trace names no fleet`],
    [
      'all',
      `[assumed]    offers: 3 per model and provider tier at ${offerSpread.map((spread) => `${spread.factor}× (${spread.region})`).join(', ')} the reference price;`,
    ],
    ['all', '             reliability Vast 0.95, RunPod community 0.97, secure 0.99 (verified); 1 GPU, on-demand, 1 Gb/s'],
    [
      'all',
      `[assumed]    cloud launch to running ${options.provisioningSeconds} s (model load included), launch failure rate ${options.launchFailureRate}`,
    ],
    [
      'all',
      `[assumed]    PUE 1.56, $0.117/kWh, 3-year straight-line capex${options.accounting === 'marginal' ? ' treated as sunk (marginal accounting)' : ' (full accounting)'}`,
    ],
    [
      'openb',
      '[simplified] a multi-GPU pod runs on one GPU needing min(num_gpu × VRAM, largest fleet GPU); a fractional pod takes a whole GPU',
    ],
    ['openb', '[simplified] Failed pods replay for the time they held their GPU'],
    ['all', '[simplified] a job runs its trace duration on any GPU (no §4.1 perf scaling); the scheduler knows each duration exactly'],
    ['all', '[simplified] B1 and B2b queue FIFO (equal weights, no aging) with core backfill 64 deep; no preemption (core default)'],
  ];
  if (options.fleetShare < 1) {
    lines.push(['openb', `[assumed]    openb fleet cut to ${options.fleetShare} of each model's GPUs (at least one each), to load it`]);
  }
  return lines.filter(([trace]) => trace === 'all' || traces.includes(trace)).map(([, line]) => line);
}
