/**
 * The real dataset: valid, sourced verbatim from the report, and covering what the report names.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCitationProblems } from '../api/seed/check-quotes.js';
import { findReport, readReport } from '../api/seed/report.js';
import { realSeeds } from './support/neo4j.js';

const reportFile = findReport(path.resolve('.'));
if (!reportFile) {
  console.warn(
    '\n*** NOTICE: the 2020 report was not found (../shared/report/ or ARCHIPEL_REPORT): quote checks are SKIPPED ***\n',
  );
}

describe('the archipelago dataset', () => {
  it.skipIf(!reportFile)('every relation has a source whose quote appears verbatim in the report', async () => {
    const { relations } = await realSeeds();
    const problems = findCitationProblems(relations, await readReport(reportFile!));
    expect(problems).toEqual([]);
    for (const relation of relations) expect(relation.sources.length).toBeGreaterThan(0);
  });

  it('has every kind of entity and every required relation type', async () => {
    const { entities, relations } = await realSeeds();
    const kinds = new Set(entities.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['EVENT', 'ORGANISATION', 'PERSON', 'PROJECT']);
    const types = new Set(relations.map((r) => r.type));
    for (const type of [
      'RHIZOME',
      'ARCHIPELAGO',
      'FRIENDSHIP_CONVENTION',
      'SUPPORT_CONVENTION',
      'HOSTING',
      'FUNDING',
      'MEMBERSHIP',
      'COLLABORATION',
    ]) {
      expect(types).toContain(type);
    }
  });

  it('lists the 28 public interventions as dated events', async () => {
    const { entities, relations } = await realSeeds();
    const interventions = entities.filter((e) => e.kind === 'EVENT' && e.origin.file === 'interventions.yaml');
    expect(interventions).toHaveLength(28);
    for (const event of interventions) expect(event.kind === 'EVENT' && event.date).toBeTruthy();
    const spoken = new Set(relations.filter((r) => r.type === 'SPEAKS_AT').map((r) => r.to));
    for (const event of interventions) expect(spoken).toContain(event.slug);
  });

  it('names the rhizomes the report lists', async () => {
    const { relations } = await realSeeds();
    const rhizomes = relations.filter((r) => r.type === 'RHIZOME' && r.from === 'framasoft').map((r) => r.to);
    expect(rhizomes).toEqual(
      expect.arrayContaining(['chatons', 'la-coalition', 'benevalibre', 'pytition', 'fedithese']),
    );
  });

  it('uses the aliases the report uses', async () => {
    const { entities } = await realSeeds();
    const bySlug = new Map(entities.map((e) => [e.slug, e]));
    expect(bySlug.get('cemea')?.aliases).toEqual(expect.arrayContaining(['CÉMÉA']));
    expect(bySlug.get('fondation-charles-leopold-meyer-pour-le-progres-de-l-homme')?.aliases).toEqual(
      expect.arrayContaining(['FPH']),
    );
  });
});
