import type { FakeInstance } from './fake-instance.js';
import type { FakeOffer } from './fake-offers.js';

/** How a vanished offer answers a rent: 404 `no_such_ask` (docs), 410 (taken), or the observed 400. */
export type VanishedStatus = 400 | 404 | 410;

/** The fake's state: offers, instances and the faults that stick to them. */
export class FakeMarket {
  readonly offers = new Map<number, FakeOffer & { rented?: boolean }>();
  readonly vanished = new Map<number, VanishedStatus>();
  readonly instances = new Map<number, FakeInstance>();
  stickAllInLoading = false;
  failAllContainers = false;
  private nextInstanceId = 36_717_044;

  constructor(
    offers: readonly FakeOffer[],
    readonly now: () => number,
  ) {
    for (const offer of offers) this.offers.set(offer.id, { ...offer });
  }

  /** Offers a search can see: not vanished. Rented ones stay, marked `rented: true`, as on Vast. */
  searchable(): FakeOffer[] {
    return [...this.offers.values()].filter((offer) => !this.vanished.has(offer.id));
  }

  rent(offer: FakeOffer & { rented?: boolean }, body: Readonly<Record<string, unknown>>): FakeInstance {
    offer.rented = true;
    const bid = typeof body.price === 'number' ? body.price : undefined;
    const instance: FakeInstance = {
      id: this.nextInstanceId++,
      offer,
      label: typeof body.label === 'string' ? body.label : null,
      image: String(body.image),
      env: stringRecord(body.env),
      runtype: typeof body.runtype === 'string' ? body.runtype : 'ssh',
      diskGb: typeof body.disk === 'number' ? body.disk : 10,
      ...(bid !== undefined && { bid }),
      createdAt: this.now(),
      stuckInLoading: this.stickAllInLoading,
      containerFails: this.failAllContainers,
      outbid: false,
      stopped: bid !== undefined && bid < Number(offer.min_bid ?? 0),
    };
    this.instances.set(instance.id, instance);
    return instance;
  }

  /** A live instance, or `undefined` for one never created or already destroyed. */
  live(id: number): FakeInstance | undefined {
    const instance = this.instances.get(id);
    return instance === undefined || instance.destroyedAt !== undefined ? undefined : instance;
  }

  liveInstances(): FakeInstance[] {
    return [...this.instances.values()].filter((instance) => instance.destroyedAt === undefined).sort((a, b) => a.id - b.id);
  }

  /** Destroys an instance and frees its machine's offer. */
  destroy(id: number): boolean {
    const instance = this.live(id);
    if (instance === undefined) return false;
    instance.destroyedAt = this.now();
    const offer = this.offers.get(instance.offer.id);
    if (offer !== undefined) offer.rented = false;
    return true;
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, String(entry)]));
}
