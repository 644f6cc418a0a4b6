/**
 * Writes the graph back to the seed format, one file per origin file, entries in their original
 * order. Export → load → export is byte-identical; entities and relations created by staff (no
 * origin) go to `staff-edits.yaml`, staff-only fields and versions stay on their entries, and the
 * change history goes to `history.yaml`: the export is a complete backup that `load` restores.
 *
 * Usage: `const files = await exportDataset(db); await writeExport('seeds', files)`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { EntityModel, RelationModel } from '../../model/models.js';
import type { Database } from '../db/database.js';
import { allChanges, changeToRecord } from '../db/history.js';
import { RELATION_PROJECTION } from '../db/records/projections.js';
import { entityFromProps, relationFromValue } from '../db/records/read.js';
import { entityToSeed, relationToSeed } from '../db/records/seed-form.js';
import { HISTORY_FILE, listSeedFiles } from './read.js';

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
  // The staff's change history, oldest first; no file while nobody has edited the graph.
  const changes = await allChanges(db);
  if (changes.length) {
    out.set(HISTORY_FILE, stringify({ changes: changes.map(changeToRecord) }, { lineWidth: 0, indentSeq: true }));
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
