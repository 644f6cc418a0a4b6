/**
 * What other tools meet over HTTP: the exports, read back by readers that share nothing with
 * their writers (fast-xml-parser for GEXF and GraphML, an RFC 4180 split written here for CSV,
 * JSON.parse), hold exactly the view the `graph` query answers, every field included; public reads
 * are open to every origin and writes are not; an unknown path is a 404.
 */
import { XMLParser } from 'fast-xml-parser';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexfAsGephiLite } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_CSP } from '../api/http/graphiql.js';
import { createArchipelYoga } from '../api/yoga.js';
import { hashToken, parseStaffTokens } from '../schema/auth.js';
import { expectData, expectError, type GraphQLResponse } from './support/graphql.js';
import { useTestDatabase } from './support/neo4j.js';
import { startTestServer } from './support/server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

async function graphql<T = any>(query: string, variables: object = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T> };
}

// --- The view as the `graph` query answers it, every field asked for

interface Entity {
  slug: string;
  name: string;
  kind: string;
  aliases: string[];
  summary: string | null;
  url: string | null;
  category?: string | null;
  location?: string | null;
  date?: string | null;
  place?: string | null;
  format?: string | null;
}

interface Relation {
  relationId: string;
  type: string;
  from: { slug: string };
  to: { slug: string };
  role: string | null;
  software: { slug: string } | null;
  resource: string | null;
  since: string | null;
  until: string | null;
  amount: number | null;
  currency: string | null;
  period: 'ONE_OFF' | 'PER_YEAR' | 'TOTAL' | null;
  description: string | null;
  note: string | null;
  sources: { section: string; quote: string }[];
}

const GRAPH = `query View($types: [RelationType!], $kinds: [EntityKind!], $activeIn: Int, $focus: String, $depth: Int) {
  graph(types: $types, kinds: $kinds, activeIn: $activeIn, focus: $focus, depth: $depth) {
    nodes {
      slug name kind aliases summary url
      ... on Organisation { category location }
      ... on Project { category }
      ... on Event { date place format }
    }
    edges {
      relationId type from { slug } to { slug } role software { slug } resource since until amount currency period
      description note
      sources { section quote }
    }
  }
}`;

async function graphView(variables: object): Promise<{ nodes: Entity[]; edges: Relation[] }> {
  const { body } = await graphql<{ graph: { nodes: Entity[]; edges: Relation[] } }>(GRAPH, variables);
  return expectData(body).graph;
}

/** An entity as every export writes it: the field table's order, absent values `null`. */
const entityRecord = (e: Entity) => ({
  slug: e.slug,
  name: e.name,
  kind: e.kind,
  category: e.category ?? null,
  aliases: e.aliases,
  summary: e.summary,
  url: e.url,
  location: e.location ?? null,
  date: e.date ?? null,
  place: e.place ?? null,
  format: e.format ?? null,
});

const relationRecord = (r: Relation) => ({
  id: r.relationId,
  type: r.type,
  from: r.from.slug,
  to: r.to.slug,
  role: r.role,
  software: r.software?.slug ?? null,
  resource: r.resource,
  since: r.since,
  until: r.until,
  amount: r.amount,
  currency: r.currency,
  // The exports write the seed's spelling of the period (one-off), the API its enum (ONE_OFF).
  period: r.period === null ? null : r.period.toLowerCase().replace('_', '-'),
  description: r.description,
  note: r.note,
  sources: r.sources,
});

/** A record as text formats hold it: lists as JSON text, numbers as text, empty values absent. */
function asText(record: Record<string, unknown>): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    text[key] = Array.isArray(value) ? JSON.stringify(value) : String(value);
  }
  return text;
}

const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

// --- Independent readers

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && ['node', 'edge', 'attvalue', 'attribute', 'attributes', 'key', 'data'].includes(name),
});

/** RFC 4180, by hand: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the last record ends with CRLF').toBe('');
  const [header, ...records] = rows;
  return records.map((cells) => {
    expect(cells).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, i) => [name, cells[i]!]).filter(([, value]) => value !== ''));
  });
}

/** What a spreadsheet-safe CSV holds for a value: a formula-like start is defused with "'". */
const csvCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

async function download(path: string) {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return { response, text: await response.text() };
}

function gexfRecords(text: string) {
  const doc = xml.parse(text).gexf;
  const graph = doc.graph;
  const titles = (kind: string) =>
    new Map<string, string>(
      graph.attributes
        .find((a: any) => a.class === kind)
        .attribute.map((a: any) => [a.id, a.title] as [string, string]),
    );
  const nodeTitles = titles('node');
  const edgeTitles = titles('edge');
  const values = (element: any, names: Map<string, string>) =>
    Object.fromEntries((element.attvalues?.attvalue ?? []).map((v: any) => [names.get(v.for), v.value]));
  return {
    doc,
    graph,
    nodes: (graph.nodes?.node ?? []).map((n: any) => ({
      id: n.id,
      label: n.label,
      start: n.start,
      end: n.end,
      values: values(n, nodeTitles),
    })),
    edges: (graph.edges?.edge ?? []).map((e: any) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      start: e.start,
      end: e.end,
      values: values(e, edgeTitles),
    })),
  };
}

function graphmlRecords(text: string) {
  const doc = xml.parse(text).graphml;
  const names = new Map<string, string>(doc.key.map((k: any) => [k.id, k['attr.name']] as [string, string]));
  const values = (element: any) =>
    Object.fromEntries((element.data ?? []).map((d: any) => [names.get(d.key), d['#text'] ?? '']));
  return {
    doc,
    nodes: (doc.graph.node ?? []).map((n: any) => ({ id: n.id, values: values(n) })),
    edges: (doc.graph.edge ?? []).map((e: any) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      values: values(e),
    })),
  };
}

const VIEWS: [string, string, object][] = [
  ['the whole map', '', {}],
  ['the hostings (?types=HOSTING)', '?types=HOSTING', { types: ['HOSTING'] }],
  ["Picasoft's neighbourhood (?focus=picasoft&depth=1)", '?focus=picasoft&depth=1', { focus: 'picasoft', depth: 1 }],
  [
    'people and their ties in 2020 (?kinds=PERSON&year=2020)',
    '?kinds=PERSON&year=2020',
    { kinds: ['PERSON'], activeIn: 2020 },
  ],
];

describe('exports hold the view the graph query answers, every field', () => {
  for (const [name, search, variables] of VIEWS) {
    it(`${name}: GEXF, GraphML, CSV and JSON`, async () => {
      const view = await graphView(variables);
      expect(view.nodes.length).toBeGreaterThan(0);
      const entities = view.nodes.map(entityRecord).sort(bySlug);
      const relations = view.edges.map(relationRecord).sort(byId);

      const json = JSON.parse((await download(`/export/archipel.json${search}`)).text);
      expect(json).toMatchObject({ directed: true, multigraph: true });
      expect(
        json.nodes
          .map(({ id, ...fields }: any) => {
            expect(id).toBe(fields.slug);
            return fields;
          })
          .sort(bySlug),
      ).toEqual(entities);
      expect(
        json.links
          .map(({ source, target, key, ...fields }: any) => {
            expect([source, target, key]).toEqual([fields.from, fields.to, fields.id]);
            return fields;
          })
          .sort(byId),
      ).toEqual(relations);

      const entitiesCsv = parseCsv((await download(`/export/entities.csv${search}`)).text);
      const relationsCsv = parseCsv((await download(`/export/relations.csv${search}`)).text);
      const defused = (record: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(asText(record)).map(([k, v]) => [k, csvCell(v)]));
      expect(entitiesCsv.sort((a, b) => a.slug!.localeCompare(b.slug!))).toEqual(entities.map(defused));
      expect(relationsCsv.sort((a, b) => a.id!.localeCompare(b.id!))).toEqual(relations.map(defused));

      const gexf = gexfRecords((await download(`/export/archipel.gexf${search}`)).text);
      expect(gexf.nodes.map((n: any) => ({ slug: n.id, name: n.label, ...n.values })).sort(bySlug)).toEqual(
        entities.map(asText),
      );
      expect(
        gexf.edges
          .map((e: any) => {
            expect([e.source, e.target, e.kind]).toEqual([e.values.from, e.values.to, e.values.type]);
            return { id: e.id, ...e.values };
          })
          .sort(byId),
      ).toEqual(relations.map(asText));

      const graphml = graphmlRecords((await download(`/export/archipel.graphml${search}`)).text);
      expect(
        graphml.nodes
          .map(({ id, values: { label, ...fields } }: any) => {
            expect(label).toBe(fields.name);
            return { slug: id, ...fields };
          })
          .sort(bySlug),
      ).toEqual(entities.map(asText));
      expect(
        graphml.edges
          .map(({ id, source, target, values: { label: _, ...fields } }: any) => {
            expect([source, target]).toEqual([fields.from, fields.to]);
            return { id, ...fields };
          })
          .sort(byId),
      ).toEqual(relations.map(asText));
    });
  }

  it('leaves staff-only fields out of every file', async () => {
    for (const file of ['archipel.gexf', 'archipel.graphml', 'archipel.json', 'entities.csv', 'relations.csv']) {
      const { text } = await download(`/export/${file}`);
      expect(text, file).not.toMatch(/internalNotes|"version"/);
    }
  });

  it("opens in Gephi Lite (graphology-gexf's reader) with every entity and relation", async () => {
    const view = await graphView({});
    const { text } = await download('/export/archipel.gexf');
    const graph = parseGexfAsGephiLite(MultiDirectedGraph, text);
    expect([graph.order, graph.size]).toEqual([view.nodes.length, view.edges.length]);
    expect(graph.getNodeAttribute('framasoft', 'kind')).toBe('ORGANISATION');
  });

  it("dates every relation for Gephi's timeline, by the API's time model", async () => {
    const gexf = gexfRecords((await download('/export/archipel.gexf')).text);
    expect(gexf.graph).toMatchObject({ mode: 'dynamic', timeformat: 'date', defaultedgetype: 'directed' });
    const span = (id: string) => {
      const edge = gexf.edges.find((e: any) => e.id === id);
      return { since: edge.values.since, until: edge.values.until, start: edge.start, end: edge.end };
    };
    for (const edge of gexf.edges) {
      // A partial `since` starts on its first day; a partial `until` ends on its last.
      if (edge.values.since) expect(edge.start.startsWith(edge.values.since)).toBe(true);
      if (edge.values.until) expect(edge.end.startsWith(edge.values.until)).toBe(true);
      if (edge.start) expect(edge.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (edge.end) expect(edge.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const undated = gexf.edges.find((e: any) => !e.values.since && !e.values.until && e.start === '2020-01-01');
    expect(undated, 'an undated relation is attested in 2020').toBeDefined();
    expect(span(undated.id)).toMatchObject({ start: '2020-01-01', end: '2020-12-31' });
    const openEnded = gexf.edges.find((e: any) => e.values.since && !e.values.until && e.end === undefined);
    expect(openEnded, 'a relation with no end stays open').toBeDefined();
  });

  it('answers an empty selection (every type unticked on the map) with an empty view', async () => {
    const json = JSON.parse((await download('/export/archipel.json?types=')).text);
    expect([json.nodes.length, json.links.length]).toEqual([0, 0]);
  });

  it('sends an ETag and answers 304 when the view has not changed', async () => {
    const first = await get('/export/relations.csv?types=FUNDING');
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="relations.csv"');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/export/relations.csv?types=FUNDING', { 'if-none-match': etag });
    expect(again.status).toBe(304);
  });

  it('refuses a bad filter with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      [
        '?types=NOPE',
        'Invalid argument "types": unknown relation type "NOPE" (expected any of RHIZOME, ARCHIPELAGO, FRIENDSHIP_CONVENTION, SUPPORT_CONVENTION, HOSTING, FUNDING, MEMBERSHIP, COLLABORATION, WORKS_FOR, CONTRACTS_FOR, DEVELOPS, CONTRIBUTES_TO, AUTHORED, PUBLISHES, PART_OF, ORGANISES, SPEAKS_AT, INTERVIEWS, SIGNS, USES) (got "NOPE")',
      ],
      [
        '?kinds=ROBOT',
        'Invalid argument "kinds": unknown entity kind "ROBOT" (expected any of ORGANISATION, PROJECT, PERSON, EVENT) (got "ROBOT")',
      ],
      ['?year=20', 'Invalid argument "year": expected a year such as 2019 (got "20")'],
      ['?focus=picasoft&depth=9', 'Invalid argument "depth": expected 1, 2 or 3 (got "9")'],
      [
        '?focus=Not%20A%20Slug&depth=1',
        'Invalid argument "focus": expected a slug: lowercase ASCII words joined by "-", e.g. "wikimedia-france" (got "Not A Slug")',
      ],
    ];
    for (const [search, message] of cases) {
      const response = await get(`/export/archipel.gexf${search}`);
      expect(response.status, search).toBe(400);
      const error = expectError((await response.json()) as GraphQLResponse, 'INVALID_ARGUMENT', /./);
      expect(error.message).toBe(message);
    }
    const unknown = await get('/export/archipel.gexf?focus=nobody-here&depth=1');
    expect(unknown.status).toBe(404);
    expectError((await unknown.json()) as GraphQLResponse, 'NOT_FOUND', /^Entity "nobody-here" was not found$/);
  });
});

describe('exports obey the bounds of the graph query', () => {
  const db = useTestDatabase();
  const fetchFrom = (yoga: ReturnType<typeof createArchipelYoga>, path: string) =>
    yoga.fetch(`http://archipel.test${path}`);

  it('refuses a view over MAX_GRAPH_NODES, and says how to narrow it', async () => {
    const small = createArchipelYoga({ db, maxGraphNodes: 3 });
    const response = await fetchFrom(small, '/export/archipel.gexf');
    expect(response.status).toBe(400);
    const error = expectError((await response.json()) as GraphQLResponse, 'GRAPH_TOO_LARGE', /more than 3 entities/);
    expect(error.extensions).toMatchObject({ limit: 'maxGraphNodes', max: 3 });
  });

  it('draws on the same per-client allowance as graph (429 + Retry-After)', async () => {
    const limited = createArchipelYoga({ db, expensiveReadsPerMinute: 1 });
    expect((await fetchFrom(limited, '/export/entities.csv?types=FUNDING')).status).toBe(200);
    const refused = await fetchFrom(limited, '/export/entities.csv?types=FUNDING');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expectError((await refused.json()) as GraphQLResponse, 'RATE_LIMITED', /^Too many expensive reads/);
  });
});

describe('HTTP paths', () => {
  it('answers an unknown path with 404, not the map', async () => {
    for (const path of ['/no-such-page', '/export', '/graphql/nothing-here']) {
      const response = await get(path, { accept: 'text/html' });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('id="app"');
    }
    const file = await get('/export/archipel.pdf');
    expect(file.status).toBe(404);
    expectError(
      (await file.json()) as GraphQLResponse,
      'NOT_FOUND',
      /^No export at \/export\/archipel\.pdf; there are /,
    );
  });

  it('still serves the map at its own URLs (/?focus=…)', async () => {
    for (const path of ['/', '/?focus=picasoft', '/?types=HOSTING&year=2020', '/index.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('id="app"');
    }
  });

  it('serves GraphiQL from this origin only, under a CSP that allows nothing else', async () => {
    const response = await get('/graphql', { accept: 'text/html' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(GRAPHIQL_CSP);
    const html = await response.text();
    expect(html).not.toMatch(/unpkg|jsdelivr|https?:\/\/(?!gexf|www\.w3)/);
    const assets = [...html.matchAll(/(?:src|href)="(\/graphql\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    const config = JSON.parse(/<script type="application\/json" id="graphiql-config">(.*?)<\/script>/s.exec(html)![1]!);
    assets.push(...(Object.values(config.workers) as string[]));
    expect(assets).toHaveLength(7);
    for (const asset of assets) {
      const file = await get(asset, { 'accept-encoding': 'gzip' });
      expect(file.status, asset).toBe(200);
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await file.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
  });

  it("hands a link's query and variables to GraphiQL's first tab, before the saved operations", async () => {
    const query = 'query ArchipelGraph($types: [RelationType!]) { graph(types: $types) { nodes { slug } } }';
    const variables = JSON.stringify({ types: ['HOSTING'] });
    const html = await (
      await get(`/graphql?${new URLSearchParams({ query, variables })}`, { accept: 'text/html' })
    ).text();
    const config = JSON.parse(/id="graphiql-config">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.options).toMatchObject({ query, variables });
    expect(config.options.defaultTabs[0]).toEqual({ query, variables });
    expect(config.options.defaultTabs[1].query).toContain('PeerTubeHosting');
    // Nothing from the URL can close the script element it is carried in.
    const hostile = await (
      await get(`/graphql?${new URLSearchParams({ query: '</script><script>alert(1)</script>' })}`, {
        accept: 'text/html',
      })
    ).text();
    expect(hostile).not.toContain('<script>alert(1)');
  });
});

describe('CORS: public reads from any origin, writes from the site and CORS_ORIGINS only', () => {
  const OTHER = 'https://observablehq.com';

  it('lets a page on another origin read a GET query and an export', async () => {
    const query = await get(`/graphql?query=${encodeURIComponent('{ entity(slug: "framasoft") { name } }')}`, {
      origin: OTHER,
      accept: 'application/json',
    });
    expect(query.status).toBe(200);
    expect(query.headers.get('access-control-allow-origin')).toBe('*');
    expect(query.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await query.json()).toEqual({ data: { entity: { name: 'Framasoft' } } });
    const gexf = await get('/export/archipel.gexf?types=HOSTING', { origin: 'https://lite.gephi.org' });
    expect(gexf.status).toBe(200);
    expect(gexf.headers.get('access-control-allow-origin')).toBe('*');
    expect(gexf.headers.get('access-control-expose-headers')).toBe(
      'content-disposition, etag, retry-after, x-request-id',
    );
  });

  it('answers a preflight from another origin with 204 and the public headers (no authorization)', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: OTHER,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
      'access-control-allow-headers': 'accept, content-type, x-request-id',
      'access-control-expose-headers': 'content-disposition, etag, retry-after, x-request-id',
      'access-control-max-age': '600',
    });
  });

  it('lets another origin POST a query', async () => {
    const { status, headers, body } = await graphql('{ entity(slug: "picasoft") { name } }', {}, { origin: OTHER });
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(expectData(body)).toEqual({ entity: { name: 'Picasoft' } });
  });

  describe('with staff and CORS_ORIGINS', () => {
    const TOKEN = 'test-cors-editor-token-0123456789';
    const db = useTestDatabase();
    const yoga = createArchipelYoga({
      db,
      staff: parseStaffTokens(`ada:editor:${hashToken(TOKEN)}`),
      corsOrigins: ['https://staff.framasoft.org'],
    });
    // A stale version: an accepted mutation is refused as CONFLICT, and nothing is written.
    const MUTATION = `mutation { updateEntity(input: { slug: "picasoft", expectedVersion: 999, summary: "x" }) { entity { slug } } }`;
    const send = async (headers: Record<string, string>) => {
      const response = await yoga.fetch('http://archipel.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query: MUTATION }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as any };
    };

    it('refuses a mutation from another origin, before it runs', async () => {
      const refused = await send({ origin: 'https://evil.example' });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        errors: [
          {
            message:
              "Mutations are accepted from this site's own pages and CORS_ORIGINS only, not from https://evil.example.",
            extensions: { code: 'CROSS_ORIGIN_FORBIDDEN' },
          },
        ],
      });
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('refuses staff credentials from another origin', async () => {
      const refused = await send({ origin: 'https://evil.example', authorization: `Bearer ${TOKEN}` });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({
        errors: [
          {
            message:
              "Requests with credentials are accepted from this site's own pages and CORS_ORIGINS only, not from https://evil.example.",
            extensions: { code: 'CROSS_ORIGIN_FORBIDDEN' },
          },
        ],
      });
    });

    it('runs it from the site itself and from CORS_ORIGINS', async () => {
      const callers: Record<string, string>[] = [
        { origin: 'http://archipel.test' },
        { origin: 'https://archipel.example', 'sec-fetch-site': 'same-origin' },
        { origin: 'https://staff.framasoft.org' },
        {},
      ];
      for (const headers of callers) {
        const answer = await send({ ...headers, authorization: `Bearer ${TOKEN}` });
        expectError(answer.body, 'CONFLICT', /./);
      }
      const trusted = await send({ origin: 'https://staff.framasoft.org', authorization: `Bearer ${TOKEN}` });
      expect(trusted.headers.get('access-control-allow-origin')).toBe('https://staff.framasoft.org');
      const preflight = await yoga.fetch('http://archipel.test/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'https://staff.framasoft.org', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toBe(
        'accept, content-type, x-request-id, authorization, x-archipel-csrf',
      );
    });
  });
});
