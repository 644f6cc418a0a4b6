/**
 * A relation's sources, edited: for each, the report section picked from the report's headings
 * and a quote checked live against the report (`checkQuote`), which says plainly when it is not
 * there verbatim; or, instead of the report, another document (URL and title).
 */
import { request } from '../api.js';
import { h, uniqueId } from '../dom.js';
import type { StaffContext } from './context.js';
import { failureText } from './form-kit.js';
import { CHECK_QUOTE, type QuoteCheck, REPORT_SECTIONS, type ReportSection, type StaffSource } from './operations.js';

const CHECK_DELAY_MS = 350;

let sections: Promise<ReportSection[]> | null = null;

/** The report's headings, read once per page. */
function reportSections(): Promise<ReportSection[]> {
  sections ??= request<{ reportSections: ReportSection[] }>(REPORT_SECTIONS).then(
    (d) => d.reportSections,
    (error: unknown) => {
      sections = null;
      throw error;
    },
  );
  return sections;
}

export interface SourcesEditor {
  root: HTMLElement;
  /** The sources as the mutation takes them (empty quotes left out). */
  read(): StaffSource[];
}

/** Sources as one line each, for comparing versions. */
export function sourcesText(list: readonly StaffSource[]): string {
  return list
    .map((source) =>
      source.url
        ? `${source.title ?? ''} <${source.url}>: « ${source.quote} »`
        : `${source.section}: « ${source.quote} »`,
    )
    .join('\n');
}

export function sourcesEditor(initial: readonly StaffSource[], ctx: StaffContext): SourcesEditor {
  const { s } = ctx;
  const list = h('div', { class: 'staff-sources-list' });
  const rows: { root: HTMLElement; read(): StaffSource | null }[] = [];
  const renumber = () =>
    rows.forEach((row, i) => {
      const legend = row.root.querySelector('legend');
      if (legend) legend.textContent = s('source', { n: i + 1 });
    });
  const add = (source: StaffSource | null) => {
    const row = sourceRow(source, ctx, () => {
      rows.splice(rows.indexOf(row), 1);
      row.root.remove();
      renumber();
    });
    rows.push(row);
    list.append(row.root);
    renumber();
    return row;
  };
  for (const source of initial) add(source);
  if (initial.length === 0) add(null);
  const root = h(
    'fieldset',
    { class: 'staff-sources' },
    h('legend', {}, s('sources')),
    list,
    h(
      'button',
      {
        type: 'button',
        onclick: () => add(null).root.querySelector<HTMLElement>('select')?.focus(),
      },
      s('addSource'),
    ),
  );
  return { root, read: () => rows.map((row) => row.read()).filter((x): x is StaffSource => x !== null) };
}

function sourceRow(source: StaffSource | null, ctx: StaffContext, onRemove: () => void) {
  const { s } = ctx;
  const id = uniqueId('source');
  const section = h(
    'select',
    { id: `${id}-section`, class: 'source-section' },
    h('option', { value: '' }, s('chooseSection')),
  );
  const quote = h('textarea', {
    id: `${id}-quote`,
    class: 'source-quote',
    rows: 3,
    lang: 'fr',
    'aria-describedby': `${id}-check`,
  });
  quote.value = source?.quote ?? '';
  const check = h('p', { id: `${id}-check`, class: 'quote-check', role: 'status', 'aria-live': 'polite' });
  const elsewhere = h('input', { id: `${id}-other`, type: 'checkbox', class: 'source-other' });
  elsewhere.checked = !!source?.url;
  const url = h('input', { id: `${id}-url`, type: 'url', class: 'source-url' });
  url.value = source?.url ?? '';
  const title = h('input', { id: `${id}-title`, type: 'text', class: 'source-title' });
  title.value = source?.title ?? '';
  const documentFields = h(
    'div',
    { class: 'source-document', hidden: !elsewhere.checked },
    h('div', { class: 'staff-field' }, h('label', { for: url.id }, s('sourceUrl')), url),
    h('div', { class: 'staff-field' }, h('label', { for: title.id }, s('sourceTitle')), title),
  );

  const current = source?.section ?? '';
  if (current) {
    section.append(h('option', { value: current }, current));
    section.value = current;
  }
  void reportSections().then(
    (found) => {
      const chosen = section.value;
      section.replaceChildren(
        h('option', { value: '' }, s('chooseSection')),
        ...found.map((heading) =>
          h('option', { value: heading.heading }, `${'— '.repeat(Math.max(0, heading.level - 1))}${heading.heading}`),
        ),
      );
      // A section the report no longer has (or an older heading) stays choosable as it was.
      if (chosen && !found.some((f) => f.heading === chosen)) section.append(h('option', { value: chosen }, chosen));
      section.value = chosen;
    },
    () => {},
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const verify = async () => {
    const text = quote.value.trim();
    const heading = section.value;
    if (elsewhere.checked || !text || !heading) {
      check.textContent = '';
      check.className = 'quote-check';
      return;
    }
    const ticket = ++asked;
    check.textContent = s('checking');
    check.className = 'quote-check';
    try {
      const { checkQuote } = await request<{ checkQuote: QuoteCheck }>(CHECK_QUOTE, { section: heading, quote: text });
      if (ticket !== asked) return;
      const ok = checkQuote.verbatim && checkQuote.inSection;
      check.textContent = ok
        ? s('quoteFound')
        : checkQuote.verbatim && checkQuote.foundInSection
          ? s('quoteElsewhere', { found: checkQuote.foundInSection })
          : s('quoteNotFound');
      check.className = `quote-check ${ok ? 'ok' : 'error'}`;
      check.dataset.verbatim = String(ok);
    } catch (error) {
      if (ticket !== asked) return;
      check.textContent = s('quoteCheckFailed', { message: failureText(error, s) });
      check.className = 'quote-check error';
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void verify(), CHECK_DELAY_MS);
  };
  quote.addEventListener('input', later);
  section.addEventListener('change', () => void verify());
  elsewhere.addEventListener('change', () => {
    documentFields.hidden = !elsewhere.checked;
    void verify();
  });
  if (quote.value) later();

  const root = h(
    'fieldset',
    { class: 'staff-source' },
    h('legend', {}),
    h('div', { class: 'staff-field' }, h('label', { for: section.id }, s('section')), section),
    h('div', { class: 'staff-field' }, h('label', { for: quote.id }, s('quote')), quote, check),
    h('div', { class: 'staff-check' }, elsewhere, h('label', { for: elsewhere.id }, s('otherDocument'))),
    documentFields,
    h('button', { type: 'button', class: 'staff-remove', onclick: onRemove }, s('removeSource')),
  );
  return {
    root,
    read(): StaffSource | null {
      const text = quote.value.trim();
      if (!text && !section.value) return null;
      return elsewhere.checked
        ? {
            section: section.value || title.value.trim(),
            quote: text,
            url: url.value.trim(),
            title: title.value.trim(),
          }
        : { section: section.value, quote: text };
    },
  };
}
