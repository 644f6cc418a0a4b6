/**
 * The map reads the API over GET by the hash of each operation (persisted operations,
 * api/http/persisted-operations.ts), so that a browser, a proxy or a CDN can cache what it reads:
 * in Debian's Chromium, every GraphQL request the map sends while it draws, opens a panel and
 * finds a path is a GET by hash, answered without falling back to POST; and where the API does
 * not know a hash, the map sends the document itself over POST.
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useMap } from './harness.js';

const map = useMap();

interface Sent {
  method: string;
  operationName: string | null;
  sha256Hash: string | undefined;
  hasDocument: boolean;
}

const TIMEOUT = 60_000;

function sentOf(request: Request): Sent {
  const url = new URL(request.url());
  const extensions = url.searchParams.get('extensions');
  const posted = JSON.parse(request.postData() ?? '{}') as { query?: string; operationName?: string };
  return {
    method: request.method(),
    operationName: url.searchParams.get('operationName') ?? posted.operationName ?? null,
    sha256Hash: extensions ? JSON.parse(extensions).persistedQuery?.sha256Hash : undefined,
    hasDocument: url.searchParams.has('query') || posted.query !== undefined,
  };
}

describe('the map’s public reads', () => {
  it('are GETs by hash, with no document and no POST', async () => {
    const page = await map.context.newPage();
    const sent: Sent[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') sent.push(sentOf(request));
    });
    // Whichever way it is sent, so that a POST fails on its method, not on a timeout.
    const answerTo = (name: string) =>
      page.waitForResponse((r) => sentOf(r.request()).operationName === name, { timeout: TIMEOUT });
    const panel = answerTo('ArchipelEntity');
    await map.open('?focus=picasoft', page);
    expect((await panel).status()).toBe(200);
    const path = answerTo('ArchipelPath');
    await map.open('?from=picasoft&to=framabook', page);
    expect((await path).status()).toBe(200);

    const names = new Set(sent.map((s) => s.operationName));
    for (const name of ['ArchipelGraph', 'ArchipelEntity', 'ArchipelPath']) expect(names).toContain(name);
    for (const request of sent) {
      expect(request).toMatchObject({ method: 'GET', hasDocument: false });
      expect(request.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }
    await page.close();
  });

  it('fall back to POST with the document when the API does not know the hash, as Apollo clients do', async () => {
    const page = await map.context.newPage();
    const sent: Sent[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') sent.push(sentOf(request));
    });
    // An API of another version: it knows no hash of this map's.
    await page.route(
      (url) => url.pathname === '/graphql' && url.searchParams.has('extensions'),
      (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
          }),
        }),
    );
    await map.open('', page);
    expect(await page.locator('#app').getAttribute('data-status')).toBe('ready');
    expect(sent.map((s) => [s.method, s.operationName, s.hasDocument])).toEqual([
      ['GET', 'ArchipelGraph', false],
      ['POST', 'ArchipelGraph', true],
    ]);
    await page.close();
  });
});
