import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { ValidationError } from '../errors/validation-error.js';
import type { ObjectBody, ObjectInfo, ObjectStore, PutOptions } from '../spec/object-store.js';
import { assertObjectKey, objectKeyProblem } from './object-key.js';

/** Options of {@link createFilesystemObjectStore}. */
export interface FilesystemObjectStoreOptions {
  /** Directory the objects live under; created when missing. */
  readonly root: string;
  /** @default 'on-premises' */
  readonly residency?: 'on-premises' | 'off-premises';
  /** Objects per `list` page. @default 1000 */
  readonly pageSize?: number;
}

const temporaryMarker = '.aima-tmp-';

/**
 * The embedded default ObjectStore: files under a root directory. A `put` writes a temporary file
 * beside the target, fsyncs it and renames it into place, so readers never see a partial object
 * and an interrupted write leaves only a temporary file that `list` and `get` ignore.
 */
export function createFilesystemObjectStore(options: FilesystemObjectStoreOptions): ObjectStore {
  const root = resolve(options.root);
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new ValidationError('filesystem object store options', [{ path: 'pageSize', message: 'must be a whole number ≥ 1' }]);
  const pathOf = (key: string): string => {
    assertObjectKey(key);
    const path = resolve(root, ...key.split('/'));
    if (!path.startsWith(root + sep))
      throw new ValidationError('object key', [{ path: 'key', message: `${JSON.stringify(key)} leaves the store` }]);
    return path;
  };
  return {
    residency: options.residency ?? 'on-premises',
    async put(key, body, putOptions: PutOptions = {}) {
      const path = pathOf(key);
      putOptions.signal?.throwIfAborted();
      await mkdir(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `${temporaryMarker}${randomBytes(6).toString('hex')}`);
      const hash = createHash('sha256');
      const file = await open(temporary, 'wx');
      try {
        for await (const chunk of chunks(body)) {
          putOptions.signal?.throwIfAborted();
          hash.update(chunk);
          await file.write(chunk);
        }
        await file.sync();
        await file.close();
        await rename(temporary, path);
      } catch (error) {
        await file.close().catch(() => undefined);
        await rm(temporary, { force: true });
        throw error;
      }
      const info = await stat(path);
      return {
        key,
        sizeBytes: info.size,
        lastModified: Math.floor(info.mtimeMs),
        etag: hash.digest('hex'),
        ...(putOptions.contentType && { contentType: putOptions.contentType }),
      };
    },
    async get(key, signal) {
      const path = pathOf(key);
      signal?.throwIfAborted();
      const info = await statIfExists(path);
      if (info === undefined || !info.isFile()) return undefined;
      return Readable.toWeb(createReadStream(path, signal ? { signal } : {})) as ReadableStream<Uint8Array>;
    },
    async head(key, signal) {
      const path = pathOf(key);
      signal?.throwIfAborted();
      const info = await statIfExists(path);
      return info?.isFile() ? { key, sizeBytes: info.size, lastModified: Math.floor(info.mtimeMs) } : undefined;
    },
    async list(prefix, cursor, signal) {
      const problem = objectKeyProblem(prefix, { prefix: true });
      if (problem !== undefined)
        throw new ValidationError('object key prefix', [{ path: 'prefix', message: `${JSON.stringify(prefix)} ${problem}` }]);
      signal?.throwIfAborted();
      const keys = (await walk(root, root, signal))
        .filter((key) => key.startsWith(prefix) && (cursor === undefined || key > cursor))
        .sort();
      const page = keys.slice(0, pageSize);
      const items: ObjectInfo[] = [];
      for (const key of page) {
        const info = await statIfExists(resolve(root, ...key.split('/')));
        if (info?.isFile()) items.push({ key, sizeBytes: info.size, lastModified: Math.floor(info.mtimeMs) });
      }
      const last = page.at(-1);
      return keys.length > pageSize && last !== undefined ? { items, cursor: last } : { items };
    },
    async delete(key, signal) {
      const path = pathOf(key);
      signal?.throwIfAborted();
      await rm(path, { force: true });
    },
    async close() {},
  } satisfies ObjectStore;
}

/** Every object key under `directory`, leaving temporary files out. */
async function walk(root: string, directory: string, signal?: AbortSignal): Promise<string[]> {
  signal?.throwIfAborted();
  const entries = await readdir(directory, { withFileTypes: true }).catch(absentAs([]));
  const keys: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) keys.push(...(await walk(root, path, signal)));
    else if (entry.isFile() && !entry.name.startsWith(temporaryMarker)) keys.push(relative(root, path).split(sep).join('/'));
  }
  return keys;
}

/** A missing file or directory means "no object"; any other failure (permissions, I/O) is thrown. */
function absentAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (typeof error === 'object' && error !== null && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
      return value;
    throw error;
  };
}

function statIfExists(path: string) {
  return stat(path).catch(absentAs(undefined));
}

/** Bytes from any supported body. */
async function* chunks(body: ObjectBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    yield body;
    return;
  }
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
    return;
  }
  for await (const chunk of body) yield chunk;
}
