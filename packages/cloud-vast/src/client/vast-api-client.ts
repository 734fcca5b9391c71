import type { z } from 'zod';
import { classifyFailure, failureMessage, parseFailureBody } from './classify-failure.js';
import type { HttpTransport, VastRequest, VastResponse } from './http-transport.js';
import { chargesResponseSchema, createInstanceResponseSchema, successResponseSchema, type VastCharge } from './schemas/envelopes.js';
import { listInstancesResponseSchema, showInstanceResponseSchema, type VastInstance, type VastListedInstance } from './schemas/instance.js';
import { searchOffersResponseSchema, type VastOffer, vastOfferSchema } from './schemas/offer.js';
import { parseBody } from './schemas/parse-body.js';
import { VastApiError } from './vast-api-error.js';
import { vastRequests } from './vast-requests.js';

export type VastFilterOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'notin';
/** Every filter value is an operator object: `{"gpu_name": {"in": ["RTX 4090"]}}` (reference A3). */
export type VastFilter = Partial<Record<VastFilterOperator, string | number | boolean | null | readonly (string | number)[]>>;

/** An offer search: filters plus the top-level keys of `POST /bundles/` (reference A4). */
export interface VastOfferSearch {
  readonly filters: Readonly<Record<string, VastFilter>>;
  /** `bid` prices offers at their minimum bid. */
  readonly type: 'on-demand' | 'bid';
  readonly order?: readonly (readonly [string, 'asc' | 'desc'])[];
  readonly limit?: number;
  /** GB of disk the prices include. */
  readonly allocatedStorageGb?: number;
}

export interface VastOfferSearchResult {
  readonly offers: VastOffer[];
  /** Offers left out because a required field was missing, with the reason. */
  readonly skipped: readonly { readonly index: number; readonly problem: string }[];
}

/** What `PUT /asks/{id}/` needs from us (reference A6). */
export interface VastCreateInstanceRequest {
  readonly image: string;
  readonly label: string;
  readonly diskGb: number;
  /** Environment and `-p H:C` port flags, as Vast's env dict. */
  readonly env: Readonly<Record<string, string>>;
  readonly runtype: string;
  /** Present: an interruptible rental at this bid ($/h for the machine). */
  readonly bidPricePerHourUsd?: number;
}

/**
 * The Vast.ai calls the adapter uses and no others (HABITS §7). Every call takes an AbortSignal;
 * failures are `VastApiError`s (a `ProviderError` with provider id `vast`).
 */
export interface VastApiClient {
  searchOffers(search: VastOfferSearch, signal?: AbortSignal): Promise<VastOfferSearchResult>;
  /** Rents an offer; returns the new instance id. A failure that still created one says so in `createdInstanceId`. */
  createInstance(offerId: number, request: VastCreateInstanceRequest, signal?: AbortSignal): Promise<number>;
  /** `undefined` once the instance is destroyed. */
  getInstance(instanceId: number, signal?: AbortSignal): Promise<VastInstance | undefined>;
  /** Every instance of the account, all pages. */
  listInstances(signal?: AbortSignal): Promise<VastListedInstance[]>;
  startInstance(instanceId: number, signal?: AbortSignal): Promise<void>;
  stopInstance(instanceId: number, signal?: AbortSignal): Promise<void>;
  /** Idempotent: an instance that does not exist counts as destroyed. */
  destroyInstance(instanceId: number, signal?: AbortSignal): Promise<'destroyed' | 'already-gone'>;
  /** Charges per contract in a time range (epoch seconds), all pages. */
  listCharges(range: { readonly fromSeconds: number; readonly toSeconds: number }, signal?: AbortSignal): Promise<VastCharge[]>;
  close(): Promise<void>;
}

const maxPages = 400;

/** The Vast.ai client over an HTTP transport. */
export function createVastApiClient(transport: HttpTransport): VastApiClient {
  async function call<Schema extends z.ZodType>(request: VastRequest, schema: Schema, signal?: AbortSignal): Promise<z.output<Schema>> {
    const response = await transport.send(request, signal);
    if (!isSuccess(response)) throw failure(request.call, response);
    return parseBody(schema, response.text, request.call, response.status);
  }

  async function setState(instanceId: number, state: 'running' | 'stopped', signal?: AbortSignal): Promise<void> {
    const request = vastRequests.setState(instanceId, state);
    const answer = await call(request, successResponseSchema, signal);
    if (!answer.success)
      throw new VastApiError(
        'invalid-request',
        `${request.call} answered success=false: ${answer.msg ?? answer.error ?? 'no reason given'}.`,
      );
  }

  return {
    async searchOffers(search, signal) {
      const { offers } = await call(vastRequests.searchOffers(search), searchOffersResponseSchema, signal);
      return readOffers(offers);
    },
    async createInstance(offerId, input, signal) {
      const request = vastRequests.createInstance(offerId, input);
      const response = await transport.send(request, signal);
      // A failed bid still creates an instance and says so in new_contract (reference A6).
      if (!isSuccess(response))
        throw failure(request.call, response, parseFailureBody(response.text).newContract === undefined ? undefined : 'capacity');
      return parseBody(createInstanceResponseSchema, response.text, request.call, response.status).new_contract;
    },
    async getInstance(instanceId, signal) {
      const { instances } = await call(vastRequests.showInstance(instanceId), showInstanceResponseSchema, signal);
      return instances ?? undefined;
    },
    listInstances: (signal) =>
      paginate(async (token) => {
        const answer = await call(vastRequests.listInstances(token), listInstancesResponseSchema, signal);
        return { items: answer.instances, next: answer.next_token };
      }, 'GET /api/v1/instances/'),
    startInstance: (instanceId, signal) => setState(instanceId, 'running', signal),
    stopInstance: (instanceId, signal) => setState(instanceId, 'stopped', signal),
    async destroyInstance(instanceId, signal) {
      const request = vastRequests.destroyInstance(instanceId);
      const response = await transport.send(request, signal);
      const { error } = parseFailureBody(response.text);
      // The docs say `not_found`, dstack tolerates `no_such_instance` (reference A9); both mean gone.
      if (error === 'no_such_instance' || error === 'not_found') return 'already-gone';
      if (!isSuccess(response)) throw failure(request.call, response);
      return 'destroyed';
    },
    listCharges: (range, signal) =>
      paginate(async (token) => {
        const answer = await call(vastRequests.showCharges(range.fromSeconds, range.toSeconds, token), chargesResponseSchema, signal);
        return { items: answer.results, next: answer.next_token };
      }, 'GET /charges/'),
    async close() {
      transport.close();
    },
  };
}

/** A 2xx answer that does not say `"success": false`. */
function isSuccess(response: VastResponse): boolean {
  return response.status >= 200 && response.status < 300 && !/"success"\s*:\s*false/.test(response.text);
}

/** Follows `next_token` until it is empty (Vast's keyset pagination, reference A8). */
async function paginate<T>(
  page: (token: string | undefined) => Promise<{ items: T[]; next: string | null | undefined }>,
  call: string,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  for (let count = 0; count < maxPages; count++) {
    const { items, next } = await page(token);
    all.push(...items);
    if (next === undefined || next === null || next === '' || items.length === 0) return all;
    token = next;
  }
  throw new VastApiError('unknown', `${call} returned more than ${maxPages} pages; stopped listing.`);
}

function readOffers(raw: readonly unknown[]): VastOfferSearchResult {
  const offers: VastOffer[] = [];
  const skipped: { index: number; problem: string }[] = [];
  raw.forEach((candidate, index) => {
    const parsed = vastOfferSchema.safeParse(candidate);
    if (parsed.success) offers.push(parsed.data);
    else skipped.push({ index, problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  });
  return { offers, skipped };
}

function failure(call: string, response: VastResponse, forcedKind?: VastApiError['kind']): VastApiError {
  const body = parseFailureBody(response.text);
  const kind = forcedKind ?? classifyFailure(response.status, body);
  return new VastApiError(kind, failureMessage(call, response.status, kind, body), {
    status: response.status,
    ...(body.error !== undefined && { vastError: body.error }),
    ...(body.newContract !== undefined && { createdInstanceId: body.newContract }),
    ...(response.retryAfterMs !== undefined && { retryAfterMs: response.retryAfterMs }),
  });
}
