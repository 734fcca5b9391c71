import {
  type LaunchRequest,
  type LaunchRequestInput,
  launchRequestSchema,
  parseInput,
  ValidationError,
  type ValidationIssue,
} from '@aima/core';
import { VastApiError } from '../client/vast-api-error.js';
import { encodeInstanceLabel, type InstanceIdentity, maxVastLabelLength } from './instance-label.js';
import { bidSuffix } from './offer-mapping.js';

/** A checked launch request and what renting it takes. */
export interface LaunchPlan {
  readonly request: LaunchRequest;
  /** The Vast ask id to rent. */
  readonly askId: number;
  readonly interruptible: boolean;
  readonly identity: InstanceIdentity;
  readonly vastLabel: string;
  /** Environment plus `-p P:P` port flags, as Vast's env dict. */
  readonly env: Record<string, string>;
}

const envNamePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks a launch request before any request is sent: core's schema, then Vast's own limits
 * (label ≤ 256, image ≤ 1024, env entries ≤ 256 and ≤ 32768 in all, disk ≥ 8 GB, bid 0.001–128).
 * An offer id that cannot be Vast's is a `not-found` `ProviderError`, as for any unknown offer.
 */
export function planLaunch(input: LaunchRequestInput): LaunchPlan {
  const request = parseInput(launchRequestSchema, input, 'launch request');
  const match = /^(\d{1,15})(-bid)?$/.exec(request.offerId);
  const identity = { label: request.label, key: request.key, offerId: request.offerId };
  const vastLabel = encodeInstanceLabel(identity);
  const env = { ...request.env, ...Object.fromEntries(request.ports.map((port) => [`-p ${port}:${port}`, '1'])) };
  const issues = [...limitIssues(request, vastLabel), ...envIssues(request.env)];
  if (issues.length > 0) throw new ValidationError('launch request', issues);
  if (match?.[1] === undefined) {
    throw new VastApiError(
      'not-found',
      `offer "${request.offerId}" is not a Vast.ai offer id (an ask id, with "${bidSuffix}" for the interruptible variant); take offerId from listOffers().`,
    );
  }
  const interruptible = match[2] !== undefined || request.bidPricePerHourUsd !== undefined;
  return { request, askId: Number(match[1]), interruptible, identity, vastLabel, env };
}

function limitIssues(request: LaunchRequest, vastLabel: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (vastLabel.length > maxVastLabelLength) {
    issues.push({
      path: 'label',
      message: `label, key and offer id take ${vastLabel.length} characters in the Vast label, more than its ${maxVastLabelLength}; shorten the label or the key`,
    });
  }
  if (request.image.length > 1024) issues.push({ path: 'image', message: 'Vast.ai accepts image names of at most 1024 characters' });
  if (request.diskGb < 8) issues.push({ path: 'diskGb', message: 'Vast.ai needs a disk of at least 8 GB' });
  const bid = request.bidPricePerHourUsd;
  if (bid !== undefined && (bid < 0.001 || bid > 128)) {
    issues.push({ path: 'bidPricePerHourUsd', message: 'Vast.ai accepts bids from 0.001 to 128 $/h' });
  }
  return issues;
}

function envIssues(env: Readonly<Record<string, string>>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  let total = 0;
  for (const [name, value] of Object.entries(env)) {
    total += name.length + value.length + 1;
    if (!envNamePattern.test(name)) {
      issues.push({
        path: `env.${name}`,
        message: 'an environment variable name is letters, digits and _ (ports go in `ports`, not in env)',
      });
    } else if (name.length + value.length + 1 > 256) {
      issues.push({ path: `env.${name}`, message: 'Vast.ai accepts environment entries of at most 256 characters' });
    }
  }
  if (total > 32_768) issues.push({ path: 'env', message: 'Vast.ai accepts at most 32768 characters of environment in all' });
  return issues;
}
