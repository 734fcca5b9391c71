import { type AvailabilitySchedule, compareVersions, normaliseGpuModel } from '@aima/core';

/**
 * Per-candidate requirement checks of the baseline: what the seed's undefined helpers would test
 * on each GPU or offer, written out plainly and evaluated for every candidate on every scan.
 */

/** A required minimum version is met; an unknown version does not meet one. */
export function meetsMinimum(have: string | undefined, need: string | undefined): boolean {
  if (need === undefined) return true;
  return have !== undefined && compareVersions(have, need) >= 0;
}

/** The model contains one of the wanted model names (word-wise, case-insensitive). */
export function isWantedModel(wanted: readonly string[] | undefined, model: string): boolean {
  if (wanted === undefined) return true;
  const name = ` ${normaliseGpuModel(model)} `;
  return wanted.some((entry) => name.includes(` ${normaliseGpuModel(entry)} `));
}

/** Region names match case-insensitively; `eu` also allows `eu-west-1`. */
export function sameRegion(allowed: string, region: string): boolean {
  const a = allowed.toLowerCase();
  const r = region.toLowerCase();
  return r === a || (r.startsWith(a) && r.charAt(a.length) === '-');
}

export function isAllowedRegion(allowed: readonly string[] | undefined, region: string): boolean {
  return allowed === undefined || allowed.some((entry) => sameRegion(entry, region));
}

/** Every required tag is carried (case-insensitive). */
export function carriesTags(required: readonly string[], carried: readonly string[]): boolean {
  return required.every((tag) => carried.some((held) => held.toLowerCase() === tag.toLowerCase()));
}

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

function minutesOf(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** The schedule is open at `at` (epoch ms); a window whose end is before its start runs past midnight. */
export function isOpenAt(schedule: AvailabilitySchedule, at: number): boolean {
  if (schedule === '24/7') return true;
  return schedule.some((window) => {
    const local = new Date(at + window.utcOffsetMinutes * 60_000);
    const day = local.getUTCDay();
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const start = minutesOf(window.start);
    const end = minutesOf(window.end);
    const listed = (offset: number) => window.days.includes(weekdays[(day + 7 + offset) % 7] ?? 'sun');
    if (start < end) return listed(0) && minute >= start && minute < end;
    return (listed(0) && minute >= start) || (listed(-1) && minute < end);
  });
}
