/**
 * More of "can a person read the map?": path steps in words, the entity announced to screen
 * readers, a path that leaves the neighbourhood on screen, the PNG and SVG pictures (title,
 * key, labels) and the play-through of the years.
 * Whole-dataset counts are not asserted: each expectation is worked out from the API's answers.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RelationType } from '../../model/vocabulary.js';
import { relationLabel } from '../../viz/src/i18n.js';
import { PLAY_STEP_MS } from '../../viz/src/legend.js';
import { relationPhrase, relationSentence } from '../../viz/src/relation-words.js';
import { ARTIFACTS, chooseInSearch, DESKTOP, PHONE, useMap } from './harness.js';

const map = useMap();
const TIMEOUT = 90_000;
const POLL = { timeout: 20_000 };

interface Step {
  id: string;
  type: RelationType;
  from: { slug: string; name: string };
  to: { slug: string; name: string };
}

const PATH = `query($from: String!, $to: String!) {
  path(from: $from, to: $to) { id type from { slug name } to { slug name } }
}`;

async function apiPath(from: string, to: string): Promise<Step[]> {
  const answer = await map.graphql<{ path: Step[] | null }>(PATH, { from, to });
  expect(answer.path?.length).toBeGreaterThan(0);
  return answer.path ?? [];
}

/** Each step walked from `start`: forward when the relation points the way of the walk. */
function walk(start: string, steps: Step[]): { step: Step; forward: boolean }[] {
  let at = start;
  return steps.map((step) => {
    const forward = step.from.slug === at;
    at = forward ? step.to.slug : step.from.slug;
    return { step, forward };
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const stepTexts = (page: Page) =>
  page.locator('.path-steps li').evaluateAll((items) =>
    items.slice(1).map((li) => ({
      words: li.querySelector('.relation-link')?.textContent ?? '',
      sentence: li.querySelector('.visually-hidden')?.textContent ?? '',
    })),
  );

/** The file a click downloads, as bytes. */
async function download(page: Page, selector: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const path = await file.path();
  return { file, bytes: await readFile(path) };
}

/** The text chunks of a PNG (`iTXt`, UTF-8), by keyword, and its size from the header. */
function readPng(bytes: Buffer): { width: number; height: number; text: Map<string, string> } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const text = new Map<string, string>();
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'iTXt') {
      const data = bytes.subarray(at + 8, at + 8 + length);
      const keyEnd = data.indexOf(0);
      // keyword NUL, compression flag and method, language NUL, translated keyword NUL, text
      const langEnd = data.indexOf(0, keyEnd + 3);
      const translatedEnd = data.indexOf(0, langEnd + 1);
      text.set(data.toString('latin1', 0, keyEnd), data.toString('utf8', translatedEnd + 1));
    }
    at += 12 + length;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), text };
}

describe('words for screen readers', { timeout: TIMEOUT }, () => {
  it('path steps read as words in the walk’s direction, and as sentences in the relation’s own (EN and FR)', async () => {
    const steps = walk('picasoft', await apiPath('picasoft', 'la-coalition'));
    for (const lang of ['en', 'fr'] as const) {
      const page = await map.open(`?from=picasoft&to=la-coalition&lang=${lang}`);
      await page.locator('.path-steps .relation-link').first().waitFor();
      const shown = await stepTexts(page);
      expect(shown).toEqual(
        steps.map(({ step, forward }) => ({
          words: relationPhrase(step.type, forward, lang),
          sentence: `${relationSentence(step.type, step.from.name, step.to.name, lang)}.`,
        })),
      );
      // Words, not the legend's nouns nor arrows, between the entities.
      for (const { words } of shown) expect(words).not.toMatch(/[↓↑→←]/);
      expect(shown.map((s) => s.words)).not.toEqual(steps.map(({ step }) => relationLabel(step.type, lang)));
      await page.close();
    }
  });

  it('choosing an entity says its name, kind and number of relations in a live region', async () => {
    const { graph } = await map.graphql<{ graph: { edges: { from: { slug: string }; to: { slug: string } }[] } }>(
      '{ graph { edges { from { slug } to { slug } } } }',
    );
    const count = (slug: string) => graph.edges.filter((e) => e.from.slug === slug || e.to.slug === slug).length;
    const page = await map.open();
    const live = page.locator('.announcer');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await chooseInSearch(page, '.main-search', 'picaso', 'Picasoft');
    await expect.poll(() => live.textContent(), POLL).toBe(`Picasoft: organisation, ${count('picasoft')} relations`);
    // Another, from the panel's relations: said too.
    const next = page.locator('.details .entity-link').first();
    const slug = (await next.getAttribute('data-slug')) ?? '';
    const name = (await next.textContent()) ?? '';
    await next.click();
    const many = count(slug) === 1 ? 'relation' : 'relations';
    await expect
      .poll(() => live.textContent(), POLL)
      .toMatch(new RegExp(`^${escapeRegExp(name)}: [a-z]+, ${count(slug)} ${many}$`));
    await page.close();

    const french = await map.open('?focus=picasoft&lang=fr');
    await expect
      .poll(() => french.locator('.announcer').textContent(), POLL)
      .toBe(`Picasoft : organisation, ${count('picasoft')} relations`);
    await french.close();
  });
});

describe('a path leaving the neighbourhood', { timeout: TIMEOUT }, () => {
  it('draws the entities and relations it brings in at once', async () => {
    const { graph } = await map.graphql<{ graph: { nodes: { slug: string }[] } }>(
      '{ graph(focus: "picasoft", depth: 1) { nodes { slug } } }',
    );
    const near = new Set(graph.nodes.map((n) => n.slug));
    const steps = await apiPath('picasoft', 'la-coalition');
    const slugs = [...new Set(steps.flatMap((s) => [s.from.slug, s.to.slug]))];
    // The question is only worth asking if the chain does leave the neighbourhood.
    expect(slugs.some((slug) => !near.has(slug))).toBe(true);

    const page = await map.open('?focus=picasoft&depth=1');
    // Asked once the neighbourhood is drawn: the path's answer is then the last to arrive.
    await chooseInSearch(page, '.path-from', 'Picasoft', 'Picasoft');
    await chooseInSearch(page, '.path-to', 'coalition', 'L.A. Coalition');
    await page.locator('.path-steps .relation-link').first().waitFor();
    const drawn = () =>
      page.evaluate(
        ({ nodes, edges }) => {
          const cy = window.__archipel?.cy;
          if (!cy) return null;
          return {
            nodes: nodes.filter((id) => cy.$id(id).nonempty() && cy.$id(id).visible()).sort(),
            edges: edges.filter((id) => cy.$id(id).nonempty() && cy.$id(id).visible() && cy.$id(id).hasClass('path')),
          };
        },
        { nodes: slugs, edges: steps.map((s) => s.id) },
      );
    await expect.poll(drawn, POLL).toEqual({ nodes: [...slugs].sort(), edges: steps.map((s) => s.id) });
    await page.close();
  });
});

describe('pictures of the map', { timeout: TIMEOUT }, () => {
  it('the SVG export holds the title, the key and the labels of the nodes on screen', async () => {
    const page = await map.open('?focus=picasoft&depth=1');
    const shown = await page.evaluate(() => {
      const cy = window.__archipel!.cy!;
      return {
        labels: cy
          .nodes(':visible')
          .map((n) => String(n.style('label') ?? ''))
          .filter((l) => l.length > 0),
        types: [...new Set(cy.edges(':visible').map((e) => e.data('type') as string))],
      };
    });
    expect(shown.labels).toContain('Picasoft');
    await page.locator('.export-menu summary').click();
    const { file, bytes } = await download(page, '.export-svg');
    expect(file.suggestedFilename()).toBe('archipel.svg');
    const svg = bytes.toString('utf8');
    const read = await page.evaluate((markup) => {
      const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        title: doc.querySelector('title')?.textContent ?? '',
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '').join('\n'),
      };
    }, svg);
    expect(read.error).toBeNull();
    expect(read.root).toBe('svg');
    expect(read.title).toBe('Archipel — Picasoft’s neighbourhood');
    // A long label may be wrapped over several lines: each of its words is there.
    for (const label of shown.labels) {
      for (const word of label.split(/\s+/)) expect(read.texts).toContain(word);
    }
    for (const type of shown.types) expect(read.texts).toContain(relationLabel(type as RelationType, 'en'));

    // A picture of it, for the record.
    const view = await map.context.newPage();
    await view.setContent(`<body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*/, '')}</body>`);
    await view.screenshot({ path: `${ARTIFACTS}export-svg-desktop.png` });
    await view.close();
    await page.close();
  });

  it('the PNG export carries the view’s title and a key beside the map', async () => {
    const page = await map.open('?focus=picasoft&depth=1');
    const size = await page.evaluate(() => ({
      width: window.__archipel!.cy!.width(),
      height: window.__archipel!.cy!.height(),
    }));
    const { file, bytes } = await download(page, '.export-png');
    expect(file.suggestedFilename()).toBe('archipel.png');
    const png = readPng(bytes);
    expect(png.text.get('Title')).toBe('Archipel — Picasoft’s neighbourhood');
    // Twice the map's size on screen: the title and the key make room inside it.
    expect({ width: png.width, height: png.height }).toEqual({ width: 2 * size.width, height: 2 * size.height });
    await page.close();

    const french = await map.open('?from=picasoft&to=la-coalition&lang=fr&year=2020');
    const { bytes: frenchBytes } = await download(french, '.export-png');
    expect(readPng(frenchBytes).text.get('Title')).toBe('Archipel — de Picasoft à L.A. Coalition, 2020');
    await french.close();
  });
});

describe('the years, played through', { timeout: TIMEOUT }, () => {
  const yearOf = (page: Page) => page.evaluate(() => window.__archipel?.state.year ?? null);
  const drawnEdges = (page: Page) =>
    page.evaluate(() =>
      (window.__archipel?.cy?.edges(':visible') ?? [])
        .map((e) => e.id())
        .sort()
        .join(','),
    );

  it('steps year by year from the first, says each year, changes what is drawn, and pauses', async () => {
    const page = await map.open();
    const first = Number(await page.locator('.year input[type="range"]').getAttribute('min'));
    const play = page.locator('.year-play');
    expect(await play.getAttribute('aria-label')).toBe('Play through the years');
    await play.click();
    expect(await play.getAttribute('aria-label')).toBe('Pause the years');
    await expect.poll(() => yearOf(page)).toBe(first);
    const seen = new Map<number, string>();
    await expect
      .poll(
        async () => {
          const year = await yearOf(page);
          if (year !== null && !seen.has(year)) seen.set(year, await drawnEdges(page));
          return year ?? 0;
        },
        { timeout: PLAY_STEP_MS * 4, interval: 100 },
      )
      .toBeGreaterThanOrEqual(first + 2);
    expect(await page.locator('.year-spoken').textContent()).toBe(`Year ${await yearOf(page)}`);
    expect(page.url()).toMatch(/year=\d{4}/);
    // What is drawn follows the year.
    expect(new Set(seen.values()).size).toBeGreaterThan(1);

    await play.click();
    const paused = await yearOf(page);
    expect(await play.getAttribute('aria-label')).toBe('Play through the years');
    await page.waitForTimeout(PLAY_STEP_MS * 2);
    expect(await yearOf(page)).toBe(paused);
    await page.close();
  });
});

describe('communities, folded', { timeout: TIMEOUT }, () => {
  const drawn = (page: Page, fold: string) =>
    page.evaluate((id) => {
      const cy = window.__archipel!.cy!;
      const node = cy.$id(id);
      return {
        visible: cy.nodes(':visible').length,
        fold: node.nonempty() && node.visible() ? Number(node.data('degree')) : 0,
      };
    }, fold);

  it('a community folds into one node standing for its members, and unfolds from the key or the map', async () => {
    const page = await map.open('?groups=1');
    const button = page.locator('.community-key .fold-group').first();
    const fold = `community:${await button.getAttribute('data-community')}`;
    expect(await button.getAttribute('aria-label')).toMatch(/^Fold .+ and others into one node$/);
    const before = await drawn(page, fold);
    expect(before.fold).toBe(0);

    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await drawn(page, fold)).fold, POLL).toBeGreaterThan(1);
    const after = await drawn(page, fold);
    // Its members go, one node takes their place.
    expect(after.visible).toBe(before.visible - after.fold + 1);
    await page.screenshot({ path: `${ARTIFACTS}community-folded.png` });

    // A click on the fold in the map unfolds it.
    const at = await page.evaluate((id) => {
      const cy = window.__archipel!.cy!;
      const box = cy.container()!.getBoundingClientRect();
      const p = cy.$id(id).renderedPosition();
      return { x: box.left + p.x, y: box.top + p.y };
    }, fold);
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => drawn(page, fold), POLL).toEqual(before);
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });
});

/** The labels the renderer draws, with their boxes on screen (what a person can read). */
const drawnLabels = (page: Page) =>
  page.evaluate(() => {
    const cy = window.__archipel!.cy!;
    const extent = cy.extent();
    return cy
      .nodes(':visible')
      .filter((n) => {
        const { x, y } = n.position();
        const inView = x >= extent.x1 && x <= extent.x2 && y >= extent.y1 && y <= extent.y2;
        const size = n.numericStyle('font-size') * cy.zoom();
        return (
          inView &&
          String(n.style('label') ?? '').length > 0 &&
          Number(n.style('text-opacity')) > 0 &&
          Number(n.style('opacity')) > 0.5 &&
          size >= n.numericStyle('min-zoomed-font-size') &&
          size >= 9
        );
      })
      .map((n) => ({
        id: n.id(),
        box: n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }),
      }));
  });

/** Every two drawn labels whose boxes overlap, as "a × b". */
const clashesOf = (labels: Awaited<ReturnType<typeof drawnLabels>>) =>
  labels.flatMap((a, i) =>
    labels
      .slice(i + 1)
      .filter(({ box: b }) => a.box.x1 < b.x2 && a.box.x2 > b.x1 && a.box.y1 < b.y2 && a.box.y2 > b.y1)
      .map((b) => `${a.id} × ${b.id}`),
  );

describe('labels at the overview', { timeout: TIMEOUT }, () => {
  it('the whole archipelago names its biggest entities, readable and with no two labels over each other', async () => {
    for (const [viewport, least] of [
      [DESKTOP, 10],
      [PHONE, 4],
    ] as const) {
      const context = await map.browser.newContext({ viewport, locale: 'en-GB', hasTouch: viewport === PHONE });
      const page = await map.open('?hub=hidden&groups=1', await context.newPage());
      await expect.poll(() => page.evaluate(() => window.__archipel!.cy!.animated()), POLL).toBe(false);
      await expect.poll(async () => (await drawnLabels(page)).length, POLL).toBeGreaterThanOrEqual(least);
      const labels = await drawnLabels(page);
      expect(clashesOf(labels)).toEqual([]);
      // The biggest entity on screen is among them.
      const biggest = await page.evaluate(() => {
        const cy = window.__archipel!.cy!;
        return cy
          .nodes(':visible')
          .sort((a, b) => b.renderedWidth() - a.renderedWidth())
          .first()
          .id();
      });
      expect(labels.map((l) => l.id)).toContain(biggest);
      await context.close();
    }
  });
});

describe('labels of a filtered view', { timeout: TIMEOUT }, () => {
  it('who do we host services for? On a phone the hosting view names every entity, readably where a name fits, no two over each other', async () => {
    const hosting = await map.graphql<{ relations: { totalCount: number } }>(
      '{ relations(types: [HOSTING], first: 1) { totalCount } }',
    );
    // The report's hosting ties: PeerTube, Etherpad, virtual machines… for others.
    expect(hosting.relations.totalCount).toBeGreaterThanOrEqual(10);
    const context = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', hasTouch: true });
    const page = await map.open('?types=HOSTING', await context.newPage());
    await expect.poll(() => page.evaluate(() => window.__archipel!.cy!.animated()), POLL).toBe(false);
    const shown = await page.evaluate(() => window.__archipel!.cy!.nodes(':visible').length);
    const readable = async () => (await drawnLabels(page)).length;
    // Names grow back to a readable size where they cover no other name: on a 390 px screen, the
    // hub and the three names set apart from the crowd around it (one in fourteen before).
    await expect.poll(readable, POLL).toBeGreaterThanOrEqual(4);
    expect(shown).toBeGreaterThan(10);
    const named = await page.evaluate(() =>
      window.__archipel!.cy!.nodes(':visible').every((n) => String(n.style('label') ?? '').length > 0),
    );
    expect(named).toBe(true);
    expect(clashesOf(await drawnLabels(page))).toEqual([]);
    await context.close();
  });
});

describe('a focused entity', { timeout: TIMEOUT }, () => {
  it('frames Picasoft with its neighbours on screen, Framasoft among them but not filling the view', async () => {
    const expected = await map.graphql<{
      entity: { relations: { edges: { node: { from: { slug: string }; to: { slug: string } } }[] } };
    }>(`{ entity(slug: "picasoft") { relations(first: 100) { edges { node { from { slug } to { slug } } } } } }`);
    const neighbours = [
      ...new Set(expected.entity.relations.edges.flatMap(({ node }) => [node.from.slug, node.to.slug])),
    ].filter((slug) => slug !== 'picasoft');
    // The report: Picasoft is a member of CHATONS, Framasoft's partner, and wrote [RÉSOLU] with it.
    expect(neighbours).toEqual(expect.arrayContaining(['framasoft', 'chatons', 'resolu']));
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await map.browser.newContext({ viewport, locale: 'en-GB', hasTouch: viewport === PHONE });
      const page = await map.open('?focus=picasoft', await context.newPage());
      await expect.poll(() => page.evaluate(() => window.__archipel!.cy!.animated()), POLL).toBe(false);
      const drawn = await page.evaluate((slugs) => {
        const cy = window.__archipel!.cy!;
        return ['picasoft', ...slugs].map((slug) => {
          const node = cy.getElementById(slug);
          const { x, y } = node.renderedPosition();
          return { slug, x, y, width: node.renderedOuterWidth(), view: { w: cy.width(), h: cy.height() } };
        });
      }, neighbours);
      for (const node of drawn) {
        expect(node.x, node.slug).toBeGreaterThan(0);
        expect(node.x, node.slug).toBeLessThan(node.view.w);
        expect(node.y, node.slug).toBeGreaterThan(0);
        expect(node.y, node.slug).toBeLessThan(node.view.h);
        // The hub stays the biggest, at a size that leaves room for the rest (it was 150 px wide).
        expect(node.width, node.slug).toBeLessThanOrEqual(100);
      }
      // Each carries its name in letters a person can read (on a phone they were 5 to 8 px tall).
      const labelPx = () =>
        page.evaluate((slugs) => {
          const cy = window.__archipel!.cy!;
          return ['picasoft', ...slugs].map((slug) => {
            const node = cy.getElementById(slug);
            const px = node.style('label') ? Number.parseFloat(node.style('font-size')) * cy.zoom() : 0;
            return `${slug} ${px >= 11 ? 'readable' : Math.round(px * 10) / 10}`;
          });
        }, neighbours);
      await expect.poll(labelPx, POLL).toEqual(['picasoft', ...neighbours].map((slug) => `${slug} readable`));
      await context.close();
    }
  });
});

describe('on a phone', { timeout: TIMEOUT }, () => {
  it('the header is compact, so a focused neighbourhood keeps a usable band of map above the sheet', async () => {
    const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await map.open('?focus=picasoft&depth=1', await phone.newPage());
    await expect.poll(() => page.locator('.details h2').textContent()).toBe('Picasoft');
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const header = await box('.top-bar');
    const sheet = await box('.details');
    await page.screenshot({ path: `${ARTIFACTS}phone-compact-header.png` });
    // Every control is still there and takes a thumb.
    const controls = page.locator(
      '.view-switch button, .graphql-link, .export-png, .export-menu summary, .languages button, .staff-sign-in, .main-search input',
    );
    expect(await controls.count()).toBe(9);
    for (const control of await controls.all()) {
      const at = (await control.boundingBox())!;
      const name = (await control.textContent()) || (await control.getAttribute('aria-label'));
      expect(at.height, `${name}`).toBeGreaterThanOrEqual(44);
      expect(at.y + at.height, `${name}`).toBeLessThanOrEqual(header.y + header.height);
    }
    // At most a fifth of the screen for the header; at least 240 px of map between it and the sheet.
    expect(header.height).toBeLessThanOrEqual(PHONE.height / 5);
    expect(sheet.y - (header.y + header.height)).toBeGreaterThanOrEqual(240);
    // The map's buttons ride above the sheet; the camera frames the neighbourhood clear of them.
    await expect.poll(() => page.evaluate(() => window.__archipel!.cy!.animated())).toBe(false);
    const buttons = await box('.zoom-controls');
    const covered = await page.evaluate((b) => {
      const cy = window.__archipel!.cy!;
      const at = cy.container()!.getBoundingClientRect();
      return cy
        .nodes(':visible')
        .filter((n) => {
          const r = n.renderedBoundingBox({ includeLabels: false });
          const [x1, y1, x2, y2] = [r.x1 + at.x, r.y1 + at.y, r.x2 + at.x, r.y2 + at.y];
          return x1 < b.x + b.width && x2 > b.x && y1 < b.y + b.height && y2 > b.y;
        })
        .map((n) => n.id());
    }, buttons);
    expect(covered).toEqual([]);
    await phone.close();
  });
});

describe('screenshots', { timeout: TIMEOUT }, () => {
  it('the path finder with worded steps and the SVG picture, on a desk and on a phone', async () => {
    const page = await map.open('?from=picasoft&to=la-coalition');
    await page.locator('.path-steps .relation-link').first().waitFor();
    await page.locator('.path-finder').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}path-words-desktop.png` });
    await page.close();

    const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const small = await map.open('?from=picasoft&to=la-coalition', await phone.newPage());
    await small.locator('.path-steps .relation-link').first().waitFor();
    await small.locator('.path-steps').scrollIntoViewIfNeeded();
    await small.screenshot({ path: `${ARTIFACTS}path-words-phone.png` });

    // The SVG picture of a phone's view: the key goes under the map.
    const focused = await map.open('?focus=picasoft&depth=1', await phone.newPage());
    await focused.locator('.export-menu summary').click();
    const { bytes } = await download(focused, '.export-svg');
    // Shown at its own size (a mobile page without a viewport tag would lay it out 980 pixels wide).
    const view = await map.context.newPage();
    await view.setViewportSize(PHONE);
    await view.setContent(`<body style="margin:0">${bytes.toString('utf8').replace(/^<\?xml[^>]*>\s*/, '')}</body>`);
    await view.screenshot({ path: `${ARTIFACTS}export-svg-phone.png` });
    await view.close();
    await phone.close();
  });
});
