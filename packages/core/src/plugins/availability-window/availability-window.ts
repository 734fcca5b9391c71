import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import { isWithinSchedule, nextOpening } from './schedule.js';

/** P1 availability schedule: a local GPU takes jobs only inside its time windows. */
export const availabilityWindowPlugin = {
  name: 'availability-window',
  filterLocal(_job, gpuClass, context) {
    const schedule = gpuClass.gpu.availabilitySchedule;
    if (isWithinSchedule(schedule, context.now)) return PASS;
    return reject('outside availability window', `opens ${new Date(nextOpening(schedule, context.now)).toISOString()}`);
  },
} satisfies FilterPlugin;
