/**
 * Query limits of the public API, in one place (documented in the README, tested at and just
 * over each value). Chosen to admit every query of the map and of the saved operations with
 * margin (the tests check that), while refusing abusive documents before they reach Neo4j.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

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
  /** Items one connection page may hold (`first`). */
  maxPageSize: 100,
  /** Worst-case connection nodes one request may return (product of nested `first`s, summed). */
  maxNodes: 20_000,
} as const;

export const LIMIT_CODE = 'QUERY_LIMIT_EXCEEDED';

/**
 * graphql-armor's protections. Validation-time refusals are reported (not thrown) with our code;
 * the token limit runs in the parser, so `useLimitCodes` re-codes what the parser throws.
 */
export function armorPlugin(): Plugin {
  const report = {
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(withLimitCode(error))],
  };
  return EnvelopArmorPlugin({
    maxDepth: { n: LIMITS.maxDepth, exposeLimits: true, flattenFragments: true, ...report },
    maxAliases: { n: LIMITS.maxAliases, exposeLimits: true, ...report },
    maxDirectives: { n: LIMITS.maxDirectives, exposeLimits: true, ...report },
    // The token limit is enforced by graphql-js' own parser option, in `useLimitCodes`.
    maxTokens: { enabled: false },
    costLimit: { maxCost: LIMITS.maxCost, depthCostFactor: 1, exposeLimits: true, ...report },
    // Suggestions stay on: the schema is public and introspection is enabled anyway.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}

const ARMOR_MESSAGE = /^Syntax Error: (.+?) limit of (\d+) exceeded(?:, found (\d+(?:\.\d+)?))?\.?$/;
const LIMIT_NAMES: Record<string, keyof typeof LIMITS> = {
  'Query depth': 'maxDepth',
  Aliases: 'maxAliases',
  Directives: 'maxDirectives',
  Token: 'maxTokens',
  'Query Cost': 'maxCost',
};

/** Gives graphql-armor's refusals a code and a plain message naming the limit and its value. */
export function withLimitCode<E extends Error>(error: E): E | GraphQLError {
  const match = ARMOR_MESSAGE.exec(error.message);
  if (!match) return error;
  const [, what = '', max, found] = match;
  const limit = LIMIT_NAMES[what] ?? what;
  const foundCount = found === undefined ? undefined : Math.ceil(Number(found));
  const detail = foundCount === undefined ? '' : ` (found ${foundCount})`;
  return new GraphQLError(`${what} limit of ${max} exceeded${detail}; see "Limits" in the README.`, {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    extensions: {
      code: LIMIT_CODE,
      limit,
      max: Number(max),
      ...(foundCount === undefined ? {} : { found: foundCount }),
    },
  });
}

/** Parses with graphql-js' token limit and turns its refusal into a coded error. */
export function useLimitCodes(): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, { ...options, maxTokens: LIMITS.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /contains more tha[nt] \d+ tokens/.test(error.message)) {
            throw new GraphQLError(`Token limit of ${LIMITS.maxTokens} exceeded; see "Limits" in the README.`, {
              extensions: { code: LIMIT_CODE, limit: 'maxTokens', max: LIMITS.maxTokens },
            });
          }
          throw error;
        }
      });
    },
  };
}
