/** F4 error classes (seed 002 §6.1). */
export type JobErrorClass = 'transient' | 'persistent' | 'system' | 'unknown';

/** Patterns and codes per class, as in `SchedulerConfig.failover`. */
export interface ErrorRules {
  readonly errorPatterns: {
    readonly transient: readonly string[];
    readonly persistent: readonly string[];
    readonly system: readonly string[];
  };
  readonly errorCodes: {
    readonly transient: readonly string[];
    readonly persistent: readonly string[];
    readonly system: readonly string[];
  };
}

const order = ['transient', 'persistent', 'system'] as const;

/**
 * A job error's message and code: the message of the error and of its causes (a wrapped network
 * error still says "ECONNRESET"), and the first `code`, `status` or `statusCode` found on the
 * chain (Node system errors, HTTP clients).
 */
export function describeError(error: unknown): { readonly message: string; readonly code: string } {
  const messages: string[] = [];
  let code = '';
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    if (typeof current !== 'object') {
      messages.push(String(current));
      break;
    }
    if (current instanceof Error) messages.push(current.message);
    if (code === '') code = codeOf(current);
    current = 'cause' in current ? current.cause : undefined;
  }
  return { message: messages.join(': '), code };
}

function codeOf(value: object): string {
  for (const field of ['code', 'status', 'statusCode'] as const) {
    const candidate: unknown = (value as Record<string, unknown>)[field];
    if (typeof candidate === 'string' || typeof candidate === 'number') return String(candidate);
  }
  return '';
}

/**
 * Seed 002 `_classify_error`: message patterns first (transient, then persistent, then system),
 * then codes in the same order; anything else is unknown.
 */
export function classifyJobError(error: { readonly message: string; readonly code: string }, rules: ErrorRules): JobErrorClass {
  const message = error.message.toLowerCase();
  for (const kind of order) if (rules.errorPatterns[kind].some((pattern) => message.includes(pattern.toLowerCase()))) return kind;
  for (const kind of order) if (error.code !== '' && rules.errorCodes[kind].includes(error.code)) return kind;
  return 'unknown';
}
