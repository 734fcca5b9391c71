/**
 * A clock tests can move by hand, such as core's `VirtualClock`. With `nextTimerAt` the driver
 * moves time only while someone waits on the clock, which keeps polling code in step.
 */
export interface AdvanceableClock {
  advanceBy(ms: number): Promise<void>;
  nextTimerAt?(): number | undefined;
}

/** Options of {@link driveUntil} and {@link settleWithClock}. */
export interface DriveOptions {
  readonly clock: AdvanceableClock;
  /** The fake whose answers must go out before the clock moves on. */
  readonly fake?: { waitForIdle(): Promise<void> };
  /** Virtual milliseconds per step; keep it at most the poll interval and below request timeouts. @default 1000 */
  readonly stepMs?: number;
  /** Steps before giving up. @default 10000 */
  readonly maxSteps?: number;
}

const realTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Real turns to wait for I/O while nobody waits on the clock, before moving time anyway. */
const idleTurnsBeforeAdvancing = 20;

/**
 * Moves a virtual clock in steps until `done()` holds. Between steps it lets real I/O finish
 * (the fake answers over loopback, which a virtual clock cannot hurry); while code is busy with
 * I/O and no timer is pending, time stands still, so a poller sees every state it would live.
 */
export async function driveUntil(done: () => boolean, options: DriveOptions): Promise<void> {
  const maxSteps = options.maxSteps ?? 10_000;
  let idleTurns = 0;
  for (let step = 0; step < maxSteps; step++) {
    await options.fake?.waitForIdle();
    await realTurn();
    if (done()) return;
    const waiting = options.clock.nextTimerAt === undefined || options.clock.nextTimerAt() !== undefined;
    if (!waiting && ++idleTurns < idleTurnsBeforeAdvancing) continue;
    idleTurns = 0;
    await options.clock.advanceBy(options.stepMs ?? 1_000);
  }
  throw new Error(`driveUntil: the condition still failed after ${maxSteps} steps`);
}

/** Drives the clock until `promise` settles, then returns it (resolved or rejected). */
export async function settleWithClock<T>(promise: Promise<T>, options: DriveOptions): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await driveUntil(() => settled, options);
  return promise;
}
