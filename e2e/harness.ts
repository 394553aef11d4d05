/**
 * Real Chromium with the production build loaded, browsing the demo account
 * under the vendor's real host names (mapped to the local demo server).
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { startDemoSite } from '../demo-site/server';
import { findBrowser, NoBrowser, type FoundBrowser } from '../scripts/find-browser';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');

export interface Session {
  /** Which browser runs: its name and executable. */
  browser: FoundBrowser;
  context: BrowserContext;
  /** The extension's service worker (undefined when launched without the extension). */
  worker: Worker | undefined;
  demo: Awaited<ReturnType<typeof startDemoSite>>;
  /** `https://lk.cleverence.ru:PORT` and friends. */
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  locale?: string;
  headed?: boolean;
  /** Which build to load: the production one by default, `false` for none (the bench's page-only runs). */
  extensionDir?: string | false;
  /** Which browser: the one `findBrowser` finds by default (`CHROMIUM_PATH`, else an installed one). */
  browser?: FoundBrowser;
}

/** The browser of this machine, or the one sentence saying what to install (`npm start` and the tests' setup install it where they can). */
function browserHere(): FoundBrowser {
  const found = findBrowser();
  if (!found) throw new NoBrowser('No Chromium-family browser found: run "npm start" once (it installs one where it can), install Chromium or Google Chrome, or set CHROMIUM_PATH.');
  return found;
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const { locale = 'ru-RU', headed = false, extensionDir = EXTENSION_DIR, browser = browserHere() } = options;
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No build in ${extensionDir}: run "npm run build" first.`);
  const demo = await startDemoSite({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'clh-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.path,
    headless: false,
    // Playwright passes --no-sandbox unless told otherwise: right for tests (root, containers), but a person's
    // window would then carry a warning about it. Root cannot run the sandbox at all.
    chromiumSandbox: headed && process.getuid?.() !== 0,
    ignoreDefaultArgs: [
      ...(extensionDir ? ['--disable-extensions'] : []),
      // A person's window without the "controlled by automated test software" bar.
      ...(headed ? ['--enable-automation'] : []),
    ],
    ignoreHTTPSErrors: true,
    locale,
    // Chromium on Linux takes its UI language (and so chrome.i18n's) from the environment, not --lang.
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
    viewport: { width: 1280, height: 860 },
    args: [
      ...(headed ? [] : ['--headless=new']),
      // Google Chrome (137 on) and Edge ignore --load-extension; all of them load an unpacked build over the
      // DevTools protocol (below) with this flag, as WXT's own runner does.
      ...(extensionDir ? ['--enable-unsafe-extension-debugging'] : []),
      `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:${demo.port},MAP *.cleverence.com 127.0.0.1:${demo.port},MAP cleverence.ru 127.0.0.1:${demo.port}`,
      '--ignore-certificate-errors',
      `--lang=${locale}`,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  let worker: Worker | undefined;
  try {
    worker = extensionDir ? await loadUnpacked(context, extensionDir) : undefined;
  } catch (error) {
    // Nothing left running behind a browser that could not take the extension.
    await context.close();
    await demo.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    context,
    worker,
    demo,
    url: (host, path = '/') => `https://${host}:${demo.port}${path}`,
    close: async () => {
      await context.close();
      await demo.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Loads the unpacked build as chrome://extensions' «Загрузить распакованное»
 * does (Extensions.loadUnpacked, over Playwright's own --remote-debugging-pipe)
 * and returns its service worker.
 */
async function loadUnpacked(context: BrowserContext, extensionDir: string): Promise<Worker> {
  const devtools = await context.browser()!.newBrowserCDPSession();
  try {
    const { id } = (await devtools.send('Extensions.loadUnpacked' as never, { path: extensionDir } as never)) as { id: string };
    const ours = (worker: Worker) => worker.url().startsWith(`chrome-extension://${id}/`);
    return context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
  } catch (error) {
    throw new Error(`The browser did not load the extension over the DevTools protocol (Chromium 126 or newer does): ${String(error)}`, { cause: error });
  } finally {
    await devtools.detach().catch(() => undefined);
  }
}

/** Forgets the popup's draft (what was chosen and not sent), as «Очистить» would: tests sharing a browser start afresh. */
export async function forgetDraft(session: Session): Promise<void> {
  await session.worker!.evaluate(() => new Promise<void>((done, fail) => {
    const deleting = indexedDB.deleteDatabase('license-helper-draft');
    deleting.onsuccess = () => done();
    deleting.onerror = () => fail(deleting.error);
  }));
}

/** The extension's own words in one locale (`public/_locales`), to compare what it shows with. */
export function localeMessages(locale: 'ru' | 'en'): Record<string, { message: string }> {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, `../public/_locales/${locale}/messages.json`), 'utf8')) as Record<string, { message: string }>;
}

/** Logs in through the demo account's own form, as a person would. */
export async function logIn(page: Page, session: Pick<Session, 'url'>, login: string, host = 'lk.cleverence.ru'): Promise<void> {
  await page.goto(session.url(host, '/login'));
  await page.fill('input[name="login"]', login);
  await page.fill('input[type="password"]', 'demo');
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"], input[type="submit"]')]);
}

/** Waits until the extension has finished with the page (`<html data-clh="ready">` or `"unrecognized"`). */
export async function settled(page: Page, state: 'ready' | 'unrecognized' = 'ready'): Promise<void> {
  await page.waitForFunction((expected) => document.documentElement.dataset.clh === expected, state, { timeout: 30_000 });
}

export async function counts(page: Page): Promise<Record<string, number>> {
  const text = await page.evaluate(() => document.documentElement.dataset.clhCounts ?? '');
  return Object.fromEntries(text.split(' ').filter(Boolean).map((pair) => {
    const [name, value] = pair.split('=');
    return [name!, Number(value)];
  }));
}

/** The id the extension knows the account's tab by: the first tab open on `host`. */
export async function accountTabId(session: Session, host = 'lk.cleverence.ru'): Promise<number> {
  const tabId = await session.worker!.evaluate(async (pattern) => {
    const { chrome } = globalThis as unknown as { chrome: typeof browser };
    return (await chrome.tabs.query({ url: pattern }))[0]?.id;
  }, `https://${host}/*`);
  if (typeof tabId !== 'number') throw new Error(`The extension sees no tab on ${host}`);
  return tabId;
}

/** The popup, as a page of its own serving that tab (a test cannot click the toolbar button). */
export async function openPopup(session: Session, tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${new URL(session.worker!.url()).host}/popup.html?tab=${tabId}`);
  // Either the choice of what to send, or the job it already runs.
  await popup.waitForSelector('[data-clh-paste], [data-clh-job]');
  return popup;
}

/** Stops the extension's service worker, as Chrome does after 30 s idle (it starts again on the next event). */
export async function stopWorker(session: Session): Promise<void> {
  const internals = await session.context.newPage();
  try {
    await internals.goto('chrome://serviceworker-internals/');
    await internals.getByText('Stop', { exact: true }).first().click();
    await internals.waitForFunction(() => /Running Status: STOPPED/.test(document.body.innerText), undefined, { timeout: 5_000 }).catch(() => undefined);
  } finally {
    await internals.close();
  }
}

/** A page of the extension's own (`overview.html`, `options.html`), opened in a tab as a user would from the popup. */
export async function extensionPage(session: Session, path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${new URL(session.worker!.url()).host}/${path}`);
  return page;
}

/**
 * Moves the extension worker's clock `days` ahead of the real one (0: back to it), as a new day would: `new Date()`
 * and `Date.now()` there say the later day. Only the worker's: a worker started again has the real clock.
 */
export function shiftWorkerClock(session: Session, days: number): Promise<void> {
  return session.worker!.evaluate((shift) => {
    const scope = globalThis as unknown as { Date: DateConstructor; clhRealDate?: DateConstructor };
    const Real = (scope.clhRealDate ??= scope.Date);
    if (shift === 0) {
      scope.Date = Real;
      return;
    }
    const offset = shift * 86_400_000;
    scope.Date = class extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + offset);
        else super(...(args as [string]));
      }
      static override now(): number {
        return Real.now() + offset;
      }
    } as DateConstructor;
  }, days);
}

/** Fires one of the extension's alarms now (as Chrome will when its time comes), by setting it again to go off at once. */
export function fireAlarm(session: Session, name: string): Promise<void> {
  return session.worker!.evaluate(async (alarm) => {
    const scope = globalThis as unknown as { chrome: typeof browser; Date: DateConstructor; clhRealDate?: DateConstructor };
    // An unpacked extension's alarm may go off sooner than Chrome's 30 s, measured on the browser's own clock.
    await scope.chrome.alarms.create(alarm, { when: (scope.clhRealDate ?? scope.Date).now() + 100, periodInMinutes: 60 });
  }, name);
}

/** The ids of the extension's desktop notifications now shown. */
export function notificationsShown(session: Session): Promise<string[]> {
  return session.worker!.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof browser };
    return Object.keys(await chrome.notifications.getAll());
  });
}

/** The toolbar button's badge and tooltip, as the browser shows them, read in the extension's worker or one of its pages. */
export function toolbarBadge(extension: Pick<Worker, 'evaluate'>): Promise<{ text: string; title: string }> {
  return extension.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof browser };
    return { text: await chrome.action.getBadgeText({}), title: await chrome.action.getTitle({}) };
  });
}

/**
 * The lists the extension keeps (its worker's IndexedDB) for accounts whose key holds `account`: by list, the
 * newest snapshot's number of items, and when that list was last seen so (what the extension says "saved at").
 */
export function savedLists(session: Session, account: string): Promise<Record<string, { items: number; savedAt: number }>> {
  return session.worker!.evaluate(async (wanted) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('license-helper');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    // Both stores in one go, with no named function in here (the test runner's transpiler may wrap those in a helper the worker lacks).
    const [snapshots, accounts] = await Promise.all(['snapshots', 'accounts'].map((store) => new Promise<unknown[]>((done, fail) => {
      const request = db.transaction(store).objectStore(store).getAll();
      request.onsuccess = () => done(request.result as unknown[]);
      request.onerror = () => fail(request.error);
    }))) as [Array<{ account: string; list: string; items: unknown[]; savedAt: number }>, Array<{ account: string } & Record<string, { seenAt?: number } | string>>];
    db.close();
    const result: Record<string, { items: number; savedAt: number }> = {};
    for (const snapshot of snapshots.filter((each) => each.account.includes(wanted)).sort((a, b) => a.savedAt - b.savedAt)) {
      const seen = accounts.find((each) => each.account === snapshot.account)?.[snapshot.list] as { seenAt?: number } | undefined;
      result[snapshot.list] = { items: snapshot.items.length, savedAt: seen?.seenAt ?? snapshot.savedAt };
    }
    return result;
  }, account);
}

// ---------------------------------------------------------------------------
// The extension's own elements: the panel (<clh-panel>), the row markers ([data-clh-marker]) and the upload
// indicator (<clh-upload>) draw in CLOSED shadow roots, which no page script and no playwright selector reaches
// (`element.shadowRoot` is null). The tests look inside them the way DevTools does: the browser's DevTools
// protocol describes a closed root like any node, and hands it to a function run in the page.

const devtools = new WeakMap<Page, Promise<CDPSession>>();
function devtoolsOf(page: Page): Promise<CDPSession> {
  let session = devtools.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    devtools.set(page, session);
  }
  return session;
}

let groups = 0;

/**
 * Calls in the page `call`, a JavaScript expression over `roots` (the shadow roots of the elements `hosts`
 * selects, in page order; a host without one is left out) and `arg`, and returns its value.
 */
async function callWithRoots<Result>(page: Page, hosts: string, call: string, arg: unknown): Promise<Result> {
  const cdp = await devtoolsOf(page);
  const objectGroup = `clh-shadow-${++groups}`;
  try {
    const { result: list } = await cdp.send('Runtime.evaluate', { expression: `[...document.querySelectorAll(${JSON.stringify(hosts)})]`, objectGroup });
    const { result: items } = await cdp.send('Runtime.getProperties', { objectId: list.objectId!, ownProperties: true });
    const roots: string[] = [];
    for (const item of items.filter((property) => /^\d+$/.test(property.name)).sort((a, b) => Number(a.name) - Number(b.name))) {
      const { node } = await cdp.send('DOM.describeNode', { objectId: item.value!.objectId!, depth: 1, pierce: true });
      const root = node.shadowRoots?.[0];
      if (!root) continue;
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: root.backendNodeId, objectGroup });
      roots.push(object.objectId!);
    }
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: list.objectId!,
      functionDeclaration: `function (arg, ...roots) { return ${call}; }`,
      arguments: [arg === undefined ? {} : { value: arg }, ...roots.map((objectId) => ({ objectId }))],
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`in the shadow roots of ${hosts}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as Result;
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
  }
}

/**
 * Runs `inside` in the page with the shadow roots of the elements `hosts` selects, in page order (a host
 * without one is left out), and returns its result by value. `inside` runs in the page, as with
 * `page.evaluate`: it sees nothing of the test but `arg`.
 */
export function inShadowRoots<Result, Arg = undefined>(
  page: Page, hosts: string, inside: (roots: ShadowRoot[], arg: Arg) => Result | Promise<Result>, arg?: Arg,
): Promise<Result> {
  return callWithRoots(page, hosts, `(${inside.toString()})(roots, arg)`, arg);
}

/** Runs `inside` over the summary panel's shadow root; undefined when the page has no panel. */
export function inPanel<Result, Arg = undefined>(
  page: Page, inside: (root: ShadowRoot, arg: Arg) => Result | Promise<Result>, arg?: Arg,
): Promise<Result | undefined> {
  return callWithRoots(page, 'clh-panel', `roots.length === 0 ? undefined : (${inside.toString()})(roots[0], arg)`, arg);
}

/** Opens the panel's details («Подробнее») as a person does, unless they are open; they stay open on the next pages. */
export async function openPanel(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.clh === 'ready');
  const open = await inPanel(page, (root) => root.querySelector('button.toggle')?.getAttribute('aria-expanded'));
  if (open !== 'true') await clickInPanel(page, 'button.toggle');
  await page.waitForFunction(() => document.documentElement.dataset.clh === 'ready');
  for (const deadline = Date.now() + 10_000; (await countInPanel(page, '.details')) === 0;) {
    if (Date.now() > deadline) throw new Error('The panel\'s details did not open');
    await page.waitForTimeout(50);
  }
}

/** The panel's text as it reads (its elements' text, nothing of its style sheet); '' when there is no panel. */
export async function panelText(page: Page): Promise<string> {
  return (await inPanel(page, (root) => [...root.children].filter((child) => child.localName !== 'style').map((child) => child.textContent ?? '').join(''))) ?? '';
}

/** How many elements `selector` (and, given, holding `text`) finds in the panel; 0 when there is no panel. */
export async function countInPanel(page: Page, selector: string, text?: string): Promise<number> {
  return (await inPanel(page, (root, [wanted, holding]) =>
    [...root.querySelectorAll(wanted)].filter((element) => holding === null || (element.textContent ?? '').includes(holding)).length,
  [selector, text ?? null] as const)) ?? 0;
}

/**
 * Clicks the panel's first element that `selector` (and, given, `text`) finds, as a person does: a real
 * click of the mouse at its middle, once it is there (within 10 s).
 */
export async function clickInPanel(page: Page, selector: string, text?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const middle = await inPanel(page, (root, [wanted, holding]) => {
      const element = [...root.querySelectorAll<HTMLElement>(wanted)].find((found) => holding === null || (found.textContent ?? '').includes(holding));
      if (!element) return null;
      element.scrollIntoView({ block: 'nearest' });
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
    }, [selector, text ?? null] as const);
    if (middle) return page.mouse.click(middle.x, middle.y);
    if (Date.now() > deadline) throw new Error(`No ${selector}${text ? ` holding "${text}"` : ''} in the panel`);
    await page.waitForTimeout(100);
  }
}
