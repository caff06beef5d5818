import type { RandomSource } from "./ports";

/** mulberry32: a small, fast, seeded PRNG; good enough for simulated chance, not for secrets. */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** FNV-1a, 32 bits: a stable string hash (partition keys, per-node seeds). */
export function fnv1a(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A seed for one node, derived from the run's seed, so adding a node does not reshuffle the others' fake data. */
export function nodeSeed(runSeed: number, nodeId: string): number {
  return fnv1a(nodeId, (runSeed ^ 0x811c9dc5) >>> 0);
}
