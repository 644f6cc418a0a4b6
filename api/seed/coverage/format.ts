/**
 * The coverage files (`seeds/coverage/*.yaml`): the report read section by section, each fact it
 * states with the relations or entities that hold it, or why none does. One file per part of the
 * report; `seed:validate` checks them against the report and the seeds (see check.ts).
 *
 *   part: Vie associative
 *   sections:
 *     - section: Équipe bénévole
 *       facts:
 *         - quote: "En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann, Rigelk et Stph."
 *           relations: [membership--maiwann--framasoft, …]
 *         - quote: "Un départ (volontaire et amical, voire temporaire) est à noter."
 *           reason: personne non nommée
 *     - section: Préambule COVID-19
 *       none: contexte de l'année, sans acteur nommé
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { COVERAGE_DIR } from '../read.js';

const Text = z.string().trim().min(1, 'must not be empty');

export const CoverageFact = z.strictObject({
  quote: Text.describe('Verbatim passage of the section that states the fact'),
  relations: z.array(Text).default([]).describe('Ids of the relations that hold it'),
  entities: z.array(Text).default([]).describe('Slugs of the entities that hold it (in their fields or summary)'),
  reason: Text.optional().describe('Why no relation holds it: out of scope, unnamed actor, figures…'),
  contradiction: Text.optional().describe('Where the report contradicts itself; each listed relation has a note'),
});
export type CoverageFact = z.infer<typeof CoverageFact>;

export const CoverageSection = z.strictObject({
  section: Text.describe('A heading of the report, as plain text'),
  facts: z.array(CoverageFact).default([]),
  none: Text.optional().describe('Why the section states no fact worth a relation or an entity'),
});
export type CoverageSection = z.infer<typeof CoverageSection>;

export const CoverageFile = z.strictObject({
  part: Text,
  sections: z.array(CoverageSection).min(1),
});

export interface LocatedSection extends CoverageSection {
  file: string;
  line: number;
  /** Line of each fact. */
  factLines: number[];
}

export interface CoverageProblem {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** Reads every coverage file of `seedDir`; an absent directory is no coverage at all. */
export async function readCoverage(
  seedDir: string,
  files: string[],
): Promise<{ sections: LocatedSection[]; problems: CoverageProblem[] }> {
  const sections: LocatedSection[] = [];
  const problems: CoverageProblem[] = [];
  for (const file of files) {
    const text = await readFile(path.join(seedDir, COVERAGE_DIR, file), 'utf8');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    const lineAt = (p: (string | number)[]) => {
      const node = doc.getIn(p, true) as { range?: [number] } | undefined;
      return node?.range ? lines.linePos(node.range[0]).line : 1;
    };
    const at = `${COVERAGE_DIR}/${file}`;
    if (doc.errors.length) {
      for (const e of doc.errors) {
        problems.push({
          file: at,
          line: lines.linePos(e.pos[0]).line,
          field: '(yaml)',
          message: e.message.split('\n')[0] ?? '',
        });
      }
      continue;
    }
    const parsed = CoverageFile.safeParse(doc.toJS());
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const p = issue.path as (string | number)[];
        problems.push({ file: at, line: lineAt(p), field: fieldName(p), message: issue.message });
      }
      continue;
    }
    parsed.data.sections.forEach((section, i) => {
      sections.push({
        ...section,
        file: at,
        line: lineAt(['sections', i, 'section']),
        factLines: section.facts.map((_, j) => lineAt(['sections', i, 'facts', j])),
      });
    });
  }
  return { sections, problems };
}

export function fieldName(p: (string | number)[]): string {
  return (
    p
      .map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`))
      .join('')
      .replace(/^\./, '') || '(file)'
  );
}
