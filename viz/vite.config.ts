/**
 * Builds the map into viz/dist, which the API server serves at `/`.
 * `npm run dev:viz` serves it with hot reload and forwards /graphql and /export to a local API.
 */
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

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
  // Brotli and gzip copies beside each file (app.js.br, app.js.gz): the server picks one by the
  // browser's Accept-Encoding (sirv's brotli/gzip options) and spends no CPU per request on it.
  // Small files are not worth a second request-time branch; maximum levels cost only build time.
  plugins: [
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      threshold: 1024,
      skipIfLargerOrEqual: true,
    }),
  ],
  server: { proxy: api },
  preview: { proxy: api },
});
