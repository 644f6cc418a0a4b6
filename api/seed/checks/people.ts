/**
 * Each person is one entity. The report names people by first name, nickname or full name
 * (« Angie », « pyg », « Marie-Cécile Godwin »); two PERSON entities whose names or aliases meet are
 * probably one person, to be merged with the other names kept as `aliases`.
 */
import type { SeedEntity } from '../read.js';
import { normaliseQuote } from '../report.js';
import type { FidelityProblem } from './problem.js';

/** "Marie-Cécile Godwin" → "marie-cecile godwin": case, accents and spacing do not tell people apart. */
function key(name: string): string {
  return normaliseQuote(name)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^(?:m\.|mme)\s+/i, '')
    .toLowerCase();
}

export function findDuplicatePeople(entities: SeedEntity[]): FidelityProblem[] {
  const people = entities.filter((e) => e.kind === 'PERSON');
  const names = people.map((p) => ({ person: p, keys: new Set([p.name, ...p.aliases].map(key)) }));
  const problems: FidelityProblem[] = [];
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) {
      const why = sameName(a.keys, b.keys) ?? firstNameOf(a, b) ?? firstNameOf(b, a);
      if (!why) continue;
      problems.push({
        file: b.person.origin.file,
        id: b.person.slug,
        field: 'name',
        message:
          `probably the same person as "${a.person.slug}" (${a.person.origin.file}): ${why}; ` +
          'merge them into one entity and keep the other names in aliases',
      });
    }
  });
  return problems;
}

function sameName(a: Set<string>, b: Set<string>): string | null {
  for (const name of a) if (b.has(name)) return `both are called "${name}"`;
  return null;
}

/** A one-word name ("Yann") that is the first name of another person's full name ("Yann Kervran"). */
function firstNameOf(short: { keys: Set<string> }, full: { keys: Set<string> }): string | null {
  for (const name of short.keys) {
    if (name.includes(' ')) continue;
    for (const other of full.keys) {
      if (other.startsWith(`${name} `)) return `"${name}" is the first name of "${other}"`;
    }
  }
  return null;
}
