/** Every transfer event carries the job and the time it happened (epoch ms, from the injected clock). */
interface TransferEventBase {
  readonly jobId: string;
  readonly at: number;
  /** The source key of the object being moved. */
  readonly key: string;
}

/** An input started moving ahead of the job (S3). */
export interface TransferStartedEvent extends TransferEventBase {
  readonly destinationKey: string;
  /** Size of the source object. */
  readonly totalBytes: number;
  /** Whether the bytes are gzipped on the way (S4). */
  readonly compressed: boolean;
}

/** Bytes of the source read so far; sent at least every `progressIntervalBytes` and at the end. */
export interface TransferProgressEvent extends TransferEventBase {
  readonly transferredBytes: number;
  readonly totalBytes: number;
  /** 0..1. */
  readonly fraction: number;
}

/** An input arrived at its destination. */
export interface TransferCompletedEvent extends TransferEventBase {
  readonly destinationKey: string;
  /** Bytes read from the source. */
  readonly bytes: number;
  /** Bytes written to the destination (smaller when compressed). */
  readonly storedBytes: number;
  readonly compressed: boolean;
  readonly durationSeconds: number;
}

/** The transfer events by name → listener, ready to merge into the scheduler's typed events. */
export interface TransferEvents {
  'transfer-started': (event: TransferStartedEvent) => void;
  'transfer-progress': (event: TransferProgressEvent) => void;
  'transfer-completed': (event: TransferCompletedEvent) => void;
}
