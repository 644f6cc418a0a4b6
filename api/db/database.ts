/**
 * The only door to Neo4j: managed transactions with parameters, a timeout, and a count of
 * round trips (for tests, metrics and benchmarks). Repositories take a `Database`.
 *
 * Usage: `const rows = await db.read('MATCH (e:Entity {slug: $slug}) RETURN e', { slug }, (r) => r.get('e'))`.
 */
import neo4j, {
  type Driver,
  isInt,
  type ManagedTransaction,
  Neo4jError,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import { QueryTimeoutError, ServiceUnavailableError } from '../core/errors.js';

export interface QueryEvent {
  cypher: string;
  mode: 'READ' | 'WRITE';
  durationMs: number;
}
export type QueryObserver = (event: QueryEvent) => void;

export interface DatabaseOptions {
  database: string;
  txTimeoutMs: number;
}

export class Database {
  constructor(
    readonly driver: Driver,
    readonly options: DatabaseOptions,
    private readonly observers: readonly QueryObserver[] = [],
  ) {}

  /** A view of the same driver whose queries are also reported to `observer` (one per request). */
  observed(observer: QueryObserver): Database {
    return new Database(this.driver, this.options, [...this.observers, observer]);
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
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(
        (tx) => work(new Tx(tx, (cypher, durationMs) => this.report({ cypher, mode: 'WRITE', durationMs }))),
        { timeout: this.options.txTimeoutMs },
      );
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      await session.close();
    }
  }

  private async run(mode: 'READ' | 'WRITE', cypher: string, params: Record<string, unknown>) {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const started = performance.now();
    try {
      const config = { timeout: this.options.txTimeoutMs };
      const work = (tx: ManagedTransaction) => tx.run(cypher, params);
      if (mode === 'WRITE') return await session.executeWrite(work, config);
      try {
        return await session.run(cypher, params, config);
      } catch (error) {
        if (!isRetriable(error)) throw error;
      }
      return await session.executeRead(work, config);
    } catch (error) {
      throw translateDriverError(error);
    } finally {
      this.report({ cypher, mode, durationMs: performance.now() - started });
      await session.close();
    }
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

/** Connection failures and timeouts become typed, client-safe errors; everything else stays internal. */
export function translateDriverError(error: unknown): unknown {
  if (isRetriable(error)) {
    return new ServiceUnavailableError();
  }
  if (error instanceof Neo4jError && TIMED_OUT_CODES.some((code) => error.code.startsWith(code))) {
    return new QueryTimeoutError();
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

export function createDriver(uri: string, user: string, password: string): Driver {
  // Short connection timeouts and retry window: during an outage the API must answer
  // SERVICE_UNAVAILABLE within seconds, not hang; transient errors are still retried.
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 3_000,
    connectionTimeout: 2_000,
    maxTransactionRetryTime: 3_000,
    userAgent: 'archipel',
  });
}
