/**
 * `npm run screenshots`: the five Chrome Web Store screenshots (1280×800 PNG)
 * into store/screenshots/, made from the demo account with the production
 * build (`npx wxt build` first; `npm run screenshots` does it).
 *
 * 1. Лицензии of `typical`: the rows marked and the summary panel, the list cut down to the problem rows
 * 2. Устройства cut down to the devices of a cloud database with no cloud license; the panel's list of them, and what to tell support
 * 3. the popup's preview of a bulk upload (a pasted e-mail and two files), over the account's page
 * 4. a partner's accounts in one view: three customers, what ends within 7, 30 and 90 days in each
 * 5. the English account (lk.cleverence.com) in a browser set to English
 *
 * A page is shot as the browser shows it at 1280×800. The popup is its own
 * page, as narrow as Chrome opens it: it is laid over a shot of the account
 * tab at the top right, where Chrome drops it from the toolbar button.
 * The demo runs on a port of its own; the one place the popup prints the
 * account's address, the port is left out, as the real account has none.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { CODE_ALPHABET } from '../demo-site/catalog';
import { demoCard } from '../demo-site/cards';
import { licenseFileXml } from '../demo-site/license-files';
import { accountTabId, clickInPanel, inPanel, launch, logIn, openPopup, settled, type Session } from '../e2e/harness';

const WIDTH = 1280;
const HEIGHT = 800;
/** Chrome opens a popup as wide as its page asks (420-640 px here) and at most 600 px high. */
const POPUP = { width: 600, maxHeight: 600 };

const outDir = resolve(import.meta.dirname, '../store/screenshots');
mkdirSync(outDir, { recursive: true });

function save(name: string, png: Buffer): void {
  const file = resolve(outDir, name);
  writeFileSync(file, png);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width !== WIDTH || height !== HEIGHT) throw new Error(`${name} is ${width}×${height}, not ${WIDTH}×${HEIGHT}`);
  console.log(`${file} (${width}×${height})`);
}

/** A well-formed activation code no card has (the n-th card's, its check character changed): the account refuses it. */
function wrongCode(n: number): string {
  const code = demoCard(n).code;
  return code.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(code.at(-1)!) + 1) % CODE_ALPHABET.length];
}

async function accountPage(session: Session, login: string, host = 'lk.cleverence.ru'): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  await logIn(page, session, login, host);
  return page;
}

async function showList(page: Page, session: Session, host: string, path: string): Promise<void> {
  await page.goto(session.url(host, path));
  await settled(page);
}

/** Folds the summary panel away or opens it again (the extension remembers it, in this run's own profile). */
async function setPanelOpen(page: Page, open: boolean): Promise<void> {
  const expanded = await inPanel(page, (root) => root.querySelector('.toggle')?.getAttribute('aria-expanded'));
  if ((expanded === 'true') !== open) await clickInPanel(page, '.toggle');
  await page.waitForTimeout(200);
}

/** The popup's page as Chrome would size it: its width, and its content's height up to Chrome's limit. */
async function popupShot(popup: Page): Promise<Buffer> {
  // The demo's port is no part of the account's address (the real one is lk.cleverence.ru).
  await popup.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      node.nodeValue = node.nodeValue!.replace(/(cleverence\.(?:ru|com)):\d+/g, '$1');
    }
  });
  // As high as its content, measured in a short window (a tall one would stretch the page to fill it).
  await popup.setViewportSize({ width: POPUP.width, height: 100 });
  const height = Math.min(POPUP.maxHeight, await popup.evaluate(() => document.documentElement.scrollHeight));
  await popup.setViewportSize({ width: POPUP.width, height });
  await popup.waitForTimeout(200);
  return popup.screenshot({ clip: { x: 0, y: 0, width: POPUP.width, height } });
}

/** The account tab's shot with the popup over it, where Chrome shows it below the toolbar button. */
async function withPopup(session: Session, tab: Buffer, popup: Buffer): Promise<Buffer> {
  const canvas = await session.context.newPage();
  await canvas.setViewportSize({ width: WIDTH, height: HEIGHT });
  const image = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  await canvas.setContent(`<!doctype html>
    <style>
      html, body { margin: 0; width: ${WIDTH}px; height: ${HEIGHT}px; overflow: hidden; }
      .tab { position: absolute; inset: 0; display: block; }
      .popup { position: absolute; top: 6px; right: 16px; display: block; border: 1px solid #c4cad1; border-radius: 8px;
        box-shadow: 0 12px 32px rgba(16, 24, 40, .28), 0 2px 6px rgba(16, 24, 40, .16); background: #fff; }
    </style>
    <img class="tab" src="${image(tab)}" width="${WIDTH}" height="${HEIGHT}">
    <img class="popup" src="${image(popup)}">`);
  await canvas.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
  const png = await canvas.screenshot({ clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
  await canvas.close();
  return png;
}

async function russian(): Promise<void> {
  const session = await launch();
  try {
    const host = 'lk.cleverence.ru';
    const page = await accountPage(session, 'typical');

    // 1. Лицензии: every license on one page, cut down to the rows the extension marked; the panel one bar above them.
    await showList(page, session, host, '/licenses?size=all');
    await setPanelOpen(page, false);
    await clickInPanel(page, '[data-clh-filter="problems"]');
    save('1-licenses.png', await page.screenshot());

    // 2. Устройства: the panel's details, with the devices missing a cloud license and what to tell support.
    await showList(page, session, host, '/devices?size=all');
    await clickInPanel(page, '[data-clh-filter="all"]');
    await setPanelOpen(page, true);
    save('2-devices.png', await page.screenshot());

    // 3. A bulk upload's preview: an e-mail pasted (three codes, one of them twice and one typed with
    //    spaces, an order number, a phone), a license file and an XML file that is no license.
    await showList(page, session, host, '/licenses');
    await setPanelOpen(page, false);
    const popup = await openPopup(session, await accountTabId(session));
    await popup.setViewportSize({ width: POPUP.width, height: POPUP.maxHeight });
    const [first, second, spaced] = [demoCard(101).code, demoCard(102).code, demoCard(103).code];
    await popup.setInputFiles('[data-clh-files]', [
      { name: 'Склад 15 — ТСД 1.xml', mimeType: 'text/xml', buffer: Buffer.from(licenseFileXml(demoCard(104))) },
      { name: 'настройки обмена.xml', mimeType: 'text/xml', buffer: Buffer.from('<?xml version="1.0"?><settings><exchange>1С</exchange></settings>') },
    ]);
    await popup.fill('[data-clh-paste]', [
      'Добрый день! По заказу № 2026-1187 высылаем коды активации:',
      `${first}, ${second}, ${wrongCode(105)}`,
      `и ещё один: ${spaced.replaceAll('-', ' ')}`,
      `Повторно: ${first}`,
      'С уважением, отдел продаж, +7 (495) 662-98-03',
    ].join('\n'));
    await popup.waitForSelector('[data-clh-item="unreadable"]');
    await popup.waitForSelector('[data-clh-item="maybe"]');
    await popup.locator('[data-clh-item="maybe"] [data-clh-tick]').check();
    await popup.evaluate(() => document.querySelector('textarea')?.scrollTo(0, 0));
    console.log(`preview: ${await popup.getAttribute('[data-clh-preview-counts]', 'data-clh-preview-counts')}`);
    save('3-upload-preview.png', await withPopup(session, await page.screenshot(), await popupShot(popup)));

    // 4. A partner's accounts together: two more customers visited, then the overview with what ends soon in each.
    await popup.close();
    for (const login of ['article', 'hostile']) {
      await logIn(page, session, login, host);
      for (const path of ['/licenses', '/devices']) await showList(page, session, host, path);
    }
    const overview = await session.context.newPage();
    await overview.setViewportSize({ width: WIDTH, height: HEIGHT });
    await overview.goto(`chrome-extension://${new URL(session.worker!.url()).host}/overview.html`);
    // The lists of the account just visited are kept once its page is marked: opened again until it shows all three.
    for (let tries = 0; tries < 20 && (await overview.locator('[data-clh-account-row]').count()) < 3; tries++) {
      await overview.waitForTimeout(250);
      await overview.reload();
    }
    save('4-overview.png', await overview.screenshot());
  } finally {
    await session.close();
  }
}

async function english(): Promise<void> {
  const session = await launch({ locale: 'en-US' });
  try {
    const host = 'lk.cleverence.com';
    const page = await accountPage(session, 'typical', host);
    // 5. The English account in an English browser: the same findings, in English.
    await showList(page, session, host, '/licenses?size=50');
    save('5-english.png', await page.screenshot());
  } finally {
    await session.close();
  }
}

await russian();
await english();
