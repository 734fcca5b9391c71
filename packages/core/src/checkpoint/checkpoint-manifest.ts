import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Version of the manifest layout; a manifest of another version is skipped, never guessed at. */
export const checkpointFormatVersion = 1;

/**
 * The commit marker of a checkpoint, written after its data. It is read back from a store, so it
 * is parsed like any external input: a manifest that does not parse makes the checkpoint
 * incomplete.
 */
export const checkpointManifestSchema = z.object({
  formatVersion: z.literal(checkpointFormatVersion),
  jobId: z.string().min(1),
  sequence: z.number().int().positive(),
  /** Epoch ms. */
  createdAt: z.number().int().nonnegative(),
  /** Size of the job's state before compression. */
  sizeBytes: z.number().int().nonnegative(),
  /** Size of the data object as stored. */
  storedSizeBytes: z.number().int().nonnegative(),
  /** SHA-256 of the job's state before compression, lowercase hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  compression: z.enum(['none', 'gzip']),
});

export type CheckpointManifest = z.output<typeof checkpointManifestSchema>;

/** Manifests are small; a larger object under the manifest key is not one of ours. */
export const maxManifestBytes = 64 * 1024;

export function encodeManifest(manifest: CheckpointManifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest));
}

/** The manifest in `bytes`, or a description of why they hold none. */
export function decodeManifest(bytes: Uint8Array): CheckpointManifest | string {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return 'manifest is not JSON';
  }
  const result = checkpointManifestSchema.safeParse(json);
  if (result.success) return result.data;
  return `manifest does not match format version ${checkpointFormatVersion} (${result.error.issues.map((issue) => issue.path.join('.') || issue.message).join(', ')})`;
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
