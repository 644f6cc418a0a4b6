/**
 * Entry point: starts the map and exposes it to browser tests as `window.__archipel`.
 */
import type { Core } from 'cytoscape';
import { App } from './app.js';
import type { ViewState } from './url-state.js';

declare global {
  interface Window {
    /** For browser tests and the curious: the live Cytoscape instance and view state. */
    __archipel?: { readonly cy: Core | null; readonly state: ViewState; readonly app: App };
  }
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');

// `?renderer=webgl|canvas` overrides the size-based choice; the benchmark compares both.
const renderer = new URLSearchParams(location.search).get('renderer');
const app = new App(root, navigator.languages ?? [navigator.language], {
  webgl: renderer === 'webgl' ? true : renderer === 'canvas' ? false : undefined,
});

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
