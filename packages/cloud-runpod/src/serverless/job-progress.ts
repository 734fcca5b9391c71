import type { JobContext } from '@aima/core';
import type { ServerlessJobPhase } from './job-states.js';

/** Turns phase changes and streamed `{ progress, message }` chunks into `context.progress` calls, never going backwards. */
export function progressReporter(context: JobContext, endpointId: string) {
  let fraction = 0;
  let lastPhase: ServerlessJobPhase | undefined;
  return {
    phase(phase: ServerlessJobPhase): void {
      if (phase === lastPhase) return;
      lastPhase = phase;
      if (phase === 'queued') context.progress(fraction, `queued on RunPod endpoint ${endpointId}`);
      if (phase === 'running') context.progress(fraction, 'running on a RunPod worker');
      if (phase === 'succeeded') {
        fraction = 1;
        context.progress(1, 'completed on RunPod');
      }
    },
    chunk(output: unknown): void {
      if (typeof output !== 'object' || output === null) return;
      const { progress, message } = output as { progress?: unknown; message?: unknown };
      if (typeof progress !== 'number' || !Number.isFinite(progress) || progress < fraction || progress > 1) return;
      fraction = progress;
      context.progress(progress, typeof message === 'string' ? message : undefined);
    },
  };
}
