/**
 * CORS in two tiers. Reading is public: any page may read the API and the exports
 * (`Access-Control-Allow-Origin: *`, which also stops browsers from sending cookies or HTTP
 * credentials with the request), so that Gephi Lite, an Observable notebook or a partner's page
 * can use them. Writing is not: a preflight from another origin does not allow the
 * `authorization` header (a staff token cannot leave the site's own pages), and a mutation or a
 * request carrying credentials from another origin is refused, 403 `CROSS_ORIGIN_FORBIDDEN`.
 * A JSON POST from another origin passes its preflight, as it may be a read, so mutations are
 * refused on the operation itself.
 *
 * The site's own pages, and the origins of `CORS_ORIGINS` (`*`: all), may do both. A request is
 * from the site's own pages when the browser says so (`Sec-Fetch-Site: same-origin`, which also
 * holds behind a proxy that rewrites `Host`) or its `Origin` names this host.
 *
 * Usage: `plugins: [useCorsPolicy({ trustedOrigins: config.CORS_ORIGINS })]`, with yoga's `cors: false`.
 */
import { getOperationAST } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export interface CorsPolicyOptions {
  /**
   * Origins trusted like the site's own pages: mutations and staff credentials. `['*']`: every origin.
   * @default []
   */
  trustedOrigins?: readonly string[];
}

/** Who a request comes from, as far as CORS goes. */
export type Caller = 'no-origin' | 'same-origin' | 'trusted' | 'public';

export const CROSS_ORIGIN_FORBIDDEN = 'CROSS_ORIGIN_FORBIDDEN';

const METHODS = 'GET, HEAD, POST, OPTIONS';
const PUBLIC_HEADERS = 'accept, content-type, x-request-id';
const TRUSTED_HEADERS = `${PUBLIC_HEADERS}, authorization, x-archipel-csrf`;
const EXPOSED_HEADERS = 'content-disposition, etag, retry-after, x-request-id';

export function callerOf(request: Request, trustedOrigins: readonly string[]): Caller {
  const origin = request.headers.get('origin');
  if (origin === null) return 'no-origin';
  if (request.headers.get('sec-fetch-site') === 'same-origin' || hostOf(origin) === new URL(request.url).host) {
    return 'same-origin';
  }
  return trustedOrigins.includes('*') || trustedOrigins.includes(origin) ? 'trusted' : 'public';
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // `Origin: null` (a sandboxed frame, a file) names no host.
  }
}

/** The refusal as a GraphQL error; yoga answers 403 for it and leaves `http` out of the body. */
function refusal(message: string) {
  return createGraphQLError(message, { extensions: { code: CROSS_ORIGIN_FORBIDDEN, http: { status: 403 } } });
}

/**
 * A GET or HEAD without credentials can only read (GET never runs a mutation), and any origin may
 * read: its answer is the same whoever asks.
 */
function isPublicRead(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !request.headers.has('authorization');
}

export function useCorsPolicy(options: CorsPolicyOptions = {}): Plugin {
  const trusted = options.trustedOrigins ?? [];
  const callerOfRequest = (request: Request) => callerOf(request, trusted);
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const caller = callerOfRequest(request);
      if (request.method === 'OPTIONS') {
        // Every preflight is answered (the headers come in onResponse); the browser decides from them.
        endResponse(new fetchAPI.Response(null, { status: 204, headers: { 'content-length': '0' } }));
        return;
      }
      if (caller === 'public' && request.headers.has('authorization')) {
        const error = {
          message: `Requests with credentials are accepted from this site's own pages and CORS_ORIGINS only, not from ${request.headers.get('origin')}.`,
          extensions: { code: CROSS_ORIGIN_FORBIDDEN },
        };
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [error] }), {
            status: 403,
            headers: { 'content-type': 'application/json; charset=utf-8' },
          }),
        );
      }
    },
    onExecute({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request || callerOfRequest(request) !== 'public') return;
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (operation?.operation !== 'mutation') return;
      setResultAndStopExecution({
        errors: [
          refusal(
            `Mutations are accepted from this site's own pages and CORS_ORIGINS only, not from ${request.headers.get('origin')}.`,
          ),
        ],
      });
    },
    onResponse({ request, response }) {
      const headers = response.headers;
      if (isPublicRead(request)) {
        // The same answer for every page that asks, so an HTTP cache or a CDN keeps one copy of it.
        headers.set('access-control-allow-origin', '*');
        headers.set('access-control-expose-headers', EXPOSED_HEADERS);
        return;
      }
      // Every other answer depends on the origin asking: a cache must not hand one origin's to another.
      headers.append('vary', 'Origin');
      const caller = callerOfRequest(request);
      if (caller === 'no-origin' || caller === 'same-origin') return;
      headers.set('access-control-allow-origin', caller === 'trusted' ? request.headers.get('origin')! : '*');
      headers.set('access-control-expose-headers', EXPOSED_HEADERS);
      if (request.method === 'OPTIONS') {
        headers.set('access-control-allow-methods', METHODS);
        headers.set('access-control-allow-headers', caller === 'trusted' ? TRUSTED_HEADERS : PUBLIC_HEADERS);
        headers.set('access-control-max-age', '600');
      }
    },
  };
}
