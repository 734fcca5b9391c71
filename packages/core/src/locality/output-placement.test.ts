import { describe, expect, it } from 'vitest';
import { placeOutputs } from './output-placement.js';

describe('placeOutputs', () => {
  it.each([
    { name: 'no next step: the job’s site', next: undefined, job: { location: 'eu-west-1' }, locations: ['eu-west-1'] },
    { name: 'no next step, job on premises', next: undefined, job: {}, locations: [undefined] },
    { name: 'next step location unknown: the job’s site', next: {}, job: { location: 'eu-west-1' }, locations: ['eu-west-1'] },
    {
      name: 'next step known: its location',
      next: { location: 'on-prem-berlin' },
      job: { location: 'eu-west-1' },
      locations: ['on-prem-berlin'],
    },
    {
      name: 'several steps in one place',
      next: [{ location: 'EU-West-1' }, { location: 'eu-west-1' }, {}],
      job: {},
      locations: ['EU-West-1'],
    },
    {
      name: 'steps in different places: each',
      next: [{ location: 'on-prem-berlin' }, { location: 'us-east-1' }],
      job: {},
      locations: ['on-prem-berlin', 'us-east-1'],
    },
  ])('$name', ({ next, job, locations }) => {
    const placement = placeOutputs(next, { job });
    expect(placement.locations).toEqual(locations);
    expect(placement.reason.length).toBeGreaterThan(0);
  });
});
