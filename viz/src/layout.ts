/**
 * Force-directed layout (fcose), made repeatable: the same graph gets the same picture on every
 * load, so a shared link shows its recipient what the sender saw.
 */
import type { CollectionReturnValue, Core, EdgeSingular, ElementDefinition, LayoutOptions } from 'cytoscape';
import { seededRandom } from '../../model/seeded-random.js';
import { HEART_SLUG } from './elements.js';
import { type ForceJob, forceLayout } from './force-layout.js';
import { separate } from './separate.js';

export { seededRandom };

/** fcose takes no seed and draws from Math.random; a synchronous run lets us lend it a seeded one. */
export function withRandom<T>(random: () => number, run: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return run();
  } finally {
    Math.random = original;
  }
}

/**
 * fcose's options for `elements`. Packing components measures each one's box with its labels,
 * which on a first load is Cytoscape's whole style pass (a fifth of a second on the seeds): it
 * is asked for only when there is more than one component to pack.
 */
export function layoutOptions(elements?: CollectionReturnValue): LayoutOptions {
  return {
    name: 'fcose',
    quality: 'default',
    randomize: true,
    animate: false,
    // Fitting measures every label; fitAroundHeart does it without them, once.
    fit: false,
    packComponents: elements ? elements.components().length > 1 : true,
    nodeSeparation: 110,
    // Leaves hang close to their hub; ties between two busy entities get room for both crowds.
    idealEdgeLength: (edge: EdgeSingular) =>
      60 + 12 * Math.sqrt(Math.min(edge.source().degree(false), edge.target().degree(false))),
    nodeRepulsion: () => 22000,
    edgeElasticity: () => 0.3,
    gravity: 0.2,
    gravityRange: 3.8,
    numIter: 2500,
  } as LayoutOptions;
}

/** Room per entity on big graphs, in model units (their nodes are drawn smaller). */
const BIG_GRAPH_SPACING = 45;

/**
 * Places big graphs before Cytoscape even starts (positions go in the element definitions),
 * with our own force layout in a worker; falls back to the main thread where workers fail.
 */
export async function placeBigGraph(elements: {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
}): Promise<void> {
  const index = new Map(elements.nodes.map((node, i) => [String(node.data.id), i]));
  const ends: number[] = [];
  for (const edge of elements.edges) {
    const from = index.get(String(edge.data.source));
    const to = index.get(String(edge.data.target));
    if (from !== undefined && to !== undefined) ends.push(from, to);
  }
  const job: ForceJob = {
    nodeCount: elements.nodes.length,
    edges: Uint32Array.from(ends),
    pinned: index.get(HEART_SLUG) ?? -1,
    // Enough steps to untangle; each costs ~10 ms per 5,000 nodes.
    iterations: Math.round(Math.min(200, Math.max(60, 600_000 / Math.max(elements.nodes.length, 1)))),
    spacing: BIG_GRAPH_SPACING,
  };
  const positions = await inWorker(job).catch(() => forceLayout(job));
  elements.nodes.forEach((node, i) => {
    node.position = { x: positions[2 * i] ?? 0, y: positions[2 * i + 1] ?? 0 };
  });
}

function inWorker(job: ForceJob): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<Float64Array>) => {
      resolve(event.data);
      worker.terminate();
    });
    worker.addEventListener('error', (event) => {
      reject(new Error(event.message));
      worker.terminate();
    });
    worker.postMessage(job, [job.edges.buffer]);
  });
}

/**
 * Lays the graph out. Entities without any relation stay out of the force layout (the map
 * only shows them when focused, and each one is a component fcose would have to connect,
 * which took seconds on big graphs); they line up under the map instead. The camera is left
 * where it is: the view frames the map once it is drawn.
 */
export function runLayout(cy: Core): void {
  if (cy.elements().empty()) return;
  const isolated = cy.nodes().filter((node) => node.degree(false) === 0);
  const tied = cy.elements().not(isolated);
  if (tied.nonempty()) {
    withRandom(seededRandom(2020), () => tied.layout(layoutOptions(tied)).run());
    performance.mark('archipel:fcose');
    separate(tied.nodes());
    performance.mark('archipel:separated');
  }
  if (isolated.nonempty()) {
    const box = tied.nonempty() ? tied.boundingBox({ includeLabels: false }) : { x1: 0, x2: 0, y2: 0 };
    const perRow = Math.max(1, Math.ceil(Math.sqrt(isolated.length)));
    const step = 60;
    const left = (box.x1 + box.x2) / 2 - ((perRow - 1) * step) / 2;
    isolated.forEach((node, i) => {
      node.position({ x: left + (i % perRow) * step, y: box.y2 + 120 + Math.floor(i / perRow) * step });
    });
  }
}

/**
 * Lays out the map without `hub`: the entities still tied to others once the hub and its ties
 * are set aside, on their own (seeded, like the whole map). The others keep their places; they
 * are hidden while the hub is.
 */
export function runLayoutWithout(cy: Core, hub: string): void {
  const heart = cy.getElementById(hub);
  const hubTies = heart.connectedEdges();
  const rest = cy.edges().not(hubTies);
  const tied = rest.connectedNodes().not(heart);
  if (tied.empty()) return;
  const laidOut = tied.union(rest);
  withRandom(seededRandom(2020), () => laidOut.layout(layoutOptions(laidOut)).run());
  separate(tied.nodes());
}

/**
 * Fits the view with Framasoft at its centre rather than the bounding box's: the picture reads
 * from the heart outwards. Labels are left out of the measure: on big graphs measuring them all
 * cost seconds, and the padding covers them.
 */
export function fitAroundHeart(cy: Core, padding = 40): void {
  fitAround(cy, cy.getElementById(HEART_SLUG), { padding });
}

export interface FitOptions {
  padding?: number;
  /** Pixels covered at the bottom of the map (a bottom sheet): the picture fits in what is left. */
  bottom?: number;
  animate?: boolean;
  /** Measure labels too: only worth it on small graphs. */
  labels?: boolean;
}

/** Fits every shown element in the view with `centre` (when shown) in its middle. */
export function fitAround(
  cy: Core,
  centre: CollectionReturnValue,
  { padding = 40, bottom = 0, animate = false, labels = false }: FitOptions,
): void {
  const box = labels ? cy.nodes(':visible').boundingBox({ includeLabels: true }) : nodesBox(cy);
  if (!box || box.w < 0 || !Number.isFinite(box.x1)) return;
  const middle =
    centre.nonempty() && centre.isNode() && centre.visible()
      ? centre.position()
      : { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
  const halfWidth = Math.max(middle.x - box.x1, box.x2 - middle.x, 1);
  const halfHeight = Math.max(middle.y - box.y1, box.y2 - middle.y, 1);
  const height = Math.max(cy.height() - bottom, cy.height() / 3);
  const zoom = Math.min((cy.width() - 2 * padding) / (2 * halfWidth), (height - 2 * padding) / (2 * halfHeight), 2);
  const level = Math.max(cy.minZoom(), zoom);
  const viewport = { zoom: level, pan: { x: cy.width() / 2 - level * middle.x, y: height / 2 - level * middle.y } };
  if (animate) cy.animate(viewport, { duration: 450, easing: 'ease-in-out-cubic' });
  else cy.viewport(viewport);
}

/**
 * The box around the shown nodes, from their positions and widths. Edges run between nodes, so
 * they are left out; Cytoscape's own measure of 25,000 elements took seconds on big graphs.
 */
function nodesBox(cy: Core): { x1: number; x2: number; y1: number; y2: number; w: number } | null {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  cy.nodes().forEach((node) => {
    if (!node.visible()) return;
    const { x, y } = node.position();
    const half = node.outerWidth() / 2;
    x1 = Math.min(x1, x - half);
    x2 = Math.max(x2, x + half);
    y1 = Math.min(y1, y - half);
    y2 = Math.max(y2, y + half);
  });
  return x1 <= x2 ? { x1, x2, y1, y2, w: x2 - x1 } : null;
}
