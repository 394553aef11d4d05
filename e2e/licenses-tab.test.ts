/**
 * The Лицензии and Устройства tabs of the demo account, in Chromium with the
 * production build: what the extension finds, how it shows it, and that the
 * site keeps working under it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, counts, countInPanel, inPanel, inShadowRoots, launch, logIn, openPanel, settled, type Session } from './harness';
import { expectedCounts, markedDeviceRows, markedLicenseRows, missingCloudDevices, seeded } from './rows';
import { expiredRows } from '../demo-site/seed';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
});
afterAll(async () => {
  await session?.close();
});

const lk = (path: string) => session.url('lk.cleverence.ru', path);
const sorted = (values: Iterable<string>) => [...values].sort();

describe('the help article’s own account', () => {
  beforeAll(async () => {
    await logIn(page, session, 'article');
  });

  it('gives each of the four rows the status the article explains', async () => {
    await page.goto(lk('/licenses'));
    await settled(page);
    const rows = await markedLicenseRows(page);
    expect(rows.map((row) => row.status)).toEqual(['free', 'free', 'expired', 'activated']);
    // A free license has no subscription yet: its 01.01.1970 ("no date") and its past «До» are nothing wrong.
    expect(rows[1]!.flags).toEqual([]);
    expect(rows[1]!.daysLeft).toBeUndefined();
    expect(rows[0]!.flags).toEqual([]);
    expect(rows[0]!.marker).toBe('');
    // The Xiaomi's cloud license says «Истекла» (flagged, but the row says so itself: no marker); the activated WIN-H
    // cloud license was paid until 08.11.2022.
    expect(rows[2]!.flags).toEqual(['expired']);
    expect(rows[2]!.marker).toBe('');
    expect(rows[3]!.flags).toContain('expired');
    expect(rows[3]!.daysLeft).toBeLessThan(0);
    expect(rows[3]!.marker).toContain('Оплаченный срок облачной лицензии закончился 08.11.2022');
  });

  it('counts both cloud devices as left without their cloud license, and nothing missing', async () => {
    const found = await counts(page);
    expect(found).toMatchObject({ licenses: 4, devices: 2, 'missing-cloud': 0, 'cloud-expired': 2, expired: 2, 'unknown-device': 0 });
  });
});

describe('a typical customer', () => {
  const truth = () => seeded('typical').truth;

  beforeAll(async () => {
    await logIn(page, session, 'typical');
  });

  const layouts = ['table', 'grid', 'client'] as const;
  const seen = new Map<string, unknown>();

  for (const layout of layouts) {
    it(`finds exactly the seeded problems in the ${layout} layout`, async () => {
      await page.goto(lk(`/licenses?size=all&layout=${layout}`));
      await settled(page);
      const found = await counts(page);
      const rows = await markedLicenseRows(page);
      const expected = truth();

      expect(sorted(await missingCloudDevices(page))).toEqual(sorted(expected.missingCloudLicense));
      expect(found).toEqual(expectedCounts(seeded('typical')));
      expect(rows).toHaveLength(40);
      expect(rows.filter((row) => row.flags.includes('expiring'))).toHaveLength(expected.expiringWithin30);
      expect(rows.filter((row) => row.flags.includes('expired'))).toHaveLength(expiredRows(expected));
      expect(rows.filter((row) => row.status === 'expired').every((row) => row.flags.includes('expired'))).toBe(true);
      expect(rows.filter((row) => row.flags.includes('unknown-device')).map((row) => expected.unknownDevice.some((id) => row.text.includes(id))))
        .toEqual(expected.unknownDevice.map(() => true));
      // Ending in 3 and 20 days: the rows say so, the 60-day one is not "expiring".
      expect(rows.filter((row) => row.flags.includes('expiring')).map((row) => row.daysLeft).sort((a, b) => a! - b!)).toEqual([3, 20]);
      expect(rows.some((row) => row.daysLeft === 60 && !row.flags.includes('expiring'))).toBe(true);
      // The free license with 01.01.1970 has no subscription yet: nothing is wrong with it.
      expect(rows.some((row) => row.status === 'free' && row.daysLeft === undefined && row.flags.length === 0 && row.marker === '')).toBe(true);

      seen.set(layout, { found, rows: rows.map(({ status, flags, daysLeft }) => ({ status, flags, daysLeft })) });
    });
  }

  it('reads the same account the same way in all three layouts', () => {
    expect(seen.size).toBe(3);
    expect(seen.get('grid')).toEqual(seen.get('table'));
    expect(seen.get('client')).toEqual(seen.get('table'));
  });

  it('marks the devices on the Устройства tab', async () => {
    await page.goto(lk('/devices?size=all&layout=table'));
    await settled(page);
    const expected = truth();
    const ids = seeded('typical').devices.map((device) => device.id);
    const rows = await markedDeviceRows(page, ids);
    expect(rows).toHaveLength(25);
    expect(sorted(rows.filter((row) => row.flags.includes('missing-cloud-license')).map((row) => row.id))).toEqual(sorted(expected.missingCloudLicense));
    expect(sorted(rows.filter((row) => row.flags.includes('cloud-license-expired')).map((row) => row.id))).toEqual(sorted(expected.cloudLicenseExpired));
    expect(sorted(rows.filter((row) => row.flags.includes('cloud-license-ending')).map((row) => row.id))).toEqual(sorted(expected.cloudLicenseEnding));
    // Local-database devices need no cloud license, licensed or not.
    expect(rows.filter((row) => expected.unlicensedLocal.includes(row.id)).every((row) => row.flags.length === 0)).toBe(true);
  });

  /** Requests for the Устройства list so far: from the account's page and content script, and from the extension's parser. */
  const deviceListRequests = () => {
    let page = 0;
    let parser = 0;
    for (const [key, count] of session.demo.stats.requestsBySite) {
      if (!key.endsWith(' /devices')) continue;
      if (key.startsWith('same-origin ')) page += count;
      if (key.startsWith('none ')) parser += count;
    }
    return { page, parser };
  };

  it('reads the Устройства list in the extension\'s own parser document: the account\'s page asks for none of it', async () => {
    const before = deviceListRequests();
    await page.goto(lk('/licenses?size=all&layout=table'));
    await settled(page);
    expect(await counts(page)).toMatchObject({ devices: 25, 'missing-cloud': truth().missingCloudLicense.length });
    const after = deviceListRequests();
    expect(after.page - before.page).toBe(0);
    expect(after.parser - before.parser).toBeGreaterThan(0);
  });

  it('reads it in the page itself, with the same findings, when the browser will not open the parser document', async () => {
    await session.worker!.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: typeof browser & { offscreen: { createDocument: unknown; closeDocument(): Promise<void> } } };
      await chrome.offscreen.closeDocument().catch(() => undefined);
      Object.assign(globalThis, { realCreateDocument: chrome.offscreen.createDocument });
      chrome.offscreen.createDocument = () => Promise.reject(new Error('Only a single offscreen document may be created.'));
    });
    try {
      const before = deviceListRequests();
      await page.goto(lk('/licenses?size=all&layout=table'));
      await settled(page);
      expect(sorted(await missingCloudDevices(page))).toEqual(sorted(truth().missingCloudLicense));
      expect(await counts(page)).toMatchObject({ devices: 25, 'missing-cloud': truth().missingCloudLicense.length });
      const after = deviceListRequests();
      expect(after.page - before.page).toBeGreaterThan(0);
      expect(after.parser - before.parser).toBe(0);
    } finally {
      await session.worker!.evaluate(() => {
        const { chrome, realCreateDocument } = globalThis as unknown as { chrome: { offscreen: { createDocument: unknown } }; realCreateDocument: unknown };
        chrome.offscreen.createDocument = realCreateDocument;
      });
    }
  });

  it('on one page of twenty, still judges against the whole account', async () => {
    await page.goto(lk('/licenses?layout=table'));
    await settled(page);
    const rows = await markedLicenseRows(page);
    expect(rows).toHaveLength(20);
    expect(await counts(page)).toMatchObject({ licenses: 40, devices: 25, 'missing-cloud': truth().missingCloudLicense.length });
  });

  it('re-marks the new rows when the client-rendered list pages without a page load', async () => {
    await page.goto(lk('/licenses?layout=client'));
    await settled(page);
    const firstPage = await markedLicenseRows(page);
    expect(firstPage).toHaveLength(20);
    // Survives only if the document does: a page load would drop it.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await page.click('nav.pager a:text-is("2")');
    await page.waitForFunction((before) => {
      const rows = [...document.querySelectorAll<HTMLElement>('.cl-row')];
      const text = (rows[0]?.innerText ?? '').replace(/\s+/g, ' ').trim();
      return rows.length > 0 && text !== before && rows.every((row) => row.hasAttribute('data-clh-license'));
    }, firstPage[0]!.text, { timeout: 20_000 });

    const secondPage = await markedLicenseRows(page);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    expect(secondPage).toHaveLength(20);
    expect(secondPage.map((row) => row.text)).not.toEqual(firstPage.map((row) => row.text));
    // The page-2 rows carry the same findings as in the whole-list view.
    const whole = seen.get('table') as { rows: Array<{ flags: string[] }> };
    expect(secondPage.map((row) => row.flags)).toEqual(whole.rows.slice(20).map((row) => row.flags));
  });

  it('shows only problem rows with a filter chip, and every row again after', async () => {
    await page.goto(lk('/licenses?size=all&layout=table'));
    await settled(page);
    const visibleRows = () => page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-clh-license]')].filter((row) => row.offsetParent !== null).map((row) => row.dataset.clhFlags ?? ''));

    // A chip says how many rows it shows, and shows that many, each of its kind.
    const chipCount = async (filter: string) => Number((await inPanel(page, (root, wanted) =>
      root.querySelector(`.chips [data-clh-filter="${wanted}"]`)!.textContent!.split(' · ').at(-1), filter))!);
    await clickInPanel(page, '.chips [data-clh-filter="ending-30"]');
    const endingOnly = await visibleRows();
    expect(endingOnly).toHaveLength(await chipCount('ending-30'));
    expect(endingOnly.length).toBeGreaterThan(0);
    expect(endingOnly.every((flags) => flags.split(' ').includes('expiring'))).toBe(true);

    await clickInPanel(page, '[data-clh-filter="problems"]');
    const problems = await visibleRows();
    expect(problems).toHaveLength(await chipCount('problems'));
    expect(problems.length).toBeGreaterThan(endingOnly.length);
    expect(problems.every((flags) => flags !== '')).toBe(true);

    await clickInPanel(page, '[data-clh-filter="all"]');
    expect(await visibleRows()).toHaveLength(40);
    // The site's own rows are as they were: no inline style left behind.
    expect(await page.evaluate(() => document.querySelectorAll('[data-clh-license][style]').length)).toBe(0);
  });

  it('exports the findings as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      clickInPanel(page, 'button', 'CSV'),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const csv = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    for (const id of truth().missingCloudLicense) expect(csv).toContain(id);
  });
});

describe('the panel', () => {
  it('starts as one bar; opened, it stays open on the next page, until closed', async () => {
    const fresh = await launch();
    try {
      const tab = await fresh.context.newPage();
      await logIn(tab, fresh, 'typical');
      await settled(tab);
      const expanded = () => inPanel(tab, (root) => root.querySelector('button.toggle')?.getAttribute('aria-expanded'));
      const counted = () => countInPanel(tab, 'ul.counts');
      expect(await expanded()).toBe('false');
      expect(await counted()).toBe(0);
      await clickInPanel(tab, 'button.toggle');
      await expect.poll(counted).toBe(1);

      await tab.goto(fresh.url('lk.cleverence.ru', '/devices'));
      await settled(tab);
      await expect.poll(expanded).toBe('true');
      expect(await counted()).toBe(1);

      await clickInPanel(tab, 'button.toggle');
      await expect.poll(() => fresh.worker!.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get('panelOpen'))).toEqual({ panelOpen: false });
      await tab.goto(fresh.url('lk.cleverence.ru', '/licenses'));
      await settled(tab);
      expect(await counted()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('stands in the page\'s flow right above the list: its own box, over nothing of the page', async () => {
    await logIn(page, session, 'typical');
    await settled(page);
    const placed = await page.evaluate(() => {
      const host = document.querySelector('clh-panel')!;
      return { popover: host.hasAttribute('popover'), position: getComputedStyle(host).position, before: host.nextElementSibling?.querySelector('[data-clh-license]') !== null };
    });
    expect(placed).toEqual({ popover: false, position: 'static', before: true });
  });

  it('says a list could not be read in a notice above whatever the site puts in its corner, at any z-index, and leaves the rest of the page to the site', async () => {
    await logIn(page, session, 'broken');
    await page.goto(lk('/licenses'));
    await settled(page, 'unrecognized');
    const panel = (await inPanel(page, (root) => {
      const { left, top, width, height } = root.querySelector('.floating')!.getBoundingClientRect();
      return { left, top, width, height };
    }))!;

    const hits = await page.evaluate((panel) => {
      // A site's chat button or cookie banner, as high as a z-index goes.
      const cover = document.createElement('div');
      cover.style.cssText = 'position:fixed;right:0;bottom:0;width:50vw;height:90vh;z-index:2147483647;background:#eee';
      document.body.append(cover);
      const onPanel = document.elementFromPoint(panel.left + panel.width / 2, panel.top + panel.height / 2);
      const besidePanel = document.elementFromPoint(panel.left - 20, panel.top + panel.height / 2);
      cover.remove();
      return { onPanel: onPanel?.localName, besidePanel: besidePanel === cover };
    }, panel);
    expect(hits).toEqual({ onPanel: 'clh-panel', besidePanel: true });
  });
});

describe('the panel\'s filters over the whole account', () => {
  const visibleRows = () => page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-clh-license], [data-clh-device-flags]')].filter((row) => row.offsetParent !== null)
      .map((row) => row.dataset.clhFlags ?? row.dataset.clhDeviceFlags ?? ''));
  const chipCount = async (filter: string) => Number((await inPanel(page, (root, wanted) =>
    root.querySelector(`.chips [data-clh-filter="${wanted}"]`)!.textContent!.split(' · ').at(-1), filter))!);
  const elsewhere = () => inPanel(page, (root) => Number(root.querySelector('.filter-note')?.getAttribute('data-clh-elsewhere')));
  const pressed = () => inPanel(page, (root) => root.querySelector('.chips [aria-pressed="true"]')?.getAttribute('data-clh-filter'));

  beforeAll(async () => {
    await logIn(page, session, 'typical');
  });

  it('«Только проблемные» says how many are on the list\'s other pages, holds on the next page, and shows them all on the site\'s «Все»', async () => {
    await page.goto(lk('/licenses'));
    await settled(page);
    expect(await page.evaluate(() => document.querySelectorAll('[data-clh-license]').length)).toBe(20);
    await clickInPanel(page, '.chips [data-clh-filter="problems"]');
    const all = await chipCount('problems');
    const here = await visibleRows();
    expect(here.every((flags) => flags !== '')).toBe(true);
    expect(await elsewhere()).toBe(all - here.length);
    expect(all - here.length).toBeGreaterThan(0);

    // The site's own pager: the next page is filtered too.
    await Promise.all([page.waitForURL(/page=2/), page.getByRole('link', { name: '2', exact: true }).click()]);
    await settled(page);
    expect(await pressed()).toBe('problems');
    const there = await visibleRows();
    expect(there.every((flags) => flags !== '')).toBe(true);
    expect(here.length + there.length).toBe(all);

    // «Показать весь список на одной странице»: the site's «Все», still filtered, every problem row on it.
    await Promise.all([page.waitForURL(/size=all/), clickInPanel(page, '[data-clh-whole-list]')]);
    await settled(page);
    expect(await visibleRows()).toHaveLength(all);
    expect(await elsewhere()).toBe(0);
    await clickInPanel(page, '[data-clh-filter="all"]');
    expect(await visibleRows()).toHaveLength(40);
  });

  it('a count of the other tab opens that tab with its rows filtered', async () => {
    await page.goto(lk('/licenses'));
    await settled(page);
    await Promise.all([page.waitForURL(/\/devices/), clickInPanel(page, '[data-clh-worst] [data-clh-filter="missing-cloud"]')]);
    await settled(page);
    expect(await pressed()).toBe('missing-cloud');
    const shown = await visibleRows();
    expect(shown).toHaveLength(seeded('typical').truth.missingCloudLicense.length);
    expect(shown.every((flags) => flags.split(' ').includes('missing-cloud-license'))).toBe(true);
    await clickInPanel(page, '[data-clh-filter="all"]');
  });

  it('names the rows of each finding; one pressed, the page scrolls to its row and lights it up', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(lk('/licenses?size=all'));
    await settled(page);
    await openPanel(page);
    const named = await inPanel(page, (root) => [...root.querySelectorAll('[data-clh-group="ended"] li')].map((row) => row.textContent));
    expect(named!.length).toBe(await inPanel(page, (root) => Number(root.querySelector('.counts [data-clh-filter="ended"] + b, .counts li:has([data-clh-filter="ended"]) b')!.textContent)));
    // The group opened, the last one named: furthest down the page.
    await clickInPanel(page, '[data-clh-group="ended"] summary');
    await expect.poll(() => inPanel(page, (root) => root.querySelector<HTMLDetailsElement>('[data-clh-group="ended"]')!.open)).toBe(true);
    await clickInPanel(page, '[data-clh-group="ended"] li:last-child [data-clh-reveal]');
    const lit = () => page.evaluate(() => {
      const row = document.querySelector<HTMLElement>('[data-clh-revealed]');
      if (!row) return undefined;
      const box = row.getBoundingClientRect();
      return { inView: box.top >= 0 && box.bottom <= innerHeight, flags: row.dataset.clhFlags };
    });
    await expect.poll(lit).toMatchObject({ inView: true });
    expect((await lit())!.flags).toContain('expired');
  });

  it('suggests which free license could go on which unlicensed local device, by name', async () => {
    await openPanel(page);
    const pairs = await inPanel(page, (root) => [...root.querySelectorAll('[data-clh-pair]')].map((pair) => pair.textContent));
    expect(pairs!.length).toBeGreaterThan(0);
    for (const pair of pairs!) expect(pair).toMatch(/ → .*(@|WIN-)/);
  });
});

describe('the marks, to a keyboard', () => {
  it('a marker reached with Tab opens its words under it, and the panel says what each colour means', async () => {
    await logIn(page, session, 'typical');
    await settled(page);
    // Tab from the element just before the first marker, as a keyboard user gets there.
    const before = await page.evaluate(() => {
      const marker = document.querySelector<HTMLElement>('[data-clh-marker]')!;
      const stop = document.createElement('button');
      stop.textContent = 'before';
      marker.before(stop);
      stop.focus();
      return marker.title;
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-clh-marker'))).toBe(true);
    const opened = () => inShadowRoots(page, '[data-clh-marker]', (roots) => roots.map((root) => {
      const tip = root.lastElementChild as HTMLElement;
      return tip.hidden ? '' : tip.textContent;
    }).filter(Boolean));
    expect(await opened()).toEqual([before]);
    await page.keyboard.press('Escape');
    expect(await opened()).toEqual([]);
    // The chips are the legend: each kind's colour beside its name, the colour the marks on the page have.
    const legend = await inPanel(page, (root) => [...root.querySelectorAll<HTMLElement>('.chips .swatch')].map((swatch) => swatch.style.background));
    expect(legend!.length).toBeGreaterThan(2);
    expect(new Set(legend).size).toBeGreaterThan(2);
  });
});

describe('the site keeps working under the marks', () => {
  beforeAll(async () => {
    await logIn(page, session, 'typical');
  });

  it('ticks a checkbox, follows «Продлить», pages and filters as before', async () => {
    await page.goto(lk('/licenses?layout=table'));
    await settled(page);
    const box = page.locator('tr.license-row input[type="checkbox"]').first();
    await box.click();
    expect(await box.isChecked()).toBe(true);

    const expiring = page.locator('tr[data-clh-flags~="expiring"]').first();
    const renew = expiring.locator('a.renew');
    const href = await renew.getAttribute('href');
    await renew.click();
    await page.waitForURL((url) => url.pathname === href);

    await page.goto(lk('/licenses?layout=table'));
    await settled(page);
    await page.click('nav.pager a:text-is("2")');
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await settled(page);
    expect(await markedLicenseRows(page)).toHaveLength(20);

    await page.selectOption('select[name="status"]', 'free');
    await page.waitForURL((url) => url.searchParams.get('status') === 'free');
    await settled(page);
    const rows = await markedLicenseRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === 'free')).toBe(true);
  });

  it('opens the row menu and unlinks a license, and the marks follow the change', async () => {
    const account = seeded('typical');
    const [target] = account.truth.cloudLicenseExpired;
    // The only cloud license of that device is Истекла; unlinking it leaves the device with none.
    await page.goto(lk('/licenses?size=all&layout=table'));
    await settled(page);
    const before = await counts(page);
    const row = page.locator('tr.license-row', { hasText: target! });
    await row.locator('button[data-action="license-menu"]').click();
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/licenses'),
      page.getByRole('menuitem').click(),
    ]);
    await settled(page);
    const after = await counts(page);
    expect(await page.locator('tr.license-row', { hasText: target! }).count()).toBe(0);
    expect(after['cloud-expired']).toBe(before['cloud-expired']! - 1);
    expect(after['missing-cloud']).toBe(before['missing-cloud']! + 1);
  });
});
