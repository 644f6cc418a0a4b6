/**
 * The GraphQL side of the query limits (api/core/limits.ts): graphql-armor's checks and the
 * token limit, refused with the QUERY_LIMIT_EXCEEDED code and a message naming the limit.
 */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

import { LIMIT_CODE, LIMITS } from '../../api/core/limits.js';

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
