import { type Logger, VirtualClock } from '@aima/core';
import type { RunpodApiClientOptions } from '../api/client-options.js';
import { createRunpodApiClient, type RunpodApiClient } from '../api/runpod-api-client.js';
import { type FakeRunpodServer, type FakeRunpodServerOptions, startFakeRunpodServer } from '../fake/fake-runpod-server.js';
import { settleWithClock } from '../testing/drive-clock.js';

/** A key that must never show up in an error or a log line. */
export const secretKey = 'rpa_TESTSECRET0123456789abcdefABCDEF';

/** A logger that keeps every line as text, to search for secrets. */
export function capturingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export interface Harness {
  readonly clock: VirtualClock;
  readonly fake: FakeRunpodServer;
  readonly logger: ReturnType<typeof capturingLogger>;
  /** Drives the virtual clock until the promise settles. */
  settle<T>(promise: Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A fake RunPod on a virtual clock (2026-11-22) that accepts {@link secretKey}. */
export async function startHarness(fakeOptions: FakeRunpodServerOptions = {}): Promise<Harness> {
  const clock = new VirtualClock(Date.parse('2026-11-22T08:00:00Z'));
  const fake = await startFakeRunpodServer({ apiKey: secretKey, clock, ...fakeOptions });
  const logger = capturingLogger();
  return {
    clock,
    fake,
    logger,
    settle: (promise) => settleWithClock(promise, { clock, fake }),
    close: () => fake.close(),
  };
}

/** A RunPod API client pointed at the harness's fake. */
export function clientFor(harness: Harness, options: Partial<RunpodApiClientOptions> = {}): RunpodApiClient {
  return createRunpodApiClient({
    apiKey: secretKey,
    graphqlUrl: harness.fake.graphqlUrl,
    restUrl: harness.fake.restUrl,
    clock: harness.clock,
    logger: harness.logger,
    ...options,
  });
}

/** Everything an error could print: message, cause chain, own properties, inspection. */
export async function everythingPrintable(error: unknown): Promise<string> {
  const { inspect } = await import('node:util');
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    parts.push(String(current), inspect(current, { depth: 10, showHidden: true }));
    try {
      parts.push(JSON.stringify(current));
    } catch {
      parts.push('(not JSON)');
    }
    current = typeof current === 'object' && current !== null ? (current as { cause?: unknown }).cause : undefined;
  }
  return parts.join('\n');
}

/** The rejection of a promise (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
