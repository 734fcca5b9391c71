import type { ThermalLimits } from '../provider/gpu-source.js';
import type { HealthFinding } from './health-finding.js';

/** How temperature becomes health events. */
export interface ThermalSettings {
  /** Overheating above this when the device reports no slowdown threshold. */
  readonly overheatCelsius: number;
  /** Shutdown temperature to assume when the device reports none. */
  readonly shutdownCelsius: number;
  /** Critical this close to the shutdown temperature. */
  readonly criticalMarginCelsius: number;
  /** A rise at least this fast counts as a trend... */
  readonly risingCelsiusPerMinute: number;
  /** ...when it would reach the slowdown threshold within this many minutes. */
  readonly horizonMinutes: number;
  /** Samples the trend is fitted over (at least 3). */
  readonly window: number;
}

const Level = { Normal: 0, Rising: 1, Overheating: 2, Critical: 3 } as const;
type Level = (typeof Level)[keyof typeof Level];

/** Cooler than slowdown by this much before the trend can fire again. */
const REARM_CELSIUS = 5;
const MS_PER_MINUTE = 60_000;
/**
 * Samples closer than this to the previous point do not enter the fit, and a slope needs points
 * spanning at least a minute: several callers may sample within milliseconds, and one degree of
 * sensor jitter over a few milliseconds is not a trend.
 */
const MIN_SPACING_MS = 5_000;
const MIN_SPAN_MS = MS_PER_MINUTE;

/**
 * One GPU's temperature history. It reports a degrading trend (a fast rise that would reach the
 * slowdown threshold soon) before the GPU overheats, then overheating, then critical. Each level
 * is reported once until the GPU cools down again.
 */
export class ThermalTrend {
  private readonly points: { at: number; celsius: number }[] = [];
  private raised: Level = Level.Normal;

  constructor(private readonly settings: ThermalSettings) {}

  observe(at: number, celsius: number, limits: ThermalLimits | undefined): HealthFinding | undefined {
    const last = this.points[this.points.length - 1];
    if (!last || at - last.at >= MIN_SPACING_MS) this.points.push({ at, celsius });
    if (this.points.length > Math.max(3, this.settings.window)) this.points.shift();
    const slowdown = limits?.slowdownCelsius ?? this.settings.overheatCelsius;
    const shutdown = limits?.shutdownCelsius ?? this.settings.shutdownCelsius;
    const slope = this.slope();
    const level = this.levelOf(celsius, slowdown, shutdown, slope);
    if (level === Level.Normal && celsius <= slowdown - REARM_CELSIUS) this.raised = Level.Normal;
    if (level <= this.raised) return undefined;
    this.raised = level;
    return finding(level, celsius, slowdown, shutdown, slope ?? 0);
  }

  /** Least-squares slope of the window in °C per minute; `undefined` with fewer than 3 points or under a minute. */
  slope(): number | undefined {
    const n = this.points.length;
    const first = this.points[0]?.at ?? 0;
    const span = (this.points[n - 1]?.at ?? 0) - first;
    if (n < 3 || span < MIN_SPAN_MS) return undefined;
    let sumX = 0;
    let sumY = 0;
    let sumXY = 0;
    let sumXX = 0;
    for (const point of this.points) {
      const x = (point.at - first) / MS_PER_MINUTE;
      sumX += x;
      sumY += point.celsius;
      sumXY += x * point.celsius;
      sumXX += x * x;
    }
    const denominator = n * sumXX - sumX * sumX;
    return denominator === 0 ? undefined : (n * sumXY - sumX * sumY) / denominator;
  }

  private levelOf(celsius: number, slowdown: number, shutdown: number, slope: number | undefined): Level {
    if (celsius >= shutdown - this.settings.criticalMarginCelsius) return Level.Critical;
    if (celsius >= slowdown) return Level.Overheating;
    if (slope === undefined || slope < this.settings.risingCelsiusPerMinute) return Level.Normal;
    return (slowdown - celsius) / slope <= this.settings.horizonMinutes ? Level.Rising : Level.Normal;
  }
}

function finding(level: Level, celsius: number, slowdown: number, shutdown: number, slope: number): HealthFinding {
  switch (level) {
    case Level.Critical:
      return {
        source: 'thermal',
        code: 'temperature-critical',
        severity: 'critical',
        message: `GPU at ${celsius} °C, close to its ${shutdown} °C shutdown temperature: drain it now`,
      };
    case Level.Overheating:
      return {
        source: 'thermal',
        code: 'temperature-overheating',
        severity: 'persistent',
        message: `GPU at ${celsius} °C, at or above its ${slowdown} °C slowdown threshold: it throttles; move work away and check cooling`,
      };
    default: {
      const minutes = Math.max(0, (slowdown - celsius) / slope);
      return {
        source: 'thermal',
        code: 'temperature-rising',
        severity: 'temporary',
        message: `GPU temperature degrading: ${celsius} °C and rising ${slope.toFixed(1)} °C/min, about ${minutes.toFixed(1)} min before the ${slowdown} °C slowdown threshold`,
      };
    }
  }
}
