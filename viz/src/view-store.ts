/**
 * The view state, kept in step with the page URL: every change writes the URL (a new history
 * entry, or the current one rewritten), and back/forward reads it back. The URL is the source
 * of truth; url-state.ts translates between the two.
 */
import { parseState, stateToSearch, type ViewState } from './url-state.js';

/** `push`: a step back/forward can return to; `replace`: a gesture still going on (a slider drag). */
export type HistoryMode = 'push' | 'replace' | 'none';

/** Told of every change, with the state before it; `fromHistory` when back/forward made it. */
export type StateListener = (previous: ViewState, fromHistory: boolean) => void;

export class ViewStore {
  state: ViewState = parseState(location.search);

  constructor(private readonly listener: StateListener) {
    window.addEventListener('popstate', () => this.replace(parseState(location.search), true));
  }

  set(patch: Partial<ViewState>, history: HistoryMode): void {
    const next = { ...this.state, ...patch };
    if (history !== 'none') {
      const url = `${location.pathname}${stateToSearch(next)}${location.hash}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`) {
        if (history === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      }
    }
    this.replace(next, false);
  }

  private replace(next: ViewState, fromHistory: boolean): void {
    const previous = this.state;
    this.state = next;
    this.listener(previous, fromHistory);
  }
}
