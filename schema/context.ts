/**
 * The per-request context: the caller, a database view that counts this request's round trips,
 * and fresh loaders. The driver itself is shared by the whole process.
 */

import { CONFIG_DEFAULTS } from '../api/core/config.js';
import type { Database, QueryEvent } from '../api/db/database.js';
import type { ReportText } from '../api/seed/report.js';
import { authenticate, type StaffDirectory, type Viewer } from './auth.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  db: Database;
  loaders: Loaders;
  /** Cypher statements sent for this request, in order (tests and metrics read it). */
  queries: QueryEvent[];
  viewer: Viewer | null;
  /** The request sent an Authorization header: with no viewer, its token is unknown. */
  credentialsSent: boolean;
  requestId: string;
  /** Above this many entities, or relations, `graph` asks the client to narrow the view. */
  maxGraphNodes: number;
  maxGraphRelations: number;
  /** The activity report staff quotes are checked against; null when the server has no copy. */
  report: ReportText | null;
}

export interface ContextOptions {
  /** The HTTP request (for the caller's credentials and request id). */
  request?: Request;
  onQuery?: (e: QueryEvent) => void;
  /** Who may edit (parsed STAFF_TOKENS); without it every caller is public. */
  staff?: StaffDirectory;
  maxGraphNodes?: number;
  maxGraphRelations?: number;
  /** The request's own timeout: its Neo4j transactions are stopped when it passes. */
  requestTimeoutMs?: number;
  /** The activity report (read once at start); none: report sources are taken unchecked. */
  report?: ReportText | null;
}

export function createContext(db: Database, options: ContextOptions = {}): Context {
  const queries: QueryEvent[] = [];
  const deadline = Date.now() + (options.requestTimeoutMs ?? CONFIG_DEFAULTS.REQUEST_TIMEOUT_MS);
  const observed = db.withDeadline(deadline).observed((event) => {
    queries.push(event);
    options.onQuery?.(event);
  });
  return {
    db: observed,
    loaders: createLoaders(observed),
    queries,
    viewer: authenticate(options.request?.headers.get('authorization'), options.staff ?? []),
    credentialsSent: options.request?.headers.has('authorization') ?? false,
    requestId: options.request?.headers.get('x-request-id') ?? crypto.randomUUID(),
    maxGraphNodes: options.maxGraphNodes ?? CONFIG_DEFAULTS.MAX_GRAPH_NODES,
    maxGraphRelations: options.maxGraphRelations ?? CONFIG_DEFAULTS.MAX_GRAPH_RELATIONS,
    report: options.report ?? null,
  };
}
