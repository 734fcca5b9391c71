import type { Logger } from '../spec/job-runner.js';

/** A log line captured by {@link createMemoryLogger}. */
export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** A Logger that keeps every line in `entries`, for tests that check what was (and was not) logged. */
export function createMemoryLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      entries.push({ level, message, ...(fields !== undefined && { fields }) });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
