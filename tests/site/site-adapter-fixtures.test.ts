// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// (the saved pages link the account's style sheet, which happy-dom need not fetch)
/**
 * The site adapter against whole pages of the demo account, saved by
 * `npm run fixtures` (scripts/save-fixtures.ts) as Chromium rendered them.
 * tests/fixtures/expected.json holds what each page must read as, from the
 * demo's seed for the day the pages were saved: tests compare with that,
 * never with today's seed, so they give the same answer on any day.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '@/utils/shared/dates';
import type { AccountDate, Device, License } from '@/utils/shared/records';
import { accountLogin, listPageUrls, listWords, recogniseAccountTab, showsRows, tabUrl } from '@/utils/site/page';
import { readDeviceRows, readLicenseRows } from '@/utils/site/rows';
import type { Expected, ExpectedDevice, ExpectedLicense, Fixture } from '../../scripts/save-fixtures';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
const fixtures = Object.entries(expected.fixtures);

function load(name: string): { doc: Document; url: URL; fixture: Fixture } {
  const fixture = expected.fixtures[name];
  if (!fixture) throw new Error(`No fixture "${name}" in expected.json: run "npm run fixtures"`);
  const html = readFileSync(join(FIXTURES, fixture.file), 'utf8');
  return { doc: new DOMParser().parseFromString(html, 'text/html'), url: new URL(fixture.url), fixture };
}

function ofPage<Page extends Fixture['page']>(page: Page) {
  return fixtures.filter((entry): entry is [string, Extract<Fixture, { page: Page }>] => entry[1].page === page);
}
const accountPages = ofPage('account');
const licensePages = accountPages.filter(([, fixture]) => fixture.tab === 'licenses');
const devicePages = accountPages.filter(([, fixture]) => fixture.tab === 'devices');

/** `dd.MM.yyyy` as the account prints it; 01.01.1970 is its "no date". */
function day(text: string): AccountDate {
  if (text === '01.01.1970') return 'none';
  const [dd, mm, yyyy] = text.split('.').map(Number);
  return dayNumber(yyyy!, mm!, dd!) ?? 'unknown';
}

/** The record a correct reading gives for a seeded license: the product whole (a cut one from its title), no activation code (none revealed). */
function licenseRecord(license: ExpectedLicense): License {
  return {
    kind: license.kind,
    product: license.product,
    status: license.status,
    ...(license.deviceId ? { deviceId: license.deviceId } : {}),
    date: day(license.date),
    subscriptionEnd: day(license.subscriptionEnd),
  };
}

function deviceRecord(device: ExpectedDevice): Device {
  return { id: device.id, name: device.name, database: device.database, connection: device.connection, lastSeen: day(device.lastSeen) };
}

/** The status words each UI prints, where a license row's marker must go. */
const statusWords = {
  ru: { free: 'Свободная', activated: 'Активирована', expired: 'Истекла' },
  en: { free: 'Free', activated: 'Activated', expired: 'Expired' },
} as const;

const licensesOn = async (name: string) => (await readLicenseRows(load(name).doc.body)).map((row) => row.license);
const devicesOn = async (name: string) => (await readDeviceRows(load(name).doc.body)).map((row) => row.device);

describe(`saved pages of the demo account (seeded for ${expected.savedOn})`, () => {
  it('has every page the tests below rely on', () => {
    expect(Object.keys(expected.fixtures)).toEqual(expect.arrayContaining([
      'typical-licenses-table', 'typical-licenses-grid', 'typical-licenses-client',
      'typical-devices-table', 'typical-devices-grid', 'typical-devices-client',
      'typical-licenses-client-served', 'typical-licenses-page1', 'typical-en-licenses-table', 'typical-en-devices-table',
      'article-licenses', 'article-devices', 'hostile-licenses', 'hostile-devices', 'broken-licenses', 'broken-devices',
      'vendor-article', 'vendor-shop',
    ]));
  });
});

describe('recogniseAccountTab on saved pages', () => {
  it.each(fixtures)('%s is the right tab, or not the account', (name) => {
    const { doc, url, fixture } = load(name);
    expect(recogniseAccountTab(doc, url)).toBe(fixture.page === 'not-the-account' ? undefined : fixture.tab);
  });
});

describe('reading the rows of saved pages', () => {
  it.each(licensePages)('%s: every license, in page order, as the seed has it', async (name, fixture) => {
    const read = await licensesOn(name);
    expect(read).toHaveLength(fixture.licenses.length);
    expect(read).toEqual(fixture.licenses.map(licenseRecord));
  });

  it.each(devicePages)('%s: every device, in page order, as the seed has it', async (name, fixture) => {
    const read = await devicesOn(name);
    expect(read).toHaveLength(fixture.devices.length);
    expect(read).toEqual(fixture.devices.map(deviceRecord));
  });

  it.each(accountPages)('%s: each row is one row of the page, and its marker goes beside its status or id', async (name, fixture) => {
    const { doc } = load(name);
    const rows = fixture.tab === 'licenses' ? await readLicenseRows(doc.body) : await readDeviceRows(doc.body);
    const elements = rows.map((row) => row.element);
    for (const element of elements) {
      expect(elements.filter((other) => other !== element && (other.contains(element) || element.contains(other)))).toEqual([]);
    }
    rows.forEach((row, index) => {
      expect(row.element.contains(row.markerSlot)).toBe(true);
      const says = fixture.tab === 'licenses' ? statusWords[fixture.language][fixture.licenses[index]!.status] : fixture.devices[index]!.id;
      expect(row.markerSlot.textContent).toContain(says);
    });
  });

  it('reads all 40 licenses of `typical` from its «Все» page, and its 25 devices', async () => {
    expect(await licensesOn('typical-licenses-table')).toHaveLength(40);
    expect(await devicesOn('typical-devices-table')).toHaveLength(25);
  });

  it('reads the help article\'s four rows as the article prints them, each cut name whole from its title', async () => {
    expect(await licensesOn('article-licenses')).toEqual([
      { kind: 'main', product: 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ + ИСМП (маркировка)', status: 'free', date: dayNumber(2019, 4, 17), subscriptionEnd: dayNumber(2019, 4, 17) },
      { kind: 'main', product: 'Лицензия ПРОФ на 1 (один) терминал сбора данных', status: 'free', date: 'none', subscriptionEnd: 'none' },
      {
        kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин 15, БАЗОВЫЙ, 1 месяц', status: 'expired', deviceId: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B',
        date: dayNumber(2022, 10, 20), subscriptionEnd: dayNumber(2022, 10, 20),
      },
      {
        kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин 15, БАЗОВЫЙ, 1 месяц', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D',
        date: dayNumber(2022, 11, 8), subscriptionEnd: dayNumber(2022, 11, 8),
      },
    ]);
  });
});

describe('the same account reads the same in every markup and language', () => {
  it('table, grid and client-rendered Лицензии give the same 40 licenses', async () => {
    const table = await licensesOn('typical-licenses-table');
    expect(await licensesOn('typical-licenses-grid')).toEqual(table);
    expect(await licensesOn('typical-licenses-client')).toEqual(table);
  });

  it('table, grid and client-rendered Устройства give the same 25 devices', async () => {
    const table = await devicesOn('typical-devices-table');
    expect(await devicesOn('typical-devices-grid')).toEqual(table);
    expect(await devicesOn('typical-devices-client')).toEqual(table);
  });

  it('the English account (lk.cleverence.com) gives the same licenses and devices as the Russian one', async () => {
    expect(await licensesOn('typical-en-licenses-table')).toEqual(await licensesOn('typical-licenses-table'));
    expect(await devicesOn('typical-en-devices-table')).toEqual(await devicesOn('typical-devices-table'));
  });

  it('page 1 of Лицензии gives the first 20 licenses of the whole list', async () => {
    expect(await licensesOn('typical-licenses-page1')).toEqual((await licensesOn('typical-licenses-table')).slice(0, 20));
  });
});

describe('markup in names (`hostile`)', () => {
  it('reads a device named `<img src=x onerror=alert(1)>` and its database as plain text', async () => {
    const { doc } = load('hostile-devices');
    const row = (await readDeviceRows(doc.body)).find((candidate) => candidate.device.name.includes('<img'));
    expect(row?.device).toMatchObject({ name: '<img src=x onerror=alert(1)>', database: 'Магазин "Ёлки & <i>Палки</i>"' });
    expect(row?.element.querySelector('img, i, script')).toBeNull();
  });

  it('reads a product starting `<script>` as text, whole from its title', async () => {
    const { doc } = load('hostile-licenses');
    const row = (await readLicenseRows(doc.body)).find((candidate) => candidate.license.product.includes('<script>'));
    expect(row?.license).toMatchObject({ kind: 'cloud', status: 'activated', product: '<script>alert(1)</script> ОБЛАКО Mobile SMARTS: Магазин 15' });
    expect(doc.body.querySelector('script, svg, img[onerror]')).toBeNull();
  });
});

describe('pages the adapter must not guess at', () => {
  it.each(ofPage('unreadable'))('%s (an unknown redesign): shows rows, reads none, says so', async (name, fixture) => {
    const { doc } = load(name);
    const rows = fixture.tab === 'licenses' ? await readLicenseRows(doc.body) : await readDeviceRows(doc.body);
    expect(fixture.rowsShown).toBeGreaterThan(0);
    expect(rows).toEqual([]);
    expect(showsRows(doc)).toBe(true);
    // Nor does it say the list is empty: no rows read is then no list read.
    expect(listWords(doc.body).empty).toBe(false);
  });

  it.each(ofPage('rows-to-come'))('%s (client page as served): no rows yet, to be waited for, not called unreadable', async (name) => {
    const { doc } = load(name);
    expect(await readLicenseRows(doc.body)).toEqual([]);
    expect(showsRows(doc)).toBe(false);
    expect(listWords(doc.body)).toMatchObject({ empty: false, loading: true });
  });
});

describe('accountLogin on saved pages', () => {
  it.each([...accountPages, ...ofPage('unreadable'), ...ofPage('rows-to-come')])('%s names its account', (name, fixture) => {
    expect(accountLogin(load(name).doc)).toBe(fixture.email);
  });
});

describe('tabUrl on saved pages', () => {
  it.each([...accountPages, ...ofPage('unreadable'), ...ofPage('rows-to-come')])('%s links the other tab, whose whole list is needed', (name, fixture) => {
    const { doc, url } = load(name);
    const other = fixture.tab === 'licenses' ? 'devices' : 'licenses';
    expect(tabUrl(doc, other, url)?.href).toBe(`${url.origin}/${other}`);
  });
});

describe('listPageUrls on saved pages', () => {
  it.each([...accountPages, ...ofPage('rows-to-come')])('%s: the whole list is one «Все» page', (name, fixture) => {
    const { doc, url } = load(name);
    expect(listPageUrls(doc, url).map(String)).toEqual(fixture.wholeList);
  });

  it('without «Все», takes every page the pager numbers (40 licenses, 20 a page), on the same list', () => {
    const { doc, url } = load('typical-licenses-page1');
    for (const link of doc.querySelectorAll('a')) if (link.textContent?.trim() === 'Все') link.remove();
    const pages = listPageUrls(doc, url);
    expect(pages.map((page) => page.searchParams.get('page'))).toEqual(['1', '2']);
    expect(pages.every((page) => page.origin === url.origin && page.pathname === '/licenses')).toBe(true);
  });
});

describe('a cut product name', () => {
  const page = (html: string) => new DOMParser().parseFromString(`<table><tbody>${html}</tbody></table>`, 'text/html');
  const row = (cell: string) => `<tr><td>Основная ${cell}</td><td>Активирована @UROVO-DT50-O-ABC123</td><td>01.02.2026</td><td>До 01.02.2027</td></tr>`;

  it('is read whole from the title that begins as it does', async () => {
    const [read] = await readLicenseRows(page(row('<span title="Mobile SMARTS: Склад 15, РАСШИРЕННЫЙ с ЕГАИС">Mobile SMARTS: Склад 15, РАСШИ...</span>')).body);
    expect(read?.license.product).toBe('Mobile SMARTS: Склад 15, РАСШИРЕННЫЙ с ЕГАИС');
  });

  it('stays cut where no title begins as it does, or there is none', async () => {
    const [other] = await readLicenseRows(page(row('<span title="Показать полностью">Mobile SMARTS: Склад 15, РАСШИ…</span>')).body);
    expect(other?.license.product).toBe('Mobile SMARTS: Склад 15, РАСШИ…');
    const [none] = await readLicenseRows(page(row('Mobile SMARTS: Склад 15, РАСШИ...')).body);
    expect(none?.license.product).toBe('Mobile SMARTS: Склад 15, РАСШИ...');
  });

  it('takes a whole name only: a name not cut keeps its own text, whatever a title says', async () => {
    const [read] = await readLicenseRows(page(row('<span title="Mobile SMARTS: Склад 15, РАСШИРЕННЫЙ с ЕГАИС">Mobile SMARTS: Склад 15</span>')).body);
    expect(read?.license.product).toBe('Mobile SMARTS: Склад 15');
  });
});
