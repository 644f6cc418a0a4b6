/**
 * The seeded random draws of the synthetic generator, so that a dataset is reproducible from its
 * seed alone, on any machine and Node version.
 *
 * Usage: `const rng = new Rng(42); rng.int(10); rng.pick(['a', 'b']); new ZipfSampler(1000, 1, 20).sample(rng)`.
 */
import { seededRandom } from '../model/seeded-random.js';

export class Rng {
  /** Uniform in [0, 1). */
  readonly float: () => number;

  constructor(seed: number) {
    this.float = seededRandom(seed);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    let x = this.float() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

/**
 * Ranks 0..n-1 with P(r) ∝ 1 / (r + offset)^exponent: a few very popular items and a long tail,
 * as in real affiliation networks. The offset tempers the head so that rank 0 is a hub, not a
 * black hole. O(log n) per draw through a cumulative table.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(n: number, exponent: number, offset: number) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) this.cumulative[r] = sum += 1 / (r + offset) ** exponent;
  }

  sample(rng: Rng): number {
    const x = rng.float() * this.cumulative.at(-1)!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
