/**
 * A seeded, reproducible synthetic archipelago: N entities (organisations, projects, people,
 * events) and M typed relations whose degrees are heavy-tailed (a Zipf mixture, so a few hubs and
 * a long tail, like the real network), with the shapes the seed format allows (kinds at each end
 * from the vocabulary, since/until years, HOSTING software, sources).
 *
 * `framasoft` (the first organisation) is a hub by construction and `peertube` (the first
 * project) the most hosted software, so the benchmark's questions have meaningful answers.
 *
 * Usage: `const data = generateSynthetic({ entities: 1e5, relations: 1e6, seed: 42 });
 *         for (const r of data.relations()) …; data.stats()`.
 */
import type { Entity, Relation } from '../model/seed-format.js';
import {
  ENTITY_KINDS,
  type EntityKind,
  type OrganisationCategory,
  type ProjectCategory,
  RELATION_TYPES,
  type RelationType,
  slugify,
} from '../model/vocabulary.js';
import {
  EVENT_FORMATS,
  eventName,
  organisationName,
  PLACES,
  personName,
  projectName,
  REAL_ORGANISATIONS,
  REAL_SOFTWARE,
  ROLES,
  SOURCE_SECTIONS,
  sourceQuote,
} from './names.js';
import { Rng, ZipfSampler } from './prng.js';

export interface SyntheticOptions {
  entities: number;
  relations: number;
  seed: number;
  /** Share of relations that have `framasoft` at one end (the seeds have it in half of them). */
  hubShare?: number;
}

export type SyntheticRelation = Relation & { id: string };

export interface DegreeStats {
  entities: number;
  relations: number;
  maxDegree: { slug: string; degree: number };
  framasoftDegree: number;
  peertubeHostedByFramasoft: number;
  percentiles: { p50: number; p90: number; p99: number; p999: number };
  isolated: number;
}

export interface SyntheticDataset {
  options: Required<SyntheticOptions>;
  entities: Entity[];
  /** Streams the relations (1M of them do not need to sit in memory); deterministic per dataset. */
  relations(): Generator<SyntheticRelation>;
  /** Degree statistics of the relations streamed so far (call after `relations()` is exhausted). */
  stats(): DegreeStats;
}

/** Realistic proportions: more people and organisations than projects, few events. */
export const KIND_SHARES: Record<EntityKind, number> = { ORGANISATION: 0.3, PROJECT: 0.25, PERSON: 0.35, EVENT: 0.1 };

const ORGANISATION_WEIGHTS: Record<OrganisationCategory, number> = {
  association: 40,
  collective: 10,
  company: 12,
  cooperative: 5,
  foundation: 2,
  'public-body': 5,
  university: 3,
  'research-institute': 2,
  school: 4,
  media: 6,
  'political-party': 1,
  network: 3,
  'informal-group': 7,
};

const PROJECT_WEIGHTS: Record<ProjectCategory, number> = {
  software: 12,
  'online-service': 20,
  book: 8,
  guide: 6,
  course: 5,
  'research-project': 3,
  campaign: 5,
  'event-series': 4,
  website: 12,
  newsletter: 4,
  directory: 3,
  'open-letter': 3,
  video: 7,
  podcast: 5,
  programme: 3,
};

/** Relation type mix, close to the seeds' but with more of the everyday types of a big network. */
const TYPE_WEIGHTS: Record<RelationType, number> = {
  MEMBERSHIP: 9,
  CONTRIBUTES_TO: 10,
  PART_OF: 6,
  DEVELOPS: 5,
  ARCHIPELAGO: 6,
  SPEAKS_AT: 8,
  INTERVIEWS: 6,
  AUTHORED: 5,
  ORGANISES: 5,
  HOSTING: 7,
  WORKS_FOR: 7,
  FUNDING: 4,
  PUBLISHES: 3,
  COLLABORATION: 4,
  USES: 5,
  CONTRACTS_FOR: 2,
  SIGNS: 3,
  RHIZOME: 1,
  FRIENDSHIP_CONVENTION: 1,
  SUPPORT_CONVENTION: 1,
};

const VERBS: Record<RelationType, string> = {
  RHIZOME: 'a co-créé',
  ARCHIPELAGO: 'accompagne',
  FRIENDSHIP_CONVENTION: "a signé une convention d'amitié avec",
  SUPPORT_CONVENTION: 'soutient',
  HOSTING: 'héberge un service pour',
  FUNDING: 'a financé',
  MEMBERSHIP: 'est membre de',
  COLLABORATION: 'a collaboré avec',
  WORKS_FOR: 'travaille pour',
  CONTRACTS_FOR: 'est prestataire de',
  DEVELOPS: 'développe',
  CONTRIBUTES_TO: 'contribue à',
  AUTHORED: 'est l’auteur·ice de',
  PUBLISHES: 'publie',
  PART_OF: 'fait partie de',
  ORGANISES: 'organise',
  SPEAKS_AT: 'intervient à',
  INTERVIEWS: 'a interviewé',
  SIGNS: 'a signé',
  USES: 'utilise',
};

const RESOURCES = ['machine virtuelle', 'nom de domaine', 'compte de messagerie', 'serveur dédié', 'locaux'];

/**
 * Degree model: each end is, with probability ZIPF_MIX, drawn by Zipf rank within its kind
 * (rank = generation order, so the famous names come first) and otherwise uniformly. The
 * uniform part gives everybody a few relations; the Zipf part gives the heavy tail.
 */
const ZIPF_MIX = 0.6;
const ZIPF_EXPONENT = 1.0;
const ZIPF_OFFSET = 20;

export function generateSynthetic(input: SyntheticOptions): SyntheticDataset {
  const options = { hubShare: 0.01, ...input };
  if (options.entities < 1_000) throw new Error('a synthetic dataset needs at least 1,000 entities');
  const built = buildEntities(options);
  const degree = new Int32Array(built.entities.length);
  let streamed = 0;
  let peertubeHostedByFramasoft = 0;

  return {
    options,
    entities: built.entities,
    *relations() {
      // An independent stream: the relations do not shift when an entity template changes.
      const rng = new Rng(options.seed ^ 0x5bd1e995);
      const pickers = new EndPicker(rng, built.byKind);
      const softwareRank = new ZipfSampler(built.software.length, 1.2, 1.5);
      const kindCounts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, built.byKind[k].length])) as Record<
        EntityKind,
        number
      >;
      degree.fill(0);
      streamed = 0;
      peertubeHostedByFramasoft = 0;
      for (let i = 0; i < options.relations; i++) {
        const type = rng.weighted(TYPE_WEIGHTS);
        const spec = RELATION_TYPES[type];
        const fromKind = weightedKind(rng, spec.from, kindCounts);
        const toKind = weightedKind(rng, spec.to, kindCounts);
        const hub = rng.chance(options.hubShare);
        // Framasoft is the organisation at index 0; global index = kind offset + index in kind.
        const from = built.offsets[fromKind] + (hub && fromKind === 'ORGANISATION' ? 0 : pickers.pick(fromKind));
        const toHub = hub && fromKind !== 'ORGANISATION' && toKind === 'ORGANISATION';
        let to = built.offsets[toKind] + (toHub ? 0 : pickers.pick(toKind));
        for (let retry = 0; from === to && retry < 10; retry++) to = built.offsets[toKind] + pickers.pick(toKind);
        if (from === to) continue;
        const relation = relationOf(rng, i, type, built.entities[from]!, built.entities[to]!, () =>
          built.software.length ? built.software[softwareRank.sample(rng)]! : null,
        );
        degree[from]!++;
        degree[to]!++;
        streamed++;
        if (type === 'HOSTING' && from === 0 && relation.software === 'peertube') peertubeHostedByFramasoft++;
        yield relation;
      }
    },
    stats() {
      const sorted = Int32Array.from(degree).sort();
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      let max = 0;
      for (let i = 1; i < degree.length; i++) if (degree[i]! > degree[max]!) max = i;
      return {
        entities: built.entities.length,
        relations: streamed,
        maxDegree: { slug: built.entities[max]!.slug, degree: degree[max]! },
        framasoftDegree: degree[0]!,
        peertubeHostedByFramasoft,
        percentiles: { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) },
        isolated: sorted.findIndex((d) => d > 0),
      };
    },
  };
}

/** Picks an entity of a kind: Zipf rank or uniform (see ZIPF_MIX). Returns the index within the kind. */
class EndPicker {
  private readonly zipf: Record<EntityKind, ZipfSampler>;

  constructor(
    private readonly rng: Rng,
    private readonly byKind: Record<EntityKind, Entity[]>,
  ) {
    this.zipf = Object.fromEntries(
      ENTITY_KINDS.map((k) => [k, new ZipfSampler(Math.max(1, byKind[k].length), ZIPF_EXPONENT, ZIPF_OFFSET)]),
    ) as Record<EntityKind, ZipfSampler>;
  }

  pick(kind: EntityKind): number {
    return this.rng.chance(ZIPF_MIX) ? this.zipf[kind].sample(this.rng) : this.rng.int(this.byKind[kind].length);
  }
}

/** One of the kinds a relation type allows at an end, in proportion to how many entities each has. */
function weightedKind(rng: Rng, allowed: readonly EntityKind[], counts: Record<EntityKind, number>): EntityKind {
  return rng.weighted(Object.fromEntries(allowed.map((k) => [k, counts[k]])) as Record<EntityKind, number>);
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
      section: rng.pick(SOURCE_SECTIONS),
      quote: sourceQuote(rng, from.name, to.name, VERBS[type]),
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
    relation.role = rng.pick(ROLES);
  }
  if ((type === 'COLLABORATION' || type === 'INTERVIEWS') && rng.chance(0.8)) {
    relation.description = `${type === 'INTERVIEWS' ? 'Entretien' : 'Projet commun'} : ${to.name}`;
  }
  if (type === 'FUNDING' && rng.chance(0.5)) {
    relation.amount = rng.between(1, 500) * 100;
    relation.currency = rng.chance(0.9) ? 'EUR' : rng.pick(['USD', 'CAD'] as const);
  }
  return relation;
}

function partialDate(rng: Rng, year: number): string {
  const precision = rng.float();
  if (precision < 0.5) return String(year);
  const month = String(rng.between(1, 12)).padStart(2, '0');
  if (precision < 0.8) return `${year}-${month}`;
  return `${year}-${month}-${String(rng.between(1, 28)).padStart(2, '0')}`;
}

interface BuiltEntities {
  entities: Entity[];
  byKind: Record<EntityKind, Entity[]>;
  /** Index of each kind's first entity in `entities`. */
  offsets: Record<EntityKind, number>;
  software: string[];
}

function buildEntities(options: Required<SyntheticOptions>): BuiltEntities {
  const rng = new Rng(options.seed);
  const slugs = new UniqueSlugs();
  const counts = kindCounts(options.entities);
  const byKind = {} as Record<EntityKind, Entity[]>;

  const orgs: Entity[] = [
    {
      kind: 'ORGANISATION',
      slug: slugs.take('framasoft'),
      name: 'Framasoft',
      aliases: ['Frama'],
      category: 'association',
      location: 'Lyon',
      summary: "Association d'éducation populaire aux enjeux du numérique et des communs culturels.",
    },
  ];
  for (const name of REAL_ORGANISATIONS) {
    orgs.push({ kind: 'ORGANISATION', slug: slugs.take(slugify(name)), name, aliases: [], category: 'association' });
  }
  while (orgs.length < counts.ORGANISATION) {
    const category = rng.weighted(ORGANISATION_WEIGHTS);
    const location = rng.pick(PLACES);
    const named = organisationName(rng, category, location);
    orgs.push({ kind: 'ORGANISATION', slug: slugs.take(slugify(named.name)), ...named, category, location });
  }
  byKind.ORGANISATION = orgs.slice(0, counts.ORGANISATION);

  const projects: Entity[] = REAL_SOFTWARE.map((name) => ({
    kind: 'PROJECT' as const,
    slug: slugs.take(slugify(name)),
    name,
    aliases: [],
    category: 'software' as const,
    summary: `Logiciel libre ${name}.`,
  }));
  while (projects.length < counts.PROJECT) {
    const category = rng.weighted(PROJECT_WEIGHTS);
    const named = projectName(rng, category, REAL_SOFTWARE);
    projects.push({ kind: 'PROJECT', slug: slugs.take(slugify(named.name)), ...named, category });
  }
  byKind.PROJECT = projects.slice(0, counts.PROJECT);

  byKind.PERSON = Array.from({ length: counts.PERSON }, () => {
    const named = personName(rng);
    return { kind: 'PERSON' as const, slug: slugs.take(slugify(named.name)), ...named };
  });

  byKind.EVENT = Array.from({ length: counts.EVENT }, () => {
    const year = rng.between(2010, 2021);
    const date = `${year}-${String(rng.between(1, 12)).padStart(2, '0')}-${String(rng.between(1, 28)).padStart(2, '0')}`;
    const place = rng.pick(PLACES);
    const format = rng.pick(EVENT_FORMATS);
    const named = eventName(rng, format, place, year);
    return { kind: 'EVENT' as const, slug: slugs.take(slugify(named.name)), ...named, date, place, format };
  });

  const entities: Entity[] = [];
  const offsets = {} as Record<EntityKind, number>;
  for (const kind of ENTITY_KINDS) {
    offsets[kind] = entities.length;
    entities.push(...byKind[kind]);
  }
  const software = byKind.PROJECT.filter((p) => 'category' in p && p.category === 'software').map((p) => p.slug);
  return { entities, byKind, offsets, software };
}

function kindCounts(total: number): Record<EntityKind, number> {
  const counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, Math.floor(total * KIND_SHARES[k])])) as Record<
    EntityKind,
    number
  >;
  counts.PERSON += total - ENTITY_KINDS.reduce((sum, k) => sum + counts[k], 0);
  return counts;
}

/** Slugs are unique across kinds: a taken slug gets the next free numeric suffix. */
class UniqueSlugs {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  take(base: string): string {
    const root = base || 'entite';
    let slug = root;
    let n = this.next.get(root) ?? 2;
    while (this.taken.has(slug)) slug = `${root}-${n++}`;
    this.next.set(root, n);
    this.taken.add(slug);
    return slug;
  }
}
