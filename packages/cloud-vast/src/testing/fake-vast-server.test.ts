import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAutoAdvancingClock } from './auto-advancing-clock.js';
import { createFakeVastServer, type FakeVastServer } from './fake-vast-server.js';

describe('the fake Vast API follows the reference, quirks included', () => {
  let fake: FakeVastServer;
  const clock = createAutoAdvancingClock(1_700_000_000_000);
  const auth = () => ({ authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = auth()) => {
    const response = await fetch(`${fake.baseUrl.replace('/api/v0', '')}${path}`, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), text, json: () => JSON.parse(text) };
  };
  const rent = async (offerId: number, body: Record<string, unknown> = {}) =>
    (
      await call('PUT', `/api/v0/asks/${offerId}/`, {
        client_id: 'me',
        image: 'img:1',
        runtype: 'args',
        env: { '-p 8000:8000': '1' },
        ...body,
      })
    ).json();

  beforeEach(async () => {
    fake = await createFakeVastServer({ clock, pageSize: 2 });
  });
  afterEach(() => fake.close());

  it('wants the key as Bearer or ?api_key=, except for the offer search', async () => {
    expect((await call('GET', '/api/v0/instances/1/', undefined, {})).json()).toEqual({
      success: false,
      error: 'auth_error',
      msg: 'Invalid user key',
    });
    expect((await call('GET', `/api/v0/instances/1/?api_key=${fake.apiKey}`, undefined, {})).status).toBe(200);
    expect((await call('POST', '/api/v0/bundles/', { limit: 1 }, { 'content-type': 'application/json' })).status).toBe(200);
  });

  it('searches with operator objects only, numeric strings, on-demand or bid prices, order and limit', async () => {
    const bare = await call('POST', '/api/v0/bundles/', { gpu_name: 'RTX 4090', num_gpus: 1 });
    expect([bare.status, bare.json()]).toEqual([
      400,
      {
        success: false,
        error: 'bad_request',
        msg: 'q.gpu_name: Input should be a valid dictionary; q.num_gpus: Input should be a valid dictionary',
      },
    ]);
    const search = {
      gpu_name: { eq: 'RTX 4090' },
      num_gpus: { eq: '2' },
      geolocation: { in: ['DE', 'US'] },
      type: 'ondemand',
      order: [['dph_total', 'asc']],
    };
    expect((await call('POST', '/api/v0/bundles/', search)).json().offers.map((offer: { id: number }) => offer.id)).toEqual([20_000_002]);
    const bids = (
      await call('POST', '/api/v0/bundles/', { gpu_name: { in: ['RTX 4090'] }, type: 'bid', order: [['dph_total', 'asc']], limit: 2 })
    ).json().offers;
    expect(bids.map((offer: { dph_total: number }) => offer.dph_total)).toEqual([0.2, 0.22]);
    expect((await call('POST', '/api/v0/bundles/', { id: { eq: 1 }, type: 'spot' })).status).toBe(400);
  });

  it('moves an instance from null fields to loading to running, with string host ports and a padded IP', async () => {
    const { new_contract: id } = await rent(20_000_001);
    const show = async () => (await call('GET', `/api/v0/instances/${id}/`)).json().instances;
    expect(await show()).toMatchObject({ actual_status: null, ports: null, public_ipaddr: null, ssh_host: null });
    await clock.virtual.advanceBy(5_000);
    expect(await show()).toMatchObject({ actual_status: 'loading', intended_status: 'running', ports: {}, direct_port_start: -1 });
    await clock.virtual.advanceBy(30_000);
    const running = await show();
    expect(running).toMatchObject({ actual_status: 'running', public_ipaddr: '203.0.113.1 ', ssh_host: null, label: null });
    expect(running.ports['8000/tcp']).toEqual([
      { HostIp: '0.0.0.0', HostPort: expect.stringMatching(/^\d+$/) },
      { HostIp: '::', HostPort: expect.stringMatching(/^\d+$/) },
    ]);
    expect(await call('DELETE', `/api/v0/instances/${id}/`, {}).then((answer) => answer.json())).toEqual({ success: true });
    expect(await show()).toBeNull();
    expect((await call('DELETE', `/api/v0/instances/${id}/`, {})).json()).toMatchObject({ error: 'no_such_instance' });
  });

  it('answers an offer that is gone with no_such_ask, and a rented one with 410', async () => {
    expect(await rent(1)).toMatchObject({ success: false, error: 'invalid_args', msg: expect.stringMatching(/no_such_ask/) });
    await rent(20_000_001);
    const again = await call('PUT', '/api/v0/asks/20000001/', { image: 'img:1' });
    expect([again.status, again.json().error]).toEqual([410, 'no_such_ask']);
  });

  it('sends plain-text 429s without Retry-After, HTML gateway errors and injected failures', async () => {
    fake.rateLimitBurst(1);
    const limited = await call('GET', '/api/v0/instances/1/');
    expect([limited.status, limited.type, limited.text]).toEqual([429, 'text/plain', 'API requests too frequent endpoint threshold=2.0']);
    fake.failNext(1, 502);
    const gateway = await call('GET', '/api/v0/instances/1/');
    expect([gateway.status, gateway.type]).toEqual([502, 'text/html']);
    expect(gateway.text).toContain('<title>502 Bad Gateway</title>');
    expect((await call('GET', '/api/v0/instances/1/')).status).toBe(200);
  });

  it('pages the v1 list with next_token and rejects a bad token', async () => {
    for (const offerId of [11_684_738, 20_000_001, 20_000_002]) await rent(offerId);
    const first = (await call('GET', '/api/v1/instances/?limit=25')).json();
    expect([first.instances.length, first.total_instances, typeof first.next_token]).toEqual([2, 3, 'string']);
    const second = (await call('GET', `/api/v1/instances/?after_token=${encodeURIComponent(first.next_token)}`)).json();
    expect([second.instances.length, second.next_token]).toEqual([1, null]);
    expect((await call('GET', '/api/v1/instances/?after_token=nonsense')).json()).toMatchObject({ error: 'invalid_token' });
  });

  it('creates a stopped instance for a bid below the minimum and answers success=false with new_contract', async () => {
    const answer = await rent(20_000_001, { price: 0.01 });
    expect(answer).toMatchObject({ success: false, new_contract: expect.any(Number) });
    expect((await call('GET', `/api/v0/instances/${answer.new_contract}/`)).json().instances).toMatchObject({
      cur_state: 'stopped',
      intended_status: 'stopped',
      next_state: 'stopped',
      is_bid: true,
    });
  });

  it('closes with a slow answer pending and leaves nothing listening', async () => {
    fake.slowResponses(60_000);
    const pending = call('GET', '/api/v0/instances/1/').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fake.close();
    expect(await pending).toBeInstanceOf(Error);
    await expect(fetch(fake.baseUrl)).rejects.toThrow();
  });
});
