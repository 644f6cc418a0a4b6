/**
 * What every browser test file needs: Debian's Chromium (never a downloaded browser) driving the
 * built map served by the real API on the real Neo4j, and a page opened from a URL as a visitor would.
 *
 * Usage: `const map = useMap(); … const page = await map.open('?focus=picasoft');`
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type MapServer, type MapServerOptions, startMapServer } from './server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
export const DESKTOP = { width: 1400, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface MapHarness {
  readonly url: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Opens the map at `search` (e.g. "?focus=picasoft") and waits until it is drawn. */
  open(search?: string, page?: Page): Promise<Page>;
  /** A GraphQL answer's data, after checking it carries no error. */
  graphql<T>(query: string, variables?: object): Promise<T>;
}

/** Starts the server (with `options`, e.g. staff tokens) and the browser before the file's tests and stops them after. */
export function useMap(options: MapServerOptions = {}): MapHarness {
  let server: MapServer;
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startMapServer(options);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: DESKTOP, locale: 'en-GB', acceptDownloads: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      return server.url;
    },
    get browser() {
      return browser;
    },
    get context() {
      return context;
    },
    async open(search = '', page?: Page) {
      const tab = page ?? (await context.newPage());
      await tab.goto(`${server.url}/${search}`);
      await waitForMap(tab);
      return tab;
    },
    async graphql<T>(query: string, variables: object = {}) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      expect(body.data).toBeDefined();
      return body.data!;
    },
  };
}

/** Waits until the map has drawn its data (or said there is none). */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const status = document.getElementById('app')?.dataset.status;
    return status === 'ready' || status === 'empty';
  });
}

/** Types `text` into the search box under `selector` and picks the suggestion named `name`. */
export async function chooseInSearch(page: Page, selector: string, text: string, name: string): Promise<void> {
  const input = page.locator(`${selector} input`);
  await input.fill(text);
  const option = page.locator(`${selector} [role="option"]`, { hasText: name }).first();
  await option.waitFor();
  await option.click();
}
