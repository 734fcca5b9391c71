import type { HybridThresholds } from '../policies/hybrid-threshold/adaptive-thresholds.js';
import type { LocalFleet } from './fleet/local-fleet.js';
import type { OfferBook } from './fleet/offer-book.js';

/** Everything a decision depends on besides the job. A decision is a pure function of both. */
export interface DecisionContext {
  /** Current time, epoch ms. */
  readonly now: number;
  readonly fleet: LocalFleet;
  readonly offers: OfferBook;
  /** The site's upload bandwidth to the internet in Mbit/s. */
  readonly uploadBandwidthMbps: number;
  /** Current adaptive thresholds of the `hybrid-threshold` policy; its configured values when absent. */
  readonly hybridThresholds?: HybridThresholds;
  /** Local utilisation 0..1 override; the fleet's allocated share when absent. */
  readonly localUtilization?: number;
  /** `detailed` lists every rejected candidate (linear in the fleet). @default 'summary' */
  readonly explain?: 'summary' | 'detailed';
}
