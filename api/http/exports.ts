/**
 * The graph as files, at stable URLs other tools can fetch: `/export/archipel.gexf`,
 * `archipel.graphml`, `archipel.json`, `entities.csv` and `relations.csv`, each of the view its
 * query string describes with the map's own URL parameters — `types`, `kinds`, `year` (or
 * `activeIn`), `focus` with `depth` — so that the query string of a map URL exports what the map
 * shows. As on the map, `focus` narrows the view only with `depth` (alone it selects an entity on
 * the whole map), and a `year` in `yearMode=changes` does not narrow it (`graph` has no "started
 * or ended in" filter; the map's "GraphQL" link does the same). Other map parameters are ignored;
 * a bad value is a 400 naming the parameter.
 *
 * Public reads: GET or HEAD, readable from any origin (cors.ts), an ETag for revalidation, and
 * the same bounds and per-client allowance as the `graph` query.
 *
 * Usage: `plugins: [useExports({ db, maxGraphNodes, maxGraphRelations })]`;
 * `GET /export/relations.csv?types=HOSTING`.
 */
import { createHash } from 'node:crypto';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { z } from 'zod';
import { Slug } from '../../model/seed-format.js';
import { ENTITY_KINDS, type EntityKind, RELATION_TYPE_NAMES, type RelationType } from '../../model/vocabulary.js';
import { QueryTimeoutError, ServiceUnavailableError } from '../core/errors.js';
import { type Logger, silentLogger } from '../core/logger.js';
import type { Database } from '../db/database.js';
import { wholeGraphView } from '../db/graph-views.js';
import {
  type ExportMeta,
  type ExportView,
  toEntitiesCsv,
  toGexf,
  toGraphml,
  toNodeLinkJson,
  toRelationsCsv,
} from '../export/formats.js';

export const EXPORT_PREFIX = '/export/';

/** The files, by name: what each is and how it is written. */
export const EXPORT_FILES: Record<string, { type: string; write(view: ExportView, meta: ExportMeta): string }> = {
  'archipel.gexf': { type: 'application/gexf+xml; charset=utf-8', write: toGexf },
  'archipel.graphml': { type: 'application/graphml+xml; charset=utf-8', write: toGraphml },
  'archipel.json': { type: 'application/json; charset=utf-8', write: toNodeLinkJson },
  'entities.csv': { type: 'text/csv; charset=utf-8; header=present', write: toEntitiesCsv },
  'relations.csv': { type: 'text/csv; charset=utf-8; header=present', write: toRelationsCsv },
};

/** `a,b,c` → the distinct known values, case-insensitive; an empty list selects nothing, as on the map. */
const listOf = <T extends string>(all: readonly T[], what: string) =>
  z.string().transform((text, ctx) => {
    const items = [
      ...new Set(
        text
          .split(',')
          .map((item) => item.trim().toUpperCase())
          .filter(Boolean),
      ),
    ];
    const unknown = items.find((item) => !(all as readonly string[]).includes(item));
    if (unknown !== undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown ${what} "${unknown}" (expected any of ${all.join(', ')})` });
      return z.NEVER;
    }
    return items as T[];
  });

const Year = z
  .string()
  .regex(/^\d{4}$/, 'expected a year such as 2019')
  .transform(Number)
  .pipe(
    z.number().min(1900, 'expected a year between 1900 and 2100').max(2100, 'expected a year between 1900 and 2100'),
  );

const ExportQuery = z.object({
  types: listOf(RELATION_TYPE_NAMES, 'relation type').optional(),
  kinds: listOf(ENTITY_KINDS, 'entity kind').optional(),
  year: Year.optional(),
  activeIn: Year.optional(),
  yearMode: z.enum(['active', 'changes'], { error: 'expected "active" or "changes"' }).optional(),
  focus: Slug.optional(),
  depth: z
    .string()
    .regex(/^[1-3]$/, 'expected 1, 2 or 3')
    .transform(Number)
    .optional(),
});

export interface ExportFilters {
  types: RelationType[] | null;
  kinds: EntityKind[] | null;
  activeIn: number | null;
  neighbourhood: { focus: string; depth: number } | null;
}

/** The view a query string asks for, or the parameter that is wrong and why. */
export function parseExportFilters(
  params: URLSearchParams,
): { ok: true; filters: ExportFilters } | { ok: false; parameter: string; message: string } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ExportQuery.shape)) {
    const value = params.get(key);
    if (value !== null) raw[key] = value;
  }
  const parsed = ExportQuery.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = String(issue.path[0]);
    return { ok: false, parameter, message: `${issue.message} (got ${JSON.stringify(raw[parameter])})` };
  }
  const q = parsed.data;
  if (q.year !== undefined && q.activeIn !== undefined && q.year !== q.activeIn) {
    return { ok: false, parameter: 'activeIn', message: `contradicts year=${q.year} (give one of them)` };
  }
  const year = q.activeIn ?? q.year ?? null;
  return {
    ok: true,
    filters: {
      types: q.types ?? null,
      kinds: q.kinds ?? null,
      activeIn: q.yearMode === 'changes' && q.activeIn === undefined ? null : year,
      neighbourhood: q.focus && q.depth ? { focus: q.focus, depth: q.depth } : null,
    },
  };
}

/** The view in words, for the files' descriptions. */
export function describeFilters(filters: ExportFilters): string {
  const parts = [
    filters.types && `relation types ${filters.types.join(', ') || 'none'}`,
    filters.kinds && `entity kinds ${filters.kinds.join(', ') || 'none'}`,
    filters.activeIn !== null && `active in ${filters.activeIn}`,
    filters.neighbourhood && `within ${filters.neighbourhood.depth} of ${filters.neighbourhood.focus}`,
  ].filter(Boolean);
  return `Archipel: Framasoft's archipelago, from its 2020 activity report${parts.length ? ` (${parts.join('; ')})` : ''}.`;
}

export interface ExportOptions {
  db: Database;
  maxGraphNodes: number;
  maxGraphRelations: number;
  /** Draws on the caller's allowance of expensive reads; none: no limit. */
  /** Takes one expensive read from the client's allowance (the rate limit shared with `graph`): null when allowed, else the seconds to wait. */
  consumeExpensiveRead?: (client: string) => Promise<number | null>;
  /** The caller's address (from the HTTP server context), which the allowance goes by. */
  clientAddress?: (serverContext: Record<string, unknown>) => string;
  logger?: Logger;
}

type Failure = { status: number; code: string; message: string; extensions?: Record<string, unknown> };

export function useExports(options: ExportOptions): Plugin {
  const logger = options.logger ?? silentLogger;
  const fail = ({ status, code, message, extensions }: Failure, headers: Record<string, string> = {}) =>
    new Response(
      JSON.stringify({ errors: [createGraphQLError(message, { extensions: { code, ...extensions } }).toJSON()] }),
      {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
      },
    );

  async function answer(request: Request, url: URL, serverContext: Record<string, unknown>): Promise<Response> {
    const name = url.pathname.slice(EXPORT_PREFIX.length);
    const file = Object.hasOwn(EXPORT_FILES, name) ? EXPORT_FILES[name] : undefined;
    if (!file) {
      return fail({
        status: 404,
        code: 'NOT_FOUND',
        message: `No export at ${url.pathname}; there are ${Object.keys(EXPORT_FILES)
          .map((f) => EXPORT_PREFIX + f)
          .join(', ')}.`,
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return fail(
        { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Exports are read with GET (or HEAD).' },
        { allow: 'GET, HEAD' },
      );
    }
    const parsed = parseExportFilters(url.searchParams);
    if (!parsed.ok) {
      return fail({
        status: 400,
        code: 'INVALID_ARGUMENT',
        message: `Invalid argument "${parsed.parameter}": ${parsed.message}`,
        extensions: { argument: parsed.parameter },
      });
    }
    const { filters } = parsed;
    const client = `ip:${options.clientAddress?.(serverContext) ?? 'local'}`;
    const retryAfter = (await options.consumeExpensiveRead?.(client)) ?? null;
    if (retryAfter !== null) {
      return fail(
        {
          status: 429,
          code: 'RATE_LIMITED',
          message: `Too many expensive reads (graph, path, search, exports) from this client; retry in ${retryAfter} s.`,
          extensions: { retryAfter },
        },
        { 'retry-after': String(retryAfter) },
      );
    }
    const view = await readView(filters);
    if (view.status === 'unknown-focus') {
      return fail({
        status: 404,
        code: 'NOT_FOUND',
        message: `Entity "${filters.neighbourhood?.focus}" was not found`,
      });
    }
    if (view.status === 'too-large') {
      const [limit, max, what] =
        view.limit === 'nodes'
          ? ['maxGraphNodes', options.maxGraphNodes, 'entities']
          : ['maxGraphRelations', options.maxGraphRelations, 'relations'];
      return fail({
        status: 400,
        code: 'GRAPH_TOO_LARGE',
        message: `This view has more than ${max} ${what}, the most one export may hold: narrow it with focus and depth, types, kinds or year.`,
        extensions: { limit, max },
      });
    }
    const body = file.write(view, { description: describeFilters(filters) });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const headers = {
      'content-type': file.type,
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-cache',
      etag,
    };
    if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  }

  async function readView(filters: ExportFilters) {
    // An empty selection (every type or kind unticked on the map) shows nothing; `graph` would read `[]` as "all".
    if (filters.types?.length === 0 || filters.kinds?.length === 0) {
      return { status: 'ok' as const, entities: [], relations: [] };
    }
    return wholeGraphView(options.db, {
      types: filters.types,
      kinds: filters.kinds,
      activeIn: filters.activeIn,
      startedIn: null,
      endedIn: null,
      focus: filters.neighbourhood?.focus ?? null,
      depth: filters.neighbourhood?.depth ?? 2,
      maxNodes: options.maxGraphNodes,
      maxRelations: options.maxGraphRelations,
    });
  }

  return {
    onRequest({ request, url, serverContext, endResponse }) {
      if (!url.pathname.startsWith(EXPORT_PREFIX)) return;
      return answer(request, url, serverContext as Record<string, unknown>).then(endResponse, (error: unknown) => {
        const requestId = request.headers.get('x-request-id');
        if (error instanceof ServiceUnavailableError) {
          endResponse(
            fail({ status: 503, code: 'SERVICE_UNAVAILABLE', message: error.message }, { 'retry-after': '5' }),
          );
          return;
        }
        if (error instanceof QueryTimeoutError) {
          endResponse(
            fail({
              status: 503,
              code: 'TIMEOUT',
              message: error.message,
              extensions: { limit: 'NEO4J_TX_TIMEOUT_MS' },
            }),
          );
          return;
        }
        logger.error({ requestId, err: error, path: url.pathname }, 'export failed');
        endResponse(fail({ status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error.' }));
      });
    },
  };
}
