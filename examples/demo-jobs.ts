import type { JobSpecInput } from '@aima/core';

/** A mixed batch: every media type, all three confidentiality levels, a deadline, a big upload. */
export function demoJobs(now: number): Array<{ title: string; spec: JobSpecInput }> {
  return [
    { title: 'Public video, 1 h of analysis', spec: { type: 'video', confidentiality: 'public', estimatedDurationSeconds: 3_600 } },
    {
      title: 'Confidential video needing 40 GB (only GPU that fits is in maintenance)',
      spec: { type: 'video', confidentiality: 'confidential', requirements: { minVramGb: 40 }, media: { durationSeconds: 5_400 } },
    },
    {
      title: 'Internal image batch, 40 GB of media on a 50 Mbit/s uplink',
      spec: { type: 'image', confidentiality: 'internal', media: { sizeGb: 40, count: 12_000 }, estimatedDurationSeconds: 7_200 },
    },
    {
      title: 'Urgent public audio, GDPR region only',
      spec: {
        type: 'audio',
        confidentiality: 'public',
        urgency: 'high',
        priority: 'high',
        requirements: { regions: ['eu'], tags: ['gdpr'] },
      },
    },
    {
      title: 'Confidential audio for the radiology tenant',
      spec: { type: 'audio', confidentiality: 'confidential', tenant: 'radiology', estimatedDurationSeconds: 900 },
    },
    {
      title: 'Critical image job with a 30-minute deadline, needs CUDA 12.4 and compute 8.9',
      spec: {
        type: 'image',
        confidentiality: 'public',
        priority: 'critical',
        deadline: now + 30 * 60_000,
        estimatedDurationSeconds: 1_200,
        requirements: { cudaVersion: '12.4', computeCapability: '8.9' },
      },
    },
  ];
}
