import type { LaunchRequestInput } from '@aima/core';
import { VastApiError } from '../client/vast-api-error.js';
import type { VastCloudInstance } from './instance-mapping.js';
import { type LaunchPlan, planLaunch } from './launch-plan.js';
import type { ProviderContext } from './provider-context.js';

export type Launch = (request: LaunchRequestInput, signal?: AbortSignal) => Promise<VastCloudInstance>;

/**
 * Launch, idempotent per key: Vast has no idempotency key, so the key lives in the instance label
 * and an instance already carrying it is returned instead of renting again. Concurrent launches of
 * one key share one attempt. A launch that fails after Vast created something destroys it.
 */
export function createLaunch(context: ProviderContext): Launch {
  const inFlight = new Map<string, Promise<VastCloudInstance>>();
  return async (input, signal) => {
    context.ensureOpen(signal);
    const plan = planLaunch(input);
    const running = inFlight.get(plan.vastLabel);
    if (running !== undefined) return running;
    const attempt = launchOnce(context, plan, signal).finally(() => inFlight.delete(plan.vastLabel));
    inFlight.set(plan.vastLabel, attempt);
    return attempt;
  };
}

async function launchOnce(context: ProviderContext, plan: LaunchPlan, signal: AbortSignal | undefined): Promise<VastCloudInstance> {
  const existing = await findByKey(context, plan, signal);
  if (existing !== undefined) return existing;
  const bid = plan.interruptible ? await bidFor(context, plan, signal) : undefined;
  let instanceId: number;
  try {
    instanceId = await context.client.createInstance(
      plan.askId,
      {
        image: plan.request.image,
        label: plan.vastLabel,
        diskGb: plan.request.diskGb,
        env: plan.env,
        runtype: context.options.runtype === 'ssh' ? 'ssh_direc ssh_proxy' : 'args',
        ...(bid !== undefined && { bidPricePerHourUsd: bid }),
      },
      signal,
    );
  } catch (error) {
    return recoverFromCreateFailure(context, plan, error, signal);
  }
  context.options.logger.info('vast: rented an instance', { instanceId, offerId: plan.request.offerId, key: plan.request.key });
  return readCreated(context, plan, instanceId, signal);
}

/** Reads the new instance; if that fails, the instance is destroyed so nothing bills unseen. */
async function readCreated(
  context: ProviderContext,
  plan: LaunchPlan,
  instanceId: number,
  signal?: AbortSignal,
): Promise<VastCloudInstance> {
  try {
    const instance = await context.readInstance(instanceId, signal, plan.identity);
    if (instance === undefined)
      throw new VastApiError('capacity', `instance ${instanceId} vanished right after it was rented; try another offer.`);
    return instance;
  } catch (error) {
    const cleanup = context.destroyQuietly(instanceId, `launch ${plan.request.key} failed after renting`);
    if (signal?.aborted) context.inBackground(cleanup);
    else await cleanup;
    throw error;
  }
}

/**
 * After a failed rent: destroy what Vast created anyway (a bid that was too low creates a stopped
 * instance, reference A6); after an answer we never saw (timeout, 5xx, abort) the instance may
 * exist, so look for it by key: return it, or destroy it when the caller gave up.
 */
async function recoverFromCreateFailure(
  context: ProviderContext,
  plan: LaunchPlan,
  error: unknown,
  signal?: AbortSignal,
): Promise<VastCloudInstance> {
  if (VastApiError.isInstance(error) && error.createdInstanceId !== undefined) {
    await context.destroyQuietly(error.createdInstanceId, `launch ${plan.request.key} failed: ${error.message}`);
    throw error;
  }
  if (signal?.aborted) {
    context.inBackground(destroyByKey(context, plan));
    throw error;
  }
  if (VastApiError.isInstance(error) && error.kind === 'transient') {
    const created = await findByKey(context, plan, signal);
    if (created !== undefined) return created;
  }
  throw error;
}

async function destroyByKey(context: ProviderContext, plan: LaunchPlan): Promise<void> {
  const created = await findByKey(context, plan);
  if (created !== undefined) await context.destroyQuietly(Number(created.id), `launch ${plan.request.key} was aborted`);
}

async function findByKey(context: ProviderContext, plan: LaunchPlan, signal?: AbortSignal): Promise<VastCloudInstance | undefined> {
  const ours = await context.listOurs(plan.identity.label, signal);
  return ours.find((instance) => instance.key === plan.identity.key && instance.status !== 'terminated');
}

/** The bid: the request's, else the offer's minimum bid from the last search, else a search by id. */
async function bidFor(context: ProviderContext, plan: LaunchPlan, signal?: AbortSignal): Promise<number> {
  const known = plan.request.bidPricePerHourUsd ?? context.minimumBids.get(plan.request.offerId);
  if (known !== undefined) return known;
  const { offers } = await context.client.searchOffers({ filters: { id: { eq: plan.askId } }, type: 'bid', limit: 1 }, signal);
  const minBid = offers[0]?.min_bid ?? undefined;
  if (minBid === undefined || minBid <= 0) {
    throw new VastApiError('capacity', `offer ${plan.request.offerId} is no longer available for bids; pick another offer.`);
  }
  return minBid;
}
