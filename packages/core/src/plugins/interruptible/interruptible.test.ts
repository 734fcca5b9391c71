import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testJob, testOffer } from '../plugin-test-fixtures.js';
import { interruptiblePlugin } from './interruptible.js';

describe('interruptible plugin', () => {
  it('is named "interruptible"', () => {
    expect(interruptiblePlugin.name).toBe('interruptible');
  });

  it('filters cloud offers only', () => {
    expect(Object.keys(interruptiblePlugin).sort()).toEqual(['filterCloud', 'name']);
  });

  it.each<{ interruptible: boolean; checkpointable: boolean | undefined; passed: boolean }>([
    { interruptible: false, checkpointable: undefined, passed: true },
    { interruptible: false, checkpointable: false, passed: true },
    { interruptible: false, checkpointable: true, passed: true },
    { interruptible: true, checkpointable: true, passed: true },
    { interruptible: true, checkpointable: false, passed: false },
    // checkpointable defaults to false
    { interruptible: true, checkpointable: undefined, passed: false },
  ])(
    'interruptible offer=$interruptible, checkpointable job=$checkpointable: passed=$passed',
    ({ interruptible, checkpointable, passed }) => {
      const job = testJob(checkpointable === undefined ? {} : { checkpointable });
      const status = interruptiblePlugin.filterCloud(job, testOffer({ interruptible }));
      if (passed) {
        expect(status).toBe(PASS);
      } else {
        // The reason says it all; the plugin gives no separate detail.
        expect(rejectionOf(status)).toEqual({ reason: 'interruptible offer for a job that cannot checkpoint', detail: undefined });
      }
    },
  );
});
