import type { AvailabilitySchedule, AvailabilityWindow, Weekday } from '../../config/availability-schedule.js';

const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const minutesPerDay = 1_440;
const minutesPerWeek = 7 * minutesPerDay;

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Minute of the week (0 = Sunday 00:00) in the window's local time. */
function minuteOfWeek(at: number, utcOffsetMinutes: number): number {
  const local = new Date(at + utcOffsetMinutes * 60_000);
  return local.getUTCDay() * minutesPerDay + local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** Opening spans of a window as [start, end) minutes of the week; may exceed one week. */
function spans(window: AvailabilityWindow): Array<[number, number]> {
  const start = minutesOf(window.start);
  let end = minutesOf(window.end);
  if (end <= start) end += minutesPerDay;
  return window.days.map((day) => {
    const offset = weekdays.indexOf(day) * minutesPerDay;
    return [offset + start, offset + end];
  });
}

/** Whether the schedule allows starting work at `at` (epoch ms). */
export function isWithinSchedule(schedule: AvailabilitySchedule, at: number): boolean {
  if (schedule === '24/7') return true;
  return schedule.some((window) => {
    const minute = minuteOfWeek(at, window.utcOffsetMinutes);
    return spans(window).some(
      ([start, end]) => (minute >= start && minute < end) || (minute + minutesPerWeek >= start && minute + minutesPerWeek < end),
    );
  });
}

/** The next time (epoch ms, minute precision) at or after `at` when the schedule is open. */
export function nextOpening(schedule: AvailabilitySchedule, at: number): number {
  if (schedule === '24/7') return at;
  let best = Number.POSITIVE_INFINITY;
  for (const window of schedule) {
    const minute = minuteOfWeek(at, window.utcOffsetMinutes);
    for (const [start] of spans(window)) {
      const ahead = (((start - minute) % minutesPerWeek) + minutesPerWeek) % minutesPerWeek;
      best = Math.min(best, ahead);
    }
  }
  const flooredToMinute = at - (at % 60_000);
  return isWithinSchedule(schedule, at) ? at : flooredToMinute + best * 60_000;
}
