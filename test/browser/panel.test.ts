/**
 * The entity panel tells the whole truth: every relation type with its count, the rest of each
 * type one click away, and a software's hosted instances. Expected names are the report's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, PHONE, useMap } from './harness.js';

const map = useMap();
const TIMEOUT = 60_000;
const POLL = { timeout: 20_000 };

/** What a person reads in the panel: each group's heading and the names listed under it. */
async function panelGroups(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.details .relation-group')].map((group) => ({
      type: group.dataset.type ?? '',
      heading: group.querySelector('h3, h4')?.textContent ?? '',
      names: [...group.querySelectorAll('li.relation .relation-line .entity-link')].map((b) => b.textContent ?? ''),
      more: group.querySelector('.show-all')?.textContent ?? null,
    })),
  );
}

async function openPanel(search: string, title: string, page?: Page): Promise<Page> {
  const tab = await map.open(search, page);
  await expect.poll(() => tab.locator('.details h2').textContent(), POLL).toBe(title);
  await tab.locator('.details .relation-group').first().waitFor();
  return tab;
}

describe("an entity's panel", { timeout: TIMEOUT }, () => {
  it("Framasoft's panel shows all 20 relation types and lists La Nef and Thinkerview", async () => {
    const page = await openPanel('?focus=framasoft', 'Framasoft');
    expect(await page.locator('.details h3').allTextContents()).toContain('Relations (225)');
    const groups = await panelGroups(page);
    expect(groups).toHaveLength(20);
    // The headings' counts add up to the total: no type falls off.
    const counts = groups.map((g) => Number(/\((\d+)\)$/.exec(g.heading)?.[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(225);
    const convention = groups.find((g) => g.type === 'SUPPORT_CONVENTION')!;
    expect(convention.heading).toBe('Support convention (2)');
    expect(convention.names).toContain('La Nef');
    expect(groups.find((g) => g.type === 'HOSTING')!.names).toContain('Thinkerview');
    // A cut group says so and offers the rest.
    const interviews = groups.find((g) => g.type === 'INTERVIEWS')!;
    expect(interviews.names).toHaveLength(10);
    expect(interviews.more).toBe('Show all 46 (10 shown)');
    await page.screenshot({ path: `${ARTIFACTS}panel-framasoft.png` });

    await page.locator('.relation-group[data-type="INTERVIEWS"] .show-all').click();
    await expect
      .poll(async () => (await panelGroups(page)).find((g) => g.type === 'INTERVIEWS')!.names.length, POLL)
      .toBe(46);
    const expanded = (await panelGroups(page)).find((g) => g.type === 'INTERVIEWS')!;
    expect(expanded.more).toBeNull();
    expect(new Set(expanded.names).size).toBeGreaterThan(1);
    await page.close();
  });

  it('PeerTube’s panel lists the instances Framasoft hosts, and Etherpad is no longer "0 relations"', async () => {
    const page = await openPanel('?focus=peertube', 'PeerTube');
    const instances = (await panelGroups(page)).find((g) => g.type === 'INSTANCES')!;
    expect(instances.heading).toBe('Instances hosted with it (4)');
    expect(instances.names.filter((n) => n !== 'Framasoft').sort()).toEqual([
      'Datagueule',
      'Free Software Foundation',
      'ImagoTV',
      'Thinkerview',
    ]);
    await page.screenshot({ path: `${ARTIFACTS}panel-peertube.png` });
    await page.close();

    const etherpad = await map.open('?focus=etherpad');
    await expect.poll(() => etherpad.locator('.details h2').textContent(), POLL).toBe('Etherpad');
    const group = etherpad.locator('.relation-group[data-type="INSTANCES"]');
    await group.waitFor();
    expect(await group.locator('h3').textContent()).toBe('Instances hosted with it (2)');
    const text = await group.textContent();
    expect(text).toContain('Framasoft hosts it for Sésamath');
    expect(text).toContain('Framasoft hosts it for Wikimédia France');
    expect(text).toContain('since 2014');
    await etherpad.close();
  });

  it('an undated relation reads "undated, attested 2020"', async () => {
    const page = await openPanel('?focus=thinkerview', 'Thinkerview');
    const hosting = page.locator('.relation-group[data-type="HOSTING"] li.relation').first();
    expect(await hosting.locator('.period').textContent()).toBe('undated, attested 2020');
    await page.close();
  });

  it('a relation the report contradicts itself about shows its note: the Exodus Privacy convention', async () => {
    const page = await openPanel('?focus=exodus-privacy', 'Exodus Privacy');
    const convention = page.locator('.relation-group[data-type="SUPPORT_CONVENTION"] li.relation').first();
    expect(await convention.locator('.note').textContent()).toMatch(
      /^Le rapport se contredit sur la nature de cette convention/,
    );
    await page.close();
  });

  it('an amount says what it counts: the FPH gives €20,000 per year', async () => {
    const page = await openPanel(
      '?focus=fondation-charles-leopold-meyer-pour-le-progres-de-l-homme',
      "Fondation Charles Leopold Meyer pour le Progrès de l'Homme",
    );
    const funding = page.locator('.relation-group[data-type="FUNDING"] li.relation').first();
    expect(await funding.locator('.relation-facts li', { hasText: 'Amount' }).textContent()).toBe(
      'Amount: €20,000 per year',
    );
    await page.close();
  });

  it('fits a phone: Framasoft’s panel at 390×844', async () => {
    const phone = await map.browser.newContext({ viewport: PHONE, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await openPanel('?focus=framasoft', 'Framasoft', await phone.newPage());
    expect(await page.locator('.details .relation-group').count()).toBe(20);
    await page.screenshot({ path: `${ARTIFACTS}panel-framasoft-phone.png` });
    await phone.close();
  });
});
