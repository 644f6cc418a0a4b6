/**
 * A quote is a whole clause: it is long enough to carry a statement on its own, or it stops where the
 * report's sentence, clause, list item or table row stops. A quote cut mid-clause (« une participation
 * au ») is verbatim, so the verbatim check accepts it; this check does not.
 */
import { citesReport } from '../../../model/seed-values.js';
import type { SeedRelation } from '../read.js';
import { normaliseQuote, type ReportText } from '../report.js';
import type { FidelityProblem } from './problem.js';

/** From this many words on, a quote states enough even when the report's sentence goes on. */
export const WHOLE_CLAUSE_MIN_WORDS = 8;

/** Punctuation that closes a clause, a quotation or a parenthesis. */
const CLOSING = /[.,;:!?…»)"”]$/;
/** What may follow the end of a clause in the report (French typography puts a space before ; : ! ? »). */
const FOLLOWED_BY_CLOSING = /^(?:\n|\s?[.,;:!?…»)"”]|$)/;

export function findCutQuotes(relations: SeedRelation[], report: ReportText): FidelityProblem[] {
  const problems: FidelityProblem[] = [];
  for (const relation of relations) {
    relation.sources.forEach((source, index) => {
      if (!citesReport(source)) return;
      const quote = normaliseQuote(source.quote);
      if (quote.split(' ').length >= WHOLE_CLAUSE_MIN_WORDS || CLOSING.test(quote)) return;
      if (endsAtBoundary(quote, report.lines)) return;
      problems.push({
        file: relation.origin.file,
        id: relation.id,
        field: `sources[${index}].quote`,
        message:
          `"${source.quote}" stops mid-clause (the report goes on: "${continuation(quote, report.lines)}"); ` +
          `quote the whole clause, or at least ${WHOLE_CLAUSE_MIN_WORDS} words`,
      });
    });
  }
  return problems;
}

/** Where the quote occurs with line ends kept: does any occurrence stop at a boundary? */
function endsAtBoundary(quote: string, lines: string): boolean {
  const flat = lines.replace(/\n/g, ' ');
  let at = flat.indexOf(quote);
  // A quote the report does not hold is the verbatim check's business, not this one's.
  if (at === -1) return true;
  while (at !== -1) {
    if (FOLLOWED_BY_CLOSING.test(lines.slice(at + quote.length, at + quote.length + 2))) return true;
    at = flat.indexOf(quote, at + 1);
  }
  return false;
}

function continuation(quote: string, lines: string): string {
  const flat = lines.replace(/\n/g, ' ');
  const end = flat.indexOf(quote) + quote.length;
  return `${flat.slice(end, end + 40).trim()}…`;
}
