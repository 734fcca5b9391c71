/** A temperature forecast: degrees per minute and when the limit would be reached. */
export interface TemperatureForecast {
  readonly slopeCPerMinute: number;
  readonly latestC: number;
  /** Seconds until the limit at the current slope; undefined when not rising. */
  readonly secondsToLimit?: number;
}

/**
 * Failure prediction (F5, seed 000 §4.1 "steigende Temperaturen"): a least-squares line through
 * the last samples of one GPU. A GPU whose line reaches the limit within the horizon is about to
 * fail and is marked degraded, so new work prefers other GPUs before it does.
 */
export class TemperatureTrend {
  private readonly samples: Array<{ at: number; celsius: number }> = [];

  constructor(private readonly window: number) {}

  add(at: number, celsius: number): void {
    this.samples.push({ at, celsius });
    if (this.samples.length > this.window) this.samples.shift();
  }

  /** Undefined until the window is full. */
  forecast(limitC: number): TemperatureForecast | undefined {
    if (this.samples.length < this.window) return undefined;
    const n = this.samples.length;
    const t0 = this.samples[0]?.at ?? 0;
    let sumX = 0;
    let sumY = 0;
    let sumXY = 0;
    let sumXX = 0;
    for (const { at, celsius } of this.samples) {
      const x = (at - t0) / 60_000;
      sumX += x;
      sumY += celsius;
      sumXY += x * celsius;
      sumXX += x * x;
    }
    const denominator = n * sumXX - sumX * sumX;
    const slope = denominator === 0 ? 0 : (n * sumXY - sumX * sumY) / denominator;
    const latestC = this.samples[n - 1]?.celsius ?? 0;
    if (slope <= 0) return { slopeCPerMinute: slope, latestC };
    const secondsToLimit = latestC >= limitC ? 0 : ((limitC - latestC) / slope) * 60;
    return { slopeCPerMinute: slope, latestC, secondsToLimit };
  }
}
