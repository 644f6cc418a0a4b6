/** Configuration: one zod schema, precise messages, and the Docker files agree with it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../api/core/config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      NEO4J_DATABASE: 'neo4j',
      NEO4J_URI: undefined,
      SOURCE_MAPS: false,
    });
    expect(loadConfig({ SOURCE_MAPS: 'true' }).SOURCE_MAPS).toBe(true);
  });

  it('names every bad variable and what was expected', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        NEO4J_URI: 'http://localhost:7474',
        LOG_LEVEL: 'loud',
        NEO4J_TX_TIMEOUT_MS: '-5',
        SOURCE_MAPS: 'yes',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT="eighty": expected a port number/);
    expect(message).toMatch(/NEO4J_URI="http:\/\/localhost:7474": expected a Bolt URI/);
    expect(message).toMatch(/LOG_LEVEL="loud"/);
    expect(message).toMatch(/NEO4J_TX_TIMEOUT_MS="-5"/);
    expect(message).toMatch(/SOURCE_MAPS="yes": expected true or false/);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'));

  it('runs the official Neo4j 5.26 image with a health check and a named volume', () => {
    expect(compose.services.neo4j.image).toBe('neo4j:5.26-community');
    expect(compose.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(compose.services.neo4j.volumes[0]).toMatch(/^neo4j-data:/);
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
  });

  it('starts the API once Neo4j is healthy, with variables the config schema knows', () => {
    const api = compose.services.api;
    expect(api.depends_on.neo4j.condition).toBe('service_healthy');
    expect(Object.keys(api.environment).length).toBeGreaterThanOrEqual(3);
    for (const name of Object.keys(api.environment)) expect(CONFIG_VARIABLES).toContain(name);
    expect(() =>
      loadConfig({ ...api.environment, NEO4J_PASSWORD: 'x', PORT: String(api.environment.PORT) }),
    ).not.toThrow();
    expect(api.healthcheck.test.join(' ')).toContain('/health/ready');
  });
});

describe('README', () => {
  it('documents exactly the variables of the config schema', async () => {
    const { configTable } = await import('../api/core/config-table.js');
    const readme = readFileSync('README.md', 'utf8');
    const table = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(configTable());
  });
});
