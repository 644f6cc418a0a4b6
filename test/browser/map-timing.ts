/**
 * Timing the map in headless Chromium, for test/browser/perf.test.ts (every run: the marks are
 * set, in order) and bench/map-perf.test.ts (`npm run bench:map`: load and pan figures).
 *
 * The map sets a performance mark at each step of its load (viz/src/app.ts, viz/src/map.ts);
 * `measure` reads them and then pans the map with the mouse, recording frame times.
 */
import type { Page, Request } from 'playwright-core';
import { expect } from 'vitest';

/** The GraphQL operation a request runs: a GET by persisted hash names it in the URL, a POST in its body. */
export function operationNameOf(request: Request): string | null {
  if (request.method() === 'GET') return new URL(request.url()).searchParams.get('operationName');
  const body = request.postDataJSON() as { operationName?: string } | null;
  return body?.operationName ?? null;
}

/** How long `panFrames` drags the map for. */
const PAN_MS = 3000;

/** The marks the map sets while it loads, in the order it sets them. */
export const MARKS = [
  'archipel:request',
  'archipel:data',
  'archipel:cytoscape',
  'archipel:first-render',
  'archipel:layout',
  'archipel:ready',
] as const;
export type Mark = (typeof MARKS)[number];

/**
 * Milliseconds from navigation start to each mark, once the view is ready and every mark is set
 * (the first render may come a frame after `ready`); a mark that never comes fails the wait.
 */
export async function marksOf(page: Page): Promise<Record<Mark, number>> {
  await page.waitForFunction(() => document.getElementById('app')?.dataset.status === 'ready', null, {
    timeout: 300_000,
  });
  const missing = () =>
    page.evaluate(
      (names) => names.filter((name) => performance.getEntriesByName(name, 'mark').length === 0),
      [...MARKS],
    );
  await expect.poll(missing, { timeout: 10_000, message: 'marks never set' }).toEqual([]);
  const marks = await page.evaluate(
    (names) => names.map((name) => Math.round(performance.getEntriesByName(name, 'mark')[0]!.startTime)),
    [...MARKS],
  );
  return Object.fromEntries(MARKS.map((name, i) => [name, marks[i]!])) as Record<Mark, number>;
}

export interface Figures {
  graph: string;
  renderer: string;
  nodes: number;
  edges: number;
  /** Milliseconds from navigation start. */
  answer: number;
  firstRender: number;
  layoutEnd: number;
  ready: number;
  /** How many cold loads these figures are the median of, and the fastest and slowest `ready`. */
  loads?: { count: number; readyMin: number; readyMax: number };
  pan: { frames: number; medianMs: number; p95Ms: number; maxMs: number; fps: number } | null;
}

/**
 * Drags the map with the mouse (Cytoscape's viewport shortcuts, hidden edges and a cached
 * texture, only engage for user gestures) and records the interval between animation frames.
 */
export async function panFrames(page: Page): Promise<NonNullable<Figures['pan']>> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    const step = (now: number) => {
      w.__frames.push(now);
      if (w.__recording) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const box = await page.locator('.canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  // Grab the background, not a node (that would drag the node, not pan the map).
  const start = await page.evaluate(() => {
    const cy = window.__archipel?.cy;
    if (!cy) return null;
    for (let y = 20; y < cy.height() - 20; y += 40) {
      for (let x = 20; x < cy.width() - 20; x += 40) {
        const hit = cy.nodes(':visible').some((node) => {
          const b = node.renderedBoundingBox({ includeLabels: true });
          return x >= b.x1 - 10 && x <= b.x2 + 10 && y >= b.y1 - 10 && y <= b.y2 + 10;
        });
        if (!hit) return { x, y };
      }
    }
    return null;
  });
  if (!start) throw new Error('no empty spot to grab the map by');
  const x = box.x + start.x;
  const y = box.y + start.y;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const started = Date.now();
  for (let i = 0; Date.now() - started < PAN_MS; i++) {
    await page.mouse.move(x + 150 * Math.sin(i / 15), y + 100 * Math.cos(i / 20));
    await page.waitForTimeout(8);
  }
  await page.mouse.up();
  const times = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const deltas = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    frames: deltas.length,
    medianMs: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(sorted.at(-1) ?? 0),
    fps: round(total > 0 ? (1000 * deltas.length) / total : 0),
  };
}

/** Opens the map at `url`, reads its marks and size, then (unless `pan` is false) pans it: one row of figures. */
export async function measure(
  page: Page,
  url: string,
  graph: string,
  renderer: string,
  { pan = true }: { pan?: boolean } = {},
): Promise<Figures> {
  await page.goto(url);
  const marks = await marksOf(page);
  const size = await page.evaluate(() => ({
    nodes: window.__archipel?.cy?.nodes().length ?? 0,
    edges: window.__archipel?.cy?.edges().length ?? 0,
  }));
  // Let the first idle frames settle (texture caches) before panning, as a visitor would.
  if (pan) await page.waitForTimeout(500);
  return {
    graph,
    renderer,
    ...size,
    answer: marks['archipel:data'],
    firstRender: marks['archipel:first-render'],
    layoutEnd: marks['archipel:layout'],
    ready: marks['archipel:ready'],
    pan: pan ? await panFrames(page) : null,
  };
}
