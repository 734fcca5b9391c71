/**
 * Test and simulation helpers for AIMA hosts and adapters: deterministic generators of local GPU
 * fleets and cloud offers. Import from `@aima/core/testing`.
 * @packageDocumentation
 */
export { type GenerateFleetOptions, type GenerateOffersOptions, generateFleet, generateOffers } from './generate-fleet.js';
