import { execFile } from 'node:child_process';

/** Why running nvidia-smi failed: it is not there, it exited with an error, or it hung. */
export class NvidiaSmiRunError extends Error {
  override readonly name = 'NvidiaSmiRunError';

  constructor(
    message: string,
    readonly kind: 'not-found' | 'failed' | 'timeout',
    /** What it printed (stdout, then stderr), trimmed. */
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
}

interface ExecFailure {
  code?: unknown;
  killed?: boolean;
  signal?: unknown;
}

function failureOf(path: string, args: readonly string[], error: Error & ExecFailure, output: string): NvidiaSmiRunError {
  if (error.code === 'ENOENT' || error.code === 'EACCES') {
    return new NvidiaSmiRunError(`${path} was not found or is not executable`, 'not-found', output, { cause: error });
  }
  if (error.killed || error.signal === 'SIGTERM') {
    return new NvidiaSmiRunError(`${path} ${args[0] ?? ''} did not answer in time and was stopped`, 'timeout', output, { cause: error });
  }
  const firstLine = output.split('\n').find((line) => line.trim() !== '') ?? `exit code ${String(error.code)}`;
  return new NvidiaSmiRunError(`${path} failed: ${firstLine.trim()}`, 'failed', output, { cause: error });
}

/**
 * Runs nvidia-smi and resolves its stdout. Never uses a shell; kills it after `timeoutMs`;
 * rejects with the signal's reason when aborted, else with `NvidiaSmiRunError`.
 */
export function runNvidiaSmi(path: string, args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    options.signal?.throwIfAborted();
    execFile(
      path,
      [...args],
      {
        signal: options.signal,
        timeout: options.timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, LC_ALL: 'C' },
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (options.signal?.aborted) reject(options.signal.reason);
        else if (error) reject(failureOf(path, args, error, `${stdout}\n${stderr}`.trim()));
        else resolve(stdout);
      },
    );
  });
}
