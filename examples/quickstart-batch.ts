import type { JobSpecInput } from '@aima/core';

/** A mixed batch: every media type, confidentiality level and priority, a deadline, a big job. */
export function quickstartBatch(now: number): Array<{ title: string; spec: JobSpecInput }> {
  return [
    {
      title: 'Confidential audio interview (radiology)',
      spec: { type: 'audio', confidentiality: 'confidential', priority: 'high', tenant: 'radiology', media: { durationSeconds: 1_800 } },
    },
    {
      title: 'Public 4k video, 80 GB model',
      spec: {
        type: 'video',
        confidentiality: 'public',
        priority: 'normal',
        requirements: { minVramGb: 80 },
        media: { durationSeconds: 900, resolution: '4k', sizeGb: 6 },
      },
    },
    {
      title: 'Internal image batch, 4,800 photos',
      spec: { type: 'image', confidentiality: 'internal', priority: 'low', media: { count: 4_800, sizeGb: 12 } },
    },
    {
      title: 'Critical video, deadline in 45 min',
      spec: {
        type: 'video',
        confidentiality: 'internal',
        priority: 'critical',
        urgency: 'high',
        deadline: now + 45 * 60_000,
        estimatedDurationSeconds: 1_200,
      },
    },
    {
      title: 'Public audio podcast, batch',
      spec: { type: 'audio', confidentiality: 'public', priority: 'batch', media: { durationSeconds: 3_600 } },
    },
    {
      title: 'Confidential video, needs 80 GB (no local GPU that big)',
      spec: {
        type: 'video',
        confidentiality: 'confidential',
        priority: 'normal',
        requirements: { minVramGb: 80 },
        media: { durationSeconds: 600 },
      },
    },
    {
      title: 'Internal audio, EU only, GDPR',
      spec: {
        type: 'audio',
        confidentiality: 'internal',
        priority: 'high',
        requirements: { regions: ['eu'], tags: ['gdpr'] },
        estimatedDurationSeconds: 900,
      },
    },
    {
      title: 'Public image, checkpointable, cheap spot is fine',
      spec: { type: 'image', confidentiality: 'public', priority: 'low', checkpointable: true, media: { count: 1_200 } },
    },
  ];
}
