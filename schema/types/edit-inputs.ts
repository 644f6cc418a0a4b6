/**
 * The input fields the staff mutations share (`mutations.ts`): an entity's and a relation's
 * settable fields, their sources, and the version an edit is based on. Each takes the input's `t`
 * and returns fields to spread, described as on the types they set. Then two readers of the
 * values a mutation receives.
 */

import { arg, SlugArg } from '../args.js';
import { builder } from '../builder.js';
import { ENTITY_FIELDS } from './entity.js';
import { EXPECTED_VERSION_DESCRIPTION, INTERNAL_NOTES_DESCRIPTION } from './history.js';
import { RELATION_FIELDS, SOURCE_FIELDS } from './relation.js';
import { relationInputFields } from './relation-fields.js';
import { DateScalar } from './scalars-and-enums.js';
import type { InputFieldBuilder } from './staff-mutation.js';

const SourceInput = builder.inputType('SourceInput', {
  description:
    'A source of a relation, as in `Source`. Without `url`, a section of the 2020 activity report and a quote that ' +
    'must be verbatim in that section (INVALID_ARGUMENT naming `sources[i].quote` otherwise; `checkQuote` tells ' +
    'beforehand). With `url` and `title`, another document, whose quote is taken as given.',
  fields: (t) => ({
    section: t.string({ required: true, description: SOURCE_FIELDS.section }),
    quote: t.string({ required: true, description: SOURCE_FIELDS.quote }),
    url: t.string({ description: SOURCE_FIELDS.url }),
    title: t.string({ description: SOURCE_FIELDS.title }),
  }),
});

/** The entity fields that createEntity and updateEntity set, with the kinds that have them. */
export const ENTITY_INPUT = {
  ...ENTITY_FIELDS,
  category:
    'ORGANISATION and PROJECT only: a category of the vocabulary (see `Organisation.category`, `Project.category`).',
  location: `ORGANISATION only. ${ENTITY_FIELDS.location}`,
  date: `EVENT only, and required there. ${ENTITY_FIELDS.date}`,
  place: `EVENT only. ${ENTITY_FIELDS.place}`,
  format: `EVENT only. ${ENTITY_FIELDS.format}`,
};

/** The entity fields that are optional both when creating and when changing an entity. */
export function optionalEntityFields(t: InputFieldBuilder) {
  return {
    aliases: t.stringList({ description: ENTITY_INPUT.aliases }),
    summary: t.string({ description: ENTITY_INPUT.summary }),
    url: t.string({ description: ENTITY_INPUT.url }),
    category: t.string({ description: ENTITY_INPUT.category }),
    location: t.string({ description: ENTITY_INPUT.location }),
    date: t.field({ type: DateScalar, description: ENTITY_INPUT.date }),
    place: t.string({ description: ENTITY_INPUT.place }),
    format: t.string({ description: ENTITY_INPUT.format }),
    internalNotes: t.string({ description: INTERNAL_NOTES_DESCRIPTION }),
  };
}

/**
 * The relation fields that are optional both when creating and when changing a relation; its
 * sources are required when creating (`sourcesRequired`), optional when changing.
 */
export function optionalRelationFields<Req extends boolean>(t: InputFieldBuilder, sourcesRequired: Req) {
  return {
    ...relationInputFields(t),
    sources: t.field({ type: [SourceInput], required: sourcesRequired, description: RELATION_FIELDS.sources }),
    internalNotes: t.string({ description: INTERNAL_NOTES_DESCRIPTION }),
  };
}

/** The `expectedVersion` of an update or deletion: the version it is based on. */
export const expectedVersion = (t: InputFieldBuilder) =>
  t.int({ required: true, description: EXPECTED_VERSION_DESCRIPTION });

/** For a creation: fields left out or null are simply absent. */
export const present = (input: object) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));

/** The input with each source's fields left out or null removed (a report source has no url nor title). */
export function withSources<T extends { sources?: unknown }>(input: T): T {
  if (!Array.isArray(input.sources)) return input;
  return { ...input, sources: input.sources.map((source: object) => present(source)) };
}

/** The input with the named fields checked as slugs, in that order (INVALID_ARGUMENT names `input.<field>`). */
export function checkedSlugs<T extends Record<K, string>, K extends string>(input: T, ...fields: K[]): T {
  const checked = { ...input };
  for (const field of fields) checked[field] = arg(`input.${field}`, SlugArg, input[field])! as T[K];
  return checked;
}
