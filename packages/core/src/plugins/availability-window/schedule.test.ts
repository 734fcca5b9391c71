import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AvailabilitySchedule, AvailabilityWindow, Weekday } from '../../config/availability-schedule.js';
import { availabilityScheduleSchema } from '../../config/availability-schedule.js';
import { isWithinSchedule, nextOpening } from './schedule.js';

/** Epoch ms of a UTC time in January 2024: the 1st is a Monday, the 6th a Saturday, the 7th a Sunday. */
function jan(day: number, hours: number, minutes = 0, seconds = 0, ms = 0): number {
  return Date.UTC(2024, 0, day, hours, minutes, seconds, ms);
}

function schedule(
  ...windows: Array<Partial<AvailabilityWindow> & Pick<AvailabilityWindow, 'days' | 'start' | 'end'>>
): AvailabilitySchedule {
  return availabilityScheduleSchema.parse(windows);
}

const officeHours = schedule({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00' });
const mondayNight = schedule({ days: ['mon'], start: '22:00', end: '06:00' });
/** Sunday night into Monday morning (Sunday → Monday in a Monday-first week). */
const sundayNight = schedule({ days: ['sun'], start: '22:00', end: '06:00' });
/** Saturday night into Sunday: crosses the end of the Sunday-based minute-of-week the code uses. */
const saturdayNight = schedule({ days: ['sat'], start: '20:00', end: '04:00' });
const fridayEvening = schedule({ days: ['fri'], start: '18:00', end: '00:00' });
const officeHoursCet = schedule({ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', utcOffsetMinutes: 60 });
const mondayEveningNewYork = schedule({ days: ['mon'], start: '20:00', end: '23:00', utcOffsetMinutes: -300 });
const mondayMorningTokyo = schedule({ days: ['mon'], start: '06:00', end: '09:00', utcOffsetMinutes: 540 });
const weekdaysAndWeekend = schedule(
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
  { days: ['sat', 'sun'], start: '10:00', end: '14:00' },
);

describe('isWithinSchedule', () => {
  it.each([jan(1, 0), jan(6, 23, 59, 59, 999), jan(7, 12, 30)])('24/7 is always open (%i)', (at) => {
    expect(isWithinSchedule('24/7', at)).toBe(true);
  });

  it.each<{ name: string; schedule: AvailabilitySchedule; at: number; open: boolean }>([
    // office hours, Mon–Fri 08:00–18:00 UTC
    { name: 'office: Mon 08:00 (start is inclusive)', schedule: officeHours, at: jan(1, 8), open: true },
    { name: 'office: Mon 07:59:59', schedule: officeHours, at: jan(1, 7, 59, 59), open: false },
    { name: 'office: Mon 17:59:59', schedule: officeHours, at: jan(1, 17, 59, 59), open: true },
    { name: 'office: Mon 18:00 (end is exclusive)', schedule: officeHours, at: jan(1, 18), open: false },
    { name: 'office: Fri 12:00', schedule: officeHours, at: jan(5, 12), open: true },
    { name: 'office: Sat 10:00', schedule: officeHours, at: jan(6, 10), open: false },
    { name: 'office: Sun 10:00', schedule: officeHours, at: jan(7, 10), open: false },
    // Monday 22:00 – Tuesday 06:00
    { name: 'Mon night: Mon 21:59', schedule: mondayNight, at: jan(1, 21, 59), open: false },
    { name: 'Mon night: Mon 22:00', schedule: mondayNight, at: jan(1, 22), open: true },
    { name: 'Mon night: Mon 23:30', schedule: mondayNight, at: jan(1, 23, 30), open: true },
    { name: 'Mon night: Tue 00:00 (after midnight)', schedule: mondayNight, at: jan(2, 0), open: true },
    { name: 'Mon night: Tue 05:59', schedule: mondayNight, at: jan(2, 5, 59), open: true },
    { name: 'Mon night: Tue 06:00', schedule: mondayNight, at: jan(2, 6), open: false },
    { name: 'Mon night: Mon 05:00 (Sunday night is not listed)', schedule: mondayNight, at: jan(1, 5), open: false },
    { name: 'Mon night: Tue 23:00 (Tuesday night is not listed)', schedule: mondayNight, at: jan(2, 23), open: false },
    // Sunday 22:00 – Monday 06:00
    { name: 'Sun night: Sun 23:00', schedule: sundayNight, at: jan(7, 23), open: true },
    { name: 'Sun night: Mon 03:00 (the next week)', schedule: sundayNight, at: jan(8, 3), open: true },
    { name: 'Sun night: Mon 03:00 (this week, tail of the previous Sunday)', schedule: sundayNight, at: jan(1, 3), open: true },
    { name: 'Sun night: Mon 06:00', schedule: sundayNight, at: jan(8, 6), open: false },
    { name: 'Sun night: Sun 03:00 (belongs to Saturday night)', schedule: sundayNight, at: jan(7, 3), open: false },
    // Saturday 20:00 – Sunday 04:00
    { name: 'Sat night: Sat 19:59', schedule: saturdayNight, at: jan(6, 19, 59), open: false },
    { name: 'Sat night: Sat 21:00', schedule: saturdayNight, at: jan(6, 21), open: true },
    { name: 'Sat night: Sun 00:00', schedule: saturdayNight, at: jan(7, 0), open: true },
    { name: 'Sat night: Sun 03:59', schedule: saturdayNight, at: jan(7, 3, 59), open: true },
    { name: 'Sat night: Sun 04:00', schedule: saturdayNight, at: jan(7, 4), open: false },
    { name: 'Sat night: Sun 21:00', schedule: saturdayNight, at: jan(7, 21), open: false },
    // end 00:00 means midnight
    { name: 'Fri evening: Fri 23:59', schedule: fridayEvening, at: jan(5, 23, 59), open: true },
    { name: 'Fri evening: Sat 00:00', schedule: fridayEvening, at: jan(6, 0), open: false },
    { name: 'Fri evening: Fri 17:59', schedule: fridayEvening, at: jan(5, 17, 59), open: false },
    // utcOffsetMinutes: the window is in the site's local time
    { name: 'CET office: Mon 07:00 UTC = 08:00 CET', schedule: officeHoursCet, at: jan(1, 7), open: true },
    { name: 'CET office: Mon 06:59 UTC = 07:59 CET', schedule: officeHoursCet, at: jan(1, 6, 59), open: false },
    { name: 'CET office: Mon 16:59 UTC = 17:59 CET', schedule: officeHoursCet, at: jan(1, 16, 59), open: true },
    { name: 'CET office: Mon 17:00 UTC = 18:00 CET', schedule: officeHoursCet, at: jan(1, 17), open: false },
    { name: 'CET office: Fri 23:30 UTC = Sat 00:30 CET', schedule: officeHoursCet, at: jan(5, 23, 30), open: false },
    { name: 'CET office: Sun 23:30 UTC = Mon 00:30 CET', schedule: officeHoursCet, at: jan(7, 23, 30), open: false },
    { name: 'New York: Tue 01:00 UTC = Mon 20:00 EST', schedule: mondayEveningNewYork, at: jan(2, 1), open: true },
    { name: 'New York: Mon 22:00 UTC = Mon 17:00 EST', schedule: mondayEveningNewYork, at: jan(1, 22), open: false },
    { name: 'New York: Tue 04:00 UTC = Mon 23:00 EST', schedule: mondayEveningNewYork, at: jan(2, 4), open: false },
    { name: 'Tokyo: Sun 22:00 UTC = Mon 07:00 JST', schedule: mondayMorningTokyo, at: jan(7, 22), open: true },
    { name: 'Tokyo: Sun 21:00 UTC = Mon 06:00 JST', schedule: mondayMorningTokyo, at: jan(7, 21), open: true },
    { name: 'Tokyo: Mon 00:00 UTC = Mon 09:00 JST', schedule: mondayMorningTokyo, at: jan(8, 0), open: false },
    { name: 'Tokyo: Mon 22:00 UTC = Tue 07:00 JST', schedule: mondayMorningTokyo, at: jan(1, 22), open: false },
    // several windows: open when any is
    { name: 'two windows: Sat 11:00 (weekend window)', schedule: weekdaysAndWeekend, at: jan(6, 11), open: true },
    { name: 'two windows: Sat 15:00', schedule: weekdaysAndWeekend, at: jan(6, 15), open: false },
    { name: 'two windows: Wed 16:59', schedule: weekdaysAndWeekend, at: jan(3, 16, 59), open: true },
    { name: 'two windows: Wed 08:59', schedule: weekdaysAndWeekend, at: jan(3, 8, 59), open: false },
  ])('$name: open=$open', ({ schedule, at, open }) => {
    expect(isWithinSchedule(schedule, at)).toBe(open);
  });
});

describe('nextOpening', () => {
  it.each([jan(1, 0), jan(6, 23, 59, 59, 999), jan(7, 12, 30, 15, 250)])('24/7 returns `at` unchanged (%i)', (at) => {
    expect(nextOpening('24/7', at)).toBe(at);
  });

  it.each<{ name: string; schedule: AvailabilitySchedule; at: number; expected: number }>([
    {
      name: 'open now: returns `at` itself, not floored',
      schedule: officeHours,
      at: jan(1, 10, 0, 30, 500),
      expected: jan(1, 10, 0, 30, 500),
    },
    { name: 'office: Mon 07:30 → Mon 08:00', schedule: officeHours, at: jan(1, 7, 30), expected: jan(1, 8) },
    {
      name: 'office: Mon 07:59:30.5 → Mon 08:00 (minute precision)',
      schedule: officeHours,
      at: jan(1, 7, 59, 30, 500),
      expected: jan(1, 8),
    },
    { name: 'office: Mon 18:00 → Tue 08:00', schedule: officeHours, at: jan(1, 18), expected: jan(2, 8) },
    { name: 'office: Fri 18:00 → next Mon 08:00', schedule: officeHours, at: jan(5, 18), expected: jan(8, 8) },
    { name: 'office: Sat 10:00 → Mon 08:00', schedule: officeHours, at: jan(6, 10), expected: jan(8, 8) },
    { name: 'office: Sun 23:59:59 → Mon 08:00 (week wrap)', schedule: officeHours, at: jan(7, 23, 59, 59), expected: jan(8, 8) },
    { name: 'Mon night: Mon 12:00 → Mon 22:00', schedule: mondayNight, at: jan(1, 12), expected: jan(1, 22) },
    { name: 'Mon night: Tue 06:00 → next Mon 22:00', schedule: mondayNight, at: jan(2, 6), expected: jan(8, 22) },
    { name: 'Mon night: Mon 05:00 → Mon 22:00', schedule: mondayNight, at: jan(1, 5), expected: jan(1, 22) },
    { name: 'Sun night: Mon 06:00 → Sun 22:00', schedule: sundayNight, at: jan(1, 6), expected: jan(7, 22) },
    { name: 'Sun night: Sun 21:00 → Sun 22:00', schedule: sundayNight, at: jan(7, 21), expected: jan(7, 22) },
    { name: 'Sat night: Sun 04:00 → next Sat 20:00', schedule: saturdayNight, at: jan(7, 4), expected: jan(13, 20) },
    { name: 'Sat night: Sat 19:00 → Sat 20:00', schedule: saturdayNight, at: jan(6, 19), expected: jan(6, 20) },
    { name: 'CET office: Sat 12:00 UTC → Mon 07:00 UTC', schedule: officeHoursCet, at: jan(6, 12), expected: jan(8, 7) },
    { name: 'CET office: Mon 06:00 UTC → Mon 07:00 UTC', schedule: officeHoursCet, at: jan(1, 6), expected: jan(1, 7) },
    { name: 'CET office: Mon 17:00 UTC → Tue 07:00 UTC', schedule: officeHoursCet, at: jan(1, 17), expected: jan(2, 7) },
    { name: 'New York: Mon 12:00 UTC → Tue 01:00 UTC', schedule: mondayEveningNewYork, at: jan(1, 12), expected: jan(2, 1) },
    { name: 'Tokyo: Sun 12:00 UTC → Sun 21:00 UTC', schedule: mondayMorningTokyo, at: jan(7, 12), expected: jan(7, 21) },
    { name: 'Tokyo: Mon 00:00 UTC → next Sun 21:00 UTC', schedule: mondayMorningTokyo, at: jan(8, 0), expected: jan(14, 21) },
    { name: 'two windows: Sat 15:00 → Sun 10:00', schedule: weekdaysAndWeekend, at: jan(6, 15), expected: jan(7, 10) },
    { name: 'two windows: Sun 14:00 → Mon 09:00', schedule: weekdaysAndWeekend, at: jan(7, 14), expected: jan(8, 9) },
    {
      name: 'the earliest of windows in different time zones',
      schedule: schedule(
        { days: ['mon'], start: '10:00', end: '11:00' },
        { days: ['mon'], start: '10:00', end: '11:00', utcOffsetMinutes: 120 },
      ),
      at: jan(1, 7),
      expected: jan(1, 8),
    },
  ])('$name', ({ schedule, at, expected }) => {
    const next = nextOpening(schedule, at);
    expect(new Date(next).toISOString()).toBe(new Date(expected).toISOString());
    expect(isWithinSchedule(schedule, next)).toBe(true);
  });
});

/** An independent reference: open when the local day and minute fall in a window, or in the tail of yesterday's overnight window. */
function referenceIsOpen(windows: readonly AvailabilityWindow[], at: number): boolean {
  const days: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return windows.some((window) => {
    const local = new Date(at + window.utcOffsetMinutes * 60_000);
    const day = days[local.getUTCDay()];
    const yesterday = days[(local.getUTCDay() + 6) % 7];
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const start = toMinutes(window.start);
    const end = toMinutes(window.end);
    const isDay = (d: Weekday | undefined) => d !== undefined && window.days.includes(d);
    if (end > start) return isDay(day) && minute >= start && minute < end;
    return (isDay(day) && minute >= start) || (isDay(yesterday) && minute < end);
  });
}

const clockTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const windowArbitrary = fc
  .record({
    days: fc.uniqueArray(fc.constantFrom<Weekday>('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'), { minLength: 1, maxLength: 7 }),
    start: clockTime,
    end: clockTime,
    utcOffsetMinutes: fc.integer({ min: -840, max: 840 }),
  })
  .filter((window) => window.start !== window.end);
const windowsArbitrary = fc.array(windowArbitrary, { minLength: 1, maxLength: 3 });
/** Any instant from 2023 to 2026, to the millisecond. */
const instant = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) });

describe('schedule properties', () => {
  it('isWithinSchedule agrees with an independent day-by-day reference', () => {
    fc.assert(
      fc.property(windowsArbitrary, instant, (windows, at) => {
        expect(isWithinSchedule(windows, at)).toBe(referenceIsOpen(windows, at));
      }),
      { numRuns: 2_000 },
    );
  });

  it('nextOpening is the first open minute at or after `at`', () => {
    fc.assert(
      fc.property(windowsArbitrary, instant, (windows, at) => {
        const next = nextOpening(windows, at);
        expect(next).toBeGreaterThanOrEqual(at);
        expect(next - at).toBeLessThanOrEqual(7 * 24 * 3_600_000);
        expect(isWithinSchedule(windows, next)).toBe(true);
        if (isWithinSchedule(windows, at)) {
          expect(next).toBe(at);
        } else {
          // on a minute boundary, and no earlier minute in between is open
          expect(next % 60_000).toBe(0);
          for (let minute = at - (at % 60_000) + 60_000; minute < next; minute += 60_000) {
            if (isWithinSchedule(windows, minute))
              expect.unreachable(`open at ${new Date(minute).toISOString()} before ${new Date(next).toISOString()}`);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
