/**
 * The floor served over HTTP: a hand-written endpoint that runs a question's Cypher through
 * neo4j-driver and answers its rows as JSON, with nothing else (no GraphQL, no plugins). Measured
 * beside GraphQL over HTTP, it separates what GraphQL costs from what any HTTP API costs on this
 * machine; measured beside the driver floor, it shows what HTTP alone costs.
 *
 * The same server serves the floor through graphql-yoga at `/yoga-floor` (`yoga-floor.ts`): what the
 * GraphQL server Archipel is built on costs before any of Archipel's code.
 *
 * It answers only the statements it was started with (`POST /floor/<question key>`), so it runs no
 * Cypher from the network, and listens on loopback only.
 *
 * Usage: `const floor = await startFloorServer(db, { q1: { cypher, params } }); … floor.close()`.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../api/db/database.js';
import { nativeRow } from './queries.js';
import { createYogaFloor, YOGA_FLOOR_ENDPOINT } from './yoga-floor.js';

export interface FloorStatement {
  cypher: string;
  params: Record<string, unknown>;
}

export interface FloorServer {
  /** Base URL; a question's endpoint is `${url}/floor/${key}`, the yoga floor's `${url}/yoga-floor`. */
  url: string;
  close(): Promise<void>;
}

export async function startFloorServer(
  db: Database,
  statements: Readonly<Record<string, FloorStatement>>,
): Promise<FloorServer> {
  const yogaFloor = createYogaFloor(db, statements);
  const server = createServer((req, res) => {
    if (req.url?.startsWith(YOGA_FLOOR_ENDPOINT)) return void yogaFloor(req, res);
    const key = decodeURIComponent((req.url ?? '').replace(/^\/floor\//, '').split('?')[0] ?? '');
    const statement = Object.hasOwn(statements, key) ? statements[key] : undefined;
    // The body carries nothing the endpoint needs, but a real endpoint reads its request.
    req.resume();
    req.on('end', () => {
      if (!statement) return send(res, 404, { errors: [{ message: `no floor statement "${key}"` }] });
      db.read(statement.cypher, statement.params, nativeRow).then(
        (rows) => send(res, 200, { data: rows }),
        (error: unknown) =>
          send(res, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
