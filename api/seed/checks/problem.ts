/** What a fidelity check reports: the seed file, the relation or entity, the field and what is wrong. */
export interface FidelityProblem {
  file: string;
  /** The relation id or entity slug. */
  id: string;
  /** The field at fault, as `seed:validate` names fields elsewhere, e.g. `sources[0].quote`. */
  field: string;
  message: string;
}

/** One line per problem: `seeds/network-partnerships.yaml funding--a--b amount: …`. */
export function formatFidelityProblems(problems: FidelityProblem[]): string {
  return problems.map((p) => `seeds/${p.file} ${p.id} ${p.field}: ${p.message}`).join('\n');
}
