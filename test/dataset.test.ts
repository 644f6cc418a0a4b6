/**
 * The real dataset: valid, sourced verbatim from the report, and covering what the report names.
 *
 * The quote check needs the report, which is not in the repository. Where `ARCHIPEL_REPORT` is set
 * (the project's CI sets it: .ci/run) the report is required, and a missing file fails the check;
 * otherwise the report beside the clone is used when there is one, and the check is skipped, with a
 * notice, when there is none.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCitationProblems } from '../api/seed/check-quotes.js';
import { findReport, readReport } from '../api/seed/report.js';
import { realSeeds } from './support/neo4j.js';

const requiredReport = process.env.ARCHIPEL_REPORT || null;
// A named report that is missing must fail the check below, not throw while the file is collected.
const reportFile = requiredReport ?? findReport(path.resolve('.'));
if (!reportFile) {
  console.warn(
    '\n*** NOTICE: the 2020 report was not found (../shared/report/ or ARCHIPEL_REPORT): quote checks are SKIPPED ***\n',
  );
}

describe('the archipelago dataset', () => {
  it.skipIf(!reportFile)('every relation has a source whose quote appears verbatim in the report', async () => {
    expect(existsSync(reportFile!), `ARCHIPEL_REPORT names ${reportFile}, which does not exist`).toBe(true);
    const { relations } = await realSeeds();
    expect(relations).toHaveLength(428);
    for (const relation of relations) expect(relation.sources.length, relation.id).toBeGreaterThan(0);
    const problems = findCitationProblems(relations, await readReport(reportFile!));
    expect(problems).toEqual([]);
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

  it('keeps a quote whole where it holds a "#": the #DayAgainstDRM contribution', async () => {
    const { relations } = await realSeeds();
    const drm = relations.find((r) => r.type === 'CONTRIBUTES_TO' && r.to === 'dayagainstdrm');
    expect(drm?.sources.map((s) => s.quote)).toEqual([
      'une participation au #DayAgainstDRM sur la thématique Netflix par un article sur le Framablog.',
    ]);
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
    expect(rhizomes.sort()).toEqual(['benevalibre', 'chatons', 'fedithese', 'la-coalition', 'pytition']);
  });

  it('uses the aliases the report uses', async () => {
    const { entities } = await realSeeds();
    const bySlug = new Map(entities.map((e) => [e.slug, e]));
    expect(bySlug.get('cemea')?.aliases).toEqual(['CÉMÉA']);
    expect(bySlug.get('fondation-charles-leopold-meyer-pour-le-progres-de-l-homme')?.aliases).toEqual([
      "Fondation pour le Progrès de l'Homme",
      'FPH',
    ]);
  });
});
