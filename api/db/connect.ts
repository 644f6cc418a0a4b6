/**
 * Connects to Neo4j as configured: the server named by NEO4J_URI, or else the embedded Neo4j,
 * started for the lifetime of this process and restarted if it dies (supervisor.ts).
 *
 * Usage: `const neo4j = await connectNeo4j(config, log); … await neo4j.close();`
 */
import type { Driver } from 'neo4j-driver';
import type { Config } from '../core/config.js';
import { createDriver, Database } from './database.js';
import { StartupError, startEmbeddedNeo4j } from './embedded.js';
import { type SupervisedNeo4j, superviseEmbeddedNeo4j } from './supervisor.js';

export interface Neo4jConnection {
  driver: Driver;
  db: Database;
  uri: string;
  embedded: SupervisedNeo4j | null;
  /** False once the embedded Neo4j died and could not be restarted: the process should be restarted. */
  live(): boolean;
  close(): Promise<void>;
}

export async function connectNeo4j(config: Config, log: (line: string) => void): Promise<Neo4jConnection> {
  let embedded: SupervisedNeo4j | null = null;
  let uri = config.NEO4J_URI;
  if (!uri) {
    log(
      `Starting the embedded Neo4j (data in ${config.NEO4J_DATA_DIR}, Bolt on 127.0.0.1:${config.NEO4J_EMBEDDED_PORT})…`,
    );
    embedded = await superviseEmbeddedNeo4j(
      () => startEmbeddedNeo4j({ port: config.NEO4J_EMBEDDED_PORT, dataDir: config.NEO4J_DATA_DIR }),
      { attempts: config.NEO4J_RESTART_ATTEMPTS, firstDelayMs: config.NEO4J_RESTART_DELAY_MS, log },
    );
    uri = embedded.uri;
  }
  const driver = createDriver(uri, config.NEO4J_USER, config.NEO4J_PASSWORD);
  try {
    await driver.getServerInfo({ database: config.NEO4J_DATABASE });
  } catch (error) {
    await driver.close();
    await embedded?.stop();
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new StartupError(
      `Cannot reach Neo4j at ${uri} (${reason}). Check that the server is running and that NEO4J_URI, ` +
        'NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE are right, or unset NEO4J_URI to use the embedded Neo4j.',
    );
  }
  const db = new Database(driver, { database: config.NEO4J_DATABASE, txTimeoutMs: config.NEO4J_TX_TIMEOUT_MS });
  return {
    driver,
    db,
    uri,
    embedded,
    live: () => embedded?.state() !== 'failed',
    async close() {
      await driver.close();
      await embedded?.stop();
    },
  };
}
