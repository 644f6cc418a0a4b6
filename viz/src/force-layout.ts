/**
 * A force-directed layout for big graphs, on typed arrays with Barnes–Hut repulsion: about
 * O(n log n) per step, so 5,000 entities / 20,000 relations settle in seconds, off the main
 * thread (layout-worker.ts). fcose's CoSE pass took minutes at that size and its spectral
 * draft piled the nodes onto one another.
 *
 * Forces follow ForceAtlas2: repulsion (degree+1)·(degree+1)/d, so hubs push their crowds
 * apart; linear attraction along relations; gentle gravity to the centre, where Framasoft is
 * pinned. Pure and deterministic (seeded), so it is unit-tested like the other pure modules.
 */

import { seededRandom as random } from '../../model/seeded-random.js';

export interface ForceJob {
  nodeCount: number;
  /** Relation ends as node indices: [from0, to0, from1, to1, …]. */
  edges: Uint32Array;
  /** Index of a node held at the origin (Framasoft), or -1. */
  pinned: number;
  iterations?: number;
  seed?: number;
  /** Median relation length of the result, in Cytoscape's model units. */
  edgeLength?: number;
  /** Room each entity gets on average, in model units; big graphs need it more than long edges. */
  spacing?: number;
}

/** Barnes–Hut accuracy: a cell this small relative to its distance counts as one body. */
const THETA2 = 1.0 * 1.0;
const GRAVITY = 0.5;
const MAX_DEPTH = 24;

/** A quadtree over the bodies, rebuilt each step; cells live in flat, growable typed arrays. */
class QuadTree {
  mass = new Float64Array(0);
  x = new Float64Array(0);
  y = new Float64Array(0);
  size = new Float64Array(0);
  child = new Int32Array(0);
  lo = new Int32Array(0);
  hi = new Int32Array(0);
  count = 0;
  readonly order: Int32Array;
  private readonly scratch: Int32Array;

  constructor(bodies: number) {
    this.order = new Int32Array(bodies);
    this.scratch = new Int32Array(bodies);
    this.grow(Math.max(16, bodies * 2));
  }

  private grow(capacity: number): void {
    const copy = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T, n: number) => {
      const next = make(n);
      next.set(old);
      return next;
    };
    this.mass = copy(this.mass, (n) => new Float64Array(n), capacity);
    this.x = copy(this.x, (n) => new Float64Array(n), capacity);
    this.y = copy(this.y, (n) => new Float64Array(n), capacity);
    this.size = copy(this.size, (n) => new Float64Array(n), capacity);
    this.lo = copy(this.lo, (n) => new Int32Array(n), capacity);
    this.hi = copy(this.hi, (n) => new Int32Array(n), capacity);
    this.child = copy(this.child, (n) => new Int32Array(n), capacity * 4);
  }

  build(px: Float64Array, py: Float64Array, pm: Float64Array): void {
    const n = this.order.length;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      this.order[i] = i;
      x0 = Math.min(x0, px[i]!);
      y0 = Math.min(y0, py[i]!);
      x1 = Math.max(x1, px[i]!);
      y1 = Math.max(y1, py[i]!);
    }
    this.count = 0;
    const size = Math.max(x1 - x0, y1 - y0, 1e-6);
    this.cell(px, py, pm, 0, n, x0, y0, size, 0);
  }

  /** Builds the cell for bodies order[lo, hi) inside the square (x0, y0, size); returns its index. */
  private cell(
    px: Float64Array,
    py: Float64Array,
    pm: Float64Array,
    lo: number,
    hi: number,
    x0: number,
    y0: number,
    size: number,
    depth: number,
  ): number {
    if (this.count >= this.mass.length) this.grow(this.mass.length * 2);
    const c = this.count++;
    let m = 0;
    let mx = 0;
    let my = 0;
    for (let k = lo; k < hi; k++) {
      const i = this.order[k]!;
      const w = pm[i]!;
      m += w;
      mx += w * px[i]!;
      my += w * py[i]!;
    }
    this.mass[c] = m;
    this.x[c] = mx / m;
    this.y[c] = my / m;
    this.size[c] = size;
    this.lo[c] = lo;
    this.hi[c] = hi;
    this.child.fill(-1, c * 4, c * 4 + 4);
    // Coincident bodies would split forever: past a depth they stay together in one leaf.
    if (hi - lo <= 1 || depth >= MAX_DEPTH) return c;

    const half = size / 2;
    const midX = x0 + half;
    const midY = y0 + half;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    for (let k = lo; k < hi; k++) {
      const i = this.order[k]!;
      const q = (px[i]! >= midX ? 1 : 0) + (py[i]! >= midY ? 2 : 0);
      if (q === 0) c0++;
      else if (q === 1) c1++;
      else if (q === 2) c2++;
    }
    // Scatter into the scratch buffer, quadrant by quadrant, then copy back.
    let e0 = lo;
    let e1 = lo + c0;
    let e2 = e1 + c1;
    let e3 = e2 + c2;
    const s1 = e1;
    const s2 = e2;
    const s3 = e3;
    for (let k = lo; k < hi; k++) {
      const i = this.order[k]!;
      const q = (px[i]! >= midX ? 1 : 0) + (py[i]! >= midY ? 2 : 0);
      if (q === 0) this.scratch[e0++] = i;
      else if (q === 1) this.scratch[e1++] = i;
      else if (q === 2) this.scratch[e2++] = i;
      else this.scratch[e3++] = i;
    }
    this.order.set(this.scratch.subarray(lo, hi), lo);
    const bounds = [lo, s1, s1, s2, s2, s3, s3, hi];
    for (let q = 0; q < 4; q++) {
      const from = bounds[2 * q]!;
      const to = bounds[2 * q + 1]!;
      if (to > from) {
        this.child[c * 4 + q] = this.cell(px, py, pm, from, to, q & 1 ? midX : x0, q & 2 ? midY : y0, half, depth + 1);
      }
    }
    return c;
  }
}

/**
 * Breadth-first rings from the pinned node (or the busiest one): each entity starts near the
 * neighbour that reached it, at a radius growing with its rank (a disc of even density), so the
 * forces only refine a picture that already reads from the heart outwards.
 */
export function startingPositions(
  n: number,
  edges: Uint32Array,
  pinned: number,
  next: () => number,
): { px: Float64Array; py: Float64Array; radius: number } {
  const degree = new Int32Array(n);
  for (let e = 0; e < edges.length; e++) degree[edges[e]!]! += 1;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, n);
  const neighbours = new Int32Array(edges.length);
  for (let e = 0; e + 1 < edges.length; e += 2) {
    const a = edges[e]!;
    const b = edges[e + 1]!;
    neighbours[fill[a]!++] = b;
    neighbours[fill[b]!++] = a;
  }

  const angle = new Float64Array(n);
  const rank = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let ranked = 0;
  let root = pinned;
  if (root < 0) for (let i = 0; i < n; i++) if (root < 0 || degree[i]! > degree[root]!) root = i;
  const visit = (from: number) => {
    rank[from] = ranked++;
    angle[from] = 2 * Math.PI * next();
    queue[tail++] = from;
    while (head < tail) {
      const node = queue[head++]!;
      const count = degree[node]!;
      let k = 0;
      for (let e = start[node]!; e < start[node + 1]!; e++) {
        const other = neighbours[e]!;
        if (rank[other]! >= 0) continue;
        rank[other] = ranked++;
        // Children fan out around their parent's direction; the root's children all around it.
        const spread = node === root ? 2 * Math.PI : Math.PI / 3;
        angle[other] = angle[node]! + spread * ((k++ + next()) / Math.max(count, 1) - 0.5);
        queue[tail++] = other;
      }
    }
  };
  if (n > 0) visit(root);
  for (let i = 0; i < n; i++) if (rank[i]! < 0) visit(i);

  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const radius = Math.sqrt(n) * 2;
  for (let i = 0; i < n; i++) {
    const r = radius * Math.sqrt(rank[i]! / Math.max(n, 1));
    px[i] = r * Math.cos(angle[i]!);
    py[i] = r * Math.sin(angle[i]!);
  }
  return { px, py, radius };
}

/** Positions as [x0, y0, x1, y1, …], Framasoft (the pinned node) at the origin. */
export function forceLayout(job: ForceJob): Float64Array {
  const n = job.nodeCount;
  const out = new Float64Array(n * 2);
  if (n === 0) return out;
  const edges = job.edges;
  const iterations = job.iterations ?? 300;
  const next = random(job.seed ?? 2020);

  const mass = new Float64Array(n).fill(1);
  for (let e = 0; e < edges.length; e++) mass[edges[e]!]! += 1;

  const { px, py, radius } = startingPositions(n, edges, job.pinned, next);

  const fx = new Float64Array(n);
  const fy = new Float64Array(n);
  const tree = new QuadTree(n);
  const stack = new Int32Array(MAX_DEPTH * 4 + 8);

  for (let step = 0; step < iterations; step++) {
    tree.build(px, py, mass);

    // Repulsion, Barnes–Hut: far cells act as one body at their centre of mass.
    const { child, order } = tree;
    for (let i = 0; i < n; i++) {
      const xi = px[i]!;
      const yi = py[i]!;
      const mi = mass[i]!;
      let sx = 0;
      let sy = 0;
      let top = 0;
      stack[top++] = 0;
      while (top > 0) {
        const c = stack[--top]!;
        const dx = xi - tree.x[c]!;
        const dy = yi - tree.y[c]!;
        const d2 = dx * dx + dy * dy;
        const s = tree.size[c]!;
        const k4 = c * 4;
        const isLeaf = child[k4] === -1 && child[k4 + 1] === -1 && child[k4 + 2] === -1 && child[k4 + 3] === -1;
        if (isLeaf) {
          const end = tree.hi[c]!;
          for (let k = tree.lo[c]!; k < end; k++) {
            const j = order[k]!;
            if (j === i) continue;
            let ex = xi - px[j]!;
            let ey = yi - py[j]!;
            let e2 = ex * ex + ey * ey;
            if (e2 < 1e-9) {
              // Two bodies on one spot: nudge them apart in a direction of their own.
              ex = ((i * 7919 + j) % 13) - 6 || 1;
              ey = ((j * 104729 + i) % 11) - 5 || 1;
              e2 = ex * ex + ey * ey;
            }
            const f = (mi * mass[j]!) / e2;
            sx += ex * f;
            sy += ey * f;
          }
        } else if (s * s < THETA2 * d2) {
          const f = (mi * tree.mass[c]!) / d2;
          sx += dx * f;
          sy += dy * f;
        } else {
          for (let q = 0; q < 4; q++) {
            const next = child[k4 + q]!;
            if (next >= 0) stack[top++] = next;
          }
        }
      }
      fx[i] = sx;
      fy[i] = sy;
    }

    // Attraction along relations, linear in the distance.
    for (let e = 0; e + 1 < edges.length; e += 2) {
      const a = edges[e]!;
      const b = edges[e + 1]!;
      const dx = px[b]! - px[a]!;
      const dy = py[b]! - py[a]!;
      fx[a]! += dx;
      fy[a]! += dy;
      fx[b]! -= dx;
      fy[b]! -= dy;
    }

    // Gravity keeps stray islands in sight; moves are capped by a cooling temperature.
    const temperature = radius * 0.1 * (1 - step / iterations) + 0.01;
    for (let i = 0; i < n; i++) {
      if (i === job.pinned) continue;
      const x = px[i]!;
      const y = py[i]!;
      const r = Math.sqrt(x * x + y * y) || 1;
      const mi = mass[i]!;
      const gx = fx[i]! - (GRAVITY * mi * x) / r;
      const gy = fy[i]! - (GRAVITY * mi * y) / r;
      // Divide by mass: hubs weigh more and move less, their crowd moves around them.
      let dx = gx / mi;
      let dy = gy / mi;
      const length = Math.sqrt(dx * dx + dy * dy);
      if (length > temperature) {
        dx *= temperature / length;
        dy *= temperature / length;
      }
      px[i] = x + dx;
      py[i] = y + dy;
    }
  }

  // Scale so that a typical relation has the length the small-graph layout gives it, or more
  // when the crowd needs room: each entity gets at least `spacing` units of elbow room.
  const lengths = new Float64Array(edges.length / 2);
  for (let e = 0; e + 1 < edges.length; e += 2) {
    const a = edges[e]!;
    const b = edges[e + 1]!;
    lengths[e / 2] = Math.hypot(px[b]! - px[a]!, py[b]! - py[a]!);
  }
  lengths.sort();
  const median = lengths[Math.floor(lengths.length / 2)] || 1;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += px[i]! * px[i]! + py[i]! * py[i]!;
  // A disc of radius R holding n entities evenly has a mean squared radius of R²/2.
  const rms = Math.sqrt(squares / n) || 1;
  const wanted = Math.sqrt((n * (job.spacing ?? 0) ** 2) / (2 * Math.PI));
  const scale = Math.max((job.edgeLength ?? 90) / median, wanted / rms);
  for (let i = 0; i < n; i++) {
    out[2 * i] = px[i]! * scale;
    out[2 * i + 1] = py[i]! * scale;
  }
  return out;
}
