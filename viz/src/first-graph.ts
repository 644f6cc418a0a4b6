/**
 * The graph the page opens on, asked for the moment the page runs: the entry module (main.ts)
 * holds little more than this, so the answer travels while the rest of the map's code (Cytoscape
 * is most of it) downloads and compiles, instead of after.
 *
 * Usage: `const first = new FirstGraph(neighbourhoodOf(parseState(location.search)));` then, in
 * the app, `first.take(neighbourhood) ?? fetchGraph(neighbourhood, signal)`.
 */
import { request } from './api.js';
import { graphVariables, NO_FILTERS } from './filters.js';
import { GRAPH, type GraphData } from './queries.js';
import { equalNeighbourhoods, type Neighbourhood } from './url-state.js';

/** Asks the API for the whole archipelago (`null`) or one entity's neighbourhood. */
export async function fetchGraph(neighbourhood: Neighbourhood, signal?: AbortSignal): Promise<GraphData> {
  const data = await request<{ graph: GraphData }>(GRAPH, graphVariables(NO_FILTERS, neighbourhood), signal);
  return data.graph;
}

export class FirstGraph {
  private pending: { neighbourhood: Neighbourhood; answer: Promise<GraphData> } | null;

  constructor(neighbourhood: Neighbourhood) {
    // The benchmark's "asked" mark (test/browser/map-timing.ts): the app's own mark comes later.
    performance.mark('archipel:request');
    const answer = fetchGraph(neighbourhood);
    // Nobody may take it (the visitor moved on first): its failure must not surface as unhandled.
    answer.catch(() => {});
    this.pending = { neighbourhood, answer };
  }

  /**
   * The early answer, if it was for `neighbourhood`; given once, so that a later load of the same
   * view (a retry, the back button) asks afresh rather than showing an old answer or failure.
   */
  take(neighbourhood: Neighbourhood): Promise<GraphData> | null {
    const pending = this.pending;
    this.pending = null;
    return pending && equalNeighbourhoods(pending.neighbourhood, neighbourhood) ? pending.answer : null;
  }
}
