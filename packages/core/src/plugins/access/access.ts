import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';

/**
 * X1 access restrictions of a local GPU: when it names tenants, the job's tenant must be one;
 * the job must hold every role it names (seed 000 `list_available_gpus`).
 */
export const accessPlugin = {
  name: 'access',
  filterLocal(job, gpuClass) {
    const { tenants, roles } = gpuClass.gpu.accessRestrictions;
    const tenant = job.spec.tenant;
    if (tenants.length > 0 && (tenant === undefined || !tenants.includes(tenant))) {
      return reject('tenant not allowed', `reserved for ${tenants.join(', ')}; job tenant is ${tenant ?? 'unset'}`);
    }
    const missing = roles.filter((role) => !job.spec.roles.includes(role));
    return missing.length === 0 ? PASS : reject('role missing', `requires role ${missing.join(', ')}`);
  },
} satisfies FilterPlugin;
