/**
 * Test doubles for code that uses `@aima/cloud-runpod`: a fake RunPod server (GraphQL, REST v2
 * pods, serverless jobs) on loopback with fault injection, and helpers that drive a virtual
 * clock against it. Import from `@aima/cloud-runpod/testing`.
 * @packageDocumentation
 */

export { defaultFakeGpuTypes, type FakeGpuType, type FakeStockStatus } from '../fake/fake-catalog.js';
export {
  type FakeFault,
  type FakeFaultMatch,
  FakeFaultQueue,
  type FakeFaultResponse,
  type FakeRequestFacts,
  type FakeSurface,
  runpodFaults,
} from '../fake/fake-faults.js';
export { graphqlMessages } from '../fake/fake-graphql.js';
export {
  defaultPodTimeline,
  type FakePod,
  type FakePodSpec,
  type FakePodStatus,
  FakePodStore,
  type FakePodTimeline,
} from '../fake/fake-pods.js';
export { restNoCapacityDetail } from '../fake/fake-rest.js';
export {
  type FakeRecordedRequest,
  type FakeRunpodServer,
  type FakeRunpodServerOptions,
  startFakeRunpodServer,
} from '../fake/fake-runpod-server.js';
export { type FakeJob, type FakeJobScript, type FakeJobStatus, FakeServerless, workerError } from '../fake/fake-serverless.js';
export { type AdvanceableClock, type DriveOptions, driveUntil, settleWithClock } from './drive-clock.js';
