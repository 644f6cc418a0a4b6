/**
 * The Date scalar and the enums, all derived from the vocabulary.
 */
import { GraphQLError } from 'graphql';
import { isPartialDate } from '../../api/model/seed-format.js';
import { ENTITY_KINDS, RELATION_TYPE_NAMES, RELATION_TYPES } from '../../api/model/vocabulary.js';
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

export const EntityKindEnum = builder.enumType('EntityKind', {
  values: ENTITY_KINDS,
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which relations of an entity to follow: those it starts, those it receives, or both.',
  values: ['OUTGOING', 'INCOMING', 'BOTH'] as const,
});

export const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'Kinds of relations, from the dataset vocabulary (api/model/vocabulary.ts).',
  values: Object.fromEntries(
    RELATION_TYPE_NAMES.map((name) => [name, { value: name, description: RELATION_TYPES[name].description }]),
  ) as { [K in (typeof RELATION_TYPE_NAMES)[number]]: { value: K; description: string } },
});
