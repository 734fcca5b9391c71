import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testGpuClass, testJob, testOffer } from '../plugin-test-fixtures.js';
import { residencyPlugin } from './residency.js';

interface Row {
  readonly allowed: [string, ...string[]] | undefined;
  readonly region: string;
  readonly passed: boolean;
}

const rows: readonly Row[] = [
  { allowed: undefined, region: 'us-east-1', passed: true },
  { allowed: ['eu-west-1'], region: 'eu-west-1', passed: true },
  { allowed: ['EU-West-1'], region: 'eu-west-1', passed: true },
  { allowed: ['eu-west-1'], region: 'EU-WEST-1', passed: true },
  { allowed: ['eu'], region: 'eu-west-1', passed: true },
  { allowed: ['eu'], region: 'eu', passed: true },
  { allowed: ['eu-west'], region: 'eu-west-1', passed: true },
  { allowed: ['eu'], region: 'europe-west4', passed: false },
  { allowed: ['eu-west-1'], region: 'eu', passed: false },
  { allowed: ['eu-west-1'], region: 'eu-west-2', passed: false },
  { allowed: ['us'], region: 'eu-west-1', passed: false },
  { allowed: ['on-prem'], region: 'on-prem-berlin', passed: true },
  { allowed: ['us-east', 'on-prem-berlin'], region: 'on-prem-berlin', passed: true },
  { allowed: ['us-east', 'eu-central'], region: 'on-prem-berlin', passed: false },
];

const label = (row: Row) => (row.allowed === undefined ? 'any' : row.allowed.join(' | '));

describe('residency plugin', () => {
  it('is named "residency"', () => {
    expect(residencyPlugin.name).toBe('residency');
  });

  describe.each([
    {
      side: 'local (GPU location)',
      run: (row: Row) =>
        residencyPlugin.filterLocal(testJob({ requirements: { regions: row.allowed } }), testGpuClass({ location: row.region })),
    },
    {
      side: 'cloud (offer region)',
      run: (row: Row) =>
        residencyPlugin.filterCloud(testJob({ requirements: { regions: row.allowed } }), testOffer({ region: row.region })),
    },
  ])('$side', ({ run }) => {
    it.each(rows.map((row) => ({ ...row, label: label(row) })))('$region, allowed $label: passed=$passed', (row) => {
      const status = run(row);
      if (row.passed) {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual({
          reason: 'outside allowed regions',
          detail: `${row.region} is not in ${row.allowed?.join(', ')}`,
        });
      }
    });
  });
});
