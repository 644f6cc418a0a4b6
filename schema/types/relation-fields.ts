/**
 * The relation field table (`model/relation-fields.ts`) on the GraphQL side: the `Relation` fields
 * that show it, the inputs of createRelation and updateRelation that set it, the `Source` type
 * and the `MoneyPeriod` enum. Each field's GraphQL type and description come from its row.
 */
import type { FieldRef, InputFieldRef } from '@pothos/core';
import type { PartialRelation, RelationModel } from '../../model/models.js';
import {
  MONEY_PERIOD_MEANINGS,
  MONEY_PERIODS,
  type MoneyPeriod,
  RELATION_FIELD_NAMES,
  RELATION_FIELDS,
  type RelationFieldName,
} from '../../model/relation-fields.js';
import { MAX_QUOTE_LENGTH, type Source } from '../../model/seed-values.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { relationField } from '../whole-relation.js';
import { ProjectRef } from './refs.js';
import { DateScalar } from './scalars-and-enums.js';

type Types = SchemaTypesOf<typeof builder>;
type SchemaTypesOf<B> = B extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type Relation = RelationModel | PartialRelation;

/** What each field of the table means, by name (the Relation type's descriptions). */
export const RELATION_FIELD_DESCRIPTIONS = Object.fromEntries(
  RELATION_FIELD_NAMES.map((name) => [name, RELATION_FIELDS[name].description]),
) as Record<RelationFieldName, string>;

/** What a source's fields mean, on `Source` and on the `SourceInput` of the mutations. */
export const SOURCE_FIELDS = {
  section: 'Heading of the report section (for another document: the part of it quoted).',
  quote: `Verbatim quote (at most ${MAX_QUOTE_LENGTH} characters).`,
  url: 'Another document than the report: its address; null for the report. Given together with `title`.',
  title: 'Another document than the report: its title; null for the report. Given together with `url`.',
};

export const SourceRef = builder.objectRef<Source>('Source').implement({
  description:
    'Where a relation comes from: a section of the 2020 activity report and a verbatim quote, or, with `url` and ' +
    '`title`, a quote from another document.',
  fields: (t) => ({
    section: t.exposeString('section', { description: SOURCE_FIELDS.section }),
    quote: t.exposeString('quote', { description: SOURCE_FIELDS.quote }),
    url: t.string({ nullable: true, description: SOURCE_FIELDS.url, resolve: (s) => s.url ?? null }),
    title: t.string({ nullable: true, description: SOURCE_FIELDS.title, resolve: (s) => s.title ?? null }),
  }),
});

/** `per-year` → `PER_YEAR`: GraphQL enum values are names, the seed values are words. */
const enumName = (period: MoneyPeriod) => period.toUpperCase().replace(/-/g, '_');

export const MoneyPeriodEnum = builder.enumType('MoneyPeriod', {
  description: 'What an amount counts: a payment made once, a yearly payment, or the total over the relation.',
  values: Object.fromEntries(
    MONEY_PERIODS.map((period) => [enumName(period), { value: period, description: MONEY_PERIOD_MEANINGS[period] }]),
  ) as Record<string, { value: MoneyPeriod; description: string }>,
});

type Resolved<T> = T | null | Promise<T | null>;
/** A field's value from what a list read of the relation, or from the whole relation. */
const read =
  <T>(name: RelationFieldName) =>
  (r: Relation, _args: object, ctx: Context) =>
    relationField(r, name, ctx) as Resolved<T>;

/**
 * The fields of `Relation` that show the table, in its order. A partial relation (what a list
 * read) resolves each from what was read or, failing that, from the whole relation.
 */
export function relationTableFields(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Relation>) {
  const fields = {} as Record<RelationFieldName, FieldRef<Types, unknown, 'Object'>>;
  for (const name of RELATION_FIELD_NAMES) {
    const spec = RELATION_FIELDS[name];
    const options = { nullable: true, description: spec.description } as const;
    switch (spec.graphql) {
      case 'String':
        fields[name] = t.string({ ...options, resolve: read<string>(name) });
        break;
      case 'Float':
        fields[name] = t.float({ ...options, resolve: read<number>(name) });
        break;
      case 'Date':
        fields[name] = t.field({ ...options, type: DateScalar, resolve: read<string>(name) });
        break;
      case 'MoneyPeriod':
        fields[name] = t.field({ ...options, type: MoneyPeriodEnum, resolve: read<MoneyPeriod>(name) });
        break;
      case 'Project':
        // The field holds a project's slug; the schema shows the project.
        fields[name] = t.field({
          ...options,
          type: ProjectRef,
          resolve: async (r, _args, ctx) => {
            const slug = await read<string>(name)(r, _args, ctx);
            return slug ? ctx.loaders.entity.load(slug) : null;
          },
        });
        break;
      case 'Sources':
        fields[name] = t.field({
          type: [SourceRef],
          description: spec.description,
          // A list fetched without sources (its client did not ask) reads them now, batched.
          resolve: async (r, _args, ctx) =>
            r.sources ?? (await ctx.loaders.relation.load({ type: r.type, id: r.id }))?.sources ?? [],
        });
        break;
      default:
        spec satisfies never;
    }
  }
  return fields;
}

/** The input fields that set the table, but the sources (whose input type and requiredness depend on the mutation). */
export type RelationInputFieldName = Exclude<RelationFieldName, 'sources'>;

/**
 * The optional inputs of createRelation and updateRelation that set the table's fields, in its
 * order. Values are checked by the seed format's zod schema, as a seed entry's would be.
 */
export function relationInputFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  const fields = {} as Record<RelationInputFieldName, InputFieldRef<Types, unknown>>;
  for (const name of RELATION_FIELD_NAMES) {
    const spec: (typeof RELATION_FIELDS)[RelationFieldName] = RELATION_FIELDS[name];
    if (name === 'sources') continue;
    const description = 'inputDescription' in spec ? spec.inputDescription : spec.description;
    switch (spec.graphql) {
      case 'String':
      case 'Project':
        fields[name] = t.string({ description });
        break;
      case 'Float':
        fields[name] = t.float({ description });
        break;
      case 'Date':
        fields[name] = t.field({ type: DateScalar, description });
        break;
      case 'MoneyPeriod':
        fields[name] = t.field({ type: MoneyPeriodEnum, description });
        break;
      case 'Sources':
        break;
      default:
        spec satisfies never;
    }
  }
  return fields;
}
