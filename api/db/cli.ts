/**
 * `npm run neo4j`: runs the embedded Neo4j alone (for the seed CLI, Neo4j tools or debugging),
 * until Ctrl-C. Uses NEO4J_EMBEDDED_PORT and NEO4J_DATA_DIR.
 */
import { ConfigError, loadConfig } from '../core/config.js';
import { StartupError, startEmbeddedNeo4j } from './embedded.js';

try {
  const config = loadConfig();
  const neo4j = await startEmbeddedNeo4j({
    port: config.NEO4J_EMBEDDED_PORT,
    dataDir: config.NEO4J_DATA_DIR,
    log: (line) => console.error(line),
  });
  console.log(`Neo4j is ready at ${neo4j.uri} (data in ${config.NEO4J_DATA_DIR}); Ctrl-C stops it.`);
  const stop = () => void neo4j.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
