import { describe, expect, it } from 'vitest';
import { isTerminal, phaseOf } from './job-states.js';
import { parseWorkerError } from './serverless-job-error.js';

describe('serverless job states', () => {
  it.each([
    ['IN_QUEUE', 'queued', false],
    ['IN_PROGRESS', 'running', false],
    ['RUNNING', 'running', false],
    ['COMPLETED', 'succeeded', true],
    ['FAILED', 'failed', true],
    ['CANCELLED', 'cancelled', true],
    ['TIMED_OUT', 'timed-out', true],
  ] as const)('maps %s to %s (terminal: %s)', (status, phase, terminal) => {
    expect(phaseOf(status)).toBe(phase);
    expect(isTerminal(phaseOf(status))).toBe(terminal);
  });

  it('leaves an unknown status unmapped and not terminal', () => {
    expect(phaseOf('PAUSED')).toBeUndefined();
    expect(isTerminal(phaseOf('PAUSED'))).toBe(false);
  });
});

describe('parseWorkerError', () => {
  it('reads a Python worker error JSON string, a plain string and an object', () => {
    const python = JSON.stringify({ error_type: "<class 'ValueError'>", error_message: 'bad frame', error_traceback: 'Traceback ...' });
    expect(parseWorkerError(python)).toEqual({ type: "<class 'ValueError'>", message: 'bad frame', traceback: 'Traceback ...' });
    expect(parseWorkerError('width must be divisible by 64')).toEqual({ message: 'width must be divisible by 64' });
    expect(parseWorkerError({ message: 'oops' })).toEqual({ message: 'oops' });
    expect(parseWorkerError(undefined)).toBeUndefined();
  });
});
