import type { Logger } from '@aima/core';

const levels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof levels)[number];

/** A Logger writing one JSON object per line (for the agent CLI's stderr). */
export function createJsonLineLogger(write: (line: string) => void, minimum: LogLevel, clock: () => number = Date.now): Logger {
  const threshold = levels.indexOf(minimum);
  const log = (level: LogLevel) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    if (levels.indexOf(level) < threshold) return;
    write(`${JSON.stringify({ time: new Date(clock()).toISOString(), level, message, ...fields })}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
