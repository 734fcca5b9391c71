import { type Clock, ConfigError, type Logger, type ValidationIssue } from '@aima/core';
import { z } from 'zod';

/** Parses a factory's options; every problem becomes one issue of a `ConfigError` (values are never echoed). */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, input: unknown, subject: string): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ConfigError(`Invalid ${subject}`, issues);
}

/** A RunPod API key: required, never logged. */
export const apiKeySchema = z
  .string({ error: 'set the RunPod API key (for example from the RUNPOD_API_KEY environment variable)' })
  .trim()
  .min(1, 'set the RunPod API key (for example from the RUNPOD_API_KEY environment variable)');

export const clockSchema = z.custom<Clock>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Clock).now === 'function' &&
    typeof (value as Clock).sleep === 'function',
  'must be a Clock (now, sleep, setTimer)',
);

export const loggerSchema = z.custom<Logger>(
  (value) => typeof value === 'object' && value !== null && typeof (value as Logger).debug === 'function',
  'must be a Logger (debug, info, warn, error)',
);
