import type { FailureSeverity } from '../../spec/gpu-device.js';
import type { FailoverOrigin, FailoverTrigger } from './failover-types.js';

/** The abort reason that stops a job whose GPU failed or whose cloud instance was interrupted. */
export class FailoverSignal extends Error {
  constructor(
    readonly trigger: Exclude<FailoverTrigger, 'job-error'>,
    readonly failureClass: FailureSeverity,
    readonly origin: FailoverOrigin,
    message: string,
  ) {
    super(message);
    this.name = 'FailoverSignal';
  }
}
