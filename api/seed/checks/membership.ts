/**
 * MEMBERSHIP says the report calls `from` a member of `to`. Taking part in a group, observing it or
 * coordinating it is not membership, so at least one quote must state it in words, or the relation's
 * `note` must say how the report implies it (e.g. a list of the collective's structures).
 */
import type { SeedRelation } from '../read.js';
import type { FidelityProblem } from './problem.js';

/** Words by which the report states membership: membre, adhérent·e, administrateur, rejoindre, faire partie. */
export const MEMBERSHIP_WORDS =
  /\bmembres?\b|adhér|administrat|\brejoint|\brejoindre|\bfai(?:t|saient) partie|\bfont partie|\bformant\b/i;

/** « a rejoint l'association […] en tant qu'observatrice » joins without being a member. */
const NOT_MEMBERSHIP = /observat(?:eur|rice)/i;

const statesMembership = (quote: string) => MEMBERSHIP_WORDS.test(quote) && !NOT_MEMBERSHIP.test(quote);

export function findUnstatedMemberships(relations: SeedRelation[]): FidelityProblem[] {
  return relations
    .filter((r) => r.type === 'MEMBERSHIP' && !r.note && !r.sources.some((s) => statesMembership(s.quote)))
    .map((r) => ({
      file: r.origin.file,
      id: r.id,
      field: 'sources',
      message:
        'no quote states membership (membre, adhérent·e, administrateur, rejoint, fait partie…): ' +
        'cite the passage that does, say in a note how the report implies it, or use another type',
    }));
}
