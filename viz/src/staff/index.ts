/**
 * The staff entry of the map: a "sign in" button in the header, and the hooks by which the staff
 * workspace (workspace.ts) puts its controls in the details panel. This file is all the public
 * bundle carries of it: the workspace is imported only when someone signs in, or when the tab
 * already holds a staff token, so visitors download none of it and see no edit control.
 */
import type { DetailsContent } from '../details.js';
import { h } from '../dom.js';
import type { Translate } from '../i18n.js';
import type { StaffHost } from './context.js';
import { storedToken } from './session.js';
import type { Workspace } from './workspace.js';

export type { StaffHost } from './context.js';

export class StaffEntry {
  readonly element = h('div', { class: 'staff-bar' });
  private workspace: Workspace | null = null;
  private loading: Promise<Workspace> | null = null;

  constructor(private readonly host: StaffHost) {}

  /** Draws the bar in the page's language (again after a language change). */
  build(t: Translate): void {
    if (this.workspace) {
      this.workspace.renderBar();
      return;
    }
    this.element.replaceChildren(
      h(
        'button',
        {
          type: 'button',
          class: 'staff-sign-in',
          onclick: () => void this.load().then((workspace) => workspace.openSignIn()),
        },
        t('staffSignIn'),
      ),
    );
  }

  /** Signs in again when the tab already holds a staff token (a reload, another page of the site). */
  start(): void {
    const token = storedToken();
    if (token) void this.load().then((workspace) => workspace.resume(token));
  }

  /** Redraws the details panel when this changes (staff signed in or out, or their language). */
  get key(): string {
    return this.workspace?.key ?? '';
  }

  /** The staff controls for the panel's content; null for visitors. */
  panelFor(content: DetailsContent): HTMLElement | null {
    return this.workspace?.panelFor(content) ?? null;
  }

  private load(): Promise<Workspace> {
    this.loading ??= import('./workspace.js').then(({ Workspace }) => {
      this.workspace = new Workspace(this.host, this.element);
      return this.workspace;
    });
    return this.loading;
  }
}
