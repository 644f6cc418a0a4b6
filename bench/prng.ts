/**
 * A tiny seeded PRNG and the samplers the synthetic generator needs. Written inline (no package)
 * so that a dataset is reproducible from its seed alone, on any machine and Node version.
 *
 * Usage: `const rng = new Rng(42); rng.int(10); rng.pick(['a', 'b']); new ZipfSampler(1000, 1, 20).sample(rng)`.
 */

import { seededRandom as mulberry32 } from '../model/seeded-random.js';

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Picks a key of `weights` with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let x = this.next() * total;
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

/**
 * Samples ranks 0..n-1 with P(r) ∝ 1 / (r + offset)^exponent: a few very popular items and a
 * long tail, as in real affiliation networks. The offset tempers the head so that rank 0 is a
 * hub, not a black hole. O(log n) per sample through a cumulative table.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    exponent: number,
    offset: number,
  ) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      sum += 1 / (r + offset) ** exponent;
      this.cumulative[r] = sum;
    }
  }

  sample(rng: Rng): number {
    const x = rng.float() * this.cumulative[this.n - 1]!;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
