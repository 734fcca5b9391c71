import type { z } from 'zod';
import { VastApiError } from '../vast-api-error.js';

/** Parses a JSON body with a schema; a missing required field is a typed error naming the field. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, text: string, call: string, status: number): z.output<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VastApiError(
      'unknown',
      `${call} answered HTTP ${status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 120))}.`,
      {
        status,
      },
    );
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  throw new VastApiError(
    'unknown',
    `${call} answered with an unexpected shape (${issues}). Vast.ai may have changed its API; update @aima/cloud-vast.`,
    {
      status,
      vastError: 'unexpected_response',
    },
  );
}
