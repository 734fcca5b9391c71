import { describe, expect, it } from 'vitest';
import { classifyFailure, failureMessage, parseFailureBody } from './classify-failure.js';

describe('Vast failures, classified', () => {
  it.each([
    [429, 'API requests too frequent endpoint threshold=4.5', 'rate-limit'],
    [429, '{"detail":"API requests too frequent endpoint threshold=4.5"}', 'rate-limit'],
    [400, '{"success":false,"error":"no_such_ask","msg":"stale"}', 'capacity'],
    [
      404,
      '{"success":false,"error":"invalid_args","msg":"error 404/3603: no_such_ask Instance type by id 1 is not available."}',
      'capacity',
    ],
    [410, '{"success":false,"error":"no_such_ask","msg":"error 410/3907: no_such_ask ... no longer available."}', 'capacity'],
    [401, '{"success":false,"error":"auth_error","msg":"Invalid user key"}', 'auth'],
    [404, '{"success":false,"msg":"Invalid user key"}', 'auth'],
    [403, '{"success":false,"error":"invalid_args","msg":"Offer 1 is not your own."}', 'invalid-request'],
    [404, '{"success":false,"error":"no_such_instance","msg":"gone"}', 'not-found'],
    [500, '<html>oops</html>', 'transient'],
    [503, '', 'transient'],
    [400, '{"success":false,"error":"invalid_price","msg":"Please set a bid price >= 0.001."}', 'invalid-request'],
    [200, '{"success":false,"msg":"label too long"}', 'invalid-request'],
    [308, '', 'unknown'],
  ])('HTTP %i %s is %s', (status, text, kind) => {
    expect(classifyFailure(status, parseFailureBody(text))).toBe(kind);
  });

  it('says what failed and what to do', () => {
    const body = parseFailureBody('{"success":false,"error":"no_such_ask","msg":"gone"}');
    expect(failureMessage('PUT /asks/{id}/', 410, 'capacity', body)).toBe(
      'PUT /asks/{id}/ failed with HTTP 410 (no_such_ask): gone. The offer is taken or has no capacity; pick another offer.',
    );
  });
});
