import type { EnginePlugin } from '../engine/extension-points/engine-plugin.js';
import { accessPlugin } from './access/access.js';
import { alternativesPlugin } from './alternatives/alternatives.js';
import { availabilityWindowPlugin } from './availability-window/availability-window.js';
import { complianceTagsPlugin } from './compliance-tags/compliance-tags.js';
import { computeCapabilityPlugin } from './compute-capability/compute-capability.js';
import { confidentialityPlugin } from './confidentiality/confidentiality.js';
import { costPlugin } from './cost/cost.js';
import { gpuModelPlugin } from './gpu-model/gpu-model.js';
import { healthPlugin } from './health/health.js';
import { interruptiblePlugin } from './interruptible/interruptible.js';
import { modelCompatibilityPlugin } from './model-compatibility/model-compatibility.js';
import { queueWaitPlugin } from './queue-wait/queue-wait.js';
import { reliabilityPlugin } from './reliability/reliability.js';
import { residencyPlugin } from './residency/residency.js';
import { uploadTimePlugin } from './upload-time/upload-time.js';
import { urgencyPlugin } from './urgency/urgency.js';
import { vramFitPlugin } from './vram-fit/vram-fit.js';

/** The built-in plugins in pipeline order: cheap, decisive filters first (Nomad's feasibility order). */
export const builtinPlugins: readonly EnginePlugin[] = [
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
];
