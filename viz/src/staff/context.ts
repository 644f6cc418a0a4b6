/**
 * What the workspace's parts share: the language's words, and the map they act on.
 */
import type { Lang } from '../i18n.js';
import type { EntityRef } from '../queries.js';
import type { StaffTranslate } from './strings.js';

/** What the staff workspace asks of the map (app.ts provides it). */
export interface StaffHost {
  lang(): Lang;
  /** The API's entity search, as the toolbar uses it. */
  search(text: string, signal: AbortSignal): Promise<EntityRef[]>;
  /** After a write: the map and the panels read the graph again, without a page reload. */
  refresh(): void;
  /** Redraws the details panel (the workspace's controls appeared or went). */
  redrawPanel(): void;
  /** Moves the view to an entity. */
  openEntity(slug: string): void;
  /** Moves the view back from a relation to its entity. */
  closeRelation(): void;
  /** Closes the details panel (what it showed is gone). */
  closePanel(): void;
}

export interface StaffContext {
  host: StaffHost;
  s: StaffTranslate;
  lang: Lang;
}
