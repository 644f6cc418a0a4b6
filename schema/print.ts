/**
 * Writes the printed SDL to `schema/schema.graphql` (committed; a test fails when it drifts).
 * Usage: `npm run schema:print`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './index.js';

export const SDL_FILE = fileURLToPath(new URL('./schema.graphql', import.meta.url));
export const printedSchema = () => `${printSchema(schema)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SDL_FILE, printedSchema());
  console.log(`wrote ${SDL_FILE}`);
}
