/**
 * The archipelago's structure, computed in the browser from the ties the map draws: each
 * entity's ties and betweenness, the communities (Louvain), and the key connectors once the
 * hub is set aside. graphology does the graph work (see viz/README.md for why); this module
 * only decides what graph it works on and keeps the answers, each computed on first use.
 *
 * Usage: `const network = new Network(toElements(graph), HEART_SLUG); network.measuresOf('picasoft')`.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { seededRandom } from '../../model/seeded-random.js';

/**
 * Both packages are CommonJS whose types declare a default export: TypeScript (NodeNext) types
 * the default import as the module object, while the bundler hands over the function itself.
 */
const louvain = ('default' in louvainModule ? louvainModule.default : louvainModule) as typeof louvainModule.default;
const betweennessCentrality = (
  'default' in betweennessModule ? betweennessModule.default : betweennessModule
) as typeof betweennessModule.default;

/** A drawn tie: a relation, or the software edge of a HOSTING relation. */
export interface Tie {
  id: string;
  source: string;
  target: string;
}

export interface NetworkInput {
  nodes: readonly { data: { id?: string } }[];
  edges: readonly { data: { id?: string; source?: string; target?: string } }[];
}

export interface Measures {
  /** Ties drawn at this entity (two relations with the same neighbour count twice). */
  ties: number;
  /** Distinct entities it is tied to. */
  neighbours: number;
  /** Normalised betweenness: the share of shortest paths between two others that pass through it. */
  betweenness: number;
  /** 1 for the highest betweenness; equal values share a rank. */
  rank: number;
  /** How many entities the ranking is among. */
  of: number;
}

export interface Community {
  /** 0 for the largest; the order colours follow, so the same graph gets the same colours. */
  index: number;
  members: string[];
  /** The member with the most ties, which names the group. */
  lead: string;
}

export interface Communities {
  /** Only groups of at least `MIN_COMMUNITY` entities; the others are left uncoloured. */
  groups: Community[];
  of: Map<string, number>;
}

/** Below this size a "community" is a pair or a leaf: colouring it would only add noise. */
export const MIN_COMMUNITY = 3;

/** Louvain draws on its rng to visit nodes; a fixed seed gives the same groups on every load. */
const LOUVAIN_SEED = 2020;

export class Network {
  readonly ends = new Map<string, readonly [string, string]>();
  private readonly ties = new Map<string, number>();
  private readonly nodes: string[];
  private full: UndirectedGraph | null = null;
  private betweenness: Map<string, number> | null = null;
  private communities: Communities | null = null;
  private connectors: { slug: string; betweenness: number }[] | null = null;

  constructor(
    input: NetworkInput,
    /** The entity set aside for communities and key connectors: it ties to nearly everyone. */
    readonly hub: string,
  ) {
    this.nodes = input.nodes.map((n) => String(n.data.id));
    for (const slug of this.nodes) this.ties.set(slug, 0);
    for (const { data } of input.edges) {
      const source = String(data.source);
      const target = String(data.target);
      if (!this.ties.has(source) || !this.ties.has(target)) continue;
      this.ends.set(String(data.id), [source, target]);
      this.ties.set(source, (this.ties.get(source) ?? 0) + 1);
      this.ties.set(target, (this.ties.get(target) ?? 0) + 1);
    }
  }

  has(slug: string): boolean {
    return this.ties.has(slug);
  }

  /**
   * The plain graph the measures read: undirected (a tie connects both ways), one edge per pair
   * of entities however many relations they share, no loops; `without` leaves an entity out.
   */
  private simpleGraph(without?: string): UndirectedGraph {
    const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
    for (const slug of this.nodes) if (slug !== without) graph.addNode(slug);
    for (const [source, target] of this.ends.values()) {
      if (source === target || source === without || target === without) continue;
      graph.mergeEdge(source, target);
    }
    return graph;
  }

  private fullGraph(): UndirectedGraph {
    this.full ??= this.simpleGraph();
    return this.full;
  }

  private betweennessMap(): Map<string, number> {
    this.betweenness ??= new Map(Object.entries(betweennessCentrality(this.fullGraph(), { getEdgeWeight: null })));
    return this.betweenness;
  }

  measuresOf(slug: string): Measures | null {
    if (!this.ties.has(slug)) return null;
    const all = this.betweennessMap();
    const value = all.get(slug) ?? 0;
    let above = 0;
    for (const other of all.values()) if (other > value) above += 1;
    return {
      ties: this.ties.get(slug) ?? 0,
      neighbours: this.fullGraph().degree(slug),
      betweenness: value,
      rank: above + 1,
      of: all.size,
    };
  }

  /** Betweenness of every entity, for sizing nodes. */
  betweennessOfAll(): ReadonlyMap<string, number> {
    return this.betweennessMap();
  }

  /**
   * Louvain communities of the graph without the hub: with it, every leaf tied only to Framasoft
   * joins Framasoft's group and the groups say little; without it, the islands show.
   */
  communitiesOf(): Communities {
    if (this.communities) return this.communities;
    const graph = this.simpleGraph(this.hub);
    const found = louvain(graph, { rng: seededRandom(LOUVAIN_SEED), getEdgeWeight: null });
    const byId = new Map<number, string[]>();
    for (const [slug, id] of Object.entries(found)) byId.set(id, [...(byId.get(id) ?? []), slug]);
    const tiesOf = (slug: string) => this.ties.get(slug) ?? 0;
    const groups = [...byId.values()]
      .filter((members) => members.length >= MIN_COMMUNITY)
      .map((members) => {
        members.sort((a, b) => tiesOf(b) - tiesOf(a) || a.localeCompare(b));
        return { members, lead: members[0] ?? '' };
      })
      .sort((a, b) => b.members.length - a.members.length || a.lead.localeCompare(b.lead))
      .map((group, index) => ({ ...group, index }));
    const of = new Map<string, number>();
    for (const group of groups) for (const slug of group.members) of.set(slug, group.index);
    this.communities = { groups, of };
    return this.communities;
  }

  /** The entities that most connect the others once the hub is set aside (highest betweenness without it). */
  keyConnectors(count: number): { slug: string; betweenness: number }[] {
    this.connectors ??= Object.entries(betweennessCentrality(this.simpleGraph(this.hub), { getEdgeWeight: null }))
      .filter(([, value]) => value > 0)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([slug, betweenness]) => ({ slug, betweenness }));
    return this.connectors.slice(0, count);
  }
}
