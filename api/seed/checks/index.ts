/**
 * The fidelity checks `seed:validate` runs beside the format and the verbatim quotes: each one looks
 * for a kind of error that a verbatim quote does not rule out. The report-free checks run without it.
 *
 * Usage: `[...fidelityProblems(seeds), ...reportFidelityProblems(seeds, report)]`.
 */
import type { SeedEntity, SeedRelation } from '../read.js';
import type { ReportText } from '../report.js';
import { findUnstatedMemberships } from './membership.js';
import { findMoneyProblems } from './money.js';
import { findDuplicatePeople } from './people.js';
import type { FidelityProblem } from './problem.js';
import { findMisplacedQuotes } from './quote-section.js';
import { findCutQuotes } from './whole-clause.js';

export { type FidelityProblem, formatFidelityProblems } from './problem.js';

interface Seeds {
  entities: SeedEntity[];
  relations: SeedRelation[];
}

/** The checks that need only the seeds: money, membership, people. */
export function fidelityProblems({ entities, relations }: Seeds): FidelityProblem[] {
  return [...findMoneyProblems(relations), ...findUnstatedMemberships(relations), ...findDuplicatePeople(entities)];
}

/** The checks that read the report: whole clauses, quotes in their sections. */
export function reportFidelityProblems({ relations }: Seeds, report: ReportText): FidelityProblem[] {
  return [...findCutQuotes(relations, report), ...findMisplacedQuotes(relations, report)];
}
