import type { VastRequest } from './http-transport.js';
import type { VastCreateInstanceRequest, VastOfferSearch } from './vast-api-client.js';

/** Each Vast call this package makes, as a request: endpoint (for rate limits), route, body, retry policy. */
export const vastRequests = {
  searchOffers: (search: VastOfferSearch): VastRequest => ({
    endpoint: 'search-offers',
    method: 'POST',
    call: 'POST /bundles/',
    path: 'bundles/',
    body: { ...search.filters, type: search.type, order: search.order, limit: search.limit, allocated_storage: search.allocatedStorageGb },
    retry: 'all',
  }),
  // Renting twice would rent twice: only a 429 (not processed) is retried.
  createInstance: (offerId: number, input: VastCreateInstanceRequest): VastRequest => ({
    endpoint: 'create-instance',
    method: 'PUT',
    call: 'PUT /asks/{id}/',
    path: `asks/${offerId}/`,
    body: createBody(input),
    retry: 'rate-limit-only',
  }),
  showInstance: (instanceId: number): VastRequest => ({
    endpoint: 'show-instance',
    method: 'GET',
    call: 'GET /instances/{id}/',
    path: `instances/${instanceId}/`,
    query: { owner: 'me' },
    retry: 'all',
  }),
  listInstances: (afterToken: string | undefined): VastRequest => ({
    endpoint: 'list-instances',
    method: 'GET',
    call: 'GET /api/v1/instances/',
    path: '/api/v1/instances/',
    query: {
      limit: '25',
      select_cols: '["*"]',
      order_by: '[{"col":"id","dir":"asc"}]',
      ...(afterToken !== undefined && { after_token: afterToken }),
    },
    retry: 'all',
  }),
  setState: (instanceId: number, state: 'running' | 'stopped'): VastRequest => ({
    endpoint: 'manage-instance',
    method: 'PUT',
    call: 'PUT /instances/{id}/',
    path: `instances/${instanceId}/`,
    body: { state },
    retry: 'all',
  }),
  destroyInstance: (instanceId: number): VastRequest => ({
    endpoint: 'destroy-instance',
    method: 'DELETE',
    call: 'DELETE /instances/{id}/',
    path: `instances/${instanceId}/`,
    body: {},
    retry: 'all',
  }),
  showCharges: (fromSeconds: number, toSeconds: number, afterToken: string | undefined): VastRequest => ({
    endpoint: 'show-charges',
    method: 'GET',
    call: 'GET /charges/',
    path: 'charges/',
    query: {
      select_filters: JSON.stringify({ day: { gte: Math.floor(fromSeconds), lte: Math.ceil(toSeconds) }, type: { in: ['instance'] } }),
      format: 'table',
      limit: '500',
      ...(afterToken !== undefined && { after_token: afterToken }),
    },
    retry: 'all',
  }),
};

function createBody(input: VastCreateInstanceRequest): Record<string, unknown> {
  const interruptible = input.bidPricePerHourUsd !== undefined;
  return {
    client_id: 'me',
    image: input.image,
    label: input.label,
    disk: input.diskGb,
    env: input.env,
    runtype: input.runtype,
    target_state: 'running',
    // On demand: fail instead of creating a stopped instance when the GPU cannot start (reference A6).
    cancel_unavail: !interruptible,
    ...(interruptible && { price: input.bidPricePerHourUsd }),
  };
}
