import { describe, expect, it } from 'vitest';
import { AimaError } from './aima-error.js';
import { ResidencyError } from './residency-error.js';
import { TransferError } from './transfer-error.js';

describe('storage errors', () => {
  it('carry stable codes, names, their subject and a cause', () => {
    const cause = new Error('root');
    const residency = new ResidencyError('job-1', 'checkpoint', { cause });
    expect([residency.code, residency.name, residency.jobId, residency.subject, residency.cause]).toEqual([
      'AIMA_RESIDENCY',
      'ResidencyError',
      'job-1',
      'checkpoint',
      cause,
    ]);
    expect(residency.message).toContain('configure an on-premises store for confidential jobs');
    const transfer = new TransferError('media/a.mp4', 'connection reset', { cause });
    expect([transfer.code, transfer.name, transfer.key, transfer.cause]).toEqual(['AIMA_TRANSFER', 'TransferError', 'media/a.mp4', cause]);
  });

  it('isInstance tells them apart and survives a second copy of the package', () => {
    expect(AimaError.isInstance(new ResidencyError('j', 'checkpoint'))).toBe(true);
    expect(ResidencyError.isInstance(new TransferError('k', 'm'))).toBe(false);
    expect(TransferError.isInstance(new ResidencyError('j', 'checkpoint'))).toBe(false);
    const foreign = Object.assign(new Error('copy'), { [Symbol.for('aima.error')]: true, [Symbol.for('aima.error.residency')]: true });
    expect(ResidencyError.isInstance(foreign)).toBe(true);
  });
});
