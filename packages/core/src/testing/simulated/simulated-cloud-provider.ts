import type { CloudOffer } from '../../config/cloud-offer.js';
import { parseInput } from '../../config/parse-input.js';
import { ProviderError } from '../../errors/provider-error.js';
import type { RandomSource } from '../../random/random-source.js';
import type { CloudGpuProvider } from '../../spec/cloud-gpu-provider.js';
import { type CloudInstance, launchRequestSchema } from '../../spec/cloud-instance.js';
import { offerMatchesQuery } from '../../spec/offer-query.js';
import type { Clock, Timer } from '../../time/clock.js';

export interface SimulatedCloudProviderOptions {
  /** @default 'simulated-cloud' */
  readonly id?: string;
  /** Offers; their `provider` is set to this provider's id. */
  readonly offers: readonly CloudOffer[];
  readonly clock: Clock;
  /** Needed when `launchFailureRate` > 0. */
  readonly random?: RandomSource;
  /** Seconds from launch to running. @default 90 */
  readonly provisioningSeconds?: number;
  /** Share of launches that fail for lack of capacity. @default 0 */
  readonly launchFailureRate?: number;
}

/** A simulated GPU cloud: offers from a price table, a provisioning delay, optional failures. */
export interface SimulatedCloudProvider extends CloudGpuProvider {
  /** Interrupts a running instance (spot reclaimed, host lost): it stops and bills no more. */
  interrupt(instanceId: string, message?: string): void;
  /** Everything billed so far, live and ended instances alike. */
  totalCostUsd(): number;
  /** Instances not terminated. */
  liveInstances(): CloudInstance[];
  /** Launches refused for lack of capacity so far. */
  launchFailures(): number;
}

interface Rented {
  instance: CloudInstance;
  runningSince?: number;
  billedUsd: number;
  timer?: Timer;
}

export function createSimulatedCloudProvider(options: SimulatedCloudProviderOptions): SimulatedCloudProvider {
  const id = options.id ?? 'simulated-cloud';
  const offers = options.offers.map((offer) => ({ ...offer, provider: id }));
  const byKey = new Map<string, Rented>();
  const byId = new Map<string, Rented>();
  const { clock } = options;
  let sequence = 0;
  let closed = false;
  let endedCostUsd = 0;
  let failedLaunches = 0;
  const listeners = new Set<(instance: CloudInstance) => void>();

  function check(signal?: AbortSignal): void {
    signal?.throwIfAborted();
    if (closed) throw new ProviderError(id, 'unavailable', 'the provider is closed');
  }

  function accrued(rented: Rented): number {
    if (rented.runningSince === undefined) return rented.billedUsd;
    return rented.billedUsd + (rented.instance.pricePerHourUsd * (clock.now() - rented.runningSince)) / 3_600_000;
  }

  function snapshot(rented: Rented): CloudInstance {
    return { ...rented.instance, costSoFarUsd: accrued(rented) };
  }

  function stopBilling(rented: Rented, status: CloudInstance['status'], message?: string): void {
    rented.timer?.cancel();
    rented.billedUsd = accrued(rented);
    delete rented.runningSince;
    const { endpoint: _gone, ...rest } = rented.instance;
    rented.instance = { ...rest, status, ...(message !== undefined && { statusMessage: message }) };
    for (const listener of [...listeners]) listener(snapshot(rented));
  }

  return {
    id,
    async listOffers(query, signal) {
      check(signal);
      return offers.filter((offer) => offerMatchesQuery(offer, query)).sort((a, b) => a.pricePerHourUsd - b.pricePerHourUsd);
    },
    async launch(input, signal) {
      check(signal);
      const request = parseInput(launchRequestSchema, input, 'launch request');
      const existing = byKey.get(request.key);
      if (existing) return snapshot(existing);
      const offer = offers.find((candidate) => candidate.offerId === request.offerId);
      if (!offer) throw new ProviderError(id, 'not-found', `offer ${request.offerId} does not exist or was taken`);
      if ((options.launchFailureRate ?? 0) > 0 && (options.random?.next() ?? 1) < (options.launchFailureRate ?? 0)) {
        failedLaunches++;
        throw new ProviderError(id, 'capacity', `no capacity left for offer ${offer.offerId}`);
      }
      const instance: CloudInstance = {
        id: `${id}-${++sequence}`,
        providerId: id,
        offerId: offer.offerId,
        key: request.key,
        status: 'provisioning',
        pricePerHourUsd: offer.pricePerHourUsd,
        startedAt: clock.now(),
        label: request.label,
        costSoFarUsd: 0,
      };
      const rented: Rented = { instance, billedUsd: 0 };
      rented.timer = clock.setTimer((options.provisioningSeconds ?? 90) * 1000, () => {
        rented.runningSince = clock.now();
        const ports = Object.fromEntries(request.ports.map((port) => [String(port), 40_000 + port]));
        rented.instance = { ...rented.instance, status: 'running', endpoint: { host: `${instance.id}.simulated.invalid`, ports } };
      });
      byKey.set(request.key, rented);
      byId.set(instance.id, rented);
      return snapshot(rented);
    },
    async getInstance(instanceId, signal) {
      check(signal);
      const rented = byId.get(instanceId);
      return rented ? snapshot(rented) : undefined;
    },
    async terminate(instanceId, signal) {
      check(signal);
      const rented = byId.get(instanceId);
      if (!rented || rented.instance.status === 'terminated') return;
      stopBilling(rented, 'terminated');
      endedCostUsd += rented.billedUsd;
    },
    async listInstances(label, signal) {
      check(signal);
      return [...byId.values()]
        .filter((rented) => rented.instance.label === label && rented.instance.status !== 'terminated')
        .map(snapshot);
    },
    interrupt(instanceId, message = 'interrupted') {
      const rented = byId.get(instanceId);
      if (rented && rented.instance.status !== 'terminated') stopBilling(rented, 'stopped', message);
    },
    totalCostUsd() {
      let live = 0;
      for (const rented of byId.values()) if (rented.instance.status !== 'terminated') live += accrued(rented);
      return endedCostUsd + live;
    },
    liveInstances() {
      return [...byId.values()].filter((rented) => rented.instance.status !== 'terminated').map(snapshot);
    },
    launchFailures: () => failedLaunches,
    onInstanceChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      for (const rented of byId.values()) rented.timer?.cancel();
    },
  };
}
