import type { ServerResponse } from 'node:http';
import { AimaError, ProviderError } from '@aima/core';
import type { z } from 'zod';

/** A request the agent refuses, with its HTTP status and the reason it tells the client. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** Validates the query string against a route's strict schema; a problem is a 400 with its reason. */
export function queryOf<Schema extends z.ZodType>(url: URL, schema: Schema): z.output<Schema> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in query) throw new RequestError(400, `query parameter "${key}" is given twice`);
    query[key] = value;
  }
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `query parameter "${issue.path.join('.')}"` : 'query';
  throw new RequestError(400, `${where}: ${issue?.message ?? 'invalid'}`);
}

/** 503 when the GPUs cannot be read now, 502 for another provider failure, 500 for a bug. */
export function failureStatus(error: unknown): number {
  if (ProviderError.isInstance(error)) return ['transient', 'rate-limit', 'unavailable'].includes(error.kind) ? 503 : 502;
  return AimaError.isInstance(error) ? 503 : 500;
}
