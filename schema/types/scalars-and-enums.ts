/**
 * The Date scalar and the enums, all derived from the vocabulary.
 */
import { GraphQLError } from 'graphql';
import { DEFAULT_RELATION_ORDER, type RelationOrder, type RelationOrderField } from '../../api/db/cypher-fragments.js';
import { isPartialDate } from '../../model/seed-format.js';
import { type EntityKind, RELATION_TYPE_NAMES, RELATION_TYPES } from '../../model/vocabulary.js';
import { builder } from '../builder.js';

export const DateScalar = builder.scalarType('Date', {
  description: 'ISO 8601 date, partial allowed: "2014", "2019-12", "2020-10-27".',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value === 'string' && isPartialDate(value)) return value;
    throw new GraphQLError(`Date expects YYYY, YYYY-MM or YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'INVALID_ARGUMENT' },
    });
  },
});

/** What each kind is: the description of its enum value and of its GraphQL type. */
export const ENTITY_KIND_DESCRIPTIONS = {
  ORGANISATION: 'An association, collective, company, foundation, public body, university, media…',
  PROJECT: 'A software, online service, book, guide, course, campaign…',
  PERSON: 'A person named in the report (staff, volunteer, contractor, author, speaker…).',
  EVENT: 'A public intervention or gathering.',
} as const satisfies Record<EntityKind, string>;

export const EntityKindEnum = builder.enumType('EntityKind', {
  description:
    'What an entity is: an organisation, a project (software, service, book, campaign…), a person or an event. ' +
    'Each kind is a type implementing `Entity` (ORGANISATION: `Organisation`, …).',
  values: Object.fromEntries(
    Object.entries(ENTITY_KIND_DESCRIPTIONS).map(([kind, description]) => [kind, { value: kind, description }]),
  ) as { [K in EntityKind]: { value: K; description: string } },
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which relations of an entity to follow: those it starts, those it receives, or both.',
  values: {
    OUTGOING: { description: 'Relations whose `from` is the entity (e.g. the FUNDING it gives).' },
    INCOMING: { description: 'Relations whose `to` is the entity (e.g. the FUNDING it receives).' },
    BOTH: { description: 'Relations in either direction.' },
  },
});

export const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'Kinds of relations, from the dataset vocabulary (model/vocabulary.ts).',
  values: Object.fromEntries(
    RELATION_TYPE_NAMES.map((name) => [name, { value: name, description: RELATION_TYPES[name].description }]),
  ) as { [K in (typeof RELATION_TYPE_NAMES)[number]]: { value: K; description: string } },
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'The direction of a sort.',
  values: {
    ASC: { description: 'Ascending: A→Z, oldest, smallest first.' },
    DESC: { description: 'Descending: Z→A, newest, largest first.' },
  },
});

export const RelationOrderFieldEnum = builder.enumType('RelationOrderField', {
  description: 'What a relation list is sorted by; relations without the value come last either way.',
  values: {
    TYPE: { description: 'Relation type, then start date (the default).' },
    SINCE: { description: 'Start date.' },
    UNTIL: { description: 'End date.' },
    AMOUNT: { description: 'FUNDING: amount (in its own currency).' },
    NAME: { description: "The other end's name (an entity's relations), or the ends' names (all relations)." },
  } satisfies Record<RelationOrderField, { description: string }>,
});

export const RelationOrderInput = builder.inputType('RelationOrder', {
  description: 'How to sort a relation list, e.g. `{ field: AMOUNT, direction: DESC }`.',
  fields: (t) => ({
    field: t.field({ type: RelationOrderFieldEnum, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC', description: 'Which way.' }),
  }),
});

/** The data layer's order from the `orderBy` argument (the default when absent). */
export function relationOrderOf(
  orderBy: { field: RelationOrderField; direction?: 'ASC' | 'DESC' | null } | null | undefined,
): RelationOrder {
  return orderBy ? { field: orderBy.field, descending: orderBy.direction === 'DESC' } : DEFAULT_RELATION_ORDER;
}
