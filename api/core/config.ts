/**
 * The one reader of the environment. Every setting is declared, documented and validated here;
 * the rest of the code imports the typed `Config`.
 *
 * Usage: `const config = loadConfig(process.env)` (throws `ConfigError` with one line per bad variable).
 */
import { z } from 'zod';

const Port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int('expected an integer port')
    .min(0, 'expected a port between 0 and 65535')
    .max(65535, 'expected a port between 0 and 65535')
    .default(fallback);

const PositiveInt = (fallback: number, what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`)
    .default(fallback);

const CommaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/** Each entry: variable name → zod schema with `.describe()` used by the README table. */
export const ConfigSchema = z.object({
  NEO4J_URI: z
    .string()
    .regex(
      /^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/,
      'expected a Bolt URI such as bolt://localhost:7687 or neo4j+s://host',
    )
    .optional()
    .describe('Neo4j server to use. Unset: start the embedded Neo4j (needs Java 17+ and Maven).'),
  NEO4J_USER: z.string().min(1, 'must not be empty').default('neo4j').describe('Neo4j user name.'),
  NEO4J_PASSWORD: z
    .string()
    .default('archipel-password')
    .describe('Neo4j password (ignored by the embedded Neo4j, which binds to loopback without auth).'),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z][a-z0-9.-]{2,62}$/, 'expected a Neo4j database name (lowercase, 3–63 characters)')
    .default('neo4j')
    .describe('Neo4j database name.'),
  NEO4J_EMBEDDED_PORT: Port(7687).describe('Bolt port of the embedded Neo4j.'),
  NEO4J_DATA_DIR: z.string().min(1).default('.data/neo4j').describe('Data directory of the embedded Neo4j.'),
  NEO4J_RESTART_ATTEMPTS: PositiveInt(8, 'a positive integer').describe(
    'Attempts to restart the embedded Neo4j after it dies (waits double from NEO4J_RESTART_DELAY_MS up to 30 s); when all fail, /health/live answers 503.',
  ),
  NEO4J_RESTART_DELAY_MS: PositiveInt(1_000, 'a positive number of milliseconds').describe(
    'Wait before the first restart of a dead embedded Neo4j.',
  ),
  NEO4J_TX_TIMEOUT_MS: PositiveInt(10_000, 'a positive number of milliseconds').describe(
    'Timeout of each Neo4j transaction run by the API.',
  ),
  REDIS_URL: z
    .string()
    .regex(
      /^rediss?:\/\/[^\s/?#]*[^\s/?#@:](:\d{1,5})?(\/\d{1,2})?$/,
      'expected a Redis URL such as redis://localhost:6379, redis://:password@host:6379/0 or rediss://host:6380 (TLS)',
    )
    .refine((url) => Number(/:(\d+)(\/\d*)?$/.exec(url)?.[1] ?? 0) <= 65535, 'expected a port between 0 and 65535')
    .optional()
    .describe(
      "Redis shared by every API process on this database: rate-limit counters and the public response cache live there, so replicas behind a load balancer share one allowance and one cache, and `npm run seed` empties the cache of all of them. Unset: both in each process's memory. Redis unreachable at run time: rate limits fall back to memory and answers go uncached, never an error.",
    ),
  REQUEST_TIMEOUT_MS: PositiveInt(15_000, 'a positive number of milliseconds').describe(
    'Longest time one GraphQL request may run.',
  ),
  RATE_LIMIT_MUTATIONS_PER_MINUTE: PositiveInt(60, 'a positive integer').describe(
    'Mutations one client may send per minute.',
  ),
  RATE_LIMIT_EXPENSIVE_PER_MINUTE: PositiveInt(600, 'a positive integer').describe(
    'Expensive reads (graph, path, paths, search) one client may send per minute.',
  ),
  MAX_GRAPH_NODES: PositiveInt(5_000, 'a positive integer').describe(
    'Most entities one `graph` answer may hold; larger views are refused with a hint to use focus or filters.',
  ),
  MAX_GRAPH_RELATIONS: PositiveInt(15_000, 'a positive integer').describe(
    'Most relations one `graph` answer may hold; denser views are refused the same way.',
  ),
  DRAIN_TIMEOUT_MS: PositiveInt(10_000, 'a positive number of milliseconds').describe(
    'On SIGTERM/SIGINT: how long requests in flight may take to finish before the process exits anyway (a second signal exits at once).',
  ),
  MAX_CONNECTIONS: PositiveInt(1_024, 'a positive integer').describe(
    'Open HTTP connections the server accepts in all.',
  ),
  MAX_CONNECTIONS_PER_CLIENT: PositiveInt(64, 'a positive integer').describe(
    'Open HTTP connections one client address may hold; further ones are closed at once.',
  ),
  HEADERS_TIMEOUT_MS: PositiveInt(10_000, 'a positive number of milliseconds').describe(
    "Time a client has to send a request's headers.",
  ),
  REQUEST_RECEIVE_TIMEOUT_MS: PositiveInt(30_000, 'a positive number of milliseconds').describe(
    'Time a client has to send a whole request (headers and body); slower ones are closed with 408.',
  ),
  HOST: z.string().min(1).default('127.0.0.1').describe('Address the HTTP server listens on.'),
  PORT: Port(4000).describe('Port of the HTTP server (GraphQL at /graphql, map at /).'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level.'),
  SOURCE_MAPS: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .transform((value) => value === 'true')
    .default(false)
    .describe(
      "Map stack traces in logs to the TypeScript sources. Off by default: the Neo4j driver reads a stack trace for every query, and mapping it cost ~8 % of the API's CPU per request.",
    ),
  SEEDS_DIR: z
    .string()
    .min(1)
    .default('seeds')
    .describe('Seed directory loaded at start-up when the database is empty.'),
  CORS_ORIGINS: CommaList.default([]).describe(
    'Comma-separated origins trusted like the site itself with mutations and staff tokens (`*`: any). Public reads (GET and POST queries, /export/) answer every origin whatever it says (`Access-Control-Allow-Origin: *`, no credentials); a mutation or a staff token from an origin not listed is refused (403 `CROSS_ORIGIN_FORBIDDEN`).',
  ),
  TRUST_PROXY: CommaList.default([]).describe(
    'Reverse proxies whose `X-Forwarded-For` is believed, as addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal` (comma-separated). Unset: the client is the address that connects, so behind a proxy every anonymous client shares one rate-limit allowance.',
  ),
  METRICS_TOKEN: z
    .string()
    .default('')
    .describe(
      'Bearer token that /metrics requires (`Authorization: Bearer …`). Unset: /metrics answers only clients on this machine (loopback).',
    ),
  STAFF_TOKENS: z
    .string()
    .default('')
    .describe('Staff credentials: comma-separated `name:role:sha256-of-token` (role editor or admin).'),
});

export type Config = z.infer<typeof ConfigSchema>;
/** Every setting's default: what the API uses when a caller (a test, a bench) leaves one out. */
export const CONFIG_DEFAULTS: Config = ConfigSchema.parse({});
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const result = ConfigSchema.safeParse(values);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
  });
  throw new ConfigError(
    `Invalid configuration:\n${lines.join('\n')}\nFix the variable(s) above (see "Configuration" in README.md).`,
  );
}
