/**
 * A HOSTING relation runs a software (PeerTube, Etherpad…) that is neither of its ends; drawn
 * from its ends only, the software would be an island, or absent. So each such relation also
 * gets a derived edge from the software to the entity it is hosted for: a drawing of the same
 * relation, not another one. The elements draw it and the filters show it with its relation,
 * so both read its id and its start from here.
 */
import type { GraphEdge } from './queries.js';

const SOFTWARE_SUFFIX = '~software';

/** The id of the software edge drawn for a HOSTING relation ("~" never occurs in relation ids). */
export function softwareEdgeId(relationId: string): string {
  return `${relationId}${SOFTWARE_SUFFIX}`;
}

/** Where the software edge of a relation starts: a HOSTING relation's software, when the answer holds it. */
export function softwareOf(edge: GraphEdge, known: { has(slug: string): boolean }): string | null {
  const software = edge.software?.slug;
  return edge.type === 'HOSTING' && software && known.has(software) ? software : null;
}

/** The relation an edge of the map draws: itself, or the HOSTING relation a software edge was derived from. */
export function relationOfEdge(edgeId: string): string {
  return edgeId.endsWith(SOFTWARE_SUFFIX) ? edgeId.slice(0, -SOFTWARE_SUFFIX.length) : edgeId;
}
