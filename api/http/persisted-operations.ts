/**
 * Persisted operations: the map's operations (model/map-operations.ts) and GraphiQL's saved ones
 * (api/http/example-operations.ts) can be sent by the SHA-256 of their text instead of the text
 * itself, Apollo's way: `GET /graphql?operationName=…&variables=…&extensions={"persistedQuery":
 * {"version":1,"sha256Hash":"…"}}`. Such a URL is short and the same for everyone asking the same
 * question, so browsers, proxies and CDNs can cache the answer (with the public response cache's
 * ETag and Cache-Control, api/http/response-cache.ts). Any other document is still welcome in
 * `query`, over POST or GET: this API is public and persisting is for caching, not for locking down.
 *
 * The manifest is computed from those two modules when the server starts: adding an operation
 * there persists it, with nothing to list twice. A hash nobody persisted is refused with
 * PERSISTED_QUERY_NOT_FOUND, which tells a client to send the document itself (Apollo clients do).
 *
 * It must come before the response cache among yoga's plugins: the cache keys its entries on the
 * document text, which this plugin puts in place of the hash.
 *
 * Usage: `plugins: [usePersistedOperationsByHash(), …, responseCache.plugin]`
 */
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { documentHash, documentOf, MAP_OPERATIONS, PERSISTED_QUERY_NOT_FOUND } from '../../model/map-operations.js';
import { EXAMPLE_OPERATIONS } from './example-operations.js';

export interface PersistedOperationsOptions {
  /**
   * The documents that can be sent by hash.
   * @default persistedDocuments(): every map operation and every saved operation
   */
  documents?: readonly string[];
  /**
   * Whether documents sent in full (`query`) are run too; false would make the API persisted-only.
   * @default true
   */
  allowArbitraryOperations?: boolean;
}

/** The documents the API knows by hash: each map operation alone in its document, and each saved operation. */
export function persistedDocuments(): string[] {
  return [...MAP_OPERATIONS.map((operation) => documentOf([operation])), ...EXAMPLE_OPERATIONS.map((op) => op.query)];
}

/** Hash → document, for `documents`. */
export async function persistedManifest(documents: readonly string[] = persistedDocuments()) {
  const entries = await Promise.all(
    documents.map(async (document) => [await documentHash(document), document] as const),
  );
  return new Map(entries);
}

/**
 * yoga's persisted-operations plugin over the manifest above, with Apollo's error code for an
 * unknown hash; a request with neither a hash nor a document gets yoga's usual answer.
 */
export function usePersistedOperationsByHash(options: PersistedOperationsOptions = {}): Plugin {
  const manifest = persistedManifest(options.documents);
  const plugin = usePersistedOperations({
    allowArbitraryOperations: options.allowArbitraryOperations ?? true,
    getPersistedOperation: async (hash) => (await manifest).get(hash) ?? null,
    customErrors: {
      // Apollo clients recognise the code and send the document in full; the message says it to people.
      notFound: ({ params }) =>
        createGraphQLError(
          `PersistedQueryNotFound: no persisted operation has the sha256Hash ${JSON.stringify(persistedQueryOf(params)?.sha256Hash)}; send the document itself in "query".`,
          { extensions: { code: PERSISTED_QUERY_NOT_FOUND, http: { status: 400 } } },
        ),
      keyNotFound: {
        message: 'extensions.persistedQuery must be {"version": 1, "sha256Hash": "<hex SHA-256 of the document>"}.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
    },
  }) as Plugin;
  return {
    ...plugin,
    onParams(payload) {
      // A request that is about no persisted operation keeps yoga's own checks and messages
      // ("Must provide query string.", "Unexpected parameter …").
      if (options.allowArbitraryOperations !== false && !payload.params.query && !persistedQueryOf(payload.params)) {
        return;
      }
      return plugin.onParams?.(payload);
    },
  };
}

function persistedQueryOf(params: { extensions?: Record<string, unknown> }) {
  return params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
}
