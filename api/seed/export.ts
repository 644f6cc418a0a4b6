/**
 * Writes the graph back to the seed format, one file per origin file, entries in their original
 * order. Export → load → export is byte-identical; entities and relations created by staff (no
 * origin) go to `staff-edits.yaml`.
 *
 * Usage: `const files = await exportDataset(db); await writeExport('seeds', files)`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Database } from '../data/database.js';
import { entityFromProps, RELATION_PROJECTION, relationFromValue } from '../data/mapping.js';
import type { EntityModel, RelationModel } from '../model/models.js';
import { deriveRelationId } from '../model/seed-format.js';
import { listSeedFiles } from './read.js';

export const STAFF_EDITS_FILE = 'staff-edits.yaml';

interface Positioned<T> {
  file: string;
  value: T;
}

/** Returns file name → YAML text. */
export async function exportDataset(db: Database): Promise<Map<string, string>> {
  const entities = await db.read(
    `MATCH (e:Entity)
     RETURN properties(e) AS props, coalesce(e.originFile, $staff) AS file
     ORDER BY file, e.originPosition, e.slug`,
    { staff: STAFF_EDITS_FILE },
    (r) => ({ file: r.get('file') as string, value: entityFromProps(r.get('props')) }),
  );
  const relations = await db.read(
    `MATCH (:Entity)-[r]->(:Entity)
     RETURN ${RELATION_PROJECTION('r')} AS rel, coalesce(r.originFile, $staff) AS file
     ORDER BY file, r.originPosition, r.id`,
    { staff: STAFF_EDITS_FILE },
    (r) => ({ file: r.get('file') as string, value: relationFromValue(r.get('rel')) }),
  );
  const files = new Map<string, { entities: object[]; relations: object[] }>();
  const fileFor = (name: string) => {
    let content = files.get(name);
    if (!content) {
      content = { entities: [], relations: [] };
      files.set(name, content);
    }
    return content;
  };
  for (const e of entities as Positioned<EntityModel>[]) fileFor(e.file).entities.push(entityToSeed(e.value));
  for (const r of relations as Positioned<RelationModel>[]) fileFor(r.file).relations.push(relationToSeed(r.value));

  const out = new Map<string, string>();
  for (const name of [...files.keys()].sort()) {
    const content = files.get(name)!;
    const document: Record<string, object[]> = {};
    if (content.entities.length) document.entities = content.entities;
    if (content.relations.length) document.relations = content.relations;
    out.set(name, stringify(document, { lineWidth: 0, indentSeq: true }));
  }
  return out;
}

/** Writes the export to `dir`, replacing YAML files that the export no longer contains. */
export async function writeExport(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const existing = await listSeedFiles(dir);
  for (const stale of existing.filter((f) => !files.has(f))) await rm(path.join(dir, stale));
  for (const [name, text] of files) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

/** The seed form of an entity: fields in the schema's order, empty ones left out. */
function entityToSeed(e: EntityModel) {
  return compact({
    kind: e.kind,
    slug: e.slug,
    name: e.name,
    aliases: e.aliases.length ? e.aliases : undefined,
    category: e.category,
    location: e.location,
    date: e.date,
    place: e.place,
    format: e.format,
    url: e.url,
    summary: e.summary,
  });
}

function relationToSeed(r: RelationModel) {
  return compact({
    id:
      r.id === deriveRelationId({ type: r.type, from: r.from, to: r.to, software: r.software ?? undefined })
        ? undefined
        : r.id,
    type: r.type,
    from: r.from,
    to: r.to,
    role: r.role,
    software: r.software,
    resource: r.resource,
    since: r.since,
    until: r.until,
    amount: r.amount,
    currency: r.currency,
    description: r.description,
    sources: r.sources,
  });
}

function compact(record: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined));
}
