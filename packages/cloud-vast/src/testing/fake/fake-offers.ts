/** What a fake offer is made from; the rest of Vast's ~90 fields get realistic fillers. */
export interface FakeOfferSpec {
  readonly id: number;
  readonly gpuName: string;
  readonly numGpus?: number;
  /** MB per GPU, as Vast reports it (an RTX 4090 is 24564). */
  readonly gpuRamMb: number;
  readonly dphTotal: number;
  readonly minBid?: number;
  readonly reliability?: number;
  /** "City/region, CC". */
  readonly geolocation?: string | null;
  /** @default true */
  readonly verified?: boolean;
  /** @default false */
  readonly datacenter?: boolean;
  readonly inetUp?: number;
  readonly inetDown?: number;
  readonly cudaMaxGood?: number;
  readonly computeCap?: number;
  /** @default 200 */
  readonly directPortCount?: number;
}

/** A raw Vast offer object, shaped like the captured one (reference A4). */
export type FakeOffer = Record<string, unknown> & { readonly id: number };

/** Builds an offer object as `POST /bundles/` returns it. */
export function fakeOffer(spec: FakeOfferSpec): FakeOffer {
  const numGpus = spec.numGpus ?? 1;
  const storageHour = 0.0000092;
  return {
    id: spec.id,
    ask_contract_id: spec.id,
    bundle_id: 1_598_000_000 + spec.id,
    machine_id: 20_000 + (spec.id % 10_000),
    host_id: 120_000 + (spec.id % 1000),
    gpu_name: spec.gpuName,
    num_gpus: numGpus,
    gpu_ram: spec.gpuRamMb,
    gpu_total_ram: spec.gpuRamMb * numGpus,
    gpu_frac: 1,
    gpu_arch: 'nvidia',
    compute_cap: spec.computeCap ?? 890,
    cuda_max_good: spec.cudaMaxGood ?? 12.4,
    driver_version: '550.120',
    cpu_name: 'AMD EPYC 7642 48-Core Processor',
    cpu_cores: 96,
    cpu_cores_effective: 24 * numGpus,
    cpu_ram: 64_393 * numGpus,
    disk_space: 1607.9,
    inet_up: spec.inetUp ?? 500,
    inet_down: spec.inetDown ?? 800,
    dph_base: spec.dphTotal - storageHour,
    dph_total: spec.dphTotal,
    min_bid: spec.minBid ?? Math.round(spec.dphTotal * 70) / 100,
    is_bid: false,
    storage_cost: 0.00133,
    reliability: spec.reliability ?? 0.98,
    reliability2: spec.reliability ?? 0.98,
    score: 190.03,
    geolocation: spec.geolocation === undefined ? 'Texas, US' : spec.geolocation,
    public_ipaddr: `203.0.113.${spec.id % 250}`,
    direct_port_count: spec.directPortCount ?? 200,
    hosting_type: spec.datacenter ? 1 : 0,
    verification: spec.verified === false ? 'unverified' : 'verified',
    rentable: true,
    rented: false,
    external: null,
    end_date: 1_893_456_000,
    search: { gpuCostPerHour: spec.dphTotal - storageHour, diskHour: storageHour, totalHour: spec.dphTotal },
  };
}

/**
 * The fake's market: RTX 4090s in several places and prices, a few data-centre cards, and offers
 * that a default search leaves out (unverified, unreliable, no direct ports).
 */
export function defaultFakeOffers(): FakeOffer[] {
  return [
    fakeOffer({
      id: 11_684_738,
      gpuName: 'RTX 4090',
      gpuRamMb: 24_564,
      dphTotal: 0.2467,
      minBid: 0.2,
      reliability: 0.97,
      geolocation: 'Guangxi, CN',
      inetUp: 77.7,
      inetDown: 105.9,
      cudaMaxGood: 12.2,
    }),
    fakeOffer({
      id: 20_000_001,
      gpuName: 'RTX 4090',
      gpuRamMb: 24_564,
      dphTotal: 0.4,
      minBid: 0.25,
      reliability: 0.995,
      geolocation: 'Texas, US',
      datacenter: true,
      inetUp: 800,
      inetDown: 900,
    }),
    fakeOffer({
      id: 20_000_002,
      gpuName: 'RTX 4090',
      numGpus: 2,
      gpuRamMb: 24_564,
      dphTotal: 0.78,
      minBid: 0.5,
      reliability: 0.99,
      geolocation: 'Bavaria, DE',
      datacenter: true,
    }),
    fakeOffer({
      id: 20_000_003,
      gpuName: 'A100 SXM4',
      gpuRamMb: 81_920,
      dphTotal: 1.1,
      minBid: 0.7,
      reliability: 0.995,
      geolocation: 'Quebec, CA',
      datacenter: true,
      computeCap: 800,
    }),
    fakeOffer({
      id: 20_000_004,
      gpuName: 'H100 SXM',
      gpuRamMb: 81_559,
      dphTotal: 2.2,
      minBid: 1.4,
      reliability: 0.999,
      geolocation: 'Oregon, US',
      datacenter: true,
      computeCap: 900,
    }),
    fakeOffer({
      id: 20_000_005,
      gpuName: 'RTX 3090',
      gpuRamMb: 24_576,
      dphTotal: 0.18,
      minBid: 0.1,
      reliability: 0.93,
      geolocation: 'Stockholm, SE',
      verified: false,
      computeCap: 860,
    }),
    fakeOffer({
      id: 20_000_006,
      gpuName: 'RTX A6000',
      gpuRamMb: 49_140,
      dphTotal: 0.45,
      minBid: 0.3,
      reliability: 0.85,
      geolocation: 'Taipei, TW',
      computeCap: 860,
    }),
    fakeOffer({
      id: 20_000_007,
      gpuName: 'RTX 6000Ada',
      gpuRamMb: 49_140,
      dphTotal: 0.75,
      minBid: 0.55,
      reliability: 0.98,
      geolocation: 'North Holland, NL',
      datacenter: true,
    }),
    fakeOffer({
      id: 20_000_008,
      gpuName: 'RTX 4090',
      gpuRamMb: 24_564,
      dphTotal: 0.35,
      minBid: 0.22,
      reliability: 0.96,
      geolocation: 'Ile-de-France, FR',
      directPortCount: 0,
    }),
  ];
}
