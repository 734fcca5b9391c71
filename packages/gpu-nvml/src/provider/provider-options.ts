import { hostname } from 'node:os';
import { type Clock, ConfigError, type Logger, silentLogger, systemClock } from '@aima/core';
import { z } from 'zod';

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === 'function');
}

/** A `Clock` from `@aima/core` (system or virtual). */
export const clockSchema = z.custom<Clock>(
  (value) => hasMethods(value, ['now', 'sleep', 'setTimer']),
  'must be a Clock (now, sleep, setTimer)',
);
/** A `Logger` from `@aima/core`. */
export const loggerSchema = z.custom<Logger>((value) => hasMethods(value, ['debug', 'info', 'warn', 'error']), 'must be a Logger');

/**
 * Seed 000 §2.3 monitoring (N2). The defaults mirror `parseSchedulerConfig().monitoring` of
 * `@aima/core` (a test keeps them equal).
 */
export const monitoringOptionsSchema = z.strictObject({
  /** Seconds between monitoring rounds while someone listens. @default 60 */
  intervalSeconds: z.number().positive().default(60),
  /** Utilisation or memory above this percent is `busy`. @default 80 */
  busyPercent: z.number().min(0).max(100).default(80),
  /** Above this percent is `active`, else `idle`. @default 20 */
  activePercent: z.number().min(0).max(100).default(20),
});

/** How temperature turns into health events (N3 "rising temperature"). */
export const thermalOptionsSchema = z.strictObject({
  /** Overheating threshold when the GPU reports no slowdown temperature. @default 85 */
  overheatCelsius: z.number().positive().default(85),
  /** Shutdown temperature to assume when the GPU reports none. @default 95 */
  shutdownCelsius: z.number().positive().default(95),
  /** Critical within this many degrees of the shutdown temperature. @default 3 */
  criticalMarginCelsius: z.number().nonnegative().default(3),
  /** A rise at least this fast is a trend... @default 2 */
  risingCelsiusPerMinute: z.number().positive().default(2),
  /** ...when it would reach the slowdown threshold within this many minutes. @default 10 */
  horizonMinutes: z.number().positive().default(10),
  /** Samples the trend is fitted over. @default 5 */
  window: z.number().int().min(3).max(100).default(5),
});

/** Options every local GPU provider of this package takes. */
export const providerOptionsSchema = z.strictObject({
  /** Host name reported in each device. @default os.hostname() */
  host: z
    .string()
    .min(1)
    .default(() => hostname()),
  /** Provider id. @default "<method>@<host>" */
  id: z.string().min(1).optional(),
  /** @default see fields */
  monitoring: monitoringOptionsSchema.prefault({}),
  /** @default see fields */
  thermal: thermalOptionsSchema.prefault({}),
  /** Time source for monitoring and event polling. @default systemClock */
  clock: clockSchema.default(() => systemClock),
  /** @default silentLogger */
  logger: loggerSchema.default(() => silentLogger),
});

/** Parses a factory's options once; problems become a `ConfigError` listing each of them. */
export function parseOptions<Schema extends z.ZodType>(schema: Schema, input: unknown, subject: string): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  throw new ConfigError(`Invalid ${subject}`, issues);
}
