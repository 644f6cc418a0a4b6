/** Checks source citations against the report: each quote verbatim, each section a real heading. */

import { citesReport } from '../../model/seed-values.js';
import type { SeedRelation } from './read.js';
import { normaliseQuote } from './report.js';

export interface CitationProblem {
  relationId: string;
  file: string;
  message: string;
}

export function findCitationProblems(
  relations: SeedRelation[],
  report: { text: string; headings: Set<string> },
): CitationProblem[] {
  return relations.flatMap((relation) =>
    relation.sources.filter(citesReport).flatMap((source) => {
      const problems: CitationProblem[] = [];
      const at = { relationId: relation.id, file: relation.origin.file };
      if (!report.text.includes(normaliseQuote(source.quote))) {
        problems.push({ ...at, message: `quote not found verbatim in the report: "${source.quote}"` });
      }
      if (!report.headings.has(normaliseQuote(source.section))) {
        problems.push({ ...at, message: `section "${source.section}" is not a heading of the report` });
      }
      return problems;
    }),
  );
}
