/**
 * Entry point: asks for the graph the page opens on, then loads the map's code (a chunk of its
 * own, most of it Cytoscape) while the answer travels, starts the map and exposes it to browser
 * tests as `window.__archipel`.
 */
import type { Core } from 'cytoscape';
import type { App } from './app.js';
import { FirstGraph } from './first-graph.js';
import { neighbourhoodOf, parseState, type ViewState } from './url-state.js';

declare global {
  interface Window {
    /** For browser tests and the curious: the live Cytoscape instance and view state. */
    __archipel?: { readonly cy: Core | null; readonly state: ViewState; readonly app: App };
  }
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');

const firstGraph = new FirstGraph(neighbourhoodOf(parseState(location.search)));

import('./app.js').then(
  ({ App }) => {
    // `?renderer=webgl|canvas` overrides the size-based choice; the benchmark compares both.
    const renderer = new URLSearchParams(location.search).get('renderer');
    const app = new App(
      root,
      navigator.languages ?? [navigator.language],
      { webgl: renderer === 'webgl' ? true : renderer === 'canvas' ? false : undefined },
      firstGraph,
    );
    window.__archipel = {
      get cy() {
        return app.canvas.map.cy;
      },
      get state() {
        return app.state;
      },
      app,
    };
    app.start();
  },
  () => {
    // The page's own code failed to arrive (a dropped connection, a deploy in between).
    root.dataset.status = 'failed';
    // Both languages, as the <noscript> line: the code that picks one is what failed to load.
    root.textContent =
      'La carte n’a pas pu charger son code : rechargez la page. / The map could not load its code: reload the page.';
  },
);
