import { type CloudOffer, cloudOfferSchema } from './cloud-offer.js';
import { type GpuRegistration, gpuRegistrationSchema } from './gpu-registration.js';
import { parseInput } from './parse-input.js';

/** Validates a GPU registration from outside. @throws ValidationError listing every problem. */
export function parseGpuRegistration(input: unknown): GpuRegistration {
  return parseInput(gpuRegistrationSchema, input, 'GPU registration');
}

/** Validates a cloud offer from a provider. @throws ValidationError listing every problem. */
export function parseCloudOffer(input: unknown): CloudOffer {
  return parseInput(cloudOfferSchema, input, 'cloud offer');
}
