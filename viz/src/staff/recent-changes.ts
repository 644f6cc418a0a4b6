/**
 * "Recent changes": every recorded change to the graph, newest first, for staff; a deleted entity
 * or relation can be restored from here.
 */
import { request } from '../api.js';
import { h } from '../dom.js';
import type { StaffContext } from './context.js';
import { changeList } from './history.js';
import { type ChangePage, RECENT_CHANGES } from './operations.js';

export function recentChangesView(ctx: StaffContext): HTMLElement {
  const body = h('div', { class: 'staff-recent' });
  changeList(
    body,
    async (after) => (await request<{ recentChanges: ChangePage }>(RECENT_CHANGES, { after })).recentChanges,
    ctx,
    { named: true, onRestored: () => ctx.host.refresh() },
  );
  return body;
}
