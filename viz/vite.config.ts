/**
 * Builds the map into viz/dist, which the API server serves at `/`.
 * `npm run dev:viz` serves it with hot reload and forwards /graphql and /export to a local API.
 */
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = { '/graphql': 'http://127.0.0.1:4000', '/export': 'http://127.0.0.1:4000' };

/**
 * The map's code (app.ts and Cytoscape) is a chunk the entry imports once it has asked for the
 * first graph (main.ts). Vite preloads only static imports; this link lets the browser fetch and
 * compile that chunk beside the entry, rather than after it.
 */
function preloadMapChunk(): Plugin {
  return {
    name: 'archipel-preload-map-chunk',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.isDynamicEntry && file.facadeModuleId === here('src/app.ts'),
        );
        if (!chunk) return [];
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

export default defineConfig({
  root: here('.'),
  // Relative asset URLs keep the build working when the site is mounted under a path prefix.
  base: './',
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // The map's chunk is Cytoscape (~430 kB minified), fcose and our code: ~760 kB. Warn if it grows.
    chunkSizeWarningLimit: 800,
  },
  // Brotli and gzip copies beside each file (app.js.br, app.js.gz): the server picks one by the
  // browser's Accept-Encoding (sirv's brotli/gzip options) and spends no CPU per request on it.
  // Small files are not worth a second request-time branch; maximum levels cost only build time.
  plugins: [
    preloadMapChunk(),
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
