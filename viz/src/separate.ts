/**
 * No two nodes drawn over each other. fcose keeps nodes apart on average, not each pair: a hub
 * and its leaves still overlapped. This pass pushes apart every two nodes whose boxes touch,
 * each by half the overlap along the axis where it is smallest (Framasoft stays put), until
 * none touches. Noverlap (graphology-layout-noverlap) was tried first: it moves only one node
 * of each pair, and stalled with dozens of overlaps left around the hub.
 */
import type { NodeCollection } from 'cytoscape';
import { HEART_SLUG } from './elements.js';

/** Room kept between two nodes, in model units. */
const NODE_GAP = 6;
/** Rounds of pushing apart at most; a seed-sized graph is clear after a few dozen. */
const ROUNDS = 200;

interface Box {
  id: string;
  x: number;
  y: number;
  /** Half width and half height, with half the gap. */
  w: number;
  h: number;
  fixed: boolean;
}

export function separate(nodes: NodeCollection): void {
  const boxes: Box[] = nodes.map((node) => ({
    id: node.id(),
    x: node.position('x'),
    y: node.position('y'),
    w: node.outerWidth() / 2 + NODE_GAP / 2,
    h: node.outerHeight() / 2 + NODE_GAP / 2,
    fixed: node.id() === HEART_SLUG,
  }));
  const widest = Math.max(0, ...boxes.map((b) => b.w));
  for (let round = 0; round < ROUNDS; round++) {
    if (!pushApart(boxes, widest)) break;
  }
  const placed = new Map(boxes.map((b) => [b.id, { x: b.x, y: b.y }]));
  nodes.positions((node) => placed.get(node.id()) ?? node.position());
}

/** One round over every touching pair; false when none touched. */
function pushApart(boxes: Box[], widest: number): boolean {
  let moved = false;
  // Sorted by x, a box only needs comparing with those less than two half-widths to its right.
  boxes.sort((a, b) => a.x - b.x || a.id.localeCompare(b.id));
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i] as Box;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j] as Box;
      const dx = b.x - a.x;
      if (dx >= a.w + widest) break;
      const dy = b.y - a.y;
      const overX = a.w + b.w - Math.abs(dx);
      const overY = a.h + b.h - Math.abs(dy);
      if (overX <= 0 || overY <= 0) continue;
      moved = true;
      const [shareA, shareB] = a.fixed ? [0, 1] : b.fixed ? [1, 0] : [0.5, 0.5];
      if (overX < overY) {
        const sign = dx >= 0 ? 1 : -1;
        a.x -= sign * overX * shareA;
        b.x += sign * overX * shareB;
      } else {
        const sign = dy > 0 || (dy === 0 && a.id < b.id) ? 1 : -1;
        a.y -= sign * overY * shareA;
        b.y += sign * overY * shareB;
      }
    }
  }
  return moved;
}
