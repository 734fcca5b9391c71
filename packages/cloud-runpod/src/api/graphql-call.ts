import type { z } from 'zod';
import { nextStep, reasonOfMessage } from './classify-failure.js';
import { graphqlEnvelopeSchema as graphqlEnvelope } from './graphql-schemas.js';
import type { HttpTransport } from './http-transport.js';
import { parseResponse } from './parse-response.js';
import { redact, truncate } from './redact.js';
import { RunpodApiError } from './runpod-api-error.js';

/** One GraphQL operation to run. */
export interface GraphqlCall<Schema extends z.ZodType> {
  readonly operation: string;
  readonly document: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Schema of `data`. */
  readonly schema: Schema;
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** Where and as whom GraphQL calls go. */
export interface GraphqlContext {
  readonly transport: HttpTransport;
  readonly url: string;
  readonly providerId: string;
  readonly secrets: readonly string[];
}

/**
 * Runs a GraphQL operation. RunPod answers client errors with HTTP 200 and an `errors` array
 * (B4), so `errors` is checked before `data`: the first message decides the reason (capacity,
 * spot discontinued, low balance, ...), any other is a `graphql` error.
 */
export async function runGraphql<Schema extends z.ZodType>(context: GraphqlContext, call: GraphqlCall<Schema>): Promise<z.output<Schema>> {
  const response = await context.transport.send({
    operation: call.operation,
    method: 'POST',
    url: context.url,
    body: { query: call.document, variables: call.variables },
    idempotent: call.idempotent,
    signal: call.signal,
  });
  if (response.status !== 200) throw context.transport.failure(call.operation, response);
  const envelope = parseResponse(graphqlEnvelope, response.body, {
    providerId: context.providerId,
    operation: call.operation,
    status: 200,
  });
  const first = envelope.errors?.[0];
  if (first !== undefined) throw graphqlError(context, call.operation, first.message, first.extensions?.code ?? undefined);
  return parseResponse(call.schema, envelope.data, { providerId: context.providerId, operation: call.operation, status: 200 });
}

function graphqlError(context: GraphqlContext, operation: string, message: string, code: string | undefined): RunpodApiError {
  const reason = reasonOfMessage(message) ?? 'graphql';
  const said = redact(truncate(message), context.secrets);
  const codeText = code === undefined ? '' : ` [${redact(truncate(code, 60), context.secrets)}]`;
  return new RunpodApiError(
    context.providerId,
    reason,
    `${operation} failed: ${said}${codeText} (GraphQL error in HTTP 200). ${nextStep[reason]}`,
    {
      operation,
      status: 200,
    },
  );
}
