import { describe, expect, it } from 'vitest';
import { AimaError } from './aima-error.js';
import { ConfigError } from './config-error.js';
import { InvariantError } from './invariant-error.js';
import { ValidationError } from './validation-error.js';

describe('AIMA errors', () => {
  it('carry stable codes, names and causes', () => {
    const cause = new Error('root');
    const errors = [
      [new ValidationError('job spec', [{ path: 'type', message: 'bad' }], { cause }), 'AIMA_VALIDATION', 'ValidationError'],
      [new ConfigError('bad config', [], { cause }), 'AIMA_CONFIG', 'ConfigError'],
      [new InvariantError('broken', { cause }), 'AIMA_INVARIANT', 'InvariantError'],
    ] as const;
    for (const [error, code, name] of errors) {
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
      expect(error.cause).toBe(cause);
      expect(AimaError.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(Error);
    }
  });

  it('isInstance tells the classes apart and survives a second copy of the package', () => {
    const validation = new ValidationError('x', []);
    expect(ValidationError.isInstance(validation)).toBe(true);
    expect(ConfigError.isInstance(validation)).toBe(false);
    // An error from another copy of the package carries the same registered symbol.
    const foreign = Object.assign(new Error('copy'), { [Symbol.for('aima.error')]: true, [Symbol.for('aima.error.config')]: true });
    expect(AimaError.isInstance(foreign)).toBe(true);
    expect(ConfigError.isInstance(foreign)).toBe(true);
    expect(AimaError.isInstance(new Error('plain'))).toBe(false);
    expect(AimaError.isInstance(null)).toBe(false);
  });
});
