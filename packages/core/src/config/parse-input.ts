import type { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';

/** Converts zod's issues into ours: a dotted path and a message per problem. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}

/** Parses external input; every problem becomes one issue of a `ValidationError`. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, subject: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, toValidationIssues(result.error));
  return result.data;
}

/** Parses configuration given to a factory; problems become a `ConfigError`. */
export function parseConfig<Schema extends z.ZodType>(schema: Schema, input: unknown, subject: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ConfigError(`Invalid ${subject}`, toValidationIssues(result.error));
  return result.data;
}
