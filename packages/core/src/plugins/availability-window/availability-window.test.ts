import { describe, expect, it } from 'vitest';
import type { AvailabilityWindow } from '../../config/availability-schedule.js';
import type { GpuRegistrationInput } from '../../config/gpu-registration.js';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testContext, testGpuClass, testJob } from '../plugin-test-fixtures.js';
import { availabilityWindowPlugin } from './availability-window.js';

/** Epoch ms of a UTC time in January 2024 (the 1st is a Monday). */
function jan(day: number, hours: number, minutes = 0): number {
  return Date.UTC(2024, 0, day, hours, minutes);
}

type ScheduleInput = GpuRegistrationInput['availabilitySchedule'];
const weekdays: AvailabilityWindow['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];

describe('availability-window plugin', () => {
  it('is named "availability-window" (the alternatives plugin treats it as transient)', () => {
    expect(availabilityWindowPlugin.name).toBe('availability-window');
  });

  it('filters local GPUs only', () => {
    expect(Object.keys(availabilityWindowPlugin).sort()).toEqual(['filterLocal', 'name']);
  });

  it.each<{ name: string; schedule: ScheduleInput; now: number; opensAt?: number }>([
    { name: 'schedule absent: 24/7 by default', schedule: undefined, now: jan(6, 3) },
    { name: '24/7', schedule: '24/7', now: jan(7, 23, 59) },
    { name: 'inside office hours', schedule: [{ days: weekdays, start: '08:00', end: '18:00' }], now: jan(3, 9) },
    { name: 'before office hours', schedule: [{ days: weekdays, start: '08:00', end: '18:00' }], now: jan(3, 7, 15), opensAt: jan(3, 8) },
    { name: 'Saturday: opens Monday', schedule: [{ days: weekdays, start: '08:00', end: '18:00' }], now: jan(6, 10), opensAt: jan(8, 8) },
    { name: 'overnight window, after midnight', schedule: [{ days: ['fri'], start: '22:00', end: '06:00' }], now: jan(6, 2) },
    {
      name: 'overnight window, after it closed',
      schedule: [{ days: ['fri'], start: '22:00', end: '06:00' }],
      now: jan(6, 6),
      opensAt: jan(12, 22),
    },
    {
      name: 'local time of the site (UTC+1)',
      schedule: [{ days: weekdays, start: '08:00', end: '18:00', utcOffsetMinutes: 60 }],
      now: jan(3, 7, 30),
    },
    {
      name: 'local time of the site (UTC+1), closed',
      schedule: [{ days: weekdays, start: '08:00', end: '18:00', utcOffsetMinutes: 60 }],
      now: jan(3, 17, 30),
      opensAt: jan(4, 7),
    },
  ])('$name', ({ schedule, now, opensAt }) => {
    const gpuClass = testGpuClass(schedule === undefined ? {} : { availabilitySchedule: schedule });
    const status = availabilityWindowPlugin.filterLocal(testJob({}, { now }), gpuClass, testContext({ now }));
    if (opensAt === undefined) {
      expect(status).toBe(PASS);
    } else {
      expect(rejectionOf(status)).toEqual({
        reason: 'outside availability window',
        detail: `opens ${new Date(opensAt).toISOString()}`,
      });
    }
  });

  it('judges by the context time: the same GPU passes at 09:00 and is rejected at 19:00', () => {
    const gpuClass = testGpuClass({ availabilitySchedule: [{ days: weekdays, start: '08:00', end: '18:00' }] });
    const job = testJob({}, { now: jan(2, 0) });
    expect(availabilityWindowPlugin.filterLocal(job, gpuClass, testContext({ now: jan(2, 9) }))).toBe(PASS);
    expect(rejectionOf(availabilityWindowPlugin.filterLocal(job, gpuClass, testContext({ now: jan(2, 19) }))).detail).toBe(
      'opens 2024-01-03T08:00:00.000Z',
    );
  });
});
