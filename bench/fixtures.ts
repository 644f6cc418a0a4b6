/**
 * Picks the arguments of the benchmark's questions from the data itself, the same way at every
 * size, so that seed and synthetic runs ask comparable questions: the hub's hosting list, the hub's
 * page and a median page, a search word, the hub's depth-2 map view (and, when the API refuses it
 * as too large, a seed-map-sized view and a median view), and a path between two little-connected
 * entities.
 */

import { CONFIG_DEFAULTS } from '../api/core/config.js';

const MAX_GRAPH_NODES = CONFIG_DEFAULTS.MAX_GRAPH_NODES;

import type { Database } from '../api/db/database.js';
import type { Fixtures } from './queries.js';

export interface FixtureNotes {
  medianDegree: number;
  hubDegree: number;
  /** Size of the depth-2 view around each entity tried as a focus (null: the query failed). */
  focusViews: { slug: string; nodes: number }[];
  pathLength: number | null;
}

const HUB = 'framasoft';
/** About the size of the whole seed map (framasoft's depth-2 view there has 283 entities). */
const MAP_SIZE = 300;

export async function pickFixtures(
  db: Database,
  log: (line: string) => void,
): Promise<{ fixtures: Fixtures; notes: FixtureNotes }> {
  const [degrees] = await db.read(
    `MATCH (e:Entity) WITH e, COUNT { (e)--() } AS d
     RETURN percentileDisc(d, 0.5) AS median, max(CASE WHEN e.slug = $hub THEN d END) AS hub`,
    { hub: HUB },
    (r) => ({ median: Number(r.get('median')), hub: Number(r.get('hub')) }),
  );
  const medianDegree = degrees?.median ?? 0;
  const [typical] = await db.read(
    `MATCH (e:Organisation) WHERE COUNT { (e)--() } = $d RETURN e.slug AS slug ORDER BY e.slug LIMIT 1`,
    { d: medianDegree },
    (r) => r.get('slug') as string,
  );
  const focusViews: FixtureNotes['focusViews'] = [];
  const foci = await pickFoci(db, medianDegree, focusViews, log);
  const path = await pickPath(db);
  return {
    fixtures: {
      hub: HUB,
      software: 'peertube',
      typical: typical ?? HUB,
      searchText: 'peertube',
      focus: HUB,
      mapSizeFocus: foci?.mapSize ?? null,
      medianFocus: foci?.median ?? null,
      activeIn: 2020,
      path: path ? { from: path.from, to: path.to } : null,
    },
    notes: { medianDegree, hubDegree: degrees?.hub ?? 0, focusViews, pathLength: path?.length ?? null },
  };
}

/**
 * Foci of the map's depth-2 view when the hub's own view exceeds the API's cap: one the size of
 * the seed map (the smallest view of at least MAP_SIZE entities) and the median view around
 * entities of about median degree (what a visitor clicking around meets). Null when the hub fits.
 */
async function pickFoci(
  db: Database,
  medianDegree: number,
  views: FixtureNotes['focusViews'],
  log: (line: string) => void,
): Promise<{ mapSize: string; median: string } | null> {
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
    views.push({ slug, nodes: nodes ?? 1 });
    return nodes ?? 1;
  };
  if ((await sizeOf(HUB)) <= MAX_GRAPH_NODES) return null;
  const candidates = await db.read(
    `MATCH (e:Entity) WHERE COUNT { (e)--() } IN [$d, $d - 1, $d - 2]
     RETURN e.slug AS slug ORDER BY e.slug LIMIT 30`,
    { d: medianDegree },
    (r) => r.get('slug') as string,
  );
  for (const slug of candidates) await sizeOf(slug);
  const sorted = views.slice(1).sort((a, b) => a.nodes - b.nodes);
  const accepted = sorted.filter((v) => v.nodes <= MAX_GRAPH_NODES);
  const mapSize = sorted.find((v) => v.nodes >= MAP_SIZE) ?? sorted.at(-1);
  const median = sorted[Math.floor(sorted.length / 2)];
  log(
    `Map focus: ${HUB} has ${views[0]?.nodes} entities within 2 hops; around ${sorted.length} median-degree entities ` +
      `the view has ${sorted[0]?.nodes}–${sorted.at(-1)?.nodes} (median ${median?.nodes}), ` +
      `${sorted.length - accepted.length} over the ${MAX_GRAPH_NODES} cap.`,
  );
  return mapSize && median ? { mapSize: mapSize.slug, median: median.slug } : null;
}

/** Two little-connected entities (a person and an event) 3 or 4 hops apart, when there are some. */
async function pickPath(db: Database) {
  const low = (label: string, order: string) =>
    db.read(
      `MATCH (e:${label}) WHERE COUNT { (e)--() } IN [1, 2, 3] RETURN e.slug AS slug ORDER BY e.slug ${order} LIMIT 12`,
      {},
      (r) => r.get('slug') as string,
    );
  const froms = await low('Person', 'ASC');
  const tos = await low('Event', 'DESC');
  let fallback: { from: string; to: string; length: number } | null = null;
  for (const from of froms) {
    for (const to of tos) {
      const [length] = await db.read(
        `MATCH (a:Entity {slug: $from}), (b:Entity {slug: $to})
         MATCH p = shortestPath((a)-[*..4]-(b)) RETURN length(p) AS length`,
        { from, to },
        (r) => Number(r.get('length')),
      );
      if (length === undefined) continue;
      if (length >= 3) return { from, to, length };
      fallback ??= { from, to, length };
    }
  }
  return fallback;
}
