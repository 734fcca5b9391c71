/** A source of uniform random numbers in [0, 1). Injected wherever core needs randomness. */
export interface RandomSource {
  next(): number;
}

/** A seeded, deterministic source (mulberry32): the same seed gives the same sequence. */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    },
  };
}
