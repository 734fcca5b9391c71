import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testGpuClass, testJob, testOffer } from '../plugin-test-fixtures.js';
import { complianceTagsPlugin } from './compliance-tags.js';

interface Row {
  readonly required: string[];
  readonly carried: string[];
  /** The tags the detail lists as missing; none when the filter passes. */
  readonly missing?: string;
}

const rows: readonly Row[] = [
  { required: [], carried: [] },
  { required: [], carried: ['gdpr'] },
  { required: ['gdpr'], carried: ['gdpr'] },
  { required: ['gdpr'], carried: ['GDPR'] },
  { required: ['GDPR'], carried: ['gdpr', 'iso27001'] },
  { required: ['gdpr', 'hipaa'], carried: ['hipaa', 'gdpr', 'soc2'] },
  { required: ['gdpr'], carried: [], missing: 'gdpr' },
  { required: ['gdpr'], carried: ['gdpr-lite'], missing: 'gdpr' },
  { required: ['gdpr', 'hipaa'], carried: ['gdpr'], missing: 'hipaa' },
  { required: ['gdpr', 'hipaa'], carried: [], missing: 'gdpr, hipaa' },
  { required: ['HIPAA', 'soc2'], carried: ['soc2'], missing: 'HIPAA' },
];

describe('compliance-tags plugin', () => {
  it('is named "compliance-tags"', () => {
    expect(complianceTagsPlugin.name).toBe('compliance-tags');
  });

  describe.each([
    {
      side: 'local',
      run: (row: Row) =>
        complianceTagsPlugin.filterLocal(testJob({ requirements: { tags: row.required } }), testGpuClass({ tags: row.carried })),
    },
    {
      side: 'cloud',
      run: (row: Row) =>
        complianceTagsPlugin.filterCloud(testJob({ requirements: { tags: row.required } }), testOffer({ tags: row.carried })),
    },
  ])('$side', ({ run }) => {
    it.each(rows)('requires $required, carries $carried: missing $missing', (row) => {
      const status = run(row);
      if (row.missing === undefined) {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual({ reason: 'missing compliance tags', detail: `lacks ${row.missing}` });
      }
    });
  });

  it('treats absent tags (the defaults) as no requirement and nothing carried', () => {
    expect(complianceTagsPlugin.filterCloud(testJob(), testOffer())).toBe(PASS);
    expect(complianceTagsPlugin.filterLocal(testJob(), testGpuClass())).toBe(PASS);
  });
});
