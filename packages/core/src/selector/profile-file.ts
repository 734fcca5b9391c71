import { readFile, writeFile } from 'node:fs/promises';
import { PerformanceProfileStore } from './performance-profile.js';

/** Writes a store's profiles as JSON to `path`. */
export async function saveProfileStore(store: PerformanceProfileStore, path: string): Promise<void> {
  await writeFile(path, store.toJson(), 'utf8');
}

/** Reads a store written by {@link saveProfileStore}. @throws ValidationError for a bad file. */
export async function loadProfileStore(path: string): Promise<PerformanceProfileStore> {
  return PerformanceProfileStore.fromJson(await readFile(path, 'utf8'));
}
