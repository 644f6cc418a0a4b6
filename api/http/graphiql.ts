/**
 * GraphiQL served by Archipel itself. Yoga's own page loads GraphiQL from unpkg.com: a blank page
 * without internet, and every visit told to a third party. Here the same GraphiQL (the build
 * `@graphql-yoga/render-graphiql` ships, from npm) is served from `/graphql/assets/`, under names
 * that change with their content (cached for a year, gzipped once), and the page's
 * Content-Security-Policy lets it reach this origin only.
 *
 * The page opens with the saved operations, one tab each with its query and variables (the first
 * tab too: yoga's GraphiQL would put its welcome comment there, graphql-yoga issue #3979), led by
 * the operations of a link's `?query=…&variables=…` (the map's "GraphQL" link), variables
 * included, ready to run: one tab per operation of the document, each with the fragments and
 * variables it uses, since yoga's GraphiQL sends every fragment of the document with the one
 * operation it runs, and the server refuses fragments that operation does not use. (A GraphiQL that
 * kept tabs from an earlier visit, in the browser's storage, shows those and adds the link's first
 * operation: GraphiQL's own rule.)
 *
 * Usage: `createYoga({ graphiql: graphiqlOptions(EXAMPLE_OPERATIONS), renderGraphiQL: renderGraphiQLPage,
 * plugins: [useGraphiQLAssets()] })`.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { type DocumentNode, Kind, parse, print, separateOperations } from 'graphql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

const gzipAsync = promisify(gzip);

/** Where the assets are served: under the GraphQL endpoint, which the HTTP server hands to yoga. */
export const GRAPHIQL_ASSETS = '/graphql/assets/';

export interface SavedOperation {
  query: string;
  variables?: string;
  headers?: string;
}

/**
 * Besides yoga's documented options, the props its GraphiQL reads for the first tab: without
 * them it shows its welcome comment there, and drops the variables.
 */
type PageOptions = GraphiQLOptions & { query?: string; variables?: string };

/**
 * GraphiQL's options for one request: the saved operations as tabs, led by the operation the
 * request's URL carries (`?query=…&variables=…`), if any.
 */
export function graphiqlOptions(title: string, operations: readonly SavedOperation[]) {
  return (request: Request): PageOptions => {
    const params = new URL(request.url).searchParams;
    const query = params.get('query');
    const linked = query ? operationTabs(query, params.get('variables')) : [];
    const tabs = [...linked, ...operations.filter((op) => !linked.some((tab) => tab.query === op.query))];
    const first = tabs[0];
    return {
      title,
      defaultTabs: tabs,
      query: first?.query,
      variables: first?.variables,
    };
  };
}

/**
 * A linked document as tabs: itself when it holds one operation (or does not parse: GraphiQL
 * shows the error), else one tab per operation with the fragments and variables it uses.
 */
export function operationTabs(query: string, variables: string | null): SavedOperation[] {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return [{ query, variables: variables ?? undefined }];
  }
  const documents = Object.values(separateOperations(document));
  if (documents.length <= 1) return [{ query, variables: variables ?? undefined }];
  let values: Record<string, unknown> | null = null;
  try {
    values = JSON.parse(variables ?? '{}');
  } catch {
    // Not JSON: every tab gets the text as it is, for the user to mend.
  }
  return documents.map((single) => {
    const operation = single.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const declared = new Set(operation?.variableDefinitions?.map((v) => v.variable.name.value));
    const own = values && Object.fromEntries(Object.entries(values).filter(([name]) => declared.has(name)));
    return {
      query: print(single),
      variables: own
        ? Object.keys(own).length > 0
          ? JSON.stringify(own, null, 2)
          : undefined
        : (variables ?? undefined),
    };
  });
}

interface Asset {
  path: string;
  type: string;
  body: Buffer;
  gzipped?: Promise<Buffer>;
}

/**
 * Runs before the GraphiQL bundle: tells Monaco where its workers are, and renders GraphiQL once
 * the bundle has run, with the options the page carries as JSON (no inline script: the CSP
 * allows scripts from this origin only).
 */
const BOOT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (_moduleId, label) { return config.workers[label]; },
  };
  document.addEventListener('DOMContentLoaded', function () {
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), config.options);
  });
})();
`;

let assets: Promise<Map<string, Asset>> | null = null;

/** The assets by path, built on first use: the bundle is 9 MB of strings, which most requests never need. */
function loadAssets(): Promise<Map<string, Asset>> {
  assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => {
    const js = 'text/javascript; charset=utf-8';
    const files: [string, string, string | Buffer][] = [
      ['boot', js, BOOT],
      ['graphiql', js, bundle.js],
      ['graphiql.css', 'text/css; charset=utf-8', bundle.css],
      ['editor.worker', js, bundle.editorWorkerService],
      ['json.worker', js, bundle.jsonWorker],
      ['graphql.worker', js, bundle.graphqlWorker],
      ['favicon.ico', 'image/x-icon', Buffer.from(bundle.favicon.replace(/^data:[^,]*;base64,/, ''), 'base64')],
    ];
    return new Map(
      files.map(([name, type, content]) => {
        const body = Buffer.isBuffer(content) ? content : Buffer.from(content);
        const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
        const [base, ext = 'js'] = name.includes('.css') || name.includes('.ico') ? name.split('.') : [name, 'js'];
        return [name, { path: `${GRAPHIQL_ASSETS}${base}-${hash}.${ext}`, type, body }];
      }),
    );
  });
  return assets;
}

/** JSON inside `<script type="application/json">`: nothing in it may close the element or start markup. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The GraphiQL page (yoga's `renderGraphiQL`): small HTML that loads the assets from this origin. */
export async function renderGraphiQLPage(options: GraphiQLOptions): Promise<string> {
  const files = await loadAssets();
  const url = (name: string) => files.get(name)!.path;
  const config = {
    workers: { editorWorkerService: url('editor.worker'), json: url('json.worker'), graphql: url('graphql.worker') },
    options,
  };
  const title = escapeHtml(options.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="icon" href="${url('favicon.ico')}">
    <link rel="stylesheet" href="${url('graphiql.css')}">
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript. The API answers GET and POST requests at this address without it.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-config">${scriptJson(config)}</script>
    <script src="${url('boot')}"></script>
    <script src="${url('graphiql')}"></script>
  </body>
</html>
`;
}

/**
 * What the GraphiQL page may load: its own origin only (the schema and queries go to this API;
 * inline styles are Monaco's, `data:` images and fonts GraphiQL's icons).
 */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Serves GraphiQL's assets and puts the CSP on its page.
 *
 * @param options.endpoint The GraphQL endpoint, where yoga renders the page. @default '/graphql'
 */
export function useGraphiQLAssets(options: { endpoint?: string } = {}): Plugin {
  const endpoint = options.endpoint ?? '/graphql';
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS)) return;
      const asset = [...(await loadAssets()).values()].find((a) => a.path === url.pathname);
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) {
        endResponse(new fetchAPI.Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      const headers: Record<string, string> = {
        'content-type': asset.type,
        'cache-control': 'public, max-age=31536000, immutable',
        vary: 'accept-encoding',
      };
      let body = asset.body;
      if (/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
        asset.gzipped ??= gzipAsync(asset.body, { level: 9 });
        body = await asset.gzipped;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.length);
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers }),
      );
    },
    onResponse({ request, response }) {
      const { pathname } = new URL(request.url);
      const page = pathname === endpoint || pathname === `${endpoint}/`;
      if (page && response.headers.get('content-type')?.startsWith('text/html')) {
        response.headers.set('content-security-policy', GRAPHIQL_CSP);
        response.headers.set('x-content-type-options', 'nosniff');
        response.headers.set('referrer-policy', 'no-referrer');
      }
    },
  };
}
