import { type OfferQuery, offerQuerySchema, parseInput, ValidationError } from '@aima/core';
import type { VastFilter, VastOfferSearch } from '../client/vast-api-client.js';
import type { ResolvedVastOptions } from '../options.js';
import { vastNamesFor } from './gpu-names.js';
import type { OfferVariants } from './offer-mapping.js';
import { countriesForRegion } from './regions.js';

type SearchOptions = Pick<
  ResolvedVastOptions,
  'minReliability' | 'verifiedOnly' | 'datacenterOnly' | 'minCudaVersion' | 'minDirectPorts' | 'searchLimit' | 'searchDiskGb'
>;

/** A checked query and the Vast search that serves it. */
export interface PlannedSearch {
  readonly query: OfferQuery;
  readonly search: VastOfferSearch;
  readonly variants: OfferVariants;
}

/**
 * Checks a query before any request (a negative price or an unknown GPU is a `ValidationError`
 * that says what to fix) and translates it into Vast filters. The server narrows as far as Vast's
 * filters allow; the caller still applies `offerMatchesQuery` so that every offer returned
 * satisfies the query exactly.
 */
export function planOfferSearch(input: OfferQuery, options: SearchOptions): PlannedSearch {
  const query = parseInput(offerQuerySchema, input, 'offer query');
  const gpuNames = vastGpuNameFilter(query.gpuModels);
  const variants = { onDemand: query.interruptible !== true, interruptible: query.interruptible !== false };
  // With both variants wanted, the cheaper `min_bid` bounds the server side; on-demand prices are checked after.
  const priceField = variants.onDemand && !variants.interruptible ? 'dph_total' : 'min_bid';
  const filters: Record<string, VastFilter> = {
    rentable: { eq: true },
    rented: { eq: false },
    external: { eq: false },
    ...(options.verifiedOnly && { verified: { eq: true } }),
    ...(options.datacenterOnly && { datacenter: { eq: true } }),
    reliability2: { gte: Math.max(options.minReliability, query.minReliability ?? 0) },
    ...(options.minDirectPorts > 0 && { direct_port_count: { gte: options.minDirectPorts } }),
    ...(options.minCudaVersion !== undefined && { cuda_max_good: { gte: Number(options.minCudaVersion) } }),
    // VRAM is reported rounded to whole GB, so ask for anything that rounds up to the minimum.
    ...(query.minVramGb !== undefined && { gpu_ram: { gte: Math.floor((query.minVramGb - 0.5) * 1024) } }),
    ...(query.gpuCount !== undefined && { num_gpus: { eq: query.gpuCount } }),
    ...(query.minUploadMbps !== undefined && { inet_up: { gte: query.minUploadMbps } }),
    ...(query.maxPricePerHourUsd !== undefined && { [priceField]: { lte: query.maxPricePerHourUsd } }),
    ...(gpuNames !== undefined && { gpu_name: { in: gpuNames } }),
    ...geolocationFilter(query.regions),
  };
  const type = variants.onDemand ? 'on-demand' : 'bid';
  const order = [[variants.onDemand ? 'dph_total' : 'min_bid', 'asc']] as const;
  return { query, variants, search: { filters, type, order, limit: options.searchLimit, allocatedStorageGb: options.searchDiskGb } };
}

/** Vast names for the wanted models; `undefined` when the search cannot narrow by name. */
function vastGpuNameFilter(models: readonly string[] | undefined): string[] | undefined {
  if (models === undefined) return undefined;
  const issues: { path: string; message: string }[] = [];
  const names = new Set<string>();
  let narrowable = true;
  models.forEach((model, index) => {
    const vastNames = vastNamesFor(model);
    if (vastNames === undefined) {
      issues.push({ path: `gpuModels.${index}`, message: unknownGpuMessage(model) });
    } else if (vastNames.length === 0) {
      narrowable = false;
    } else {
      for (const name of vastNames) names.add(name);
    }
  });
  if (issues.length > 0) throw new ValidationError('offer query', issues);
  return narrowable ? [...names] : undefined;
}

function unknownGpuMessage(model: string): string {
  return `"${model}" is not a GPU model Vast.ai rents; use a model name such as "RTX 4090", "RTX A6000", "L40S", "A100 80GB" or "H100"`;
}

function geolocationFilter(regions: readonly string[] | undefined): Record<string, VastFilter> {
  if (regions === undefined) return {};
  const perRegion = regions.map(countriesForRegion);
  // A region that names no country (e.g. `unknown`) cannot be asked of the server; filter locally.
  if (perRegion.some((countries) => countries.length === 0)) return {};
  return { geolocation: { in: [...new Set(perRegion.flat())] } };
}
