import type { z } from 'zod';
import { nextStep } from './classify-failure.js';
import { RunpodApiError } from './runpod-api-error.js';

/**
 * Parses a RunPod answer with its zod schema. A mismatch becomes an `unexpected-response`
 * {@link RunpodApiError} naming the offending paths (never the values, which may be secrets).
 */
export function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  context: { readonly providerId: string; readonly operation: string; readonly status?: number },
): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const paths = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return fail(context, paths);
}

function fail(context: { readonly providerId: string; readonly operation: string; readonly status?: number }, paths: string): never {
  throw new RunpodApiError(
    context.providerId,
    'unexpected-response',
    `${context.operation}: unexpected response (${paths}). ${nextStep['unexpected-response']}`,
    { operation: context.operation, ...(context.status !== undefined && { status: context.status }) },
  );
}
