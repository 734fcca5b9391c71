import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testGpuClass, testJob } from '../plugin-test-fixtures.js';
import { accessPlugin } from './access.js';

interface Row {
  readonly name: string;
  readonly restrictions: { tenants?: string[]; roles?: string[] };
  readonly job: { tenant?: string; roles?: string[] };
  readonly expected: 'pass' | { reason: string; detail: string };
}

const rows: readonly Row[] = [
  { name: 'no restrictions, anonymous job', restrictions: {}, job: {}, expected: 'pass' },
  { name: 'no restrictions, job with tenant and roles', restrictions: {}, job: { tenant: 'acme', roles: ['ml'] }, expected: 'pass' },
  { name: 'tenant allowed', restrictions: { tenants: ['acme'] }, job: { tenant: 'acme' }, expected: 'pass' },
  { name: 'tenant among several allowed', restrictions: { tenants: ['globex', 'acme'] }, job: { tenant: 'acme' }, expected: 'pass' },
  {
    name: 'other tenant',
    restrictions: { tenants: ['acme'] },
    job: { tenant: 'globex' },
    expected: { reason: 'tenant not allowed', detail: 'reserved for acme; job tenant is globex' },
  },
  {
    name: 'tenant unset',
    restrictions: { tenants: ['acme', 'initech'] },
    job: {},
    expected: { reason: 'tenant not allowed', detail: 'reserved for acme, initech; job tenant is unset' },
  },
  {
    name: 'tenant match is case-sensitive',
    restrictions: { tenants: ['acme'] },
    job: { tenant: 'ACME' },
    expected: { reason: 'tenant not allowed', detail: 'reserved for acme; job tenant is ACME' },
  },
  { name: 'every role held', restrictions: { roles: ['ml', 'gpu'] }, job: { roles: ['gpu', 'ml', 'admin'] }, expected: 'pass' },
  {
    name: 'one role missing',
    restrictions: { roles: ['ml', 'gpu-admin'] },
    job: { roles: ['ml'] },
    expected: { reason: 'role missing', detail: 'requires role gpu-admin' },
  },
  {
    name: 'no roles held',
    restrictions: { roles: ['ml', 'gpu-admin'] },
    job: {},
    expected: { reason: 'role missing', detail: 'requires role ml, gpu-admin' },
  },
  {
    name: 'tenant and roles both fine',
    restrictions: { tenants: ['acme'], roles: ['ml'] },
    job: { tenant: 'acme', roles: ['ml'] },
    expected: 'pass',
  },
  {
    name: 'right tenant, missing role',
    restrictions: { tenants: ['acme'], roles: ['ml'] },
    job: { tenant: 'acme' },
    expected: { reason: 'role missing', detail: 'requires role ml' },
  },
  {
    name: 'both wrong: the tenant is reported first',
    restrictions: { tenants: ['acme'], roles: ['ml'] },
    job: { tenant: 'globex' },
    expected: { reason: 'tenant not allowed', detail: 'reserved for acme; job tenant is globex' },
  },
];

describe('access plugin', () => {
  it('is named "access" (the alternatives plugin keys request-access on it)', () => {
    expect(accessPlugin.name).toBe('access');
  });

  it('restricts local GPUs only: it has no cloud or side filter', () => {
    expect(Object.keys(accessPlugin).sort()).toEqual(['filterLocal', 'name']);
  });

  it.each(rows)('$name', ({ restrictions, job, expected }) => {
    const status = accessPlugin.filterLocal(testJob(job), testGpuClass({ accessRestrictions: restrictions }));
    if (expected === 'pass') {
      expect(status).toBe(PASS);
    } else {
      expect(rejectionOf(status)).toEqual(expected);
    }
  });
});
