/**
 * Checks the coverage files against the report and the seeds, so that the reconciliation stays true
 * as either changes: every heading of the report is there once; every section lists the facts it
 * states or says why it has none; each fact's quote is in its section; each fact is held by existing
 * relations or entities, or gives a reason; and every source a relation cites is listed, under its
 * section, with that relation. A relation noted as a contradiction carries a `note`.
 *
 * Usage: `checkCoverage(sections, report, { entities, relations })` → problems and the share covered.
 */
import { citesReport } from '../../../model/seed-values.js';
import type { SeedEntity, SeedRelation } from '../read.js';
import { normaliseQuote, type ReportText } from '../report.js';
import type { CoverageProblem, LocatedSection } from './format.js';

export interface CoverageSummary {
  sections: number;
  /** Sections with at least one fact held by a relation or an entity. */
  held: number;
  /** Sections whose facts all have a reason (figures, unnamed actors, out of scope). */
  explained: number;
  /** Sections that state no fact (`none`). */
  empty: number;
}

export function checkCoverage(
  sections: LocatedSection[],
  report: ReportText,
  seeds: { entities: SeedEntity[]; relations: SeedRelation[] },
): { problems: CoverageProblem[]; summary: CoverageSummary } {
  const problems: CoverageProblem[] = [];
  const relations = new Map(seeds.relations.map((r) => [r.id, r]));
  const slugs = new Set(seeds.entities.map((e) => e.slug));
  const texts = new Map(report.sections.map((s) => [s.heading, s.text]));
  const seen = new Map<string, LocatedSection>();

  for (const section of sections) {
    const at = (field: string, line = section.line) => ({ file: section.file, line, field });
    const heading = normaliseQuote(section.section);
    const text = texts.get(heading);
    if (text === undefined) {
      problems.push({ ...at('section'), message: `"${section.section}" is not a heading of the report` });
      continue;
    }
    const first = seen.get(heading);
    if (first) {
      problems.push({ ...at('section'), message: `"${heading}" is already covered in ${first.file}:${first.line}` });
      continue;
    }
    seen.set(heading, section);
    if (section.facts.length === 0 && !section.none) {
      problems.push({
        ...at('facts'),
        message: `section "${heading}" lists no fact: list the facts it states, or say in "none" why it states none`,
      });
    }
    if (section.facts.length > 0 && section.none) {
      problems.push({ ...at('none'), message: 'a section with facts cannot also say it has none' });
    }
    section.facts.forEach((fact, i) => {
      const where = (field: string) => at(`facts[${i}].${field}`, section.factLines[i]);
      if (!text.includes(normaliseQuote(fact.quote))) {
        problems.push({ ...where('quote'), message: `not found verbatim in section "${heading}": "${fact.quote}"` });
      }
      if (fact.relations.length === 0 && fact.entities.length === 0 && !fact.reason) {
        problems.push({
          ...where('reason'),
          message: 'a fact is held by relations or entities, or gives the reason none holds it',
        });
      }
      for (const id of fact.relations) {
        const relation = relations.get(id);
        if (!relation) problems.push({ ...where('relations'), message: `unknown relation "${id}"` });
        else if (fact.contradiction && !relation.note) {
          problems.push({
            ...where('contradiction'),
            message: `relation "${id}" records no note of the contradiction`,
          });
        }
      }
      for (const slug of fact.entities) {
        if (!slugs.has(slug)) problems.push({ ...where('entities'), message: `unknown entity "${slug}"` });
      }
    });
  }

  for (const s of report.sections) {
    if (!seen.has(s.heading)) {
      problems.push({
        file: 'coverage',
        line: 1,
        field: 'sections',
        message: `section "${s.heading}" of the report is not covered`,
      });
    }
  }
  problems.push(...unlistedSources(seeds.relations, seen));
  return { problems, summary: summarise([...seen.values()]) };
}

/** Every source of every relation appears, in its section, as a fact that lists the relation. */
function unlistedSources(relations: SeedRelation[], sections: Map<string, LocatedSection>): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  for (const relation of relations) {
    for (const source of relation.sources.filter(citesReport)) {
      const section = sections.get(normaliseQuote(source.section));
      if (!section) continue;
      const quote = normaliseQuote(source.quote);
      const listed = section.facts.some((fact) => {
        const factQuote = normaliseQuote(fact.quote);
        return fact.relations.includes(relation.id) && (factQuote.includes(quote) || quote.includes(factQuote));
      });
      if (!listed) {
        problems.push({
          file: section.file,
          line: section.line,
          field: 'facts',
          message: `relation "${relation.id}" (seeds/${relation.origin.file}) cites "${source.quote}", which no fact of this section lists with it`,
        });
      }
    }
  }
  return problems;
}

function summarise(sections: LocatedSection[]): CoverageSummary {
  const held = sections.filter((s) => s.facts.some((f) => f.relations.length + f.entities.length > 0)).length;
  const empty = sections.filter((s) => s.facts.length === 0).length;
  return { sections: sections.length, held, explained: sections.length - held - empty, empty };
}
