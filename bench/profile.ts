/**
 * Explains the figures: for each question, sequentially and in-process (no HTTP), how many Cypher
 * round trips the API makes, how long Neo4j took in them versus the whole GraphQL execution, and
 * what each statement's plan does (database hits, and any label or type scan, which would make
 * latency grow with the data instead of with the answer).
 *
 * Usage: `const profiles = await profileQueries(driver, queries, { runs: 15 })`.
 */
import type { Driver, Record as Neo4jRecord } from 'neo4j-driver';
import { Database, type DatabaseOptions, type QueryObserver } from '../api/db/database.js';
import { createArchipelYoga } from '../api/yoga.js';
import { type BenchQuery, nativeRow } from './queries.js';

interface Captured {
  cypher: string;
  params: Record<string, unknown>;
  ms: number;
}

/**
 * A Database that records each statement with its parameters (the API's observers see the text
 * but not the parameters, which PROFILE needs). Per-request views record into the same list.
 */
class CapturingDatabase extends Database {
  constructor(
    driver: Driver,
    options: DatabaseOptions,
    private readonly sink: Captured[],
  ) {
    super(driver, options);
  }

  override observed(_observer: QueryObserver): Database {
    return this;
  }

  override async read<T>(cypher: string, params: Record<string, unknown>, map: (record: Neo4jRecord) => T) {
    const started = performance.now();
    try {
      return await super.read(cypher, params, map);
    } finally {
      this.sink.push({ cypher, params, ms: performance.now() - started });
    }
  }
}

export interface PlanSummary {
  dbHits: number;
  rows: number;
  /** Operators that read a whole label, type or index: the ones that scale with the data. */
  scans: string[];
  /** Index seeks and expands, to show how the statement is anchored. */
  operators: string[];
}

export interface QueryProfile {
  key: string;
  roundTrips: number;
  graphqlMs: number;
  neo4jMs: number;
  /** GraphQL execution time not spent waiting for Neo4j: parsing, validation, resolvers, serialisation. */
  overheadMs: number;
  floorMs: number;
  responseBytes: number;
  statements: { cypher: string; ms: number; plan: PlanSummary | null }[];
  floorPlan: PlanSummary | null;
}

const SCAN_OPERATORS = /AllNodesScan|NodeByLabelScan|RelationshipTypeScan|AllRelationshipsScan|IndexScan|LabelScan/;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function profileQueries(
  driver: Driver,
  options: DatabaseOptions,
  queries: readonly BenchQuery[],
  settings: { runs: number; expensiveReadsPerMinute: number },
): Promise<QueryProfile[]> {
  const captured: Captured[] = [];
  const db = new CapturingDatabase(driver, options, captured);
  const yoga = createArchipelYoga({ db, expensiveReadsPerMinute: settings.expensiveReadsPerMinute });
  const floorDb = new Database(driver, options);
  const profiles: QueryProfile[] = [];
  for (const query of queries) {
    const body = JSON.stringify(query.graphql);
    const graphqlMs: number[] = [];
    const neo4jMs: number[] = [];
    const floorMs: number[] = [];
    let statements: Captured[] = [];
    let responseBytes = 0;
    for (let run = -2; run < settings.runs; run++) {
      captured.length = 0;
      const started = performance.now();
      const response = await yoga.fetch('http://bench.local/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
      const text = await response.text();
      const elapsed = performance.now() - started;
      const floorStarted = performance.now();
      query.floor.shape(await floorDb.read(query.floor.cypher, query.floor.params, nativeRow));
      const floorElapsed = performance.now() - floorStarted;
      if (run < 0) continue; // warm-up: plan caches, JIT
      graphqlMs.push(elapsed);
      neo4jMs.push(captured.reduce((sum, c) => sum + c.ms, 0));
      floorMs.push(floorElapsed);
      statements = [...captured];
      responseBytes = Buffer.byteLength(text);
    }
    const graphql = median(graphqlMs);
    const neo4j = median(neo4jMs);
    profiles.push({
      key: query.key,
      roundTrips: statements.length,
      graphqlMs: graphql,
      neo4jMs: neo4j,
      overheadMs: Math.max(0, graphql - neo4j),
      floorMs: median(floorMs),
      responseBytes,
      statements: await Promise.all(
        statements.map(async (s) => ({ cypher: s.cypher, ms: s.ms, plan: await explain(floorDb, s.cypher, s.params) })),
      ),
      floorPlan: await explain(floorDb, query.floor.cypher, query.floor.params),
    });
  }
  return profiles;
}

/** PROFILEs one statement (it runs it once more) and summarises its plan. */
async function explain(db: Database, cypher: string, params: Record<string, unknown>): Promise<PlanSummary | null> {
  const session = db.driver.session({ database: db.options.database, defaultAccessMode: 'READ' });
  try {
    const result = await session.run(`PROFILE ${cypher}`, params);
    const profile = result.summary.profile;
    if (!profile) return null;
    const summary: PlanSummary = { dbHits: 0, rows: profile.rows, scans: [], operators: [] };
    const walk = (op: typeof profile) => {
      summary.dbHits += op.dbHits;
      const name = op.operatorType.replace(/@.*$/, '');
      const details = String(op.arguments.Details ?? '').slice(0, 90);
      if (SCAN_OPERATORS.test(name)) summary.scans.push(`${name} ${details} (${op.rows} rows)`);
      if (/Seek|Expand|Procedure|ShortestPath/.test(name)) summary.operators.push(`${name} ${details}`.trim());
      for (const child of op.children) walk(child);
    };
    walk(profile);
    return summary;
  } catch (error) {
    return {
      dbHits: -1,
      rows: 0,
      scans: [`PROFILE failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`],
      operators: [],
    };
  } finally {
    await session.close();
  }
}
