/**
 * The seed files read with the `yaml` package alone: an oracle for tests of the loader, the export
 * and the API that owes nothing to api/seed/read.ts (which feeds the loader under test).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface RawEntity {
  slug: string;
  kind: string;
  [field: string]: unknown;
}

export interface RawRelation {
  id: string;
  type: string;
  from: string;
  to: string;
  software?: string;
  description?: string;
  [field: string]: unknown;
}

/**
 * Every entity and relation of `seeds/*.yaml`. A relation without an explicit `id` gets the one
 * the seed format gives it (restated here from model/seed-format.ts, not imported):
 * `type--from--to` in lower case, plus `--software` for the hosting of a software.
 */
export function readSeedYaml(dir = path.resolve('seeds')): { entities: RawEntity[]; relations: RawRelation[] } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  return parseSeedYaml(files.map((file) => readFileSync(path.join(dir, file), 'utf8')));
}

/** The same, from the texts of seed files (e.g. an export). */
export function parseSeedYaml(texts: Iterable<string>): { entities: RawEntity[]; relations: RawRelation[] } {
  const entities: RawEntity[] = [];
  const relations: RawRelation[] = [];
  for (const text of texts) {
    const doc = (parse(text) ?? {}) as {
      entities?: RawEntity[];
      relations?: (Partial<Pick<RawRelation, 'id'>> & Pick<RawRelation, 'type' | 'from' | 'to' | 'software'>)[];
    };
    entities.push(...(doc.entities ?? []));
    for (const relation of doc.relations ?? []) {
      const derived = [relation.type.toLowerCase().replaceAll('_', '-'), relation.from, relation.to];
      if (relation.software) derived.push(relation.software);
      relations.push({ ...relation, id: relation.id ?? derived.join('--') });
    }
  }
  return { entities, relations };
}
