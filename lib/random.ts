/**
 * mulberry32: a small seeded pseudo-random generator, so generated data (the demo's history, the PHI test
 * corpus) is the same on every machine and every run. Not for anything secret: use node:crypto for that.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
