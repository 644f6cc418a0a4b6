/**
 * Spreadsheet import: a CSV (uploaded, or rows pasted) of entities or relations in the seed
 * columns. "Check" is a dry run listing, row by row, what would be created or changed and every
 * problem; "Apply" writes every row in one transaction, or nothing while any row has a problem
 * (`importRows`, which reuses the single mutations' checks).
 */
import { request } from '../api.js';
import { h, uniqueId } from '../dom.js';
import type { StaffContext } from './context.js';
import { failureText, message, show } from './form-kit.js';
import { IMPORT_ROWS, type ImportRowsPayload } from './operations.js';

export function importView(ctx: StaffContext): HTMLElement {
  const { s } = ctx;
  const group = uniqueId('import-target');
  const radio = (value: 'RELATIONS' | 'ENTITIES', label: string) => {
    const id = `${group}-${value}`;
    return h(
      'span',
      { class: 'staff-radio' },
      h('input', { type: 'radio', name: group, id, value, checked: value === 'RELATIONS' }),
      h('label', { for: id }, label),
    );
  };
  const fileId = uniqueId('import-file');
  const file = h('input', { type: 'file', id: fileId, accept: '.csv,text/csv' });
  const pasteId = uniqueId('import-paste');
  const paste = h('textarea', { id: pasteId, class: 'import-rows', rows: 8, spellcheck: 'false' });
  const check = h('button', { type: 'button', class: 'staff-primary import-check' }, s('importCheck'));
  const apply = h('button', { type: 'button', class: 'import-apply', disabled: true }, s('importApply'));
  const slot = h('div', { class: 'staff-messages' });
  const preview = h('div', { class: 'import-preview' });

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    // The file's rows land in the text box: what is checked and applied is what is shown.
    paste.value = await chosen.text();
    apply.disabled = true;
    preview.replaceChildren();
  });
  paste.addEventListener('input', () => {
    apply.disabled = true;
  });

  const target = () => root.querySelector<HTMLInputElement>(`input[name="${group}"]:checked`)?.value ?? 'RELATIONS';

  const run = async (dryRun: boolean) => {
    const csv = paste.value;
    if (!csv.trim()) {
      show(slot, message('alert', s('importEmpty')));
      return;
    }
    const button = dryRun ? check : apply;
    const label = button.textContent;
    check.disabled = true;
    apply.disabled = true;
    button.textContent = dryRun ? s('importChecking') : s('importApplying');
    show(slot, null);
    try {
      const { importRows } = await request<{ importRows: ImportRowsPayload }>(IMPORT_ROWS, {
        input: { target: target(), csv, dryRun },
      });
      preview.replaceChildren(rowsTable(importRows, ctx));
      const errors = importRows.errorCount;
      if (dryRun) {
        show(
          slot,
          message(
            errors > 0 ? 'alert' : 'status',
            summary(importRows, ctx),
            errors > 0 ? ` ${s('importHasErrors', { errors })}` : '',
          ),
        );
      } else if (importRows.applied) {
        show(slot, message('status', s('importApplied', { count: importRows.changes.length })));
        ctx.host.refresh();
      } else {
        show(slot, message('alert', s('importRefused', { errors })));
      }
      // Applying is offered once a dry run is shown; with problems it is refused whole (and says so).
      apply.disabled = !dryRun && importRows.applied;
    } catch (error) {
      show(slot, message('alert', failureText(error, s)));
    } finally {
      button.textContent = label;
      check.disabled = false;
    }
  };
  check.addEventListener('click', () => void run(true));
  apply.addEventListener('click', () => void run(false));

  const root = h(
    'div',
    { class: 'staff-import' },
    h('p', { class: 'staff-hint' }, s('importHelp')),
    h('fieldset', { class: 'staff-direction' }, h('legend', {}, s('importTarget')), [
      radio('RELATIONS', s('importRelations')),
      radio('ENTITIES', s('importEntities')),
    ]),
    h('div', { class: 'staff-field' }, h('label', { for: fileId }, s('importFile')), file),
    h('div', { class: 'staff-field' }, h('label', { for: pasteId }, s('importPaste')), paste),
    h('div', { class: 'staff-actions' }, check, apply),
    slot,
    preview,
  );
  return root;
}

function summary(payload: ImportRowsPayload, ctx: StaffContext): string {
  const count = (action: string) => payload.rows.filter((r) => r.action === action).length;
  return ctx.s('importSummary', {
    rows: payload.rows.length,
    create: count('CREATE'),
    update: count('UPDATE'),
    unchanged: count('UNCHANGED'),
    errors: payload.rows.filter((r) => r.problems.length > 0).length,
  });
}

/** Row by row: its line, what would happen to it, and each problem with its suggestion. */
function rowsTable(payload: ImportRowsPayload, ctx: StaffContext): HTMLElement {
  const { s } = ctx;
  return h(
    'div',
    { class: 'staff-table-wrap' },
    h(
      'table',
      { class: 'import-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, s('line')),
          h('th', { scope: 'col' }, s('action')),
          h('th', { scope: 'col' }, s('key')),
          h('th', { scope: 'col' }, s('problems')),
        ),
      ),
      h(
        'tbody',
        {},
        payload.rows.map((row) =>
          h(
            'tr',
            { 'data-line': String(row.line), 'data-action': row.action, class: row.problems.length > 0 ? 'error' : '' },
            h('td', {}, String(row.line)),
            h('td', {}, s(`import${row.action}`)),
            h('td', {}, row.key ?? ''),
            h(
              'td',
              {},
              row.problems.length > 0 &&
                h(
                  'ul',
                  {},
                  row.problems.map((p) =>
                    h(
                      'li',
                      { 'data-column': p.column },
                      `${p.column}: ${p.message}`,
                      p.suggestion ? ` — ${s('suggestion', { suggestion: p.suggestion })}` : '',
                    ),
                  ),
                ),
            ),
          ),
        ),
      ),
    ),
  );
}
