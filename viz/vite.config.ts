/**
 * Builds the map into viz/dist, which the API server serves at `/`.
 * `npm run dev:viz` serves it with hot reload and forwards /graphql and /export to a local API.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = { '/graphql': 'http://127.0.0.1:4000', '/export': 'http://127.0.0.1:4000' };

export default defineConfig({
  root: here('.'),
  // Relative asset URLs keep the build working when the site is mounted under a path prefix.
  base: './',
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // Cytoscape alone is ~430 kB minified; warn only if something else joins it.
    chunkSizeWarningLimit: 700,
  },
  server: { proxy: api },
  preview: { proxy: api },
});
