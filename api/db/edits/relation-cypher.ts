/**
 * The Cypher edits run on relations: find and lock, create between allowed ends, rewrite, move
 * to new ends, delete, and say why a creation was refused.
 */

import type { RelationModel } from '../../../model/models.js';
import type { Relation, SeedOrigin } from '../../../model/seed-format.js';
import { RELATION_TYPES, type RelationType } from '../../../model/vocabulary.js';
import { invalidArgument, notFound } from '../../core/errors.js';
import { relationTypePattern } from '../cypher-fragments.js';
import type { Tx } from '../database.js';
import { RELATION_PROJECTION } from '../records/projections.js';
import { relationFromValue } from '../records/read.js';
import { relationProperties } from '../records/write.js';
import { notFoundError } from './checks.js';
import { lockEntities } from './entity-cypher.js';
import { releaseRelationIds } from './relation-ids.js';
import { asRelation, type Located, originOf } from './snapshots.js';

/** What edits read of a relation: all of it, with where it lives in the seed files. */
const LOCATED_RELATION = (r: string) => RELATION_PROJECTION(r, { sources: true, origin: true });

const locatedRelation = (rel: { props: Record<string, unknown> }): Located<RelationModel> => ({
  value: relationFromValue(rel),
  origin: originOf(rel.props),
});

/**
 * A relation of any type by id (ids are unique across types: relation-ids.ts). Relationship
 * indexes are per type, so a type-less lookup scans the relationships: milliseconds at this
 * graph's size (hundreds to thousands of relations). A UNION of one index seek per type was tried
 * and costs Neo4j seconds of planning on first use.
 */
const RELATION_WITH_ID = 'MATCH (:Entity)-[r]->(:Entity) WHERE r.id = $id';

/** Write-locks and reads one relation; NOT_FOUND when it does not exist. */
export async function lockedRelation(tx: Tx, id: string): Promise<Located<RelationModel>> {
  const [relation] = await tx.run(
    `${RELATION_WITH_ID}
     SET r._lock = true REMOVE r._lock
     RETURN ${LOCATED_RELATION('r')} AS rel`,
    { id },
    (r) => locatedRelation(r.get('rel')),
  );
  return relation ?? notFoundError('Relation', id);
}

/** Every relation of an entity, either direction, in a stable order. */
export async function relationsOfEntity(tx: Tx, slug: string): Promise<Located<RelationModel>[]> {
  return tx.run(
    `MATCH (:Entity {slug: $slug})-[r]-(:Entity)
     RETURN ${LOCATED_RELATION('r')} AS rel ORDER BY type(r), r.id`,
    { slug },
    (r) => locatedRelation(r.get('rel')),
  );
}

/** The HOSTING relations that name an entity as their software. */
export async function hostingRelationsOfSoftware(tx: Tx, slug: string): Promise<Located<RelationModel>[]> {
  return tx.run(
    `MATCH (:Entity)-[r:HOSTING {software: $slug}]->(:Entity)
     RETURN ${LOCATED_RELATION('r')} AS rel ORDER BY r.id`,
    { slug },
    (r) => locatedRelation(r.get('rel')),
  );
}

/** Relations grouped by type: a relationship type cannot be a parameter. */
function byType<T extends { value: { type: RelationType } }>(items: readonly T[]): Map<RelationType, T[]> {
  const groups = new Map<RelationType, T[]>();
  for (const item of items) groups.set(item.value.type, [...(groups.get(item.value.type) ?? []), item]);
  return groups;
}

/** Deletes relations and frees their ids. */
export async function deleteRelations(tx: Tx, relations: readonly Located<RelationModel>[]): Promise<void> {
  for (const [type, group] of byType(relations)) {
    await tx.run(
      `MATCH (:Entity)-[r${relationTypePattern([type])}]->(:Entity) WHERE r.id IN $ids DELETE r`,
      { ids: group.map((r) => r.value.id) },
      () => null,
    );
  }
  await releaseRelationIds(
    tx,
    relations.map((r) => r.value.id),
  );
}

/**
 * Creates a relation between existing entities whose kinds its type allows (and whose software
 * is a project); null, with nothing written, when that is not so (`whyRejected` says why). Its id
 * must have been claimed in this transaction (`claimRelationId`).
 *
 * The entities it names are write-locked first, as every edit that deletes one locks it: a
 * concurrent delete either committed before (the entity is missing) or waits until this commits
 * (and deletes the relation with its entity, or refuses to delete a software still hosted).
 */
export async function insertRelation(
  tx: Tx,
  relation: Relation & { id: string },
  origin: SeedOrigin | null,
): Promise<Located<RelationModel> | null> {
  const spec = RELATION_TYPES[relation.type];
  await lockEntities(
    tx,
    [relation.from, relation.to, relation.software].filter((slug): slug is string => Boolean(slug)),
  );
  const [created] = await tx.run(
    `MATCH (a:Entity {slug: $from})
     MATCH (b:Entity {slug: $to})
     WHERE a.kind IN $fromKinds AND b.kind IN $toKinds
       AND ($software IS NULL OR EXISTS { MATCH (s:Entity {slug: $software}) WHERE s.kind = 'PROJECT' })
     CREATE (a)-[r${relationTypePattern([relation.type])}]->(b)
     SET r = $props
     RETURN ${LOCATED_RELATION('r')} AS rel`,
    {
      from: relation.from,
      to: relation.to,
      fromKinds: spec.from,
      toKinds: spec.to,
      software: relation.software ?? null,
      props: relationProperties(relation, origin),
    },
    (r) => locatedRelation(r.get('rel')),
  );
  return created ?? null;
}

/** Rewrites relations in place (same type and ends), e.g. a new `software` or version. */
export async function replaceRelations(
  tx: Tx,
  relations: readonly Located<RelationModel>[],
): Promise<Located<RelationModel>[]> {
  const out = new Map<string, Located<RelationModel>>();
  for (const [type, group] of byType(relations)) {
    const rows = await tx.run(
      `UNWIND $rows AS row
       MATCH (:Entity)-[r${relationTypePattern([type])} {id: row.id}]->(:Entity)
       SET r = row.props
       RETURN ${LOCATED_RELATION('r')} AS rel`,
      { rows: group.map((r) => ({ id: r.value.id, props: relationProperties(asRelation(r.value), r.origin) })) },
      (r) => locatedRelation(r.get('rel')),
    );
    for (const row of rows) out.set(row.value.id, row);
  }
  return relations.map((r) => out.get(r.value.id)!);
}

/** A relation moved to new ends, with the kinds of those ends. */
export interface MovedRelation {
  relation: Located<RelationModel>;
  fromKind: string;
  toKind: string;
}

/**
 * Moves relations to new ends. A relationship cannot change its ends, so each is deleted and
 * created again with the same id and properties. Returns them with the kinds of their new ends.
 */
export async function moveRelations(tx: Tx, relations: readonly Located<RelationModel>[]): Promise<MovedRelation[]> {
  const out = new Map<string, MovedRelation>();
  for (const [type, group] of byType(relations)) {
    const pattern = relationTypePattern([type]);
    const rows = await tx.run(
      `UNWIND $rows AS row
       MATCH (:Entity)-[old${pattern} {id: row.id}]->(:Entity)
       DELETE old
       WITH row
       MATCH (a:Entity {slug: row.from})
       MATCH (b:Entity {slug: row.to})
       CREATE (a)-[r${pattern}]->(b)
       SET r = row.props
       RETURN ${LOCATED_RELATION('r')} AS rel, a.kind AS fromKind, b.kind AS toKind`,
      {
        rows: group.map((r) => ({
          id: r.value.id,
          from: r.value.from,
          to: r.value.to,
          props: relationProperties(asRelation(r.value), r.origin),
        })),
      },
      (r) => ({
        relation: locatedRelation(r.get('rel')),
        fromKind: r.get('fromKind') as string,
        toKind: r.get('toKind') as string,
      }),
    );
    for (const row of rows) out.set(row.relation.value.id, row);
  }
  return relations.map((r) => {
    const moved = out.get(r.value.id);
    if (!moved) throw new Error(`relation ${r.value.id} could not be moved`);
    return moved;
  });
}

/** The error for a relation `insertRelation` refused. */
export async function rejection(tx: Tx, relation: Pick<Relation, 'type' | 'from' | 'to' | 'software'>) {
  return (
    (await whyRejected(tx, relation)) ??
    new Error(`relation ${relation.type} ${relation.from} → ${relation.to} was not created`)
  );
}

/**
 * Why `insertRelation` wrote nothing: a missing entity (NOT_FOUND) or one of the wrong kind
 * (INVALID_ARGUMENT), with the same wording as the seed validator. Only `ends` are checked.
 */
export async function whyRejected(
  tx: Tx,
  relation: Pick<Relation, 'type' | 'from' | 'to' | 'software'>,
  ends: readonly ('from' | 'to' | 'software')[] = ['from', 'to', 'software'],
) {
  const wanted = ends.filter((end) => relation[end]);
  const kinds = new Map(
    await tx.run(
      'UNWIND $slugs AS slug OPTIONAL MATCH (e:Entity {slug: slug}) RETURN slug, e.kind AS kind',
      { slugs: wanted.map((end) => relation[end]) },
      (r) => [r.get('slug') as string, r.get('kind') as string | null] as const,
    ),
  );
  const spec = RELATION_TYPES[relation.type];
  for (const end of wanted) {
    const slug = relation[end]!;
    const kind = kinds.get(slug);
    if (!kind) return notFound(`${end === 'software' ? 'Software' : 'Entity'} "${slug}"`);
    const allowed: readonly string[] = end === 'software' ? ['PROJECT'] : spec[end];
    if (!allowed.includes(kind)) {
      return invalidArgument(
        `input.${end}`,
        end === 'software'
          ? `software must be a PROJECT, but "${slug}" is ${kind}`
          : `${relation.type} expects ${end} to be ${allowed.join(' or ')}, but "${slug}" is ${kind}`,
      );
    }
  }
  return null;
}
