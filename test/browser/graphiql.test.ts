/**
 * GraphiQL as someone without internet (or who wants no third party told) meets it: in Debian's
 * Chromium, with every request to another host aborted and recorded, it renders, opens each saved
 * operation in its own tab, runs one, and runs the map's "GraphQL" link as it comes.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../api/http/example-operations.js';
import { ARTIFACTS, DESKTOP, useMap } from './harness.js';

const map = useMap();
/** Every request the pages tried to send to another host than the test server's. */
const foreign: string[] = [];

/** Lets a browser context reach the test server only; any other host is recorded and refused. */
async function blockOtherHosts(context: BrowserContext) {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    foreign.push(url.href);
    return route.abort('blockedbyclient');
  });
}

beforeAll(() => blockOtherHosts(map.context));

afterAll(() => {
  expect(foreign, 'requests to another host').toEqual([]);
});

/** The text an editor shows (Monaco draws visible lines only: the first ones are enough here). */
const editorText = (page: Page, selector: string) =>
  page
    .locator(`${selector} .view-lines`)
    .first()
    .innerText()
    .then((text) => text.replace(/\u00a0/g, ' '));

const QUERY = '.graphiql-query-editor';
const VARIABLES = '.graphiql-editor-tool';
const RESPONSE = '.graphiql-response';

async function openGraphiQL(url: string, context = map.context): Promise<Page> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  const introspected = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('IntrospectionQuery'),
  );
  await page.goto(url);
  await page.locator(`${QUERY} .monaco-editor`).waitFor({ timeout: 60_000 });
  expect((await introspected).status()).toBe(200);
  expect(problems, 'errors in the page (a CSP refusal would show here)').toEqual([]);
  return page;
}

/**
 * Shows a tab, as a keyboard user does. (A click of Playwright's mouse does not reach GraphiQL's
 * tabs in headless Chromium: they are draggable, and the drag handler takes the press.)
 */
async function showTab(page: Page, name: string) {
  await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${name}$`) }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe(name);
}

/**
 * Runs the active tab's operation; the request and its answer's JSON. A press of the run button
 * while a freshly opened GraphiQL is still wiring its editors is lost (seen on a loaded CI machine),
 * so it presses again, three times at most, and the last attempt's answer is required.
 */
async function run(page: Page): Promise<any> {
  for (let attempt = 1; ; attempt++) {
    const answered = page.waitForResponse(
      (r) =>
        r.url().endsWith('/graphql') &&
        r.request().method() === 'POST' &&
        !(r.request().postData() ?? '').includes('IntrospectionQuery'),
      { timeout: attempt < 3 ? 10_000 : 30_000 },
    );
    await page.locator('.graphiql-execute-button').click();
    try {
      const response = await answered;
      return { request: JSON.parse(response.request().postData() ?? '{}'), body: await response.json() };
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

const nameOf = (query: string) => /(?:query|mutation)\s+(\w+)/.exec(query)![1]!;

describe('GraphiQL, served by Archipel with no other host reachable', () => {
  it('opens every saved operation in its own tab, with its query and variables', async () => {
    const page = await openGraphiQL(`${map.url}/graphql`);
    const tabs = page.locator('.graphiql-tab-button');
    expect(await tabs.allInnerTexts()).toEqual(EXAMPLE_OPERATIONS.map((op) => nameOf(op.query)));
    // The first tab shows its own query, not GraphiQL's welcome comment.
    expect(await editorText(page, QUERY)).toContain('query PeerTubeHosting {');
    expect(await editorText(page, QUERY)).not.toContain('Welcome to');
    for (const op of EXAMPLE_OPERATIONS.slice(1)) {
      await showTab(page, nameOf(op.query));
      await expect.poll(() => editorText(page, QUERY)).toContain(nameOf(op.query));
      const firstVariable = op.variables ? /"(\w+)"/.exec(op.variables)![1]! : null;
      if (firstVariable) await expect.poll(() => editorText(page, VARIABLES)).toContain(`"${firstVariable}"`);
    }
    await page.close();
    expect(foreign, 'requests to another host').toEqual([]);
  });

  it('runs a saved operation against this server', async () => {
    // A first visit: a GraphiQL that kept the tabs of the visit above may add the saved ones again.
    const visitor = await map.browser.newContext({ viewport: DESKTOP });
    await blockOtherHosts(visitor);
    const page = await openGraphiQL(`${map.url}/graphql`, visitor);
    await showTab(page, 'PeerTubeHosting');
    const { body } = await run(page);
    expect(body.errors).toBeUndefined();
    // Framasoft hosts a PeerTube instance for Datagueule, the FSF, ImagoTV and Thinkerview.
    expect(body.data.relations.totalCount).toBe(4);
    await expect.poll(() => editorText(page, RESPONSE), { timeout: 20_000 }).toContain('"totalCount": 4');
    await page.screenshot({ path: `${ARTIFACTS}graphiql-offline.png` });
    await visitor.close();
    expect(foreign, 'requests to another host').toEqual([]);
  });

  it("runs the map's GraphQL link as it comes: its operation, with the view's variables", async () => {
    const mapPage = await map.open('?types=HOSTING');
    const link = new URL((await mapPage.locator('.graphql-link').getAttribute('href')) ?? '', mapPage.url());
    await mapPage.close();
    const page = await openGraphiQL(link.href);
    expect(await editorText(page, QUERY)).toContain('query ArchipelGraph(');
    await expect.poll(() => editorText(page, VARIABLES)).toContain('"HOSTING"');
    const { request, body } = await run(page);
    expect(request.variables).toEqual({ types: ['HOSTING'] });
    expect(body.errors).toBeUndefined();
    const expected = await map.graphql<{ graph: { nodes: unknown[]; edges: unknown[] } }>(
      '{ graph(types: [HOSTING]) { nodes { slug } edges { id } } }',
    );
    expect([body.data.graph.nodes.length, body.data.graph.edges.length]).toEqual([
      expected.graph.nodes.length,
      expected.graph.edges.length,
    ]);
    await page.close();
    expect(foreign, 'requests to another host').toEqual([]);
  });

  it("opens a focused view's link as one tab per operation (the graph, the entity's panel), each running as is", async () => {
    const mapPage = await map.open('?focus=picasoft&depth=1');
    const link = new URL((await mapPage.locator('.graphql-link').getAttribute('href')) ?? '', mapPage.url());
    await mapPage.close();
    // A first visit: a GraphiQL that kept tabs from an earlier visit adds the link's first operation
    // to them (GraphiQL's rule, as the HOSTING link above shows), the other tabs are for new visitors.
    const visitor = await map.browser.newContext({ viewport: DESKTOP });
    await blockOtherHosts(visitor);
    const page = await openGraphiQL(link.href, visitor);
    expect((await page.locator('.graphiql-tab-button').allInnerTexts()).slice(0, 2)).toEqual([
      'ArchipelGraph',
      'ArchipelEntity',
    ]);
    await expect.poll(() => editorText(page, VARIABLES)).toContain('"picasoft"');
    const graph = await run(page);
    expect(graph.request.variables).toEqual({ focus: 'picasoft', depth: 1 });
    expect(graph.body.errors).toBeUndefined();
    expect(graph.body.data.graph.nodes.map((n: { slug: string }) => n.slug)).toContain('picasoft');
    await showTab(page, 'ArchipelEntity');
    const entity = await run(page);
    expect(entity.request.variables).toEqual({ slug: 'picasoft' });
    expect(entity.body.errors).toBeUndefined();
    expect(entity.body.data.entity.name).toBe('Picasoft');
    await visitor.close();
    expect(foreign, 'requests to another host').toEqual([]);
  });
});
