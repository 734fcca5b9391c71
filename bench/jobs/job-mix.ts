import { createSeededRandom, type JobSpec, type JobSpecInput, parseJobSpec, type RandomSource } from '@aima/core';

/** Options of {@link createJobMix}. */
export interface JobMixOptions {
  readonly count: number;
  /** Epoch ms, for job validation. */
  readonly now: number;
  /** @default 2026 */
  readonly seed?: number;
}

function pick<T>(items: readonly T[], random: RandomSource): T {
  return items[Math.floor(random.next() * items.length)] as T;
}

/**
 * A deterministic mix of job specs: video, image and audio; every confidentiality level and
 * urgency; media 0–50 GB (a fifth with none); run times 60–7,200 s; some checkpointable, some
 * with a CUDA floor or a larger VRAM need than their media type's default.
 */
export function createJobMix(options: JobMixOptions): JobSpec[] {
  const random = createSeededRandom(options.seed ?? 2026);
  const jobs: JobSpec[] = [];
  for (let index = 0; index < options.count; index++) {
    const minVramGb = pick([undefined, undefined, undefined, undefined, 32, 48, 80], random);
    const cudaVersion = pick([undefined, undefined, '12.1'], random);
    const input: JobSpecInput = {
      id: `job-${index}`,
      type: pick(['video', 'image', 'audio'] as const, random),
      confidentiality: pick(['public', 'internal', 'confidential'] as const, random),
      urgency: pick(['low', 'normal', 'high'] as const, random),
      estimatedDurationSeconds: 60 + Math.round(random.next() * 7_140),
      media: { sizeGb: random.next() < 0.2 ? 0 : Math.round(random.next() * 500) / 10 },
      requirements: { ...(minVramGb !== undefined && { minVramGb }), ...(cudaVersion !== undefined && { cudaVersion }) },
      checkpointable: random.next() < 0.3,
    };
    jobs.push(parseJobSpec(input, { now: options.now }));
  }
  return jobs;
}
