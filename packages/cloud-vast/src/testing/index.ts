/**
 * Test doubles for hosts and for this package's tests: a fake Vast.ai API server on loopback with
 * fault injection, and a clock whose sleeps pass at once. Import from `@aima/cloud-vast/testing`.
 * @packageDocumentation
 */

export { type AutoAdvancingClock, createAutoAdvancingClock } from './auto-advancing-clock.js';
export type { RateLimitBurstOptions, RequestMatch } from './fake/fake-faults.js';
export type { VanishedStatus } from './fake/fake-market.js';
export { defaultFakeOffers, type FakeOffer, type FakeOfferSpec, fakeOffer } from './fake/fake-offers.js';
export {
  createFakeVastServer,
  type FakeRequestRecord,
  type FakeVastServer,
  type FakeVastServerOptions,
} from './fake-vast-server.js';
