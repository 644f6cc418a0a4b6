/**
 * Money adds up only when each amount says who paid whom and over what time. The seed format already
 * requires a currency and a period beside an amount (`moneyIssues` in model/seed-format.ts); this check
 * adds what the format cannot see on one field: the direction and the dates a period counts over.
 */
import type { SeedRelation } from '../read.js';
import type { FidelityProblem } from './problem.js';

export function findMoneyProblems(relations: SeedRelation[]): FidelityProblem[] {
  const problems: FidelityProblem[] = [];
  for (const relation of relations) {
    const at = { file: relation.origin.file, id: relation.id };
    if (relation.amount === undefined) {
      for (const field of ['currency', 'period'] as const) {
        if (relation[field] !== undefined) {
          problems.push({ ...at, field, message: `${field} without an amount: give the amount or drop the ${field}` });
        }
      }
      continue;
    }
    // Only FUNDING reads as "from paid to": on another type an amount has no payer and no payee.
    if (relation.type !== 'FUNDING') {
      problems.push({
        ...at,
        field: 'amount',
        message: `an amount belongs on a FUNDING relation from the payer to the payee, not on ${relation.type}`,
      });
    }
    if (relation.period === 'per-year' && !relation.since) {
      problems.push({ ...at, field: 'since', message: 'a per-year amount needs since (and until) to say which years' });
    }
    if (relation.period === 'one-off' && relation.until && relation.until.slice(0, 4) !== relation.since?.slice(0, 4)) {
      problems.push({
        ...at,
        field: 'until',
        message: 'a one-off amount is paid at one time: since, without a later until',
      });
    }
  }
  return problems;
}
