/**
 * `npm run fixtures`: saves the demo account's pages, as a plain Chromium
 * (no extension) renders them, into tests/fixtures/, with expected.json
 * beside them: what a correct reading of each page must give, taken from the
 * demo's own seed for the day the pages were saved.
 *
 * The account's dates are relative to the day they are seeded, so the fixtures
 * and expected.json are a pair: tests compare the two, never today's seed.
 * Apart from that day the pages are deterministic (fixed-seed accounts); the
 * session id lives in an httpOnly cookie and the server's random port only in
 * the address, and the script refuses to save a page that shows either.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatDay, localToday, type Day } from '../demo-site/calendar';
import { shownProduct } from '../demo-site/account/rows';
import { seedAccount, type AccountLogin, type SeededDevice, type SeededLicense } from '../demo-site/seed';
import { startDemoSite, type DemoSite } from '../demo-site/server';
import { ARTICLE_PATH } from '../demo-site/vendor/article-page';
import { ensureBrowser } from './find-browser';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../tests/fixtures');
const MINUTES_PER_DAY = 1440;

// ---------------------------------------------------------------------------
// expected.json

/** A license as the page must be read: dates as the page prints them (`dd.MM.yyyy`, 01.01.1970 = no date). */
export interface ExpectedLicense {
  /** The account's own id (its links' `/licenses/<id>/renew`), to tell rows apart in failures. */
  accountId: string;
  kind: 'cloud' | 'main';
  /** The full product name from the seed. */
  product: string;
  /** As the list shows it: cut after 30 characters with «...». */
  productShown: string;
  status: 'free' | 'activated' | 'expired';
  deviceId?: string;
  date: string;
  subscriptionEnd: string;
}

export interface ExpectedDevice {
  id: string;
  name: string;
  database: string;
  connection: 'cloud' | 'local';
  /** The day of the last connection (the page prints `dd.MM.yyyy HH:mm`). */
  lastSeen: string;
}

interface FixtureBase {
  file: string;
  /** The address the page was saved from, without the demo server's port. */
  url: string;
}

/** One of the account's own Лицензии / Устройства pages that the extension must read. */
export interface AccountFixture extends FixtureBase {
  page: 'account';
  login: AccountLogin;
  /** What accountLogin() must give: the e-mail in the header. */
  email: string;
  language: 'ru' | 'en';
  layout: 'table' | 'grid' | 'client';
  tab: 'licenses' | 'devices';
  /** The rows the page shows, in page order (only the tab's own kind). */
  licenses: ExpectedLicense[];
  devices: ExpectedDevice[];
  /** How many rows the whole list has, on all its pages. */
  total: number;
  /** The page size the page was shown with (20, 50, 100 or 'all'). */
  size: number | 'all';
  /** What listPageUrls() must give from this page: the URLs that together hold the whole list. */
  wholeList: string[];
}

/** The `broken` account: clearly the tab, with rows nobody can read. */
export interface UnreadableFixture extends FixtureBase {
  page: 'unreadable';
  login: AccountLogin;
  email: string;
  tab: 'licenses' | 'devices';
  /** How many rows the page shows (none of them readable). */
  rowsShown: number;
}

/**
 * A `client` layout page as the server sends it, before its script has drawn
 * the rows: what the extension fetches for the other tab. It must be waited
 * for (rows to come), never called unreadable.
 */
export interface RowsToComeFixture extends FixtureBase {
  page: 'rows-to-come';
  login: AccountLogin;
  email: string;
  tab: 'licenses' | 'devices';
  wholeList: string[];
}

/** The vendor's public site: talks about licenses, is not the account. */
export interface VendorFixture extends FixtureBase {
  page: 'not-the-account';
}

export type Fixture = AccountFixture | UnreadableFixture | RowsToComeFixture | VendorFixture;

export interface Expected {
  /** The day the pages were saved and the accounts seeded: `seedAccount(login, day)`, days since 01.01.1970. */
  day: Day;
  /** The same day as `dd.MM.yyyy`, for people. */
  savedOn: string;
  fixtures: Record<string, Fixture>;
}

const expectedLicense = (license: SeededLicense): ExpectedLicense => ({
  accountId: license.id,
  kind: license.kind,
  product: license.product,
  productShown: shownProduct(license.product),
  status: license.status,
  ...(license.deviceId ? { deviceId: license.deviceId } : {}),
  date: formatDay(license.date),
  subscriptionEnd: formatDay(license.subscriptionEnd),
});

const expectedDevice = (device: SeededDevice): ExpectedDevice => ({
  id: device.id,
  name: device.name,
  database: device.database,
  connection: device.databaseKind,
  lastSeen: formatDay(Math.floor(device.lastConnection / MINUTES_PER_DAY)),
});

// ---------------------------------------------------------------------------
// What to save

const RU = 'lk.cleverence.ru';
const EN = 'lk.cleverence.com';
const VENDOR = 'www.cleverence.ru';
/** The lists' default page sizes (demo-site/account/licenses-page.ts, devices-page.ts). */
const DEFAULT_SIZE = { licenses: 20, devices: 50 } as const;

interface AccountPlan {
  name: string;
  login: AccountLogin;
  host: string;
  tab: 'licenses' | 'devices';
  /** Absent: the account's own default layout. */
  layout?: 'table' | 'grid' | 'client';
  /** Absent: the list's default size. */
  size?: 'all';
  /** Save the server's response as fetched, with no script run (for the `client` layout's shell). */
  served?: true;
}

/**
 * Every account page. Licenses are saved with «Все» (size=all) so that a
 * reading covers all of `typical`'s 40; Устройства lists 50 a page, which
 * already holds every device of these accounts, so it is saved as it opens.
 * `typical-licenses-page1` is the Лицензии tab as it opens (20 of 40), for
 * the pagination; `typical-licenses-client-served` is the `client` layout's
 * page as its server sends it, rows still to come. `partner` (10,000 licenses) is left out: too big to keep.
 */
const ACCOUNT_PAGES: AccountPlan[] = [
  ...(['table', 'grid', 'client'] as const).flatMap((layout): AccountPlan[] => [
    { name: `typical-licenses-${layout}`, login: 'typical', host: RU, tab: 'licenses', layout, size: 'all' },
    { name: `typical-devices-${layout}`, login: 'typical', host: RU, tab: 'devices', layout },
  ]),
  { name: 'typical-licenses-client-served', login: 'typical', host: RU, tab: 'licenses', layout: 'client', size: 'all', served: true },
  { name: 'typical-licenses-page1', login: 'typical', host: RU, tab: 'licenses', layout: 'table' },
  { name: 'typical-en-licenses-table', login: 'typical', host: EN, tab: 'licenses', layout: 'table', size: 'all' },
  { name: 'typical-en-devices-table', login: 'typical', host: EN, tab: 'devices', layout: 'table' },
  { name: 'article-licenses', login: 'article', host: RU, tab: 'licenses' },
  { name: 'article-devices', login: 'article', host: RU, tab: 'devices' },
  { name: 'hostile-licenses', login: 'hostile', host: RU, tab: 'licenses' },
  { name: 'hostile-devices', login: 'hostile', host: RU, tab: 'devices' },
  { name: 'broken-licenses', login: 'broken', host: RU, tab: 'licenses' },
  { name: 'broken-devices', login: 'broken', host: RU, tab: 'devices' },
];

const VENDOR_PAGES = [
  { name: 'vendor-article', path: ARTICLE_PATH },
  { name: 'vendor-shop', path: '/shop/' },
];

function pathOf(plan: AccountPlan): string {
  const params = new URLSearchParams();
  if (plan.layout) params.set('layout', plan.layout);
  if (plan.size) params.set('size', plan.size);
  const search = params.size ? `?${params}` : '';
  return `/${plan.tab}${search}`;
}

function fixtureFor(plan: AccountPlan, day: Day): AccountFixture | UnreadableFixture | RowsToComeFixture {
  const account = seedAccount(plan.login, day);
  const url = `https://${plan.host}${pathOf(plan)}`;
  const base = { file: `${plan.name}.html`, url, login: plan.login, email: account.email, tab: plan.tab };
  const all = plan.tab === 'licenses' ? account.licenses : account.devices;
  const size = plan.size ?? DEFAULT_SIZE[plan.tab];
  const shown = size === 'all' ? all.length : Math.min(size, all.length);
  // The page's «Все» link (`?size=all`) holds the whole list; on that page itself, the page does.
  const wholeList = [size === 'all' ? url : `https://${plan.host}/${plan.tab}?size=all`];
  if (account.defaultLayout === 'unreadable') return { ...base, page: 'unreadable', rowsShown: shown };
  if (plan.served) return { ...base, page: 'rows-to-come', wholeList };
  return {
    ...base,
    page: 'account',
    language: plan.host === EN ? 'en' : 'ru',
    layout: (plan.layout ?? account.defaultLayout) as AccountFixture['layout'],
    licenses: plan.tab === 'licenses' ? account.licenses.slice(0, shown).map(expectedLicense) : [],
    devices: plan.tab === 'devices' ? account.devices.slice(0, shown).map(expectedDevice) : [],
    total: all.length,
    size,
    wholeList,
  };
}

// ---------------------------------------------------------------------------
// Saving

async function logIn(page: Page, demo: DemoSite, host: string, login: string): Promise<void> {
  await page.goto(`${demo.origin(host)}/login`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[type="password"]', 'demo');
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"]')]);
}

/** The rows each layout draws (the demo's own markup, known here only to wait for the rows and count them). */
const ROW_SELECTOR = 'tbody tr, [role="listitem"], li.cl-row, li.b-row';

/** Waits for the page's rows (the client layout fetches them ~600 ms after load) and checks their number. */
async function waitForRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    ({ selector, count }) =>
      document.querySelector('#client-list[aria-busy="true"]') === null && document.querySelectorAll(selector).length === count,
    { selector: ROW_SELECTOR, count },
    { timeout: 15_000 },
  );
}

/** The page as rendered, or with `served` the server's own response; refused if it shows the port or the session. */
async function snapshot(page: Page, demo: DemoSite, secrets: string[], served = false): Promise<string> {
  const html = served
    ? // Fetched from the page, as the extension fetches the other tab: same origin, the user's session.
      await page.evaluate(async (url) => (await fetch(url, { credentials: 'same-origin' })).text(), page.url())
    : `<!doctype html>\n${await page.evaluate(() => document.documentElement.outerHTML)}\n`;
  if (html.includes(`:${demo.port}`)) throw new Error(`${page.url()}: the demo's port ${demo.port} is in the page`);
  for (const secret of secrets) if (html.includes(secret)) throw new Error(`${page.url()}: the session id is in the page`);
  return html;
}

async function saveAll(browser: Browser, demo: DemoSite, day: Day): Promise<Expected['fixtures']> {
  const fixtures: Expected['fixtures'] = {};
  const save = (name: string, html: string, fixture: Fixture) => {
    writeFileSync(resolve(FIXTURES_DIR, fixture.file), html);
    fixtures[name] = fixture;
    console.log(`  ${fixture.file} (${Math.round(html.length / 1024)} KB)`);
  };

  // One browser context per log-in, so cookies (session, layout) never cross.
  const byLogIn = new Map<string, AccountPlan[]>();
  for (const plan of ACCOUNT_PAGES) {
    const key = `${plan.login}@${plan.host}`;
    byLogIn.set(key, [...(byLogIn.get(key) ?? []), plan]);
  }
  for (const plans of byLogIn.values()) {
    const { login, host } = plans[0]!;
    const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ru-RU', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await logIn(page, demo, host, login);
    const secrets = (await context.cookies()).filter((cookie) => cookie.httpOnly).map((cookie) => cookie.value);
    for (const plan of plans) {
      const fixture = fixtureFor(plan, day);
      await page.goto(`${demo.origin(host)}${pathOf(plan)}`);
      if (fixture.page === 'account') await waitForRows(page, fixture.licenses.length + fixture.devices.length);
      if (fixture.page === 'unreadable') await waitForRows(page, fixture.rowsShown);
      save(plan.name, await snapshot(page, demo, secrets, plan.served), fixture);
    }
    await context.close();
  }

  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'ru-RU' });
  const page = await context.newPage();
  for (const { name, path } of VENDOR_PAGES) {
    await page.goto(`${demo.origin(VENDOR)}${path}`);
    save(name, await snapshot(page, demo, []), { page: 'not-the-account', file: `${name}.html`, url: `https://${VENDOR}${path}` });
  }
  await context.close();
  return fixtures;
}

async function main(): Promise<void> {
  const day = localToday();
  mkdirSync(FIXTURES_DIR, { recursive: true });
  for (const file of readdirSync(FIXTURES_DIR)) {
    if (file.endsWith('.html') || file === 'expected.json') rmSync(resolve(FIXTURES_DIR, file));
  }
  const demo = await startDemoSite({ port: 0 });
  const browser = await chromium.launch({
    executablePath: ensureBrowser().path,
    headless: false,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:${demo.port},MAP *.cleverence.com 127.0.0.1:${demo.port},MAP cleverence.ru 127.0.0.1:${demo.port}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    console.log(`Saving the demo's pages of ${formatDay(day)} into ${FIXTURES_DIR}`);
    const fixtures = await saveAll(browser, demo, day);
    // The server seeds each account on its first request of a day: a save across midnight mixes two days.
    if (localToday() !== day) throw new Error('The day changed while saving; run `npm run fixtures` again.');
    const expected: Expected = { day, savedOn: formatDay(day), fixtures };
    writeFileSync(resolve(FIXTURES_DIR, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
    console.log(`  expected.json (${Object.keys(fixtures).length} fixtures)`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

await main();
