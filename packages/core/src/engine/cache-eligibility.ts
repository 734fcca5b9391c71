import { accessPlugin } from '../plugins/access/access.js';
import { alternativesPlugin } from '../plugins/alternatives/alternatives.js';
import { availabilityWindowPlugin } from '../plugins/availability-window/availability-window.js';
import { complianceTagsPlugin } from '../plugins/compliance-tags/compliance-tags.js';
import { computeCapabilityPlugin } from '../plugins/compute-capability/compute-capability.js';
import { confidentialityPlugin } from '../plugins/confidentiality/confidentiality.js';
import { costPlugin } from '../plugins/cost/cost.js';
import { gpuModelPlugin } from '../plugins/gpu-model/gpu-model.js';
import { healthPlugin } from '../plugins/health/health.js';
import { interruptiblePlugin } from '../plugins/interruptible/interruptible.js';
import { modelCompatibilityPlugin } from '../plugins/model-compatibility/model-compatibility.js';
import { queueWaitPlugin } from '../plugins/queue-wait/queue-wait.js';
import { reliabilityPlugin } from '../plugins/reliability/reliability.js';
import { residencyPlugin } from '../plugins/residency/residency.js';
import { uploadTimePlugin } from '../plugins/upload-time/upload-time.js';
import { urgencyPlugin } from '../plugins/urgency/urgency.js';
import { vramFitPlugin } from '../plugins/vram-fit/vram-fit.js';
import { aimaPolicy } from '../policies/aima/aima-policy.js';
import { costOptimalPolicy } from '../policies/cost-optimal/cost-optimal-policy.js';
import type { Policy } from '../policies/policy.js';
import type { EngineParts } from './engine-setup.js';
import type { EnginePlugin } from './extension-points/engine-plugin.js';
import type { PolicyReads } from './requirement-key.js';

/** What the decision cache must know of a policy to reuse its decisions exactly. */
export interface CachedPolicyReads extends PolicyReads {
  /** The policy reads `now` (so a decision can be reused only at the same `now`). */
  readonly now: boolean;
}

/**
 * The policies whose reads are known. `hybrid-threshold` is not among them: it reads the fleet's
 * utilisation, which every placement changes, and the adaptive thresholds.
 */
const knownPolicies = new Map<Policy, CachedPolicyReads>([
  [aimaPolicy, { priority: false, deadline: false, now: false }],
  [costOptimalPolicy, { priority: false, deadline: true, now: true }],
]);

/**
 * The plugins whose reads were checked against `sameRequirements` and the shells' assumptions:
 * listed one by one, so a plugin added to the built-ins later turns the cache off until checked.
 */
const knownPlugins = new Set<EnginePlugin>([
  confidentialityPlugin,
  healthPlugin,
  vramFitPlugin,
  computeCapabilityPlugin,
  gpuModelPlugin,
  residencyPlugin,
  complianceTagsPlugin,
  accessPlugin,
  modelCompatibilityPlugin,
  availabilityWindowPlugin,
  interruptiblePlugin,
  reliabilityPlugin,
  costPlugin,
  queueWaitPlugin,
  uploadTimePlugin,
  urgencyPlugin,
  alternativesPlugin,
]);

/**
 * What the engine's policy reads, when every plugin and the policy are built-ins whose reads are
 * known: filters read a GPU class's shared fields (and `now`, for availability windows), score
 * plugins a candidate's class, wait and cost, never which member of a class it is. Undefined
 * (do not cache) for any other plugin or policy: the cache cannot know what they read.
 */
export function cacheableReads(parts: EngineParts): CachedPolicyReads | undefined {
  const { stages } = parts;
  const plugins = [...stages.filters, ...stages.scorers.map((scorer) => scorer.plugin), ...stages.postFilters];
  if (!plugins.every((plugin) => knownPlugins.has(plugin))) return undefined;
  return knownPolicies.get(parts.policy);
}
