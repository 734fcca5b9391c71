import { describe, expect, it } from 'vitest';
import { readStatus } from './instance-status.js';

describe('Vast status fields to ours', () => {
  it.each([
    [{}, 'provisioning'],
    [{ actual_status: 'loading', intended_status: 'running' }, 'provisioning'],
    [{ actual_status: 'created' }, 'provisioning'],
    [{ actual_status: 'created', status_msg: 'x: OCI runtime create failed: y' }, 'failed'],
    [{ actual_status: 'loading', intended_status: 'stopped', status_msg: 'manifest for x not found' }, 'failed'],
    [{ actual_status: 'running' }, 'running'],
    [{ actual_status: 'stopped' }, 'stopped'],
    [{ actual_status: 'frozen' }, 'stopped'],
    [{ actual_status: 'exited' }, 'failed'],
    [{ actual_status: 'offline' }, 'failed'],
    [{ actual_status: 'unknown' }, 'failed'],
    [{ actual_status: 'running', cur_state: 'unloaded' }, 'terminated'],
    [{ actual_status: 'stopped', is_bid: true, cur_state: 'stopped', intended_status: 'stopped', next_state: 'stopped' }, 'stopped'],
  ])('%j is %s', (instance, status) => {
    expect(readStatus(instance).status).toBe(status);
  });

  it('says when an interruptible instance was outbid', () => {
    const reading = readStatus({
      actual_status: 'exited',
      is_bid: true,
      cur_state: 'stopped',
      intended_status: 'stopped',
      next_state: 'stopped',
    });
    expect(reading).toMatchObject({ status: 'stopped', outbid: true, message: expect.stringMatching(/^outbid/) });
  });
});
