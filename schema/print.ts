/**
 * Writes the printed SDL to `schema/schema.graphql` (committed, the published contract), or with
 * `--check` exits 1 when the committed file differs from the code.
 * Usage: `npm run schema:print`, `tsx schema/print.ts --check`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './index.js';

const SDL_FILE = fileURLToPath(new URL('./schema.graphql', import.meta.url));
const printed = `${printSchema(schema)}\n`;

if (process.argv.includes('--check')) {
  if (readFileSync(SDL_FILE, 'utf8') !== printed) {
    console.error('schema/schema.graphql differs from the code: run `npm run schema:print` and commit it.');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date');
} else {
  writeFileSync(SDL_FILE, printed);
  console.log(`wrote ${SDL_FILE}`);
}
