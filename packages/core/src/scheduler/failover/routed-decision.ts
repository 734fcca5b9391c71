import type { JobSpec } from '../../config/job-spec.js';
import type { Decision } from '../../engine/decision.js';
import type { DecisionContext } from '../../engine/decision-context.js';
import type { DecisionEngine } from '../../engine/decision-engine.js';
import { isUsable, LocalFleet } from '../../engine/fleet/local-fleet.js';
import { createOfferBook } from '../../engine/fleet/offer-book.js';
import type { FailoverRoute } from './failover-types.js';

const noOffers = createOfferBook([]);

/**
 * Decides for a job that is moving, within its route. Every decision is still the engine's, with
 * the job's own spec, so every engine guard holds (a confidential job never gets a cloud target):
 * a route only takes candidates away, by deciding over no offers (local only), over an empty fleet
 * (cloud only), over the pinned GPU alone, or with the GPUs to avoid hidden for the call.
 * A route that finds nothing falls back to an unrestricted decision, unless it must fail instead.
 */
export function decideOnRoute(engine: DecisionEngine, spec: JobSpec, route: FailoverRoute, context: DecisionContext): Decision {
  const routed = withHidden(context.fleet, route.avoidGpuIds, () => decideHidden(engine, spec, route, context));
  if (routed.outcome !== 'reject' || route.failIfNone !== undefined) return routed;
  return engine.decide(spec, context);
}

function decideHidden(engine: DecisionEngine, spec: JobSpec, route: FailoverRoute, context: DecisionContext): Decision {
  const localOnly = () => engine.decide(spec, { ...context, offers: noOffers });
  const cloudOnly = () => engine.decide(spec, { ...context, fleet: new LocalFleet(engine.config.cost) });
  switch (route.mode) {
    case 'any':
      return engine.decide(spec, context);
    case 'local':
      return localOnly();
    case 'same-gpu': {
      const pinned = route.pinGpuId === undefined ? undefined : onPinnedGpu(engine, spec, route.pinGpuId, context);
      return pinned ?? engine.decide(spec, context);
    }
    case 'cloud': {
      const cloud = cloudOnly();
      return cloud.outcome === 'cloud' ? cloud : localOnly();
    }
    case 'local-then-cloud': {
      const local = localOnly();
      if (local.outcome === 'local') return local;
      const cloud = cloudOnly();
      return cloud.outcome === 'cloud' ? cloud : local;
    }
  }
}

/** The engine's decision over the pinned GPU alone, when it is usable, free and fits; else undefined. */
function onPinnedGpu(engine: DecisionEngine, spec: JobSpec, gpuId: string, context: DecisionContext): Decision | undefined {
  const state = context.fleet.get(gpuId);
  if (state === undefined || state.busyUntil !== undefined || !isUsable(state.health ?? 'healthy')) return undefined;
  const single = new LocalFleet(engine.config.cost);
  single.upsert(state);
  const decision = engine.decide(spec, { ...context, fleet: single, offers: noOffers });
  return decision.outcome === 'local' ? decision : undefined;
}

/** Runs `decide` with the given GPUs in maintenance, then puts their exact states back. */
function withHidden(fleet: LocalFleet, gpuIds: readonly string[], decide: () => Decision): Decision {
  const saved = gpuIds.flatMap((gpuId) => {
    const state = fleet.get(gpuId);
    return state === undefined || !isUsable(state.health ?? 'healthy') ? [] : [state];
  });
  for (const state of saved) fleet.upsert({ ...state, health: 'maintenance' });
  try {
    return decide();
  } finally {
    for (const state of saved) fleet.upsert(state);
  }
}
