import { gpuIdSchema } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { gpuIdFromUuid } from './gpu-id.js';

describe('gpuIdFromUuid', () => {
  it('is stable, in core format, and different per UUID', () => {
    const id = gpuIdFromUuid('GPU-00a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3000');
    expect(id).toBe(gpuIdFromUuid('GPU-00a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3000'));
    expect(gpuIdSchema.safeParse(id).success).toBe(true);
    expect(gpuIdFromUuid('GPU-00a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3001')).not.toBe(id);
  });
});
