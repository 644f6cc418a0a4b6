/**
 * A polite live region: what the visitor chose, said once to screen readers ("Picasoft:
 * organisation, 7 relations"). Focus moves to the panel too, but a panel's title alone does not
 * say what kind of entity it is nor how tied it is.
 */
import { h } from './dom.js';
import { kindLabel, type Lang, type Translate } from './i18n.js';
import type { GraphData } from './queries.js';

/** The sentence for an entity of the loaded graph; `null` when it is not in it (yet). */
export function entityAnnouncement(graph: GraphData, slug: string, lang: Lang, t: Translate): string | null {
  const node = graph.nodes.find((n) => n.slug === slug);
  if (!node) return null;
  const count = graph.edges.filter((e) => e.from.slug === slug || e.to.slug === slug).length;
  return t('announceEntity', { name: node.name, kind: kindLabel(node.kind, lang).toLowerCase(), count });
}

export class Announcer {
  readonly element = h('div', { class: 'visually-hidden announcer', role: 'status', 'aria-live': 'polite' });
  /** The last thing said, so that a redraw does not say it again. */
  private said = '';

  say(text: string): void {
    if (text === this.said) return;
    this.said = text;
    this.element.textContent = text;
  }

  /** Lets the next `say` repeat the last text (the visitor chose the same entity again). */
  forget(): void {
    this.said = '';
  }
}
