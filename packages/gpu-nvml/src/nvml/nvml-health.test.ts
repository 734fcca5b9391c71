import { type GpuHealthEvent, VirtualClock } from '@aima/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFakeNvml } from '../../test-double/build-fake-nvml.js';
import { FakeEventType } from '../../test-double/fake-nvml.js';
import { fakeDevice } from '../../test-double/fake-nvml-config.js';
import { createFakeNvmlProvider, type FakeNvmlProvider } from '../../test-double/fake-nvml-provider.js';

const build = await buildFakeNvml();
const harnesses: FakeNvmlProvider[] = [];

async function harness(setup: Parameters<typeof createFakeNvmlProvider>[0] = {}): Promise<FakeNvmlProvider> {
  const created = await createFakeNvmlProvider(setup);
  harnesses.push(created);
  return created;
}

/** Polls an expectation for up to 5 s: event delivery crosses threads and sockets on a busy machine. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

afterEach(async () => {
  for (const created of harnesses.splice(0)) await created.dispose();
});

function collect(provider: FakeNvmlProvider['provider']) {
  const events: GpuHealthEvent[] = [];
  const unsubscribe = provider.onHealth((event) => events.push(event));
  return { events, unsubscribe };
}

describe.skipIf(!build.ok)(`NVML health events${build.ok ? '' : ' (skipped: no C compiler)'}`, () => {
  it('reports a queue of XID events with the severity of each XID class, without blocking the event loop', async () => {
    const { provider } = await harness({ config: { devices: [fakeDevice(0), fakeDevice(1, { xids: [13, 48, 63, 79, 999] })] } });
    const lost = (await provider.discover())[1];
    const { events } = collect(provider);
    await eventually(() => expect(events.filter((event) => event.source === 'xid')).toHaveLength(5));
    const xids = events.filter((event) => event.source === 'xid');
    expect(xids.map((event) => [event.code, event.severity])).toEqual([
      [13, 'temporary'],
      [48, 'critical'],
      [63, 'persistent'],
      [79, 'critical'],
      [999, 'persistent'],
    ]);
    expect(new Set(xids.map((event) => event.gpuId))).toEqual(new Set([lost?.id]));
    expect(xids[3]?.message).toBe('XID 79: GPU has fallen off the bus; drain the node and restart it; check power, cooling and seating');
  });

  it('reports ECC events from the event set', async () => {
    const { provider, fake } = await harness({ config: { devices: [fakeDevice(0)] } });
    await provider.discover();
    const { events } = collect(provider);
    fake.pushEvent(0, FakeEventType.doubleBitEcc, 0);
    fake.pushEvent(0, FakeEventType.singleBitEcc, 0);
    await eventually(() => expect(events.filter((event) => event.source === 'ecc')).toHaveLength(2));
    expect(events.filter((event) => event.source === 'ecc').map((event) => [event.code, event.severity])).toEqual([
      ['ecc-double-bit', 'critical'],
      ['ecc-single-bit', 'temporary'],
    ]);
  });

  it('reports a failing event wait once per GPU as an NVML health event', async () => {
    const { provider, fake } = await harness({ config: { devices: [fakeDevice(0), fakeDevice(1)] } });
    await provider.discover();
    fake.setReturn('nvmlEventSetWait_v2', 'all', 999);
    const { events } = collect(provider);
    await eventually(() => expect(events.filter((event) => event.source === 'nvml')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events.filter((event) => event.source === 'nvml')).toHaveLength(2);
    expect(events[0]).toMatchObject({ code: 'NVML_ERROR_UNKNOWN', severity: 'temporary' });
  });

  it('delivers no XID events to nobody: the watch stops with the last listener and frees its event set', async () => {
    const { provider, fake } = await harness({ config: { devices: [fakeDevice(0)] } });
    await provider.discover();
    const { events, unsubscribe } = collect(provider);
    fake.pushXid(0, 31);
    await eventually(() => expect(events).toHaveLength(1));
    unsubscribe();
    fake.pushXid(0, 31);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events).toHaveLength(1);
    expect(fake.pendingEvents()).toBe(1);
  });

  it('reports rising ECC counters found by monitoring', async () => {
    const clock = new VirtualClock(0);
    const ecc = { enabled: true, corrected: 0, correctedStep: 2, uncorrected: 0, uncorrectedStep: 1 };
    const { provider } = await harness({ config: { devices: [fakeDevice(0, { ecc })] }, options: { clock, eventPollIntervalMs: 60_000 } });
    await provider.discover();
    const { events } = collect(provider);
    await clock.advanceBy(0);
    expect(events).toEqual([]);
    await clock.advanceBy(60_000);
    expect(events.map((event) => [event.source, event.code, event.severity, event.message])).toEqual([
      ['ecc', 'ecc-uncorrected', 'critical', '1 new uncorrected (double-bit) ECC error(s): drain the GPU and reset it'],
      ['ecc', 'ecc-corrected', 'temporary', '2 new corrected ECC error(s)'],
    ]);
  });

  it('reports a temperature ramp as a degrading trend before overheating and critical', async () => {
    const clock = new VirtualClock(0);
    const ramp = fakeDevice(0, { temperatureC: 60, temperatureStepC: 4, temperatureMaxC: 95, slowdownC: 87, shutdownC: 92 });
    const { provider } = await harness({ config: { devices: [ramp] }, options: { clock, eventPollIntervalMs: 60_000 } });
    await provider.discover();
    const { events } = collect(provider);
    const temperatures: number[] = [];
    provider.onStatus((samples) => temperatures.push(samples[0]?.temperatureC ?? -1));
    for (let minute = 0; minute <= 10; minute++) await clock.advanceTo(minute * 60_000);
    const thermal = events.filter((event) => event.source === 'thermal');
    expect(thermal.map((event) => [event.code, event.severity])).toEqual([
      ['temperature-rising', 'temporary'],
      ['temperature-overheating', 'persistent'],
      ['temperature-critical', 'critical'],
    ]);
    expect(thermal[0]?.message).toContain('degrading');
    const degradingAt = temperatures[thermal[0] ? Math.round((thermal[0].at ?? 0) / 60_000) : 0];
    expect(degradingAt).toBeLessThan(87);
  });
});
