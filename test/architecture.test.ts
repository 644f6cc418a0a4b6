/**
 * The layers the README's "Architecture" section draws, checked against the code's imports: each
 * folder imports only from its own layer or those below it, and no files import each other in a
 * circle. A move that breaks the picture fails here, not in a reviewer's head.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Bottom to top, as in the README. A file belongs to the first prefix it starts with. */
const LAYERS: { name: string; prefixes: string[] }[] = [
  { name: 'model', prefixes: ['model/'] },
  { name: 'core', prefixes: ['api/core/'] },
  { name: 'db', prefixes: ['api/db/'] },
  { name: 'seed and export', prefixes: ['api/seed/', 'api/export/'] },
  { name: 'schema', prefixes: ['schema/'] },
  { name: 'http', prefixes: ['api/http/'] },
  { name: 'server', prefixes: ['api/yoga.ts', 'api/server.ts', 'api/main.ts'] },
];
/** The map runs in the browser: it shares the model and nothing else of the server. */
const MAP = 'viz/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative('.', path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => !file.includes('node_modules') && !file.includes('/dist/'));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"`;]*?from\s+'(\.[^']+)'/g)].map((m) => m[1]!);
  const dynamic = [...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]!);
  return [...specs, ...dynamic].map((spec) =>
    path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'),
  );
}

const layerOf = (file: string) => LAYERS.findIndex((layer) => layer.prefixes.some((p) => file.startsWith(p)));

const FILES = [...sourceFiles('model'), ...sourceFiles('api'), ...sourceFiles('schema'), ...sourceFiles('viz')];
const IMPORTS = new Map(FILES.map((file) => [file, importsOf(file).filter((target) => FILES.includes(target))]));

describe('the layers', () => {
  it('every server file belongs to a layer of the README', () => {
    const unplaced = FILES.filter((file) => !file.startsWith(MAP) && layerOf(file) === -1);
    expect(unplaced).toEqual([]);
  });

  it('no file imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const [file, targets] of IMPORTS) {
      for (const target of targets) {
        if (file.startsWith(MAP)) {
          if (!target.startsWith(MAP) && !target.startsWith('model/')) upward.push(`${file} → ${target} (the map)`);
        } else if (layerOf(target) > layerOf(file)) {
          upward.push(`${file} (${LAYERS[layerOf(file)]!.name}) → ${target} (${LAYERS[layerOf(target)]!.name})`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('no files import each other in a circle', () => {
    // Tarjan's strongly connected components over the import graph.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let next = 0;
    const visit = (file: string) => {
      index.set(file, next);
      low.set(file, next++);
      stack.push(file);
      onStack.add(file);
      for (const target of IMPORTS.get(file) ?? []) {
        if (!index.has(target)) {
          visit(target);
          low.set(file, Math.min(low.get(file)!, low.get(target)!));
        } else if (onStack.has(target)) {
          low.set(file, Math.min(low.get(file)!, index.get(target)!));
        }
      }
      if (low.get(file) === index.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== file);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of FILES) if (!index.has(file)) visit(file);
    expect(circles).toEqual([]);
  });
});
