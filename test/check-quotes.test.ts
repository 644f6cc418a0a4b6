/**
 * The citation check (api/seed/check-quotes.ts) finds what it is there to find: each altered
 * quote and each unknown section is exactly one problem, named with its relation and file.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCitationProblems } from '../api/seed/check-quotes.js';
import type { SeedRelation } from '../api/seed/read.js';
import { findReport, readReport } from '../api/seed/report.js';
import { realSeeds } from './support/neo4j.js';

/** A report in the report's own Markdown: headings, emphasis, a link and a line break in a sentence. */
const REPORT = `# Rapport d'activité 2020

## Le réseau

### Picasoft

Picasoft est une association *étudiante* qui héberge des services
[libres](https://picasoft.net) pour les habitant·es de Compiègne.
`;

let dir: string;
let report: Awaited<ReturnType<typeof readReport>>;
let relation: SeedRelation;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-report-'));
  await writeFile(path.join(dir, 'report.md'), REPORT);
  report = await readReport(path.join(dir, 'report.md'));
  relation = (await realSeeds()).relations.find((r) => r.id === 'membership--picasoft--chatons')!;
  expect(relation).toBeDefined();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const citing = (...sources: { section: string; quote: string }[]): SeedRelation => ({ ...relation, sources });
const GOOD = {
  section: 'Picasoft',
  quote: 'Picasoft est une association étudiante qui héberge des services libres pour les habitant·es',
};

describe('findCitationProblems', () => {
  it('accepts a quote as a reader sees it (emphasis, links and line breaks folded)', () => {
    expect(findCitationProblems([citing(GOOD)], report)).toEqual([]);
  });

  it('reports an altered quote, once', () => {
    const altered = { ...GOOD, quote: GOOD.quote.replace('étudiante', 'étudiant') };
    expect(findCitationProblems([citing(altered)], report)).toEqual([
      {
        relationId: 'membership--picasoft--chatons',
        file: 'network-rhizomes.yaml',
        message: `quote not found verbatim in the report: "${altered.quote}"`,
      },
    ]);
  });

  it('reports an unknown section, once', () => {
    expect(findCitationProblems([citing({ ...GOOD, section: 'Chatons' })], report)).toEqual([
      {
        relationId: 'membership--picasoft--chatons',
        file: 'network-rhizomes.yaml',
        message: 'section "Chatons" is not a heading of the report',
      },
    ]);
  });

  it('reports each bad source of a relation, and only those', () => {
    const problems = findCitationProblems(
      [citing(GOOD, { ...GOOD, quote: 'Picasoft est une entreprise' }, { ...GOOD, section: 'Le Réseau' })],
      report,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'quote not found verbatim in the report: "Picasoft est une entreprise"',
      'section "Le Réseau" is not a heading of the report',
    ]);
  });

  it('requires the report ARCHIPEL_REPORT names, and finds none without it where there is none', () => {
    expect(() => findReport(path.resolve('.'), { ARCHIPEL_REPORT: '/no/such/report.md' })).toThrow(
      'ARCHIPEL_REPORT names /no/such/report.md, which does not exist',
    );
    expect(findReport('/no/such/repository', {})).toBeNull();
  });

  const reportFile = process.env.ARCHIPEL_REPORT || findReport(path.resolve('.'));
  it.skipIf(!reportFile)('finds one word changed in a real quote against the real report', async () => {
    expect(existsSync(reportFile!), `ARCHIPEL_REPORT names ${reportFile}, which does not exist`).toBe(true);
    const real = await readReport(reportFile!);
    const [source] = relation.sources;
    expect(findCitationProblems([relation], real)).toEqual([]);
    const altered = { ...source!, quote: source!.quote.replace(/\p{L}+/u, 'Autrement') };
    expect(altered.quote).not.toBe(source!.quote);
    expect(findCitationProblems([citing(altered)], real)).toHaveLength(1);
    expect(findCitationProblems([citing({ ...source!, section: 'Une section absente' })], real)).toHaveLength(1);
  });
});
