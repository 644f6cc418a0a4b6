/**
 * mulberry32: a tiny seeded generator of uniform numbers in [0, 1). The map uses it to make
 * layouts repeatable (a shared link shows what the sender saw); the benchmarks and the fuzz test
 * use it so that a dataset or a failing case can be replayed from its seed.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
