/**
 * History: the recorded changes of an entity or a relation (or of the whole graph, see
 * recent-changes.ts), newest first, each with who, when, what, and a field-by-field diff of the
 * JSON before and after. A deletion offers to restore what it deleted.
 */
import { request } from '../api.js';
import { type Child, h } from '../dom.js';
import type { StaffContext } from './context.js';
import { failureText, message, show } from './form-kit.js';
import { type Change, type ChangePage, HISTORY, RESTORE_ENTITY, RESTORE_RELATION } from './operations.js';

/** Bookkeeping the diff leaves out: every change moves the version, and origin is where the seed lives. */
const UNSHOWN = new Set(['version', 'origin']);

export interface FieldDiff {
  field: string;
  before: string;
  after: string;
}

/** Text of a JSON value as a person reads it: strings bare, lists one item per line, objects as JSON. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function parsed(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The fields a change changed, in the order they first appear (before, then after). */
export function diffOf(change: Pick<Change, 'before' | 'after'>): FieldDiff[] {
  const before = parsed(change.before);
  const after = parsed(change.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !UNSHOWN.has(f));
  return fields
    .map((field) => ({ field, before: shown(before[field]), after: shown(after[field]) }))
    .filter((d) => d.before !== d.after);
}

/** Whether restoring the change's target makes sense: it deleted it. */
const deletedBy = (change: Change) =>
  change.after === null && (change.action === 'DELETE' || change.action === 'MERGE');

/** One change: a line saying who did what when, its diff, and a restore button after a deletion. */
export function changeView(change: Change, ctx: StaffContext, options: { named: boolean; onRestored(): void }) {
  const { s, lang } = ctx;
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(change.at));
  // In the whole graph's list, an entity that still exists is a link to its panel.
  const target: Child = !options.named
    ? ''
    : change.targetKind === 'ENTITY' && change.after !== null
      ? h(
          'button',
          {
            type: 'button',
            class: 'entity-link',
            onclick: (event: Event) => {
              (event.currentTarget as HTMLElement).closest('dialog')?.close();
              ctx.host.openEntity(change.targetId);
            },
          },
          change.targetId,
        )
      : change.targetId;
  const diff = diffOf(change);
  const slot = h('div');
  const restore =
    deletedBy(change) &&
    h(
      'button',
      {
        type: 'button',
        class: 'staff-restore',
        onclick: async (event: Event) => {
          const button = event.currentTarget as HTMLButtonElement;
          button.disabled = true;
          try {
            if (change.targetKind === 'ENTITY') await request(RESTORE_ENTITY, { input: { slug: change.targetId } });
            else await request(RESTORE_RELATION, { input: { relationId: change.targetId } });
            show(slot, message('status', s('restored')));
            options.onRestored();
          } catch (error) {
            button.disabled = false;
            show(slot, message('alert', failureText(error, s)));
          }
        },
      },
      s('restore'),
    );
  return h(
    'li',
    { class: 'staff-change', 'data-action': change.action, 'data-target': change.targetId },
    h(
      'p',
      { class: 'staff-change-line' },
      h('time', { datetime: change.at }, when),
      ` · ${change.actor} ${s(`action${change.action}`)}`,
      options.named ? ` ${s(`target${change.targetKind}`)} ` : '',
      target,
      restore ? ' ' : '',
      restore,
    ),
    diff.length > 0 &&
      h(
        'table',
        { class: 'staff-diff' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, s('field')),
            h('th', { scope: 'col' }, s('before')),
            h('th', { scope: 'col' }, s('after')),
          ),
        ),
        h(
          'tbody',
          {},
          diff.map((d) =>
            h(
              'tr',
              { 'data-field': d.field },
              h('th', { scope: 'row' }, d.field),
              h('td', { class: 'before' }, d.before),
              h('td', { class: 'after' }, d.after),
            ),
          ),
        ),
      ),
    slot,
  );
}

/**
 * A paged list of changes in `container`: `read(after)` fetches a page; "load more" reads on.
 */
export function changeList(
  container: HTMLElement,
  read: (after: string | null) => Promise<ChangePage>,
  ctx: StaffContext,
  options: { named: boolean; onRestored(): void },
): void {
  const { s } = ctx;
  const list = h('ol', { class: 'staff-changes' });
  const more = h('button', { type: 'button', class: 'staff-more', hidden: true }, s('loadMore'));
  const slot = h('div');
  const status = h('p', { 'aria-busy': 'true' }, s('loading'));
  container.replaceChildren(status, list, more, slot);
  let cursor: string | null = null;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await read(cursor);
      status.remove();
      if (page.totalCount === 0) list.replaceWith(h('p', {}, s('historyEmpty')));
      list.append(...page.edges.map((e) => changeView(e.node, ctx, options)));
      cursor = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
    } catch (error) {
      status.remove();
      show(slot, message('alert', failureText(error, s)));
    }
    more.disabled = false;
  };
  more.addEventListener('click', () => void load());
  void load();
}

/** The timeline of one entity (`slug`) or relation (`relationId`). */
export function historyView(
  target: { slug: string } | { relationId: string },
  ctx: StaffContext,
  onRestored: () => void,
): HTMLElement {
  const { s } = ctx;
  const body = h('div');
  changeList(
    body,
    async (after) => (await request<{ history: ChangePage }>(HISTORY, { ...target, after })).history,
    ctx,
    { named: false, onRestored },
  );
  return h('section', { class: 'staff-history' }, h('h3', {}, s('historyTitle')), body);
}
