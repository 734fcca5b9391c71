import type { Clock, Timer } from '@aima/core';

/**
 * Runs `round` now and then every `intervalMs` on the clock while started; rounds never overlap.
 * On the system clock the timer is unref'd, so the loop never keeps a process alive by itself.
 */
export class MonitorLoop {
  private timer: Timer | undefined;
  private running = false;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly round: () => Promise<void>,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.inFlight) this.schedule(0);
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Resolves when no round is running. */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    this.timer = this.clock.setTimer(delayMs, () => {
      this.timer = undefined;
      this.inFlight = this.run();
    });
  }

  private async run(): Promise<void> {
    try {
      await this.round();
    } finally {
      this.inFlight = undefined;
      if (this.running && !this.timer) this.schedule(this.intervalMs);
    }
  }
}
