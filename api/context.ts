/**
 * The per-request context: the caller, a database view that counts this request's round trips,
 * and fresh loaders. The driver itself is shared by the whole process.
 */
import { authenticate, type StaffDirectory } from './auth.js';
import { DEFAULT_MAX_GRAPH_NODES, DEFAULT_MAX_GRAPH_RELATIONS } from './config.js';
import type { Database, QueryEvent } from './data/database.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Viewer {
  name: string;
  role: 'editor' | 'admin';
}

export interface Context {
  db: Database;
  loaders: Loaders;
  /** Cypher statements sent for this request, in order (tests and metrics read it). */
  queries: QueryEvent[];
  viewer: Viewer | null;
  requestId: string;
  /** Above this many entities, or relations, `graph` asks the client to narrow the view. */
  maxGraphNodes: number;
  maxGraphRelations: number;
}

export interface ContextOptions {
  /** The HTTP request (for the caller's credentials and request id). */
  request?: Request;
  onQuery?: (e: QueryEvent) => void;
  /** Who may edit (parsed STAFF_TOKENS); without it every caller is public. */
  staff?: StaffDirectory;
  maxGraphNodes?: number;
  maxGraphRelations?: number;
}

export function createContext(db: Database, options: ContextOptions = {}): Context {
  const queries: QueryEvent[] = [];
  const observed = db.observed((event) => {
    queries.push(event);
    options.onQuery?.(event);
  });
  return {
    db: observed,
    loaders: createLoaders(observed),
    queries,
    viewer: authenticate(options.request?.headers.get('authorization'), options.staff ?? []),
    requestId: options.request?.headers.get('x-request-id') ?? crypto.randomUUID(),
    maxGraphNodes: options.maxGraphNodes ?? DEFAULT_MAX_GRAPH_NODES,
    maxGraphRelations: options.maxGraphRelations ?? DEFAULT_MAX_GRAPH_RELATIONS,
  };
}
