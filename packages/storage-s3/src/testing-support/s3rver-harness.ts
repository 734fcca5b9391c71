import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A request as the server saw it (method, path with query, encryption and content-type headers). */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

type ChildMessage =
  | { type: 'listening'; port: number }
  | ({ type: 'request' } & RecordedRequest)
  | { type: 'done'; id: number; requests: RecordedRequest[] };

/** A real S3-protocol server (s3rver) in a child process, on 127.0.0.1, storing into a temp directory. */
export interface S3rverProcess {
  /** `http://127.0.0.1:<port>`; the same across restarts. */
  readonly endpoint: string;
  /** Every request the server has received since the first start, in order, across restarts. */
  requests(): Promise<RecordedRequest[]>;
  createBucket(name: string): Promise<void>;
  /** The next `count` requests get an S3 error answer instead of being served. */
  failNext(count: number, status: number, code: string): Promise<void>;
  /** Resolves as soon as a request that `matches` arrives (while it is still being served). */
  nextRequest(matches: (request: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** SIGKILL: open connections drop mid-request, like a crashed server. */
  kill(): Promise<void>;
  /** A new server process on the same port and directory. */
  restart(): Promise<void>;
  /** Kills the server and removes its directory. */
  close(): Promise<void>;
}

const script = fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url));
/** s3rver's built-in account; it checks the access key id, never the V4 signature. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export async function startS3rver(): Promise<S3rverProcess> {
  const directory = await mkdtemp(join(tmpdir(), 'aima-s3rver-'));
  /** Requests received by the processes killed so far. */
  const earlier: RecordedRequest[] = [];
  /** Requests the running process reported as they arrived. */
  let reported: RecordedRequest[] = [];
  const watchers = new Set<(request: RecordedRequest) => void>();
  const pending = new Map<number, (requests: RecordedRequest[]) => void>();
  let nextId = 0;
  let child: ChildProcess;
  let port = 0;

  const spawn = () =>
    new Promise<number>((resolve, reject) => {
      reported = [];
      child = fork(script, [directory, String(port)], {
        execArgv: ['--openssl-legacy-provider'],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'listening') resolve(message.port);
        if (message.type === 'done') pending.get(message.id)?.(message.requests);
        if (message.type !== 'request') return;
        const request = { method: message.method, url: message.url, headers: message.headers };
        reported.push(request);
        for (const watch of watchers) watch(request);
      });
    });
  const ask = (message: Record<string, unknown>) =>
    new Promise<RecordedRequest[]>((resolve) => {
      const id = nextId++;
      pending.set(id, (requests) => {
        pending.delete(id);
        resolve(requests);
      });
      child.send({ ...message, id });
    });
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    earlier.push(...reported);
  };

  port = await spawn();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: async () => [...earlier, ...(child.exitCode === null && child.signalCode === null ? await ask({ type: 'requests' }) : [])],
    createBucket: async (name) => {
      await ask({ type: 'create-bucket', name });
    },
    failNext: async (count, status, code) => {
      await ask({ type: 'fail-next', count, status, code });
    },
    nextRequest: (matches) =>
      new Promise((resolve) => {
        const watch = (request: RecordedRequest) => {
          if (!matches(request)) return;
          watchers.delete(watch);
          resolve(request);
        };
        watchers.add(watch);
      }),
    kill,
    async restart() {
      await kill();
      await spawn();
    },
    async close() {
      await kill();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
