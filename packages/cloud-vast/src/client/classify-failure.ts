import type { ProviderErrorKind } from '@aima/core';
import { z } from 'zod';

/**
 * What Vast says when a call fails. Usually `{success:false, error, msg}`; some endpoints send only
 * `msg` or `message`, a 429 may be `{detail}` or plain text (reference A2, A3).
 */
export interface VastFailureBody {
  readonly error?: string;
  readonly text: string;
  readonly newContract?: number;
}

const errorBodySchema = z.looseObject({
  success: z.boolean().nullish(),
  error: z.string().nullish(),
  msg: z.string().nullish(),
  message: z.string().nullish(),
  detail: z.string().nullish(),
  new_contract: z.number().int().nullish(),
});

/** Reads a failure body, JSON or plain text. */
export function parseFailureBody(raw: string): VastFailureBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { text: raw.trim().slice(0, 300) };
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return { text: raw.trim().slice(0, 300) };
  const { error, msg, message, detail, new_contract: newContract } = parsed.data;
  return {
    ...(error ? { error } : {}),
    text: (msg ?? message ?? detail ?? error ?? '').slice(0, 300),
    ...(newContract !== null && newContract !== undefined ? { newContract } : {}),
  };
}

/**
 * Maps a failed response to what the scheduler should do. An offer that is gone answers 400, 404
 * or 410 with `no_such_ask` in `error` or `msg` (reference A3, A6); a missing instance answers
 * `no_such_instance` or `not_found`; a bad key answers 401 (404 on search).
 */
export function classifyFailure(status: number, body: VastFailureBody): ProviderErrorKind {
  const words = `${body.error ?? ''} ${body.text}`.toLowerCase();
  if (status === 429 || body.error === 'rate_limit_exceeded' || words.includes('too frequent')) return 'rate-limit';
  if (words.includes('no_such_ask') || words.includes('no longer available')) return 'capacity';
  if (status === 401 || body.error === 'auth_error' || words.includes('invalid user key')) return 'auth';
  if (status === 403) return body.error === 'invalid_args' ? 'invalid-request' : 'auth';
  if (status === 404 || status === 410 || body.error === 'no_such_instance' || body.error === 'not_found') return 'not-found';
  if (status >= 500) return 'transient';
  if (status >= 400 || status < 300) return 'invalid-request';
  return 'unknown';
}

const hints: Readonly<Record<ProviderErrorKind, string>> = {
  capacity: 'The offer is taken or has no capacity; pick another offer.',
  'rate-limit': 'Vast.ai rate-limited the call; try again later or lower the request rate (rateLimits option).',
  transient: 'Vast.ai had a temporary failure; try again later.',
  auth: 'Check the Vast.ai API key (the apiKey option).',
  'invalid-request': 'Vast.ai rejected the request; check the launch request and the provider options.',
  'not-found': 'It does not exist (any more) at Vast.ai.',
  unavailable: 'Vast.ai cannot be reached; check the network and the baseUrl option.',
  unknown: 'Unexpected answer from Vast.ai (a redirect means baseUrl should be https://console.vast.ai/api/v0).',
};

/** A message that says what failed and what to do next. */
export function failureMessage(call: string, status: number, kind: ProviderErrorKind, body: VastFailureBody): string {
  const code = body.error ? ` (${body.error})` : '';
  const said = body.text ? `: ${body.text}` : '';
  return `${call} failed with HTTP ${status}${code}${said}. ${hints[kind]}`;
}
