/**
 * The only door to Neo4j: managed transactions with parameters, a timeout, and a count of
 * round trips (for tests, metrics and benchmarks). Repositories take a `Database`.
 *
 * Usage: `const rows = await db.read('MATCH (e:Entity {slug: $slug}) RETURN e', { slug }, (r) => r.get('e'))`.
 */

import {
  BrokenCircuitError,
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import neo4j, {
  type Driver,
  isInt,
  type ManagedTransaction,
  Neo4jError,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import { QueryTimeoutError, ServiceUnavailableError } from '../core/errors.js';
import { disableNagleForNewSockets } from './no-delay.js';

export interface QueryEvent {
  cypher: string;
  mode: 'READ' | 'WRITE';
  durationMs: number;
}
export type QueryObserver = (event: QueryEvent) => void;

export interface DatabaseOptions {
  database: string;
  txTimeoutMs: number;
  /**
   * When the caller stops waiting (epoch ms): each transaction's timeout is cut to the time left,
   * so Neo4j itself stops the work of a request that has timed out, and none starts after it.
   */
  deadline?: number;
}

/**
 * Opens after two consecutive failures to reach Neo4j (not after transient errors of a database
 * that answers, such as deadlocks): while open, every query fails at once with
 * ServiceUnavailableError instead of each waiting for its own connection attempt and retries;
 * after a second, one query is let through to see whether the database is back.
 */
function unreachableDatabaseBreaker(): CircuitBreakerPolicy {
  return circuitBreaker(
    handleWhen((error) => error instanceof ServiceUnavailableError && isConnectionFailure(error.cause)),
    { halfOpenAfter: 1_000, breaker: new ConsecutiveBreaker(2) },
  );
}

export class Database {
  constructor(
    readonly driver: Driver,
    readonly options: DatabaseOptions,
    private readonly observers: readonly QueryObserver[] = [],
    /** Shared by every view of one driver: the database is reachable or not for all of them. */
    private readonly breaker: CircuitBreakerPolicy = unreachableDatabaseBreaker(),
  ) {}

  /** A view of the same driver whose queries are also reported to `observer` (one per request). */
  observed(observer: QueryObserver): Database {
    return new Database(this.driver, this.options, [...this.observers, observer], this.breaker);
  }

  /** A view whose transactions end by `deadline` (a request's own timeout). */
  withDeadline(deadline: number): Database {
    return new Database(this.driver, { ...this.options, deadline }, this.observers, this.breaker);
  }

  /**
   * The transaction timeout: the configured one, or the time left before the deadline if shorter
   * (then a timeout is the request's, `byDeadline`).
   */
  private timeout(): { ms: number; byDeadline: boolean } {
    const { txTimeoutMs, deadline } = this.options;
    if (deadline === undefined) return { ms: txTimeoutMs, byDeadline: false };
    const left = Math.floor(deadline - Date.now());
    if (left <= 0) throw new QueryTimeoutError({ byRequestDeadline: true });
    return left < txTimeoutMs ? { ms: left, byDeadline: true } : { ms: txTimeoutMs, byDeadline: false };
  }

  /** Runs `work` unless the database is known to be unreachable. */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(work);
    } catch (error) {
      throw error instanceof BrokenCircuitError ? new ServiceUnavailableError() : error;
    }
  }

  /**
   * Runs one read query and maps each record. A read is one statement: it runs as an auto-commit
   * transaction (one network round trip, where a managed transaction adds a COMMIT exchange that
   * costs as much again), and only if that fails with a retriable error does it run again in a
   * managed transaction, which retries with back-off. Reads are idempotent, so running one twice
   * is safe.
   */
  read<T>(cypher: string, params: Record<string, unknown>, map: (record: Neo4jRecord) => T): Promise<T[]> {
    return this.run('READ', cypher, params).then((result) => result.records.map(map));
  }

  /** Runs one write query in its own transaction. */
  write<T>(cypher: string, params: Record<string, unknown>, map: (record: Neo4jRecord) => T): Promise<T[]> {
    return this.run('WRITE', cypher, params).then((result) => result.records.map(map));
  }

  /**
   * Runs `work` in one write transaction: all of it commits or none of it does.
   * `work` receives a `Tx` whose `run` counts each statement as a round trip.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.guarded(() => this.runTransaction(work));
  }

  private async runTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const timeout = this.timeout();
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(
        (tx) => work(new Tx(tx, (cypher, durationMs) => this.report({ cypher, mode: 'WRITE', durationMs }))),
        { timeout: timeout.ms },
      );
    } catch (error) {
      throw translateDriverError(error, timeout.byDeadline);
    } finally {
      await session.close();
    }
  }

  private run(mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>) {
    return this.guarded(() => this.runOnce(mode, cypher, params));
  }

  private async runOnce(mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>) {
    const timeout = this.timeout();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const started = performance.now();
    try {
      const config = { timeout: timeout.ms };
      const work = (tx: ManagedTransaction) => tx.run(cypher, params);
      if (mode === 'WRITE') return await session.executeWrite(work, config);
      try {
        return await session.run(cypher, params, config);
      } catch (error) {
        if (!isRetriable(error)) throw error;
        // A lost connection to a database that still answers (a pooled connection it closed) is
        // worth retrying; a database that cannot be reached at all is not: fail now.
        if (isConnectionFailure(error) && !(await this.reachable())) throw error;
      }
      return await session.executeRead(work, config);
    } catch (error) {
      throw translateDriverError(error, timeout.byDeadline);
    } finally {
      this.report({ cypher, mode, durationMs: performance.now() - started });
      await session.close();
    }
  }

  private reachable(): Promise<boolean> {
    return this.driver.verifyConnectivity({ database: this.options.database }).then(
      () => true,
      () => false,
    );
  }

  private report(event: QueryEvent) {
    for (const observer of this.observers) observer(event);
  }
}

/** A statement runner inside `Database.transaction`. */
export class Tx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly onRun: (cypher: string, durationMs: number) => void,
  ) {}

  async run<T>(cypher: string, params: Record<string, unknown>, map: (record: Neo4jRecord) => T): Promise<T[]> {
    const started = performance.now();
    try {
      const result = await this.tx.run(cypher, params);
      return result.records.map(map);
    } finally {
      this.onRun(cypher, performance.now() - started);
    }
  }
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

const isConnectionFailure = (error: unknown) => error instanceof Neo4jError && UNAVAILABLE_CODES.has(error.code);

/** What a managed transaction would retry: connection loss and transient database errors. */
const isRetriable = (error: unknown) =>
  error instanceof Neo4jError && (UNAVAILABLE_CODES.has(error.code) || error.retriable);

/**
 * A transaction stopped by its timeout: while running, or while waiting for a lock another
 * transaction holds (a staff write on the same node, an index being created), which Neo4j
 * reports as a stopped lock client.
 */
const TIMED_OUT_CODES = [
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.LockClientStopped',
];

/**
 * Every pooled connection stayed busy for `connectionAcquisitionTimeout`: the database is
 * overloaded for now, which the client should hear as "retry shortly", not as an internal error.
 * The driver gives this error no code, only its message.
 */
const isPoolExhausted = (error: unknown) =>
  error instanceof Neo4jError && error.message.startsWith('Connection acquisition timed out');

/** Connection failures and timeouts become typed, client-safe errors; everything else stays internal. */
export function translateDriverError(error: unknown, timeoutIsRequestDeadline = false): unknown {
  if (isRetriable(error) || isPoolExhausted(error)) {
    return new ServiceUnavailableError({ cause: error });
  }
  if (error instanceof Neo4jError && TIMED_OUT_CODES.some((code) => error.code.startsWith(code))) {
    return new QueryTimeoutError({ byRequestDeadline: timeoutIsRequestDeadline });
  }
  return error;
}

/** Converts driver values (Integers, lists, maps) to plain JavaScript, once, at the boundary. */
export function toNative(value: unknown): unknown {
  if (isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(toNative);
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNative(v)]));
  }
  return value;
}

/** The connection pool's bounds (tests make them small to exhaust the pool on purpose). */
export interface PoolOptions {
  /** @default 50 */
  maxConnectionPoolSize?: number;
  /** How long a query waits for a free connection before the API says it is busy. @default 3000 */
  connectionAcquisitionTimeout?: number;
}

export function createDriver(uri: string, user: string, password: string, pool: PoolOptions = {}): Driver {
  // Else a statement over 1.4 kB waits 40 ms for a delayed ACK (see no-delay.ts).
  disableNagleForNewSockets();
  // Short connection timeouts and retry window: during an outage the API must answer
  // SERVICE_UNAVAILABLE within seconds, not hang; transient errors are still retried.
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    maxConnectionPoolSize: pool.maxConnectionPoolSize ?? 50,
    connectionAcquisitionTimeout: pool.connectionAcquisitionTimeout ?? 3_000,
    connectionTimeout: 2_000,
    maxTransactionRetryTime: 3_000,
    userAgent: 'archipel',
  });
}
