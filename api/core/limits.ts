/**
 * Query limits of the public API, in one place (documented in the README, tested at and just
 * over each value). Chosen to admit every query of the map and of the saved operations with
 * margin (the tests check that), while refusing abusive documents before they reach Neo4j.
 */

export const LIMITS = {
  /** Field nesting; the entity page (entity → relations → node → to → relations → node → to) needs 10. */
  maxDepth: 15,
  /** Aliases per operation (graphql-armor's default). */
  maxAliases: 15,
  /** Directives per operation. */
  maxDirectives: 20,
  /** Lexical tokens per document. */
  maxTokens: 2_000,
  /**
   * graphql-armor's cost: objects 2, scalars 1, a selection multiplied by its literal `first`,
   * fragments counted each time they are spread. The entity page at 100 per page costs ~121,000.
   */
  maxCost: 250_000,
  /** Operations in one batched HTTP request. */
  maxBatch: 5,
  /** Bytes of one request body: a document at the token limit with large variables fits many times over. */
  maxBodyBytes: 1_000_000,
  /** Items one connection page may hold (`first`); `DEFAULT_PAGE_SIZE` when a list is asked without `first`. */
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Worst-case connection nodes one request may return (product of nested `first`s, summed). */
  maxNodes: 20_000,
} as const;

export const LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';
