/**
 * What a page cannot do to the extension (issue 15): stop its content script
 * with the event a newer copy of it sends, stall an upload with events of its
 * own, or read what the extension draws. And what the extension itself must
 * do when it is reloaded under an open page: the old copy takes back all it
 * drew, and the new one draws it once.
 *
 * The page's own scripts are played by `page.evaluate`, which runs in the
 * page's main world, where the vendor's scripts (or a script injected into
 * the vendor's site) run.
 */
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickInPanel, counts, countInPanel, inPanel, inShadowRoots, launch, logIn, openPopup, settled, type Session } from './harness';
import { choose, genuineCodes, indicatorTexts, jobCounts, openAccountTab, send, waitForIndicator, waitForJob } from './upload-helpers';

/** What the extension has drawn on the page, as the page sees it. */
const drawn = (page: Page) => page.evaluate(() => ({
  panels: document.querySelectorAll('clh-panel').length,
  markers: document.querySelectorAll('[data-clh-marker]').length,
  /** Rows holding more than one marker: a second copy's marks beside the first's. */
  doubled: [...document.querySelectorAll('[data-clh-license], [data-clh-device-flags]')].filter((row) => row.querySelectorAll('[data-clh-marker]').length > 1).length,
  rows: document.querySelectorAll('[data-clh-license], [data-clh-device-flags]').length,
  state: document.documentElement.dataset.clh ?? null,
  counts: document.documentElement.dataset.clhCounts ?? null,
}));

/** The extension's id, which a page can know (the store lists it): the prefix of WXT's event names. */
const extensionIdOf = (session: Session) => new URL(session.worker!.url()).host;

describe('a page that sends the events a newer copy of the content script sends', () => {
  let session: Session;
  let page: Page;
  beforeAll(async () => {
    session = await launch();
    page = await session.context.newPage();
    await logIn(page, session, 'typical');
    await page.goto(session.url('lk.cleverence.ru', '/licenses?size=all'));
    await settled(page);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('changes nothing: the marks and the panel stay, and the content script still follows the page', async () => {
    const before = await drawn(page);
    expect(before).toMatchObject({ panels: 1, doubled: 0, rows: 40, state: 'ready' });
    expect(before.markers).toBeGreaterThan(0);
    const panelBefore = await inPanel(page, (root) => root.querySelector('.panel')?.textContent);

    await page.evaluate((id) => {
      const started = `${id}:content:wxt:content-script-started`;
      const detail = { contentScriptName: 'content', messageId: 'from-the-page' };
      // As WXT's ContentScriptContext sends it (a CustomEvent on document), from an element below, and as its postMessage.
      document.dispatchEvent(new CustomEvent(started, { detail }));
      document.body.dispatchEvent(new CustomEvent(started, { detail, bubbles: true, composed: true }));
      window.postMessage({ type: started, ...detail }, '*');
      // And WXT's "address changed" for good measure.
      window.dispatchEvent(new Event(`${id}:content:wxt:locationchange`));
    }, extensionIdOf(session));
    await page.waitForTimeout(1_000);

    expect(await drawn(page)).toEqual(before);
    expect(await inPanel(page, (root) => root.querySelector('.panel')?.textContent)).toBe(panelBefore);

    // Still alive: a row the page takes away is noticed (a stopped script would not re-read), and the panel says so.
    await page.evaluate(() => document.querySelector('[data-clh-license]:not([data-clh-flags~="expired"]):not([data-clh-flags~="expiring"])')!.remove());
    await expect.poll(() => inPanel(page, (root) => root.querySelector('[data-clh-unread]')?.getAttribute('data-clh-unread')), { timeout: 10_000 }).toBe('1');
    expect((await drawn(page)).panels).toBe(1);
  });

  it('cannot look into the panel or the markers: their shadow roots are closed', async () => {
    await page.goto(session.url('lk.cleverence.ru', '/licenses?size=all'));
    await settled(page);
    const seenByThePage = await page.evaluate(() => ({
      panel: document.querySelector('clh-panel')!.shadowRoot,
      markers: [...document.querySelectorAll('[data-clh-marker]')].filter((marker) => marker.shadowRoot !== null).length,
    }));
    expect(seenByThePage).toEqual({ panel: null, markers: 0 });
    // They are there all the same: the user sees the panel's counts and each marker's «!».
    expect(await countInPanel(page, '.panel .bar')).toBe(1);
    const badges = await inShadowRoots(page, '[data-clh-marker]', (roots) => roots.map((root) => root.firstElementChild?.textContent));
    expect(badges.length).toBe((await drawn(page)).markers);
    expect(new Set(badges)).toEqual(new Set(['!']));
    // And they work for the user: a filter chip, clicked as a person clicks it.
    await clickInPanel(page, '[data-clh-filter="problems"]');
    expect(await page.evaluate(() => document.querySelectorAll('[data-clh-filtered]').length)).toBeGreaterThan(0);
  });
});

describe('an upload while the page sends `beforeunload` events of its own', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('goes on as if nothing happened, and its progress is in a closed shadow root', async () => {
    const { tab, tabId } = await openAccountTab(session);
    // The tab says it is leaving, every 50 ms, without ever leaving: the driver would hold every item back for good.
    await tab.evaluate(() => {
      setInterval(() => {
        dispatchEvent(new Event('beforeunload'));
        dispatchEvent(new Event('beforeunload', { cancelable: true }));
      }, 50);
    });
    const codes = genuineCodes(7000, 8);
    session.demo.setFaults({ delayMs: 100 });
    const popup = await openPopup(session, tabId);
    await choose(popup, { text: codes.join('\n') }, codes.length);
    await send(popup);
    await waitForJob(popup, 'finished', 30_000);
    expect(await jobCounts(popup)).toMatchObject({ added: codes.length, failed: 0, queued: 0, sending: 0 });

    await waitForIndicator(tab, new RegExp(`завершена: ${codes.length} из ${codes.length}`), 5_000);
    expect(await tab.evaluate(() => ({ hosts: document.querySelectorAll('clh-upload').length, root: document.querySelector('clh-upload')!.shadowRoot }))).toEqual({ hosts: 1, root: null });
  });
});

/**
 * The extension reloaded from chrome://extensions, which stays open in front
 * of the account's tab (the tab is shown again when the caller closes it):
 * an extension loaded from a folder comes back after `chrome.runtime.reload()`
 * only in developer mode. Returns its new service worker.
 */
async function reloadExtension(session: Session, worker: Worker): Promise<{ worker: Worker; extensions: Page }> {
  const extensions = await session.context.newPage();
  await extensions.goto('chrome://extensions');
  await extensions.evaluate(() => (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(config: object): Promise<void> } } })
    .chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));
  const next = session.context.waitForEvent('serviceworker', { timeout: 15_000 });
  // The worker goes with it, and may not answer.
  await worker.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.reload()).catch(() => undefined);
  return { worker: await next, extensions };
}

/** What a newer version does where the browser puts its content script into pages already open (Firefox does): it starts there. */
async function injectContentScript(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof browser };
    for (const tab of await chrome.tabs.query({ url: 'https://lk.cleverence.ru/*' })) {
      await chrome.scripting.executeScript({ target: { tabId: tab.id! }, files: ['/content-scripts/content.js'] });
    }
  });
}

describe('the extension reloaded under an open account page', () => {
  let session: Session;
  let page: Page;
  let worker: Worker;
  beforeAll(async () => {
    session = await launch();
    worker = session.worker!;
    page = await session.context.newPage();
    await logIn(page, session, 'typical');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('leaves the old copy\'s marks and panel nowhere once the new copy starts: one panel, each marker once', async () => {
    await page.goto(session.url('lk.cleverence.ru', '/licenses?size=all'));
    await settled(page);
    const before = await drawn(page);
    expect(before.markers).toBeGreaterThan(0);

    const reloaded = await reloadExtension(session, worker);
    worker = reloaded.worker;
    // The old copy is orphaned but still on the page: no newer copy has said so, and the tab was not shown again.
    expect((await drawn(page)).panels).toBe(1);
    await injectContentScript(worker);
    await expect.poll(() => drawn(page), { timeout: 20_000 }).toEqual(before);
    expect(await countInPanel(page, '.panel .bar')).toBe(1);
    await reloaded.extensions.close();
  });

  it('takes the old copy\'s marks and panel off at the page\'s next change, with no newer copy to say so', async () => {
    // (Or when the tab is shown again: tests/reading/content-script-end.test.ts. Playwright keeps every page visible.)
    await page.goto(session.url('lk.cleverence.ru', '/devices?size=all'));
    await settled(page);
    await clickInPanel(page, '[data-clh-filter="problems"]');
    expect(await counts(page)).toMatchObject({ devices: 25 });
    const hidden = await page.evaluate(() => document.querySelectorAll('[data-clh-filtered]').length);
    expect(hidden).toBeGreaterThan(0);

    const reloaded = await reloadExtension(session, worker);
    worker = reloaded.worker;
    await reloaded.extensions.close();
    // Its marks could no longer follow the list: once the list changes, the orphaned copy takes back everything it wrote.
    await page.evaluate(() => document.querySelector('main')!.append(document.createElement('p')));
    await expect.poll(() => drawn(page), { timeout: 10_000 }).toEqual({ panels: 0, markers: 0, doubled: 0, rows: 0, state: null, counts: null });
    expect(await page.evaluate(() => document.querySelectorAll('[data-clh-filtered], [style*="!important"]').length)).toBe(0);
  });
});

describe('the extension reloaded during an upload', () => {
  let session: Session;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('leaves one progress box in the tab: the old driver\'s goes when the job\'s new one comes', async () => {
    const { tab, tabId } = await openAccountTab(session);
    const codes = genuineCodes(7100, 16);
    session.demo.setFaults({ delayMs: 300 });
    const popup = await openPopup(session, tabId);
    await choose(popup, { text: codes.join('\n') }, codes.length);
    await send(popup);
    await waitForIndicator(tab, /Загрузка лицензий: [1-9]/);
    await popup.close();

    const { extensions } = await reloadExtension(session, session.worker!);
    // The job goes on from where the extension's storage says it was, with a new driver in the tab; the tab stays
    // behind chrome://extensions meanwhile, so the old box can only learn of the new one from the new one.
    await waitForIndicator(tab, new RegExp(`завершена: ${codes.length} из ${codes.length}`), 45_000);
    expect(await tab.evaluate(() => document.querySelectorAll('clh-upload').length)).toBe(1);
    expect(await indicatorTexts(tab)).toHaveLength(1);
    await extensions.close();
  });
});
