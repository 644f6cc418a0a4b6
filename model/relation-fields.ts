/**
 * The one table of a relation's own fields (everything but its id, type and ends). Each row says
 * what the field holds (its zod schema), how Neo4j keeps it, which GraphQL type shows it and what
 * it means. The seed format (`seed-format.ts`), the backing model (`models.ts`), the Neo4j
 * properties and readers (`api/db/records/`), the seed form written back by export, and the
 * Relation type and mutation inputs of the schema (`schema/types/relation-fields.ts`) are all
 * derived from it: a field added here is stored, read, exported and served everywhere.
 */
import { z } from 'zod';
import { NonEmpty, PartialDate, Slug, Source } from './seed-values.js';
import { CURRENCIES } from './vocabulary.js';

/** What an amount counts: paid once, each year, or the sum over the whole relation. */
export const MONEY_PERIODS = ['one-off', 'per-year', 'total'] as const;
export type MoneyPeriod = (typeof MONEY_PERIODS)[number];

/** What each period means, for the API docs. */
export const MONEY_PERIOD_MEANINGS: Record<MoneyPeriod, string> = {
  'one-off': 'Paid once, e.g. a donation, a prize or a grant for one piece of work.',
  'per-year': 'Paid every year, e.g. an annual subsidy or membership fee.',
  total: 'The sum over the whole relation (several years or payments), as the report totals it.',
};

export const MAX_NOTE_LENGTH = 1000;

/**
 * How Neo4j keeps a field: as text, as a number, as a partial date (with its integer year beside
 * it, for the time filters), or, for sources, as two parallel lists (properties cannot hold maps).
 */
export type FieldStorage = 'text' | 'number' | 'date' | 'sources';

/** The GraphQL type that shows a field; the schema maps each to its Pothos type. */
export type FieldGraphQLType = 'String' | 'Float' | 'Date' | 'MoneyPeriod' | 'Project' | 'Sources';

export interface RelationFieldSpec {
  /** The field's value in the seed format (without optionality: see `required`). */
  schema: z.ZodType;
  storage: FieldStorage;
  graphql: FieldGraphQLType;
  /** What the field means, on the Relation type and, unless `inputDescription` says otherwise, on the inputs. */
  description: string;
  /** The description on the mutation inputs, where what one gives differs from what one reads. */
  inputDescription?: string;
  /** Every relation has it (the seed format refuses an entry without it); the others are optional. */
  required?: true;
}

/** A relation's own fields, in the order the seed form writes them. */
export const RELATION_FIELDS = {
  role: {
    schema: NonEmpty,
    storage: 'text',
    graphql: 'String',
    description:
      'The part `from` plays, as the report words it, e.g. "bénévole", "stagiaire", "association fondatrice" ' +
      '(mostly MEMBERSHIP, WORKS_FOR, CONTRIBUTES_TO, SPEAKS_AT).',
  },
  software: {
    schema: Slug,
    storage: 'text',
    graphql: 'Project',
    description: 'HOSTING: the hosted software.',
    inputDescription: 'HOSTING: slug of the hosted software project, e.g. "peertube".',
  },
  resource: {
    schema: NonEmpty,
    storage: 'text',
    graphql: 'String',
    description: 'HOSTING: a hosted resource other than software, e.g. "nom de domaine et machine virtuelle".',
  },
  since: {
    schema: PartialDate,
    storage: 'date',
    graphql: 'Date',
    description: 'When it began (for a one-off such as INTERVIEWS, when it happened), e.g. "2019-12".',
  },
  until: {
    schema: PartialDate,
    storage: 'date',
    graphql: 'Date',
    description: 'When it ended, e.g. "2020-07"; absent while it goes on or when the report does not say.',
  },
  amount: {
    schema: z.number().nonnegative(),
    storage: 'number',
    graphql: 'Float',
    description: 'An amount of money in `currency`, e.g. 20000: mostly FUNDING, when the report gives it.',
  },
  currency: {
    schema: z.enum(CURRENCIES),
    storage: 'text',
    graphql: 'String',
    description: `The currency of \`amount\`, given with it: ${CURRENCIES.join(', ')}.`,
  },
  period: {
    schema: z.enum(MONEY_PERIODS),
    storage: 'text',
    graphql: 'MoneyPeriod',
    description: 'What `amount` counts: paid once, per year, or the total over the relation, given with it.',
  },
  description: {
    schema: NonEmpty,
    storage: 'text',
    graphql: 'String',
    description:
      'Free text on what the relation is about, in French as in the report; RelationType says what some types put ' +
      'here (e.g. INTERVIEWS: the title of the piece).',
  },
  note: {
    schema: NonEmpty.max(MAX_NOTE_LENGTH, `a note is at most ${MAX_NOTE_LENGTH} characters`),
    storage: 'text',
    graphql: 'String',
    description:
      'An editorial note on how this relation was read from the report, e.g. that the report gives two different ' +
      `amounts (at most ${MAX_NOTE_LENGTH} characters).`,
  },
  sources: {
    schema: z.array(Source).min(1, 'every relation needs at least one source from the report'),
    storage: 'sources',
    graphql: 'Sources',
    description: 'Where the report says so: at least one section and quote.',
    required: true,
  },
} as const satisfies Record<string, RelationFieldSpec>;

type Fields = typeof RELATION_FIELDS;
export type RelationFieldName = keyof Fields;
export const RELATION_FIELD_NAMES = Object.keys(RELATION_FIELDS) as RelationFieldName[];

/** Each field's value as the backing model holds it: null when the relation does not have it. */
export type RelationFieldValues = { -readonly [K in RelationFieldName]: z.infer<Fields[K]['schema']> | null };

/** The fields as zod shape entries of the seed format: required ones as they are, the others optional. */
type SeedShape = {
  [K in RelationFieldName]: Fields[K] extends { required: true }
    ? Fields[K]['schema']
    : z.ZodOptional<Fields[K]['schema']>;
};
export const RELATION_FIELD_SHAPE = Object.fromEntries(
  RELATION_FIELD_NAMES.map((name) => {
    const spec: RelationFieldSpec = RELATION_FIELDS[name];
    return [name, spec.required ? spec.schema : spec.schema.optional()];
  }),
) as SeedShape;

/** The fields stored as single properties of the same name (all but the sources). */
export const RELATION_PROPERTY_FIELDS = RELATION_FIELD_NAMES.filter(
  (name): name is Exclude<RelationFieldName, 'sources'> => RELATION_FIELDS[name].storage !== 'sources',
);

/** The model values of a relation's fields as the seed format gives them (absent → null). */
export function relationFieldValues(relation: { [K in RelationFieldName]?: unknown }): RelationFieldValues {
  const values: Record<string, unknown> = {};
  for (const name of RELATION_FIELD_NAMES) values[name] = relation[name] ?? null;
  return values as RelationFieldValues;
}
