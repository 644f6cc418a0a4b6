/**
 * The questions to ask of a dataset, with their arguments picked from the data itself, the same
 * way at every size, so that seed and synthetic runs ask comparable questions: the hub's hosting
 * and partner lists, the hub's page and a median page, the hub's panel, a search word, the hub's depth-2 map view
 * (and, when the API refuses it as too large, a view about the size of the seed map), the year
 * view, and a path between two little-connected entities.
 */
import { CONFIG_DEFAULTS } from '../api/core/config.js';
import type { Database } from '../api/db/database.js';
import { focusedGraph, path, yearGraph } from './map-queries.js';
import { type BenchQuery, entityPage, entityPanel, hosting, noop, partners, search } from './queries.js';

const HUB = 'framasoft';
/** About the size of the whole seed map, which framasoft's depth-2 view covers. */
const MAP_SIZE = 300;

export async function pickQuestions(
  db: Database,
  log: (line: string) => void,
): Promise<{ queries: BenchQuery[]; notes: { medianDegree: number; hubDegree: number } }> {
  const [degrees] = await db.read(
    `MATCH (e:Entity) WITH e, COUNT { (e)--() } AS d
     RETURN percentileDisc(d, 0.5) AS median, max(CASE WHEN e.slug = $hub THEN d END) AS hub`,
    { hub: HUB },
    (r) => ({ median: Number(r.get('median')), hub: Number(r.get('hub')) }),
  );
  const medianDegree = degrees?.median ?? 0;
  const [typical] = await db.read(
    'MATCH (e:Organisation) WHERE COUNT { (e)--() } = $d RETURN e.slug AS slug ORDER BY e.slug LIMIT 1',
    { d: medianDegree },
    (r) => r.get('slug') as string,
  );
  const mapSizeFocus = await pickMapSizeFocus(db, medianDegree, log);
  const ends = await pickPath(db);
  const queries = [
    noop(),
    hosting(HUB, 'peertube'),
    partners(HUB),
    entityPage('q2-entity-page-hub', HUB),
    entityPage('q2b-entity-page-typical', typical ?? HUB),
    entityPanel('q2c-entity-panel-hub', HUB),
    search('peertube'),
    focusedGraph('q4-graph-focus', HUB),
    ...(mapSizeFocus ? [focusedGraph('q4-graph-focus-map-size', mapSizeFocus)] : []),
    yearGraph(2020),
    ...(ends ? [path(ends.from, ends.to)] : []),
  ];
  return { queries, notes: { medianDegree, hubDegree: degrees?.hub ?? 0 } };
}

/**
 * When the hub's depth-2 view exceeds the API's cap, the smallest view of at least MAP_SIZE
 * entities under the cap around an entity of about median degree (what a visitor clicking around
 * meets). Null when the hub's view fits.
 */
async function pickMapSizeFocus(db: Database, medianDegree: number, log: (line: string) => void) {
  const cap = CONFIG_DEFAULTS.MAX_GRAPH_NODES;
  const sizeOf = async (slug: string) => {
    const [nodes] = await db.read(
      // {f} ∪ N(f) ∪ N(N(f)) = N({f} ∪ N(f)) ∪ {f}: one distinct count, no edges collected.
      `MATCH (f:Entity {slug: $slug})
       CALL { WITH f MATCH (f)--(y:Entity) RETURN collect(DISTINCT y) AS ring1 }
       UNWIND [f] + ring1 AS x
       MATCH (x)--(y:Entity)
       RETURN count(DISTINCT y) AS nodes`,
      { slug },
      (r) => Number(r.get('nodes')),
    );
    return { slug, nodes: nodes ?? 1 };
  };
  const hub = await sizeOf(HUB);
  if (hub.nodes <= cap) return null;
  const candidates = await db.read(
    'MATCH (e:Entity) WHERE COUNT { (e)--() } IN [$d, $d - 1, $d - 2] RETURN e.slug AS slug ORDER BY e.slug LIMIT 30',
    { d: medianDegree },
    (r) => r.get('slug') as string,
  );
  const views: { slug: string; nodes: number }[] = [];
  for (const slug of candidates) views.push(await sizeOf(slug));
  const accepted = views.filter((v) => v.nodes <= cap).sort((a, b) => a.nodes - b.nodes);
  const chosen = accepted.find((v) => v.nodes >= MAP_SIZE) ?? accepted.at(-1);
  log(
    `Map focus: ${HUB} has ${hub.nodes} entities within 2 hops (cap ${cap}); ${chosen?.slug ?? 'no entity'} ` +
      `(${chosen?.nodes ?? 0}) chosen among ${views.length} of median degree, ${views.length - accepted.length} over the cap.`,
  );
  return chosen?.slug ?? null;
}

/**
 * Two little-connected entities (a person and an event) 3 or 4 hops apart, or else the closest such
 * pair: the first in slug order among a dozen of each.
 */
async function pickPath(db: Database) {
  const [ends] = await db.read(
    `MATCH (a:Person) WHERE COUNT { (a)--() } IN [1, 2, 3] WITH a ORDER BY a.slug LIMIT 12
     WITH collect(a) AS froms
     MATCH (b:Event) WHERE COUNT { (b)--() } IN [1, 2, 3] WITH froms, b ORDER BY b.slug DESC LIMIT 12
     WITH froms, collect(b) AS tos
     UNWIND range(0, size(froms) - 1) AS i
     UNWIND range(0, size(tos) - 1) AS j
     WITH froms[i] AS a, tos[j] AS b, i, j
     MATCH p = shortestPath((a)-[*..4]-(b))
     RETURN a.slug AS from, b.slug AS to ORDER BY length(p) >= 3 DESC, i, j LIMIT 1`,
    {},
    (r) => ({ from: r.get('from') as string, to: r.get('to') as string }),
  );
  return ends ?? null;
}
