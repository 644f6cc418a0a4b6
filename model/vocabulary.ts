/**
 * The single definition of Archipel's vocabulary: entity kinds, categories and relation types.
 *
 * The seed format (zod), the TypeScript types, the Neo4j labels and the GraphQL enums are all
 * derived from these constants; add a value here and every layer picks it up.
 */

export const ENTITY_KINDS = ['ORGANISATION', 'PROJECT', 'PERSON', 'EVENT'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/**
 * Name of each kind: its Neo4j label (every entity also carries the `Entity` label) and its GraphQL
 * object type.
 */
export const KIND_LABELS: Record<EntityKind, string> = {
  ORGANISATION: 'Organisation',
  PROJECT: 'Project',
  PERSON: 'Person',
  EVENT: 'Event',
};

export const ORGANISATION_CATEGORIES = [
  'association',
  'collective',
  'company',
  'cooperative',
  'foundation',
  'public-body',
  'university',
  'research-institute',
  'school',
  'media',
  'political-party',
  'network',
  'informal-group',
] as const;
export type OrganisationCategory = (typeof ORGANISATION_CATEGORIES)[number];

export const PROJECT_CATEGORIES = [
  'software',
  'online-service',
  'book',
  'guide',
  'course',
  'research-project',
  'campaign',
  'event-series',
  'website',
  'newsletter',
  'directory',
  'open-letter',
  'video',
  'podcast',
  'programme',
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

interface RelationTypeSpec {
  /** What the relation means, read as "from … to". Shown in the API docs and the map legend. */
  description: string;
  /** Kinds allowed at each end; the seed validator enforces them. */
  from: readonly EntityKind[];
  to: readonly EntityKind[];
  /** Legend labels of the map (the interface is bilingual; the data stays in French). */
  label: { en: string; fr: string };
}

const ANY: readonly EntityKind[] = ENTITY_KINDS;
const ACTORS: readonly EntityKind[] = ['ORGANISATION', 'PERSON'];

/**
 * Relation types. The first eight are the report's own categories of network action; the rest
 * describe people, events and projects. Every relation is directed `from` → `to`.
 */
export const RELATION_TYPES = {
  RHIZOME: {
    description:
      'Framasoft created or co-steers the target ("processus rhizomiques": CHATONS, LA Coalition, Bénévalibre, …).',
    from: ACTORS,
    to: ['ORGANISATION', 'PROJECT'],
    label: { en: 'Rhizome (co-created)', fr: 'Rhizome (co-créé)' },
  },
  ARCHIPELAGO: {
    description:
      'Accompaniment of, or partnership with, an existing entity ("archipélisation", "accompagnements", "partenariats").',
    from: ACTORS,
    to: ANY,
    label: { en: 'Archipelago (partnership)', fr: 'Archipel (partenariat)' },
  },
  FRIENDSHIP_CONVENTION: {
    description: 'A signed "convention d\'amitié" between the two organisations.',
    from: ['ORGANISATION'],
    to: ['ORGANISATION'],
    label: { en: 'Friendship convention', fr: "Convention d'amitié" },
  },
  SUPPORT_CONVENTION: {
    description: 'A signed "convention d\'accompagnement": the source supports the target.',
    from: ['ORGANISATION'],
    to: ['ORGANISATION', 'PROJECT'],
    label: { en: 'Support convention', fr: "Convention d'accompagnement" },
  },
  HOSTING: {
    description:
      'The source hosts a service for the target: a `software` instance (PeerTube, Etherpad, …) or a `resource` (virtual machine, domain names, account).',
    from: ACTORS,
    to: ANY,
    label: { en: 'Hosting', fr: 'Hébergement' },
  },
  FUNDING: {
    description:
      'The source funds the target: grant, donation, paid service or crowdfunding (`amount` + `currency` when the report gives them).',
    from: ACTORS,
    to: ANY,
    label: { en: 'Funding', fr: 'Financement' },
  },
  MEMBERSHIP: {
    description: 'The source is a member of the target collective, coalition or association.',
    from: ACTORS,
    to: ['ORGANISATION', 'PROJECT'],
    label: { en: 'Membership', fr: 'Adhésion' },
  },
  COLLABORATION: {
    description: 'Source and target made something together (`description` says what).',
    from: ACTORS,
    to: ANY,
    label: { en: 'Collaboration', fr: 'Collaboration' },
  },
  WORKS_FOR: {
    description: 'A person works for an organisation as staff, intern or contractor (`role`).',
    from: ['PERSON'],
    to: ['ORGANISATION'],
    label: { en: 'Works for', fr: 'Travaille pour' },
  },
  CONTRACTS_FOR: {
    description: 'The source provides paid services to the target (a "prestataire").',
    from: ACTORS,
    to: ['ORGANISATION', 'PROJECT'],
    label: { en: 'Contractor', fr: 'Prestataire' },
  },
  DEVELOPS: {
    description: 'The source develops or maintains the target project.',
    from: ACTORS,
    to: ['PROJECT'],
    label: { en: 'Develops', fr: 'Développe' },
  },
  CONTRIBUTES_TO: {
    description: 'The source contributes to the target (translation, design, content, code, …).',
    from: ACTORS,
    to: ['PROJECT', 'ORGANISATION', 'EVENT'],
    label: { en: 'Contributes to', fr: 'Contribue à' },
  },
  AUTHORED: {
    description: 'The source wrote or created the target work (book, article, video, …).',
    from: ACTORS,
    to: ['PROJECT'],
    label: { en: 'Authored', fr: 'Auteur·ice de' },
  },
  PUBLISHES: {
    description: 'The source publishes or distributes the target work.',
    from: ['ORGANISATION', 'PROJECT'],
    to: ['PROJECT'],
    label: { en: 'Publishes', fr: 'Publie' },
  },
  PART_OF: {
    description: 'The source is part of the target (a service of a campaign, a sub-project).',
    from: ['PROJECT', 'EVENT', 'ORGANISATION'],
    to: ['PROJECT', 'EVENT', 'ORGANISATION'],
    label: { en: 'Part of', fr: 'Fait partie de' },
  },
  ORGANISES: {
    description: 'The source organises the target event, event series or campaign.',
    from: ACTORS,
    to: ['EVENT', 'PROJECT'],
    label: { en: 'Organises', fr: 'Organise' },
  },
  SPEAKS_AT: {
    description: 'The source speaks or takes part at the target event (`role`).',
    from: ACTORS,
    to: ['EVENT'],
    label: { en: 'Speaks at', fr: 'Intervient à' },
  },
  INTERVIEWS: {
    description: 'A media interviewed or covered the target (`since` = date, `description` = title of the piece).',
    from: ['ORGANISATION', 'PROJECT'],
    to: ACTORS,
    label: { en: 'Media coverage', fr: 'Couverture médiatique' },
  },
  SIGNS: {
    description: 'The source signed or co-signed the target open letter or public statement.',
    from: ACTORS,
    to: ['PROJECT'],
    label: { en: 'Signed', fr: 'Signataire' },
  },
  USES: {
    description: 'The source uses the target software or service.',
    from: ACTORS,
    to: ['PROJECT'],
    label: { en: 'Uses', fr: 'Utilise' },
  },
} as const satisfies Record<string, RelationTypeSpec>;

export type RelationType = keyof typeof RELATION_TYPES;
export const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as [RelationType, ...RelationType[]];

/** Currencies the report uses; amounts are plain numbers in that currency. */
export const CURRENCIES = ['EUR', 'USD', 'CAD'] as const;

/** Slugs: lowercase ASCII words joined by `-` (accents stripped), e.g. `wikimedia-france`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Turns a name into its slug: "Wikimédia France" → "wikimedia-france". */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
