import { ValidationError } from '../errors/validation-error.js';

/**
 * Checks an object key against the ObjectStore contract, so no key can address anything outside
 * the store (`../`, absolute paths) whatever the backend.
 * @throws ValidationError naming what is wrong.
 */
export function assertObjectKey(key: string, path = 'key'): void {
  const problem = objectKeyProblem(key);
  if (problem !== undefined) throw new ValidationError('object key', [{ path, message: `${JSON.stringify(key)} ${problem}` }]);
}

/** Why a key is not valid, or undefined when it is. Prefixes may be empty and may end with `/`. */
export function objectKeyProblem(key: string, { prefix = false } = {}): string | undefined {
  if (typeof key !== 'string') return 'is not a string';
  if (key.length === 0) return prefix ? undefined : 'is empty';
  if (Buffer.byteLength(key) > 1024) return 'is longer than 1024 bytes';
  if (key.startsWith('/')) return 'must be relative: it starts with /';
  if (key.includes('\\') || key.includes('\0')) return 'contains a backslash or NUL';
  const segments = key.split('/');
  if (prefix && segments.at(-1) === '') segments.pop();
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return `has an empty, "." or ".." segment`;
  }
  return undefined;
}
