import type { GpuRegistrationInput } from '@aima/core';
import { gpuIdFor } from './openb-fleet.js';

/**
 * The GenAI trace names no fleet, so ours is ASSUMED: `count` RTX 4090s (24 GB, 450 W, $1,599 per
 * evaluation.md §3.1) on the site `on-prem`. With the default of 2, bursts of the trace (peak
 * 22 requests in flight) exceed local capacity and the policies have something to decide.
 */
export function genaiFleet(count: number, options: { capexSunk?: boolean } = {}): GpuRegistrationInput[] {
  return Array.from({ length: count }, (_, index) => ({
    id: gpuIdFor(index),
    model: 'NVIDIA GeForce RTX 4090',
    vramGb: 24,
    cudaVersion: '12.4',
    hostAddress: `genai-node-${Math.floor(index / 8)}`,
    location: 'on-prem',
    powerWatts: 450,
    purchasePriceUsd: options.capexSunk ? 0 : 1_599,
  }));
}
