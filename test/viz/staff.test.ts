import { describe, expect, it } from 'vitest';
import { entityPatch, entityValues } from '../../viz/src/staff/entity-form.js';
import { changedFields } from '../../viz/src/staff/form-kit.js';
import { diffOf } from '../../viz/src/staff/history.js';
import { sourcesText } from '../../viz/src/staff/sources-editor.js';
import { staffTranslator } from '../../viz/src/staff/strings.js';

const PICASOFT = {
  slug: 'picasoft',
  name: 'Picasoft',
  kind: 'ORGANISATION' as const,
  version: 3,
  aliases: ['Pica'],
  summary: 'Membre du collectif CHATONS.',
  url: null,
  internalNotes: null,
  category: 'association',
  location: 'Compiègne',
};

describe('the staff workspace', () => {
  it('sends only the fields changed, a cleared one as null and aliases as a list', () => {
    const base = entityValues(PICASOFT);
    const mine = { ...base, summary: '', aliases: 'Pica\n  Picasoft UTC \n', location: 'Compiègne' };
    const changed = changedFields(base, mine);
    expect(changed).toEqual(['aliases', 'summary']);
    expect(entityPatch(mine, changed)).toEqual({ aliases: ['Pica', 'Picasoft UTC'], summary: null });
  });

  it("shows a change's diff field by field, leaving out the version and the seed's place", () => {
    const before = JSON.stringify({
      slug: 'picasoft',
      summary: 'A',
      aliases: ['x'],
      version: 2,
      origin: { file: 'a' },
    });
    const after = JSON.stringify({
      slug: 'picasoft',
      summary: 'B',
      aliases: ['x', 'y'],
      url: 'https://picasoft.net/',
      version: 3,
    });
    expect(diffOf({ before, after })).toEqual([
      { field: 'summary', before: 'A', after: 'B' },
      { field: 'aliases', before: 'x', after: 'x\ny' },
      { field: 'url', before: '', after: 'https://picasoft.net/' },
    ]);
    // A creation has no "before": every field is new.
    expect(diffOf({ before: null, after: JSON.stringify({ type: 'FUNDING', version: 1 }) })).toEqual([
      { field: 'type', before: '', after: 'FUNDING' },
    ]);
  });

  it('writes sources one per line, naming the document when it is not the report', () => {
    expect(
      sourcesText([
        { section: 'Picasoft', quote: 'Une citation.' },
        { section: 'Blog', quote: 'Ailleurs.', url: 'https://framablog.org/', title: 'Framablog' },
      ]),
    ).toBe('Picasoft: « Une citation. »\nFramablog <https://framablog.org/>: « Ailleurs. »');
  });

  it('speaks French and English, filling in the names', () => {
    expect(staffTranslator('en')('signedInAs', { name: 'camille', role: 'editor' })).toBe(
      'Signed in as camille (editor)',
    );
    expect(staffTranslator('fr')('importRefused', { errors: 2 })).toBe('Rien n’a été écrit : 2 lignes sont en erreur.');
  });
});
