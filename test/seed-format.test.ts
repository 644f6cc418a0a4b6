/** The seed validator rejects each kind of bad entry with file, line, field and a precise message. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, readSeeds } from '../api/seed/read.js';

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
