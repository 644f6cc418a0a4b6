/**
 * The staff mutations, each declared with `staffMutation` (name, scope, input, run, payload; every
 * payload ends with the `changes` it recorded). Each is one Neo4j transaction of `api/db/edits/`.
 * Inputs are checked by the seed format's zod schemas: an INVALID_ARGUMENT names the input field.
 */

import { createEntity, deleteEntity, updateEntity } from '../../api/db/edits/entities.js';
import { mergeEntities } from '../../api/db/edits/merge.js';
import { createRelation, deleteRelation, updateRelation } from '../../api/db/edits/relations.js';
import { restoreEntity, restoreRelation } from '../../api/db/edits/restore.js';
import { citationCheck } from '../../api/seed/report.js';
import {
  checkedSlugs,
  ENTITY_INPUT,
  expectedVersion,
  optionalEntityFields,
  optionalRelationFields,
  present,
  withSources,
} from './edit-inputs.js';
import { EntityRef, RelationRef } from './refs.js';
import { RELATION_FIELDS } from './relation.js';
import { EntityKindEnum, RelationTypeEnum } from './scalars-and-enums.js';
import { staffMutation } from './staff-mutation.js';

// Entities

staffMutation('createEntity', 'editor', {
  does: 'creates an entity.',
  input: 'A new entity, in the seed format. Fields that its kind does not have are refused.',
  inputFields: (t) => ({
    kind: t.field({ type: EntityKindEnum, required: true, description: 'What the entity is; it never changes.' }),
    slug: t.string({ required: true, description: ENTITY_INPUT.slug }),
    name: t.string({ required: true, description: ENTITY_INPUT.name }),
    ...optionalEntityFields(t),
  }),
  run: (db, actor, input) => createEntity(db, actor, present(input)),
  payload: (t) => ({ entity: t.expose('result', { type: EntityRef, description: 'The new entity.' }) }),
});

staffMutation('updateEntity', 'editor', {
  does: 'changes an entity. CONFLICT when `expectedVersion` is not its current version.',
  input:
    'Fields to change: a field left out keeps its value, null clears it. The slug and kind do not change ' +
    '(merge or delete and create instead).',
  inputFields: (t) => ({
    slug: t.string({ required: true, description: 'Slug of the entity to change.' }),
    expectedVersion: expectedVersion(t),
    name: t.string({ description: ENTITY_INPUT.name }),
    ...optionalEntityFields(t),
  }),
  run: (db, actor, { slug, expectedVersion, ...patch }) =>
    updateEntity(db, actor, { ...checkedSlugs({ slug, expectedVersion }, 'slug'), patch }),
  payload: (t) => ({ entity: t.expose('result', { type: EntityRef, description: 'The entity after the change.' }) }),
});

staffMutation('deleteEntity', 'editor', {
  does:
    'deletes an entity and its relations, all recorded; `restoreEntity` brings them back. ' +
    'Refused while HOSTING relations name it as their software.',
  input: 'The entity to delete, and the version it is deleted at.',
  inputFields: (t) => ({
    slug: t.string({ required: true, description: 'Slug of the entity to delete.' }),
    expectedVersion: expectedVersion(t),
  }),
  run: (db, actor, input) => deleteEntity(db, actor, checkedSlugs(input, 'slug')),
  payload: (t) => ({
    slug: t.string({ description: 'Slug of the deleted entity.', resolve: (p) => p.result.slug }),
    deletedRelations: t.field({
      type: [RelationRef],
      description: 'The relations deleted with it, as they were.',
      resolve: (p) => p.result.relations,
    }),
  }),
});

staffMutation('mergeEntities', 'admin', {
  does:
    "merges `absorbed` into `survivor`. The absorbed entity's relations move to the survivor, its " +
    "name and aliases become the survivor's aliases, its summary, url and notes fill the survivor's empty ones. " +
    'Relations between the two are deleted. All recorded: `restoreEntity` can bring the absorbed entity back.',
  input: 'Two entities that turn out to be the same; both versions are checked.',
  inputFields: (t) => ({
    survivor: t.string({ required: true, description: 'Slug of the entity that remains.' }),
    absorbed: t.string({ required: true, description: 'Slug of the entity merged into it, then deleted.' }),
    survivorVersion: t.int({ required: true, description: 'The `version` of the survivor the merge is based on.' }),
    absorbedVersion: t.int({ required: true, description: 'The `version` of the absorbed entity.' }),
  }),
  run: (db, actor, input) => mergeEntities(db, actor, checkedSlugs(input, 'survivor', 'absorbed')),
  payload: (t) => ({ survivor: t.expose('result', { type: EntityRef, description: 'The survivor after the merge.' }) }),
});

staffMutation('restoreEntity', 'editor', {
  does:
    'brings back an entity that no longer exists (deleted, merged away or removed by a seed load) ' +
    'as its history last recorded it, with the relations deleted together with it whose ends still exist.',
  input: 'The entity to bring back.',
  inputFields: (t) => ({ slug: t.string({ required: true, description: 'The slug it had.' }) }),
  run: (db, actor, input) => restoreEntity(db, actor, checkedSlugs(input, 'slug')),
  payload: (t) => ({
    entity: t.field({ type: EntityRef, description: 'The entity as brought back.', resolve: (p) => p.result.entity }),
    restoredRelations: t.field({
      type: [RelationRef],
      description: 'The relations brought back with it.',
      resolve: (p) => p.result.relations,
    }),
  }),
});

// Relations

staffMutation('createRelation', 'editor', {
  does:
    'creates a relation. NOT_FOUND when an end does not exist, INVALID_ARGUMENT when its type ' +
    'does not allow an end of that kind, or when a report source does not quote its section verbatim ' +
    '(`extensions.field` is then `sources[i].quote` or `sources[i].section`).',
  input:
    'A new relation, in the seed format: at least one source is required. A source without `url` must quote the ' +
    'report verbatim in the section it names.',
  inputFields: (t) => ({
    type: t.field({ type: RelationTypeEnum, required: true, description: RELATION_FIELDS.type }),
    from: t.string({ required: true, description: 'Slug of the source entity.' }),
    to: t.string({ required: true, description: 'Slug of the target entity.' }),
    id: t.string({ description: 'Stable id; derived from type, ends and software when left out.' }),
    ...optionalRelationFields(t, true),
  }),
  run: (db, actor, input, ctx) => createRelation(db, actor, withSources(present(input)), citationCheck(ctx.report)),
  payload: (t) => ({ relation: t.expose('result', { type: RelationRef, description: 'The new relation.' }) }),
});

staffMutation('updateRelation', 'editor', {
  does:
    'changes a relation. CONFLICT when `expectedVersion` is not its current version. New `sources` are ' +
    'checked as by createRelation.',
  input:
    'Fields to change: a field left out keeps its value, null clears it. The type and ends do not change ' +
    '(delete and create instead).',
  inputFields: (t) => ({
    relationId: t.string({ required: true, description: '`relationId` of the relation to change.' }),
    expectedVersion: expectedVersion(t),
    ...optionalRelationFields(t, false),
  }),
  run: (db, actor, { relationId, expectedVersion, ...patch }, ctx) =>
    updateRelation(db, actor, { relationId, expectedVersion, patch: withSources(patch) }, citationCheck(ctx.report)),
  payload: (t) => ({
    relation: t.expose('result', { type: RelationRef, description: 'The relation after the change.' }),
  }),
});

staffMutation('deleteRelation', 'editor', {
  does: 'deletes a relation, recorded; `restoreRelation` brings it back.',
  input: 'The relation to delete, and the version it is deleted at.',
  inputFields: (t) => ({
    relationId: t.string({ required: true, description: '`relationId` of the relation to delete.' }),
    expectedVersion: expectedVersion(t),
  }),
  run: (db, actor, input) => deleteRelation(db, actor, input),
  payload: (t) => ({
    deletedRelation: t.expose('result', { type: RelationRef, description: 'The relation as it was.' }),
  }),
});

staffMutation('restoreRelation', 'editor', {
  does: 'brings back a relation that no longer exists, as its history last recorded it. Its ends must exist.',
  input: 'The relation to bring back.',
  inputFields: (t) => ({ relationId: t.string({ required: true, description: 'The `relationId` it had.' }) }),
  run: (db, actor, input) => restoreRelation(db, actor, input),
  payload: (t) => ({
    relation: t.expose('result', { type: RelationRef, description: 'The relation as brought back.' }),
  }),
});
