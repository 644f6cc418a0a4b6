/** The published contract: the committed SDL must match the code. */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('schema/schema.graphql is up to date (run `npm run schema:print` after changing the schema)', () => {
  // Printed in a plain Node process, exactly as `npm run schema:print` writes it.
  const check = spawnSync(process.execPath, ['--import', 'tsx', 'schema/print.ts', '--check'], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});
