import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks `Authorization: Bearer <token>` in constant time: both sides are hashed to 32 bytes and
 * compared with `timingSafeEqual`, so neither the content nor the length of the token leaks.
 */
export function createTokenCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const presented = BEARER.exec(authorization ?? '')?.[1];
    const same = timingSafeEqual(digest(presented ?? ''), expected);
    return presented !== undefined && same;
  };
}
