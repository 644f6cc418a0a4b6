/**
 * A quote comes from the section it names: the staff panel shows the section as the place to read
 * the quote in context, and the coverage files are kept per section.
 */
import { citesReport } from '../../../model/seed-values.js';
import type { SeedRelation } from '../read.js';
import { locateQuote, type ReportText } from '../report.js';
import type { FidelityProblem } from './problem.js';

export function findMisplacedQuotes(relations: SeedRelation[], report: ReportText): FidelityProblem[] {
  const problems: FidelityProblem[] = [];
  for (const relation of relations) {
    relation.sources.forEach((source, index) => {
      // Another document than the report is taken as given.
      if (!citesReport(source)) return;
      const where = locateQuote(report, source.section, source.quote);
      // Unknown sections and quotes absent from the report are the citation check's problems.
      if (!where.sectionExists || where.inSection || !where.verbatim) return;
      problems.push({
        file: relation.origin.file,
        id: relation.id,
        field: `sources[${index}].section`,
        message: `the quote is not in section "${source.section}"${where.foundInSection ? ` but in "${where.foundInSection}"` : ''}`,
      });
    });
  }
  return problems;
}
