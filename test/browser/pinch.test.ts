/**
 * Pinch zoom on a phone: two fingers moving apart zoom in, moving together zoom out. Chromium
 * with touch emulation, the touches sent through the DevTools protocol as a touch screen sends them.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, useMap } from './harness.js';

const map = useMap();
const TIMEOUT = 90_000;

const zoomOf = (page: Page) => page.evaluate(() => window.__archipel?.cy?.zoom() ?? 0);

/** Two fingers on the map, `from` then `to` pixels apart (horizontally, around the middle), in steps. */
async function pinch(page: Page, cdp: CDPSession, from: number, to: number): Promise<void> {
  const box = (await page.locator('.canvas').boundingBox())!;
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 3 };
  const fingers = (gap: number) => [
    { x: middle.x - gap / 2, y: middle.y, id: 0 },
    { x: middle.x + gap / 2, y: middle.y, id: 1 },
  ];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(from) });
  const steps = 10;
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: fingers(from + ((to - from) * i) / steps),
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

describe('pinch zoom on a phone', () => {
  it(
    'zooms in when two fingers move apart, and out when they come together',
    async () => {
      const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
      const page = await map.open('', await phone.newPage());
      const cdp = await phone.newCDPSession(page);
      const before = await zoomOf(page);
      expect(before).toBeGreaterThan(0);
      await pinch(page, cdp, 60, 240);
      const zoomedIn = await zoomOf(page);
      expect(zoomedIn).toBeGreaterThan(before * 1.5);
      await pinch(page, cdp, 240, 80);
      expect(await zoomOf(page)).toBeLessThan(zoomedIn / 1.5);
      await phone.close();
    },
    TIMEOUT,
  );
});
