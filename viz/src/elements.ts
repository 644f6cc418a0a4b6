/**
 * The `graph` query's answer → Cytoscape element definitions.
 *
 * Nodes are keyed by slug (stable, readable, the same key the URL and the API use); edges by
 * the relation id. Size grows with degree so that hubs read as hubs.
 *
 * A HOSTING relation also gets a derived edge from its software to the entity it is hosted for,
 * dashed and thinner (see software-edge.ts).
 */
import type { ElementDefinition } from 'cytoscape';
import type { EntityKind, RelationType } from '../../model/vocabulary.js';
import type { GraphData } from './queries.js';
import { softwareEdgeId, softwareOf } from './software-edge.js';
import { DERIVED_EDGE_STYLE, edgeLook, LARGE_GRAPH, type LineStyle, nodeLook, type Shape } from './style.js';

/** Framasoft sits at the heart of the map. */
export const HEART_SLUG = 'framasoft';

export interface NodeData {
  id: string;
  label: string;
  kind: EntityKind;
  category: string | null;
  degree: number;
  size: number;
  heart: boolean;
  shape: Shape;
  color: string;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: RelationType;
  since: string | null;
  until: string | null;
  color: string;
  line: LineStyle;
}

/** The edge drawn from a HOSTING relation's software to the entity it is hosted for. */
export interface DerivedEdgeData extends EdgeData {
  derived: 'software';
  /** The id of the HOSTING relation it draws. */
  relation: string;
}

export const MIN_SIZE = 16;
export const MAX_SIZE = 80;
export const HEART_SIZE = 96;

/**
 * Square root, so that a 100-relation hub is large without swallowing its neighbours. Big
 * graphs (`compact`) draw everything at half size, or thousands of nodes would cover each other.
 */
export function nodeSize(degree: number, compact = false): number {
  const size = Math.min(MAX_SIZE, Math.round(MIN_SIZE + 6 * Math.sqrt(degree)));
  return compact ? Math.round(size / 2) : size;
}

export interface Elements {
  nodes: ElementDefinition[];
  edges: ElementDefinition[];
  /** Relations whose ends are missing from the answer; drawn nowhere, counted for diagnosis. */
  dangling: string[];
}

export function toElements(graph: GraphData): Elements {
  const compact = graph.nodes.length + graph.edges.length > LARGE_GRAPH;
  const degree = new Map<string, number>(graph.nodes.map((n) => [n.slug, 0]));
  const edges: ElementDefinition[] = [];
  const dangling: string[] = [];
  const seenEdges = new Set<string>();
  const link = (data: EdgeData) => {
    degree.set(data.source, (degree.get(data.source) ?? 0) + 1);
    degree.set(data.target, (degree.get(data.target) ?? 0) + 1);
    edges.push({ group: 'edges', data });
  };
  for (const edge of graph.edges) {
    const source = edge.from.slug;
    const target = edge.to.slug;
    if (!degree.has(source) || !degree.has(target)) {
      dangling.push(edge.id);
      continue;
    }
    if (seenEdges.has(edge.id)) continue;
    seenEdges.add(edge.id);
    const data: EdgeData = {
      id: edge.id,
      source,
      target,
      type: edge.type,
      since: edge.since ?? null,
      until: edge.until ?? null,
      ...edgeLook(edge.type),
    };
    link(data);
    const software = softwareOf(edge, degree);
    if (software) {
      const derived: DerivedEdgeData = {
        ...data,
        id: softwareEdgeId(edge.id),
        source: software,
        line: DERIVED_EDGE_STYLE.line,
        derived: 'software',
        relation: edge.id,
      };
      link(derived);
    }
  }

  const seenNodes = new Set<string>();
  const nodes: ElementDefinition[] = [];
  for (const node of graph.nodes) {
    if (seenNodes.has(node.slug)) continue;
    seenNodes.add(node.slug);
    const d = degree.get(node.slug) ?? 0;
    const heart = node.slug === HEART_SLUG;
    const data: NodeData = {
      id: node.slug,
      label: node.name,
      kind: node.kind,
      category: node.category ?? null,
      degree: d,
      size: heart ? HEART_SIZE / (compact ? 2 : 1) : nodeSize(d, compact),
      heart,
      ...nodeLook(node.kind, node.category ?? null, heart),
    };
    nodes.push({ group: 'nodes', data });
  }
  return { nodes, edges, dangling };
}
