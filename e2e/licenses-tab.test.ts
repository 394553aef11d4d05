/**
 * The Лицензии and Устройства tabs of the demo account, in Chromium with the
 * production build: what the extension finds, how it shows it, and that the
 * site keeps working under it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, counts, countInPanel, inPanel, inShadowRoots, launch, logIn, settled, type Session } from './harness';
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

    await clickInPanel(page, '[data-clh-filter="expiring"]');
    const expiringOnly = await visibleRows();
    expect(expiringOnly).toHaveLength(truth().expiringWithin30);
    expect(expiringOnly.every((flags) => flags.split(' ').includes('expiring'))).toBe(true);

    await clickInPanel(page, '[data-clh-filter="problems"]');
    const problems = await visibleRows();
    expect(problems.length).toBeGreaterThan(expiringOnly.length);
    expect(problems.every((flags) => flags !== '')).toBe(true);

    await clickInPanel(page, 'button[aria-pressed]');
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
  it('stays folded on the next page once folded, until unfolded', async () => {
    await logIn(page, session, 'typical');
    await settled(page);
    const expanded = () => inPanel(page, (root) => root.querySelector('button.toggle')?.getAttribute('aria-expanded'));
    const counted = () => countInPanel(page, 'ul.counts');
    expect(await counted()).toBe(1);
    await clickInPanel(page, 'button.toggle');
    expect(await expanded()).toBe('false');
    expect(await counted()).toBe(0);

    await page.goto(lk('/devices'));
    await settled(page);
    await expect.poll(expanded).toBe('false');
    expect(await counted()).toBe(0);

    await clickInPanel(page, 'button.toggle');
    await expect.poll(() => session.worker!.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get('panelFolded'))).toEqual({ panelFolded: false });
    await page.goto(lk('/licenses'));
    await settled(page);
    expect(await counted()).toBe(1);
  });

  it('stays above whatever the site puts in its corner, at any z-index, and leaves the rest of the page to the site', async () => {
    await logIn(page, session, 'typical');
    await settled(page);
    const panel = (await inPanel(page, (root) => {
      const { left, top, width, height } = root.querySelector('.panel')!.getBoundingClientRect();
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
    expect(await inPanel(page, (root) => root.querySelectorAll('[data-clh-legend] span').length)).toBe(3);
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
