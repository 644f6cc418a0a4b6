/** The seed validator rejects each kind of bad entry with file, line, field and a precise message. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fidelityProblems, formatFidelityProblems, reportFidelityProblems } from '../api/seed/checks/index.js';
import { checkCoverage } from '../api/seed/coverage/check.js';
import { readCoverage } from '../api/seed/coverage/format.js';
import { formatProblems, readSeeds } from '../api/seed/read.js';
import { parseReport } from '../api/seed/report.js';

const SOURCE = `    sources:
      - section: Picasoft
        quote: "Picasoft est une association"`;

async function problemsOf(files: Record<string, string>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-seeds-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const result = await readSeeds(dir);
  return result.ok ? '' : formatProblems(result.problems);
}

const ENTITIES = `entities:
  - kind: ORGANISATION
    slug: framasoft
    name: Framasoft
  - kind: ORGANISATION
    slug: picasoft
    name: Picasoft
`;

describe('seed validation', () => {
  it('accepts a valid file', async () => {
    expect(
      await problemsOf({
        'a.yaml': `${ENTITIES}relations:\n  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasoft\n    since: 2019\n${SOURCE}\n`,
      }),
    ).toBe('');
  });

  it('reports an unknown slug with a did-you-mean suggestion', async () => {
    const problems = await problemsOf({
      'a.yaml': `${ENTITIES}relations:\n  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasof\n${SOURCE}\n`,
    });
    expect(problems).toBe('seeds/a.yaml:11 relations[0].to: unknown entity "picasof"; did you mean "picasoft"?');
  });

  it('reports a duplicate slug with both places', async () => {
    const problems = await problemsOf({
      'a.yaml': ENTITIES,
      'b.yaml': 'entities:\n  - kind: PERSON\n    slug: picasoft\n    name: Someone\n',
    });
    expect(problems).toBe('seeds/b.yaml:3 entities[0].slug: duplicate slug "picasoft" (first defined in a.yaml:6)');
  });

  it('reports a bad date, a missing source and an unknown relation type, all at once', async () => {
    const problems = await problemsOf({
      'a.yaml': `${ENTITIES}relations:
  - type: ARCHIPELAGO
    from: framasoft
    to: picasoft
    since: 2020-13
${SOURCE}
  - type: ARCHIPELAGO
    from: picasoft
    to: framasoft
    sources: []
  - type: FRIENDS
    from: framasoft
    to: picasoft
${SOURCE}
`,
    });
    expect(problems.split('\n')).toEqual([
      'seeds/a.yaml:12 relations[0].since: expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD (a real calendar day)',
      'seeds/a.yaml:19 relations[1].sources: every relation needs at least one source from the report',
      expect.stringMatching(
        /^seeds\/a\.yaml:20 relations\[2\]\.type: unknown relation type; expected one of RHIZOME, ARCHIPELAGO, /,
      ),
    ]);
  });

  it('reports unknown fields, a relation from an entity to itself, and HOSTING without software', async () => {
    const problems = await problemsOf({
      'a.yaml': `entities:
  - kind: PERSON
    slug: angie
    name: Angie
    colour: blue
  - kind: ORGANISATION
    slug: framasoft
    name: Framasoft
relations:
  - type: WORKS_FOR
    from: framasoft
    to: framasoft
${SOURCE}
  - type: HOSTING
    from: framasoft
    to: framasoft
${SOURCE}
`,
    });
    expect(problems.split('\n')).toEqual([
      'seeds/a.yaml:5 entities[0].colour: unknown field "colour"',
      'seeds/a.yaml:12 relations[0].to: a relation joins two different entities',
      'seeds/a.yaml:16 relations[1].software: a HOSTING relation names its software or its resource',
      'seeds/a.yaml:18 relations[1].to: a relation joins two different entities',
    ]);
  });

  it('reports a relation end of the wrong kind', async () => {
    const problems = await problemsOf({
      'a.yaml': `${ENTITIES}relations:\n  - type: WORKS_FOR\n    from: framasoft\n    to: picasoft\n${SOURCE}\n`,
    });
    expect(problems).toBe(
      'seeds/a.yaml:10 relations[0].from: WORKS_FOR expects from to be PERSON, but "framasoft" is ORGANISATION',
    );
  });

  it('reports an unquoted value cut short by " #", which YAML reads as a comment', async () => {
    const cut = SOURCE.replace('"Picasoft est une association"', 'Picasoft soutient le #DayAgainstDRM');
    expect(
      await problemsOf({
        'a.yaml': `${ENTITIES}relations:\n  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasoft\n${cut}\n`,
      }),
    ).toBe(
      'seeds/a.yaml:14 relations[0].sources[0].quote: the text after " #" was read as a YAML comment, ' +
        'leaving "Picasoft soutient le": quote the whole value',
    );
    const quoted = SOURCE.replace('"Picasoft est une association"', '"Picasoft soutient le #DayAgainstDRM"');
    expect(
      await problemsOf({
        'a.yaml': `${ENTITIES}relations:\n  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasoft\n${quoted}\n`,
      }),
    ).toBe('');
  });

  it('reports YAML syntax errors with their line', async () => {
    expect(await problemsOf({ 'a.yaml': 'entities:\n  - kind: PERSON\n   slug: x\n' })).toMatch(
      /^seeds\/a\.yaml:3 \(yaml\): /,
    );
  });
});

describe('YAML that would lose part of a value', () => {
  it('reports a line starting with "#" inside a value written over several lines', async () => {
    const text = `${ENTITIES}relations:
  - type: ARCHIPELAGO
    from: framasoft
    to: picasoft
    sources:
      - section: Picasoft
        quote: Picasoft soutient le
          #DayAgainstDRM
`;
    expect(await problemsOf({ 'a.yaml': text })).toBe(
      'seeds/a.yaml:14 relations[0].sources[0].quote: the line "#DayAgainstDRM" was read as a YAML comment, ' +
        'leaving "Picasoft soutient le": quote the whole value',
    );
  });

  it('refuses a ":" in an unquoted value loudly, and keeps it whole when quoted', async () => {
    const relation = (quote: string) =>
      `${ENTITIES}relations:\n  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasoft\n${SOURCE.replace('"Picasoft est une association"', quote)}\n`;
    expect(await problemsOf({ 'a.yaml': relation('Twitter : ~22 000 abonné·es') })).toMatch(
      /^seeds\/a\.yaml:14 \(yaml\): /,
    );
    expect(await problemsOf({ 'a.yaml': relation('"Twitter : ~22 000 abonné·es"') })).toBe('');
  });
});

/** A small report: two sections, a list, a table row. */
const REPORT = parseReport(`# Rapport

## Picasoft

Picasoft est une association étudiante, membre du collectif CHATONS. Elle a reçu 500 € de Framasoft pour son serveur.

- une participation au #DayAgainstDRM sur la thématique Netflix ;

## Équipe

En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann et Stph. Ainsi que 1 observatrice : Audrey.

2020/11/12\tSoirée\tEn ligne\tTable-ronde\tYann
`);

const PEOPLE = `  - kind: PERSON
    slug: audrey
    name: Audrey
  - kind: PERSON
    slug: maiwann
    name: Maiwann
  - kind: ORGANISATION
    slug: chatons
    name: CHATONS
`;

async function seedsOf(relations: string, entities = '') {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-seeds-'));
  await writeFile(
    path.join(dir, 'a.yaml'),
    `${ENTITIES}${PEOPLE}${entities}relations:${relations ? `\n${relations}` : ' []\n'}`,
  );
  const result = await readSeeds(dir);
  if (!result.ok) throw new Error(formatProblems(result.problems));
  return { dir, seeds: result };
}

const cite = (section: string, quote: string) =>
  `    sources:\n      - section: ${section}\n        quote: ${JSON.stringify(quote)}\n`;

async function fidelity(relations: string, entities = '') {
  const { seeds } = await seedsOf(relations, entities);
  return formatFidelityProblems([...fidelityProblems(seeds), ...reportFidelityProblems(seeds, REPORT)]);
}

describe('fidelity checks', () => {
  it('money: an amount says its period, and goes on a FUNDING relation from the payer to the payee', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'archipel-seeds-'));
    await writeFile(
      path.join(dir, 'a.yaml'),
      `${ENTITIES}relations:\n  - type: FUNDING\n    from: framasoft\n    to: picasoft\n    amount: 500\n    currency: EUR\n${cite('Picasoft', 'Elle a reçu 500 € de Framasoft pour son serveur.')}`,
    );
    const result = await readSeeds(dir);
    expect(result.ok ? '' : formatProblems(result.problems)).toBe(
      'seeds/a.yaml:9 relations[0].period: an amount needs a period: one-off, per-year or total',
    );
    const quote = cite('Picasoft', 'Elle a reçu 500 € de Framasoft pour son serveur.');
    expect(
      await fidelity(
        `  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasoft\n    amount: 500\n    currency: EUR\n    period: one-off\n    since: "2020"\n${quote}` +
          `  - type: FUNDING\n    from: framasoft\n    to: maiwann\n    amount: 500\n    currency: EUR\n    period: per-year\n${quote}`,
      ),
    ).toBe(
      [
        'seeds/a.yaml archipelago--framasoft--picasoft amount: an amount belongs on a FUNDING relation from the payer to the payee, not on ARCHIPELAGO',
        'seeds/a.yaml funding--framasoft--maiwann since: a per-year amount needs since (and until) to say which years',
      ].join('\n'),
    );
  });

  it('membership: a quote states it, or a note says how the report implies it; an observer is no member', async () => {
    const observer = cite('Équipe', 'Ainsi que 1 observatrice : Audrey.');
    const member = cite('Équipe', 'En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann et Stph.');
    expect(
      await fidelity(
        `  - type: MEMBERSHIP\n    from: audrey\n    to: framasoft\n${observer}` +
          `  - type: MEMBERSHIP\n    from: maiwann\n    to: framasoft\n${member}` +
          `  - type: MEMBERSHIP\n    from: picasoft\n    to: chatons\n    note: Listée parmi les structures du collectif.\n${cite('Picasoft', 'Picasoft est une association étudiante')}`,
      ),
    ).toBe(
      'seeds/a.yaml membership--audrey--framasoft sources: no quote states membership (membre, adhérent·e, ' +
        'administrateur, rejoint, fait partie…): cite the passage that does, say in a note how the report implies it, ' +
        'or use another type',
    );
  });

  it('people: a first name and the full name that starts with it are one person, unless kept as an alias', async () => {
    const yann = '  - kind: PERSON\n    slug: yann\n    name: Yann\n';
    const kervran = '  - kind: PERSON\n    slug: yann-kervran\n    name: Yann Kervran\n';
    expect(await fidelity('', yann + kervran)).toBe(
      'seeds/a.yaml yann-kervran name: probably the same person as "yann" (a.yaml): "yann" is the first name of ' +
        '"yann kervran"; merge them into one entity and keep the other names in aliases',
    );
    expect(await fidelity('', `${kervran}    aliases:\n      - Yann\n`)).toBe('');
    const twin = '  - kind: PERSON\n    slug: maiwann-2\n    name: MAIWANN\n';
    expect(await fidelity('', twin)).toMatch(
      /maiwann-2 name: probably the same person as "maiwann".*both are called "maiwann"/,
    );
  });

  it('quotes: a whole clause, from the section they name', async () => {
    const relation = (section: string, quote: string) =>
      `  - type: ARCHIPELAGO\n    from: framasoft\n    to: picasoft\n${cite(section, quote)}`;
    expect(await fidelity(relation('Picasoft', 'une participation au'))).toBe(
      'seeds/a.yaml archipelago--framasoft--picasoft sources[0].quote: "une participation au" stops mid-clause ' +
        '(the report goes on: "#DayAgainstDRM sur la thématique Netfli…"); quote the whole clause, or at least 8 words',
    );
    // A clause, a list item, a table cell: each ends where the report's text does.
    expect(await fidelity(relation('Picasoft', 'membre du collectif CHATONS'))).toBe('');
    expect(await fidelity(relation('Picasoft', 'la thématique Netflix'))).toBe('');
    expect(await fidelity(relation('Équipe', 'Table-ronde'))).toBe('');
    expect(
      await fidelity(relation('Équipe', 'Picasoft est une association étudiante, membre du collectif CHATONS.')),
    ).toBe(
      'seeds/a.yaml archipelago--framasoft--picasoft sources[0].section: the quote is not in section "Équipe" but in "Picasoft"',
    );
  });
});

describe('coverage of the report', () => {
  const RELATIONS = `  - type: MEMBERSHIP\n    from: maiwann\n    to: framasoft\n${cite('Équipe', 'En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann et Stph.')}`;

  async function coverageProblems(coverage: string) {
    const { dir, seeds } = await seedsOf(RELATIONS);
    await mkdir(path.join(dir, 'coverage'));
    await writeFile(path.join(dir, 'coverage', 'a.yaml'), coverage);
    const read = await readCoverage(dir, ['a.yaml']);
    const checked = checkCoverage(read.sections, REPORT, seeds);
    return {
      problems: [...read.problems, ...checked.problems].map((p) => `${p.file}:${p.line} ${p.field}: ${p.message}`),
      summary: checked.summary,
    };
  }

  it('accepts a reading of every section, and counts the share held by the graph', async () => {
    const { problems, summary } = await coverageProblems(`part: Tout
sections:
  - section: Rapport
    none: Titre.
  - section: Picasoft
    facts:
      - quote: Elle a reçu 500 € de Framasoft pour son serveur.
        reason: Exemple sans relation.
  - section: Équipe
    facts:
      - quote: "En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann et Stph."
        relations: [membership--maiwann--framasoft]
`);
    expect(problems).toEqual([]);
    expect(summary).toEqual({ sections: 3, held: 1, explained: 1, empty: 1 });
  });

  it('reports a missing section, a section without facts, an unknown relation, an unlisted source, a misquoted fact', async () => {
    const { problems } = await coverageProblems(`part: Tout
sections:
  - section: Picasoft
  - section: Équipe
    facts:
      - quote: Ainsi que 1 observatrice
        relations: [membership--audrey--framasoft]
        contradiction: Exemple.
      - quote: Une phrase absente.
        reason: Exemple.
      - quote: Audrey.
`);
    expect(problems).toEqual([
      'coverage/a.yaml:3 facts: section "Picasoft" lists no fact: list the facts it states, or say in "none" why it states none',
      'coverage/a.yaml:6 facts[0].relations: unknown relation "membership--audrey--framasoft"',
      'coverage/a.yaml:9 facts[1].quote: not found verbatim in section "Équipe": "Une phrase absente."',
      'coverage/a.yaml:11 facts[2].reason: a fact is held by relations or entities, or gives the reason none holds it',
      'coverage:1 sections: section "Rapport" of the report is not covered',
      'coverage/a.yaml:4 facts: relation "membership--maiwann--framasoft" (seeds/a.yaml) cites "En 2020, Framasoft aura accueilli 3 nouveaux membres : Maiwann et Stph.", which no fact of this section lists with it',
    ]);
  });
});
