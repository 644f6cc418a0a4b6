/**
 * Gives every request an id (the caller's `x-request-id`, or a new one), shared by the context,
 * the logs and the response header, so that a client's report can be matched to the server log.
 */
import type { Plugin } from 'graphql-yoga';

export const REQUEST_ID_HEADER = 'x-request-id';

export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      if (!request.headers.get(REQUEST_ID_HEADER)) request.headers.set(REQUEST_ID_HEADER, crypto.randomUUID());
    },
    onResponse({ request, response }) {
      const id = request.headers.get(REQUEST_ID_HEADER);
      if (id) response.headers.set(REQUEST_ID_HEADER, id);
    },
  };
}
