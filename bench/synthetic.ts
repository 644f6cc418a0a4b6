/**
 * A seeded, reproducible synthetic archipelago: N entities (organisations, projects, people,
 * events) and M typed relations whose degrees are heavy-tailed (a Zipf mixture: a few hubs and a
 * long tail, like the real network), with the shapes the seed format allows (the kinds each type
 * joins, since/until dates, HOSTING software, sources).
 *
 * `framasoft` (the first organisation) is a hub by construction and `peertube` (the first project)
 * the most hosted software, so that the benchmark's questions have meaningful answers at any size.
 *
 * Usage: `const data = generateSynthetic({ entities: 1e5, relations: 1e6, seed: 42 });
 *         for (const r of data.relations()) …; data.stats()`.
 */
import { MONEY_PERIODS } from '../model/relation-fields.js';
import type { Entity, Relation } from '../model/seed-format.js';
import { ENTITY_KINDS, type EntityKind, RELATION_TYPES, type RelationType, slugify } from '../model/vocabulary.js';
import * as names from './names.js';
import { Rng, ZipfSampler } from './prng.js';

export interface SyntheticOptions {
  entities: number;
  relations: number;
  seed: number;
  /** Share of relations that have `framasoft` at one end. */
  hubShare?: number;
}

export type SyntheticRelation = Relation & { id: string };

/** More people and organisations than projects, few events. */
const KIND_SHARES: Record<EntityKind, number> = { ORGANISATION: 0.3, PROJECT: 0.25, PERSON: 0.35, EVENT: 0.1 };

/** Weight of each relation type (the everyday types of a big network first) and its verb for quotes. */
const TYPES: Record<RelationType, [number, string]> = {
  MEMBERSHIP: [9, 'est membre de'],
  CONTRIBUTES_TO: [10, 'contribue à'],
  PART_OF: [6, 'fait partie de'],
  DEVELOPS: [5, 'développe'],
  ARCHIPELAGO: [6, 'accompagne'],
  SPEAKS_AT: [8, 'intervient à'],
  INTERVIEWS: [6, 'a interviewé'],
  AUTHORED: [5, 'est l’auteur·ice de'],
  ORGANISES: [5, 'organise'],
  HOSTING: [7, 'héberge un service pour'],
  WORKS_FOR: [7, 'travaille pour'],
  FUNDING: [4, 'a financé'],
  PUBLISHES: [3, 'publie'],
  COLLABORATION: [4, 'a collaboré avec'],
  USES: [5, 'utilise'],
  CONTRACTS_FOR: [2, 'est prestataire de'],
  SIGNS: [3, 'a signé'],
  RHIZOME: [1, 'a co-créé'],
  FRIENDSHIP_CONVENTION: [1, "a signé une convention d'amitié avec"],
  SUPPORT_CONVENTION: [1, 'soutient'],
};

const weightsOf = <K extends string>(table: Record<K, readonly [number, ...unknown[]]>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, (v as [number])[0]])) as Record<K, number>;
const TYPE_WEIGHTS = weightsOf(TYPES);
const RESOURCES = ['machine virtuelle', 'nom de domaine', 'compte de messagerie', 'serveur dédié', 'locaux'];

/**
 * Each end is, with probability ZIPF_MIX, drawn by Zipf rank within its kind (rank = order of
 * generation, so the famous names come first) and otherwise uniformly: the uniform part gives
 * everybody a few relations, the Zipf part the heavy tail.
 */
const ZIPF_MIX = 0.6;
const ZIPF_EXPONENT = 1.0;
const ZIPF_OFFSET = 20;

export function generateSynthetic(options: SyntheticOptions) {
  if (options.entities < 1_000) throw new Error('a synthetic dataset needs at least 1,000 entities');
  const hubShare = options.hubShare ?? 0.01;
  const { entities, byKind, offsets, software } = buildEntities(options);
  const degree = new Int32Array(entities.length);
  let streamed = 0;
  let peertubeHostedByFramasoft = 0;
  return {
    entities,
    /** Streams the relations (a million of them need not sit in memory); the same on every call. */
    *relations(): Generator<SyntheticRelation> {
      // A stream of its own: the relations do not shift when an entity template changes.
      const rng = new Rng(options.seed ^ 0x5bd1e995);
      const zipf = Object.fromEntries(
        ENTITY_KINDS.map((k) => [k, new ZipfSampler(Math.max(1, byKind[k].length), ZIPF_EXPONENT, ZIPF_OFFSET)]),
      ) as Record<EntityKind, ZipfSampler>;
      const pick = (kind: EntityKind) =>
        offsets[kind] + (rng.chance(ZIPF_MIX) ? zipf[kind].sample(rng) : rng.int(byKind[kind].length));
      const softwareRank = new ZipfSampler(software.length, 1.2, 1.5);
      const kindWeights = Object.fromEntries(ENTITY_KINDS.map((k) => [k, byKind[k].length]));
      const kindOf = (allowed: readonly EntityKind[]) =>
        rng.weighted(Object.fromEntries(allowed.map((k) => [k, kindWeights[k]!])) as Record<EntityKind, number>);
      degree.fill(0);
      streamed = 0;
      peertubeHostedByFramasoft = 0;
      for (let i = 0; i < options.relations; i++) {
        const type = rng.weighted(TYPE_WEIGHTS);
        const fromKind = kindOf(RELATION_TYPES[type].from);
        const toKind = kindOf(RELATION_TYPES[type].to);
        // Framasoft is entity 0, the first organisation.
        const hub = rng.chance(hubShare);
        const from = hub && fromKind === 'ORGANISATION' ? 0 : pick(fromKind);
        let to = hub && fromKind !== 'ORGANISATION' && toKind === 'ORGANISATION' ? 0 : pick(toKind);
        for (let retry = 0; from === to && retry < 10; retry++) to = pick(toKind);
        if (from === to) continue;
        const relation = relationOf(rng, i, type, entities[from]!, entities[to]!, () =>
          software.length ? software[softwareRank.sample(rng)]! : null,
        );
        degree[from]!++;
        degree[to]!++;
        streamed++;
        if (type === 'HOSTING' && from === 0 && relation.software === 'peertube') peertubeHostedByFramasoft++;
        yield relation;
      }
    },
    /** Degree statistics of the relations streamed so far (call after `relations()` is exhausted). */
    stats() {
      const sorted = Int32Array.from(degree).sort();
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return {
        entities: entities.length,
        relations: streamed,
        framasoftDegree: degree[0]!,
        peertubeHostedByFramasoft,
        percentiles: { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) },
      };
    },
  };
}

function relationOf(
  rng: Rng,
  index: number,
  type: RelationType,
  from: Entity,
  to: Entity,
  software: () => string | null,
): SyntheticRelation {
  const relation: SyntheticRelation = {
    id: `syn-${index}`,
    type,
    from: from.slug,
    to: to.slug,
    sources: Array.from({ length: rng.chance(0.15) ? 2 : 1 }, () => ({
      section: rng.pick(names.SOURCE_SECTIONS),
      quote: `${from.name} ${TYPES[type][1]} ${to.name} ${rng.pick(names.QUOTE_ENDINGS)}`.slice(0, 240),
    })),
  };
  if (rng.chance(0.75)) {
    // Skewed towards recent years, as the report's memory is.
    const year = 2010 + Math.floor(12 * Math.sqrt(rng.float()));
    relation.since = partialDate(rng, year);
    const until = year + rng.between(1, 4);
    if (rng.chance(0.2) && until <= 2021) relation.until = String(until);
  }
  if (type === 'HOSTING') {
    const hosted = rng.chance(0.85) ? software() : null;
    if (hosted && hosted !== to.slug && hosted !== from.slug) relation.software = hosted;
    else relation.resource = rng.pick(RESOURCES);
  }
  if ((type === 'WORKS_FOR' && rng.chance(0.9)) || (type === 'SPEAKS_AT' && rng.chance(0.5))) {
    relation.role = rng.pick(names.ROLES);
  }
  if ((type === 'COLLABORATION' || type === 'INTERVIEWS') && rng.chance(0.8)) {
    relation.description = `${type === 'INTERVIEWS' ? 'Entretien' : 'Projet commun'} : ${to.name}`;
  }
  if (type === 'FUNDING' && rng.chance(0.5)) {
    relation.amount = rng.between(1, 500) * 100;
    relation.currency = rng.chance(0.9) ? 'EUR' : rng.pick(['USD', 'CAD'] as const);
    // From the index, not the generator: another draw would shift every relation after it.
    relation.period = MONEY_PERIODS[index % MONEY_PERIODS.length];
  }
  return relation;
}

const two = (n: number) => String(n).padStart(2, '0');

function partialDate(rng: Rng, year: number): string {
  const precision = rng.float();
  if (precision < 0.5) return String(year);
  if (precision < 0.8) return `${year}-${two(rng.between(1, 12))}`;
  return `${year}-${two(rng.between(1, 12))}-${two(rng.between(1, 28))}`;
}

/** An entity's fields but its slug, which the generator makes unique. */
type NewEntity = { [K in EntityKind]: Omit<Extract<Entity, { kind: K }>, 'slug'> }[EntityKind];

function buildEntities(options: SyntheticOptions) {
  const rng = new Rng(options.seed);
  const slug = uniqueSlugs();
  const entity = (fields: NewEntity) => ({ ...fields, slug: slug(fields.name) }) as Entity;
  const counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, Math.floor(options.entities * KIND_SHARES[k])]));
  counts.PERSON! += options.entities - Object.values(counts).reduce((a, b) => a + b, 0);
  /** The kind's famous entities first, then generated ones up to its share. */
  const fill = (kind: EntityKind, first: Entity[], make: () => NewEntity) => {
    while (first.length < counts[kind]!) first.push(entity(make()));
    return first.slice(0, counts[kind]);
  };
  const summary = "Association d'éducation populaire aux enjeux du numérique et des communs culturels.";
  const framasoft = { name: 'Framasoft', aliases: ['Frama'], location: 'Lyon', summary };
  const byKind: Record<EntityKind, Entity[]> = {
    ORGANISATION: fill(
      'ORGANISATION',
      [framasoft, ...names.REAL_ORGANISATIONS.map((name) => ({ name, aliases: [] }))].map((o) =>
        entity({ kind: 'ORGANISATION', category: 'association', ...o }),
      ),
      () => {
        const category = rng.weighted(weightsOf(names.ORGANISATIONS));
        const location = rng.pick(names.PLACES);
        const text = names.named(rng, names.ORGANISATIONS[category][1], names.ORGANISATION_SUMMARY, { p: location });
        return { kind: 'ORGANISATION', ...text, aliases: [], category, location };
      },
    ),
    PROJECT: fill(
      'PROJECT',
      names.REAL_SOFTWARE.map((name) =>
        entity({ kind: 'PROJECT', name, aliases: [], category: 'software', summary: `Logiciel libre ${name}.` }),
      ),
      () => {
        const category = rng.weighted(weightsOf(names.PROJECTS));
        return {
          kind: 'PROJECT',
          ...names.named(rng, names.PROJECTS[category][1], names.PROJECTS[category][2]),
          aliases: [],
          category,
        };
      },
    ),
    PERSON: fill('PERSON', [], () => ({ kind: 'PERSON', ...names.personName(rng) })),
    EVENT: fill('EVENT', [], () => {
      const year = rng.between(2010, 2021);
      const date = `${year}-${two(rng.between(1, 12))}-${two(rng.between(1, 28))}`;
      const place = rng.pick(names.PLACES);
      const format = rng.pick(names.EVENT_FORMATS);
      const text = names.named(rng, '{format} {w} {p} {y}', '{format} sur le {t} à {p}.', {
        p: place,
        y: String(year),
        format,
      });
      return { kind: 'EVENT', ...text, aliases: [], date, place, format };
    }),
  };
  const entities = ENTITY_KINDS.flatMap((kind) => byKind[kind]);
  // Index of each kind's first entity in `entities`.
  let offset = 0;
  const offsets = {} as Record<EntityKind, number>;
  for (const kind of ENTITY_KINDS) {
    offsets[kind] = offset;
    offset += byKind[kind].length;
  }
  const software = byKind.PROJECT.filter((p) => p.kind === 'PROJECT' && p.category === 'software').map((p) => p.slug);
  return { entities, byKind, offsets, software };
}

/** Slugs are unique across kinds: a name whose slug is taken gets the next free numeric suffix. */
function uniqueSlugs() {
  const next = new Map<string, number>();
  const taken = new Set<string>();
  return (name: string) => {
    const root = slugify(name) || 'entite';
    let slug = root;
    let n = next.get(root) ?? 2;
    while (taken.has(slug)) slug = `${root}-${n++}`;
    next.set(root, n);
    taken.add(slug);
    return slug;
  };
}
