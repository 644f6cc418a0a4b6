/** The Cypher edits run on entities: lock and read, create, rewrite. */

import type { EntityModel } from '../../../model/models.js';
import type { Entity, SeedOrigin } from '../../../model/seed-format.js';
import { KIND_LABELS } from '../../../model/vocabulary.js';
import type { Tx } from '../database.js';
import { entityFromProps } from '../records/read.js';
import { entityProperties } from '../records/write.js';
import { notFoundError } from './checks.js';
import { type Located, originOf } from './snapshots.js';

const locatedEntity = (props: Record<string, unknown>): Located<EntityModel> => ({
  value: entityFromProps(props),
  origin: originOf(props),
});

/** Write-locks the entities that exist among `slugs` (in slug order, against deadlocks) and reads them. */
export async function lockEntities(tx: Tx, slugs: string[]): Promise<Map<string, Located<EntityModel>>> {
  const rows = await tx.run(
    `UNWIND $slugs AS slug
     MATCH (e:Entity {slug: slug})
     SET e._lock = true REMOVE e._lock
     RETURN properties(e) AS props`,
    { slugs: [...slugs].sort() },
    (r) => locatedEntity(r.get('props')),
  );
  return new Map(rows.map((e) => [e.value.slug, e]));
}

/** Write-locks and reads one entity; NOT_FOUND when it does not exist. */
export async function lockedEntity(tx: Tx, slug: string): Promise<Located<EntityModel>> {
  return (await lockEntities(tx, [slug])).get(slug) ?? notFoundError('Entity', slug);
}

export async function insertEntity(tx: Tx, entity: Entity, origin: SeedOrigin | null): Promise<Located<EntityModel>> {
  // The label comes from the vocabulary whitelist (the kind is a validated enum).
  const [props] = await tx.run(
    `CREATE (e:Entity:${KIND_LABELS[entity.kind]}) SET e = $props RETURN properties(e) AS props`,
    { props: entityProperties(entity, origin) },
    (r) => r.get('props') as Record<string, unknown>,
  );
  return locatedEntity(props!);
}

export async function replaceEntity(tx: Tx, entity: Entity, origin: SeedOrigin | null): Promise<Located<EntityModel>> {
  const [props] = await tx.run(
    'MATCH (e:Entity {slug: $slug}) SET e = $props RETURN properties(e) AS props',
    { slug: entity.slug, props: entityProperties(entity, origin) },
    (r) => r.get('props') as Record<string, unknown>,
  );
  return locatedEntity(props!);
}

/** Deletes an entity. A plain DELETE: Neo4j refuses while a relation is left, so none goes unrecorded. */
export async function deleteEntityNode(tx: Tx, slug: string): Promise<void> {
  await tx.run('MATCH (e:Entity {slug: $slug}) DELETE e', { slug }, () => null);
}
