import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { ConfigError } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf, startVast, type VastTestbed } from '../test-support/vast-test-setup.js';
import { createVastProvider } from './vast-provider.js';

const secret = 'vast-secret-key-4f1d2c9e7b';

/** Everything an error can show: message, stack, own fields and the whole cause chain. */
function everything(error: unknown): string {
  const parts: string[] = [inspect(error, { depth: 10, showHidden: true })];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? '', JSON.stringify(current), JSON.stringify(Object.entries(current)));
  }
  return parts.join('\n');
}

describe('the API key never appears in logs or errors', () => {
  let bed: VastTestbed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('not on a rejected key, nor in retries, timeouts or network failures', async () => {
    const testbed = await startVast({ apiKey: secret, retries: 2, requestTimeoutMs: 1_000 });
    bed = testbed;
    const errors: unknown[] = [];
    errors.push(await rejectionOf(testbed.provider.listInstances('aima')));
    testbed.fake.failNext(3, 503);
    errors.push(await rejectionOf(testbed.provider.listOffers({})));
    await testbed.fake.close();
    errors.push(await rejectionOf(testbed.provider.getInstance('123')));
    for (const error of errors) expect(everything(error)).not.toContain(secret);
    expect(errors.map((error) => (error as { kind: string }).kind)).toEqual(['auth', 'transient', 'transient']);
    expect(JSON.stringify(testbed.logger.entries)).not.toContain(secret);
    expect(testbed.logger.entries.length).toBeGreaterThan(0);
  });

  it('not even when a server echoes the request headers back', async () => {
    const echo = createServer((request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          success: false,
          error: 'server_error',
          msg: `headers: ${JSON.stringify(request.headers)} url: ${request.url}?api_key=${secret}`,
        }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const testbed = await startVast({
      apiKey: secret,
      retries: 1,
      baseUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}/api/v0`,
    });
    bed = testbed;
    const error = await rejectionOf(testbed.provider.getInstance('42'));
    expect((error as Error).message).toMatch(/Bearer \[redacted\]/);
    expect(everything(error)).not.toContain(secret);
    expect(JSON.stringify(testbed.logger.entries)).not.toContain(secret);
    echo.closeAllConnections();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  });

  it('not in a configuration error', () => {
    let caught: unknown;
    try {
      createVastProvider({ apiKey: secret, retries: -1, baseUrl: `https://user:${secret}@example.com` } as never);
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect(everything(caught)).not.toContain(secret);
  });
});
