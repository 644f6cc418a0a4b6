/**
 * Prints the README's configuration table from the config schema (a test keeps them in sync).
 * Usage: `tsx api/core/config-table.ts`.
 */
import { fileURLToPath } from 'node:url';
import { ConfigSchema } from './config.js';

export function configTable(): string {
  const defaults = ConfigSchema.parse({}) as Record<string, unknown>;
  const rows = Object.entries(ConfigSchema.shape).map(([name, schema]) => {
    const fallback = defaults[name];
    const shown =
      fallback === undefined || (Array.isArray(fallback) && fallback.length === 0) || fallback === ''
        ? '—'
        : `\`${fallback}\``;
    return `| \`${name}\` | ${shown} | ${schema.description ?? ''} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(configTable());
