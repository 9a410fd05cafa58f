/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: small, fast, seeded, and the same in node and the browser.
 * Dependency-free so plots can share it without pulling in the engine.
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
