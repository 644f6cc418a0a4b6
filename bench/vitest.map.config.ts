/**
 * `npm run bench:map`: the map benchmark (bench/map-perf.test.ts) run by vitest with the test
 * config (its root, its graphql alias, its global setup starting Neo4j with the seed data), on that
 * one file only. `npm test` never collects it: the test config includes test/ only.
 */
import { defineConfig } from 'vitest/config';
import testConfig from '../test/vitest.config.js';

// A spread, not mergeConfig: mergeConfig concatenates arrays, and `include` must be replaced.
export default defineConfig({
  ...testConfig,
  test: { ...testConfig.test, include: ['bench/map-perf.test.ts'] },
});
