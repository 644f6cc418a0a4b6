/**
 * A stand-in for the Archipel API: its schema (the committed SDL, else the issue-4 contract)
 * answered in memory from the real seed files, plus viz/dist served at `/`. It lets the map be developed and browser-tested before
 * (or without) Neo4j; `test/support/server.ts` (the real API) replaces it when present.
 *
 * Run it alone for development: `npx tsx test/browser/stub-api.ts` (port 4000, what the Vite
 * dev server proxies /graphql to).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, graphql } from 'graphql';
import type { SeedEntity, SeedRelation } from '../../api/seed/read.js';
import { listSeedFiles, parseSeedText } from '../../api/seed/read.js';
import { apiSchemaSdl } from './contract.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const TYPENAMES = { ORGANISATION: 'Organisation', PROJECT: 'Project', PERSON: 'Person', EVENT: 'Event' } as const;

export interface Dataset {
  entities: SeedEntity[];
  relations: SeedRelation[];
}

/** Reads every seed file leniently: the data helpers edit them concurrently, and one bad entry must not hide the rest. */
export async function readDataset(dir = path.join(repo, 'seeds')): Promise<Dataset> {
  const entities: SeedEntity[] = [];
  const relations: SeedRelation[] = [];
  for (const file of await listSeedFiles(dir)) {
    const parsed = parseSeedText(file, await readFile(path.join(dir, file), 'utf8'));
    entities.push(...parsed.entities.map((e) => e.value));
    relations.push(...parsed.relations.map((r) => r.value));
  }
  const slugs = new Set(entities.map((e) => e.slug));
  const bySlug = new Map<string, SeedEntity>();
  for (const entity of entities) if (!bySlug.has(entity.slug)) bySlug.set(entity.slug, entity);
  return {
    entities: [...bySlug.values()],
    relations: relations.filter((r) => slugs.has(r.from) && slugs.has(r.to)),
  };
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const yearOf = (date?: string) => (date ? Number(date.slice(0, 4)) : null);

function activeIn(relation: SeedRelation, year: number): boolean {
  const since = yearOf(relation.since);
  const until = yearOf(relation.until);
  return (since === null || since <= year) && (until === null || until >= year);
}

function connection<T>(items: T[], first = 20) {
  const page = items.slice(0, Math.min(first, 100));
  return {
    edges: page.map((node, i) => ({ cursor: String(i), node })),
    pageInfo: {
      hasNextPage: items.length > page.length,
      hasPreviousPage: false,
      startCursor: '0',
      endCursor: String(page.length - 1),
    },
    totalCount: items.length,
  };
}

interface Filter {
  types?: string[] | null;
  kinds?: string[] | null;
  activeIn?: number | null;
}

export function rootValue(data: Dataset) {
  const bySlug = new Map(data.entities.map((e) => [e.slug, e]));
  const entityId = (slug: string) => Buffer.from(`Entity:${slug}`).toString('base64url');

  const relationsOf = (slug: string) => data.relations.filter((r) => r.from === slug || r.to === slug);
  const passes = (r: SeedRelation, f: Filter) =>
    (!f.types || f.types.includes(r.type)) &&
    (!f.kinds ||
      (f.kinds.includes(bySlug.get(r.from)?.kind ?? '') && f.kinds.includes(bySlug.get(r.to)?.kind ?? ''))) &&
    (f.activeIn === null || f.activeIn === undefined || activeIn(r, f.activeIn));

  const entity = (seed: SeedEntity | undefined): Record<string, unknown> | null => {
    if (!seed) return null;
    return {
      __typename: TYPENAMES[seed.kind],
      ...seed,
      id: entityId(seed.slug),
      relations: (args: Filter & { first?: number; direction?: string }) =>
        connection(
          relationsOf(seed.slug)
            .filter((r) => passes(r, args))
            .filter((r) =>
              args.direction === 'OUTGOING'
                ? r.from === seed.slug
                : args.direction === 'INCOMING'
                  ? r.to === seed.slug
                  : true,
            )
            .map(relation),
          args.first,
        ),
      neighbours: (args: Filter & { first?: number }) =>
        connection(
          [
            ...new Set(
              relationsOf(seed.slug)
                .filter((r) => passes(r, args))
                .map((r) => (r.from === seed.slug ? r.to : r.from)),
            ),
          ].map((slug) => entity(bySlug.get(slug))),
          args.first,
        ),
    };
  };

  const relation = (seed: SeedRelation) => ({
    __typename: 'Relation',
    ...seed,
    relationId: seed.id,
    from: () => entity(bySlug.get(seed.from)),
    to: () => entity(bySlug.get(seed.to)),
    software: () => (seed.software ? entity(bySlug.get(seed.software)) : null),
  });

  return {
    entity: ({ slug }: { slug: string }) => entity(bySlug.get(slug)),
    node: ({ id }: { id: string }) => {
      const decoded = Buffer.from(id, 'base64url').toString();
      if (decoded.startsWith('Entity:')) return entity(bySlug.get(decoded.slice(7)));
      const found = data.relations.find((r) => r.id === id);
      return found ? relation(found) : null;
    },
    search: ({ text, kinds, first }: { text: string; kinds?: string[]; first?: number }) => {
      const needle = fold(text.trim());
      const score = (e: SeedEntity) => {
        const names = [e.name, ...e.aliases].map(fold);
        if (names.some((n) => n === needle)) return 0;
        if (names.some((n) => n.startsWith(needle))) return 1;
        if (names.some((n) => n.includes(needle))) return 2;
        return -1;
      };
      const found = data.entities
        .filter((e) => !kinds || kinds.includes(e.kind))
        .map((e) => ({ e, s: score(e) }))
        .filter(({ s }) => s >= 0)
        .sort((a, b) => a.s - b.s || a.e.name.localeCompare(b.e.name, 'fr'))
        .map(({ e }) => entity(e));
      return connection(found, first);
    },
    relations: (args: Filter & { from?: string; to?: string; software?: string; first?: number }) =>
      connection(
        data.relations
          .filter((r) => passes(r, args))
          .filter((r) => (!args.from || r.from === args.from) && (!args.to || r.to === args.to))
          .filter((r) => !args.software || r.software === args.software)
          .map(relation),
        args.first,
      ),
    path: ({ from, to, maxLength = 4 }: { from: string; to: string; maxLength?: number }) => {
      if (!bySlug.has(from) || !bySlug.has(to)) return null;
      // Breadth-first over relations in either direction: the first arrival is a shortest chain.
      const via = new Map<string, SeedRelation | null>([[from, null]]);
      let frontier = [from];
      for (let depth = 0; depth < maxLength && !via.has(to); depth++) {
        const next: string[] = [];
        for (const slug of frontier) {
          for (const r of relationsOf(slug)) {
            const other = r.from === slug ? r.to : r.from;
            if (via.has(other)) continue;
            via.set(other, r);
            next.push(other);
          }
        }
        frontier = next;
      }
      if (!via.has(to)) return null;
      const chain: SeedRelation[] = [];
      for (let slug = to; slug !== from; ) {
        const r = via.get(slug);
        if (!r) break;
        chain.unshift(r);
        slug = r.from === slug ? r.to : r.from;
      }
      return chain.map(relation);
    },
    graph: (args: Filter & { focus?: string; depth?: number }) => {
      const edges = data.relations.filter((r) => passes(r, args));
      let slugs: Set<string>;
      if (args.focus) {
        slugs = new Set([args.focus]);
        let frontier = [args.focus];
        for (let d = 0; d < (args.depth ?? 1); d++) {
          const next: string[] = [];
          for (const r of edges) {
            for (const [a, b] of [
              [r.from, r.to],
              [r.to, r.from],
            ] as const) {
              if (frontier.includes(a) && !slugs.has(b)) {
                slugs.add(b);
                next.push(b);
              }
            }
          }
          frontier = next;
        }
      } else {
        // As the API: every matching relation with its ends, so unrelated entities are left out.
        slugs = new Set(edges.flatMap((r) => [r.from, r.to]));
      }
      return {
        nodes: [...slugs].map((s) => entity(bySlug.get(s))).filter(Boolean),
        edges: edges.filter((r) => slugs.has(r.from) && slugs.has(r.to)).map(relation),
      };
    },
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface StubServer {
  url: string;
  close(): Promise<void>;
}

export async function startStubServer(options: { port?: number; dist?: string } = {}): Promise<StubServer> {
  const schema = buildSchema(apiSchemaSdl().sdl);
  const root = rootValue(await readDataset());
  const dist = options.dist ?? path.join(repo, 'viz', 'dist');

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/graphql') {
      const body =
        req.method === 'POST'
          ? (JSON.parse(await readBody(req)) as {
              query: string;
              variables?: Record<string, unknown>;
              operationName?: string;
            })
          : {
              query: url.searchParams.get('query') ?? '{ __typename }',
              variables: JSON.parse(url.searchParams.get('variables') ?? '{}') as Record<string, unknown>,
            };
      const result = await graphql({
        schema,
        source: body.query,
        rootValue: root,
        variableValues: body.variables,
        operationName: body.operationName,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
      return;
    }
    const file = path.join(dist, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const content = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(content);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const server = await startStubServer({ port: Number(process.env.PORT ?? 4000) });
  console.log(`stub Archipel API at ${server.url}/graphql, map at ${server.url}/`);
}
