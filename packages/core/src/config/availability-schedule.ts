import { z } from 'zod';

/** Days of the week, Monday first. */
export const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.output<typeof weekdaySchema>;

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM in 24-hour time');

/**
 * A weekly time window in which a GPU may run jobs (seed 000 `Verfügbarkeitszeiten`).
 * `end` before `start` means the window runs past midnight into the next day.
 */
export const availabilityWindowSchema = z
  .strictObject({
    days: z.array(weekdaySchema).min(1),
    /** Opening time, HH:MM. */
    start: clockTimeSchema,
    /** Closing time, HH:MM (exclusive). */
    end: clockTimeSchema,
    /** Offset of the site's local time from UTC in minutes, e.g. 60 for CET. @default 0 */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  })
  .refine((window) => window.start !== window.end, { message: 'start and end must differ', path: ['end'] });

/** `'24/7'` (the seed default) or a list of weekly windows. */
export const availabilityScheduleSchema = z.union([z.literal('24/7'), z.array(availabilityWindowSchema).min(1)]);

export type AvailabilityWindow = z.output<typeof availabilityWindowSchema>;
export type AvailabilitySchedule = z.output<typeof availabilityScheduleSchema>;
