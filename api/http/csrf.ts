/**
 * CSRF prevention. A browser can send a cross-site POST without a preflight only with a "simple"
 * content type (form or plain text); such requests are refused unless they carry a custom header,
 * which a cross-site form cannot set. JSON POSTs need a preflight, which CORS then governs, and
 * GET cannot carry mutations (GraphQL over HTTP).
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
export const CSRF_HEADER = 'x-archipel-csrf';

export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType !== '' && !SIMPLE_CONTENT_TYPES.includes(contentType)) return;
      if (request.headers.has(CSRF_HEADER)) return;
      const error = createGraphQLError(
        `POST requests need a JSON body ("content-type: application/json") or the ${CSRF_HEADER} header (CSRF prevention).`,
        { extensions: { code: 'CSRF_PREVENTED' } },
      );
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [error.toJSON()] }), {
          status: 403,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
      );
    },
  };
}
