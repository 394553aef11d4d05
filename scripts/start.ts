/**
 * `npm start`: the extension on the demo account, in the browser this machine
 * has (scripts/find-browser.ts; on Debian as root one is installed when there
 * is none). On a desktop the browser opens with the extension and the demo
 * account and stays open for you; without a display (or with CI set) it
 * visits the account headless, prints a short report of what the extension
 * found, uploads a few licenses through the popup, saves screenshots and exits.
 */
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demoCard } from '../demo-site/cards';
import { accountLines, plural as many } from '../demo-site/guide';
import { licenseFileXml } from '../demo-site/license-files';
import { accountTabId, counts, EXTENSION_DIR, inPanel, launch, logIn, openPanel, openPopup, settled, toolbarBadge, type Session } from '../e2e/harness';
import { ensureBrowser, NoBrowser } from './find-browser';

const say = (line = '') => console.log(line);
/** A path as short as it can be said: from here when it is under here. */
const shown = (file: string) => {
  const here = relative(process.cwd(), file);
  return here === '' || here.startsWith('..') ? file : here;
};
/** `new=5 duplicate=1 present=0` as "5 new, 1 duplicate". */
const tally = (attribute: string | null) =>
  (attribute ?? '').split(' ').map((pair) => pair.split('=')).filter(([, count]) => Number(count) > 0).map(([name, count]) => `${count} ${name}`).join(', ');

/**
 * The page's counts (`<html data-clh-counts>`) in words, as the panel says
 * them; only what is there, and what "expiring" means once.
 */
function countsInWords(found: Record<string, number>): string[] {
  const lines = [
    [found['missing-cloud'], 'device of a cloud database has no cloud license', 'devices of a cloud database have no cloud license', 'the site failed them: tell Cleverence support'],
    [found['cloud-expired'], 'device\'s cloud license has expired', 'devices\' cloud licenses have expired', 'such a device runs in demo mode until it is renewed'],
    [found['cloud-ending'], 'device\'s paid cloud term ends within 30 days', 'devices\' paid cloud terms end within 30 days', undefined],
    [found.expiring, 'license is expiring', 'licenses are expiring', 'expiring: the update subscription or paid cloud term («До») ends today or within the next 30 days'],
    [found.expired, 'license has expired', 'licenses have expired', '«Истекла», or its «До» day has passed'],
    [found['unknown-device'], 'license is bound to a device not on the Устройства tab', 'licenses are bound to devices not on the Устройства tab', undefined],
  ] as const;
  const said = lines
    .filter(([count]) => (count ?? 0) > 0)
    .map(([count, one, more, why]) => `${many(count!, one, more)}${why ? ` (${why})` : ''}`);
  return said.length > 0 ? said : ['nothing wrong'];
}

/** A bulk upload as a user makes one: 4 pasted codes (one of them twice, one unknown) and 2 files (one not a license). */
async function uploadThroughPopup(session: Session, outDir: string): Promise<void> {
  const popup: Page = await openPopup(session, await accountTabId(session));
  await popup.setViewportSize({ width: 520, height: 640 });
  const codes = [demoCard(1).code, demoCard(2).code, demoCard(3).code.toLowerCase(), demoCard(1).code, 'ABCDE-ABCDE-ABCDE-ABCDE-ABCDE'];
  await popup.fill('[data-clh-paste]', `Добрый день! Коды активации:\n${codes.join('\n')}\n\nС уважением, отдел продаж\n+7 (495) 662-98-03`);
  await popup.setInputFiles('[data-clh-files]', [
    { name: 'Лицензия 4.xml', mimeType: 'text/xml', buffer: Buffer.from(licenseFileXml(demoCard(4))) },
    { name: 'заметки.xml', mimeType: 'text/xml', buffer: Buffer.from('<?xml version="1.0"?><notes><note>купить сканер</note></notes>') },
  ]);
  await popup.waitForSelector('[data-clh-item="unreadable"]');
  const preview = await popup.getAttribute('[data-clh-preview-counts]', 'data-clh-preview-counts');
  const previewFile = resolve(outDir, 'upload-preview.png');
  await popup.screenshot({ path: previewFile });
  say(`Bulk upload through the popup: an e-mail of ${codes.length} codes pasted (one twice, one nobody issued) and 2 files dropped (one not a license).`);
  say(`  Before sending, the popup sorted them: ${tally(preview)}.`);
  await popup.click('[data-clh-send]');
  await popup.waitForSelector('[data-clh-job="finished"]', { timeout: 60_000 });
  const outcome = await popup.getAttribute('[data-clh-job]', 'data-clh-job-counts');
  say(`  Sent one by one through the account's own «Загрузить лицензии» form: ${tally(outcome)}. Each line as the popup shows it:`);
  for (const line of await popup.locator('[data-clh-outcome]').evaluateAll((items) => items.map((item) => (item as HTMLElement).innerText.replace(/\s+/g, ' ').trim()))) {
    say(`    · ${line}`);
  }
  const jobFile = resolve(outDir, 'upload-job.png');
  await popup.screenshot({ path: jobFile });
  say(`  Screenshots: ${shown(previewFile)} (before sending), ${shown(jobFile)} (after).`);
  await popup.close();
}

/** The headless visit: each tab, what the extension found there, a screenshot of each. */
async function report(session: Session, page: Page, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const tabs: Array<[name: string, path: string, what: (found: Record<string, number>) => string]> = [
    ['licenses', '/licenses', (found) => `Лицензии: ${many(found.licenses ?? 0, 'license', 'licenses')} read, checked against ${many(found.devices ?? 0, 'device', 'devices')}.`],
    ['devices', '/devices', (found) => `Устройства: ${many(found.devices ?? 0, 'device', 'devices')} read, checked against ${many(found.licenses ?? 0, 'license', 'licenses')}.`],
  ];
  for (const [name, path, what] of tabs) {
    await page.goto(session.url('lk.cleverence.ru', path));
    await settled(page);
    const found = await counts(page);
    say(what(found));
    for (const line of countsInWords(found)) say(`  ${line}`);
    // The first tab as the panel first shows (one bar above the list), the second with its details opened there.
    const file = resolve(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    // The panel's shadow root is closed to the page: read through the DevTools protocol, as DevTools shows it.
    await openPanel(page);
    const missing = (await inPanel(page, (root) =>
      [...root.querySelectorAll('[data-clh-missing-device]')].map((item) => (item as HTMLElement).innerText.split('\n').filter(Boolean).join(' · ')))) ?? [];
    if (missing.length > 0) say('  The panel names the devices with no cloud license:');
    for (const device of missing) say(`    · ${device}`);
    say(`  Screenshot: ${shown(file)}`);
    say();
  }
  await page.goto(session.url('lk.cleverence.ru', '/licenses'));
  await settled(page);
  await uploadThroughPopup(session, outDir);
  const indicator = resolve(outDir, 'upload-indicator.png');
  await page.screenshot({ path: indicator });
  say(`  The account's tab during and after it: ${shown(indicator)}`);
  say();
  await overviewOfAccounts(session, page, outDir);
}

/** A partner's view: two more accounts visited, then every account in one view, and the renewal plan. */
async function overviewOfAccounts(session: Session, page: Page, outDir: string): Promise<void> {
  for (const login of ['article', 'hostile']) {
    await logIn(page, session, login);
    for (const path of ['/licenses', '/devices']) {
      await page.goto(session.url('lk.cleverence.ru', path));
      await settled(page);
    }
  }
  const overview = await session.context.newPage();
  await overview.goto(`chrome-extension://${new URL(session.worker!.url()).host}/overview.html`);
  // The lists of the account just visited are kept once its page is marked: opened again until it shows all three.
  for (let tries = 0; tries < 20 && (await overview.locator('[data-clh-account-row]').count()) < 3; tries++) {
    await overview.waitForTimeout(250);
    await overview.reload();
  }
  say(`Every account seen, in one view (overview.html): ${await overview.textContent('[data-clh-overview-summary]')}`);
  const badge = await toolbarBadge(overview);
  say(`  The toolbar button: ${badge.text || '(nothing)'} — ${badge.title.split('\n').slice(1).join(' ')}`);
  const file = resolve(outDir, 'overview.png');
  await overview.screenshot({ path: file });
  await overview.click('[data-clh-view="plan"]');
  await overview.waitForSelector('[data-clh-plan-summary]');
  say(`  The renewal plan, 90 days ahead: ${await overview.textContent('[data-clh-plan-summary]')}`);
  const plan = resolve(outDir, 'renewal-plan.png');
  await overview.screenshot({ path: plan });
  say(`  Screenshots: ${shown(file)}, ${shown(plan)}`);
}

async function main(): Promise<void> {
  const browser = ensureBrowser();
  const headed = !process.env.CI && (process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY));
  const outDir = resolve(process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'screenshots');
  say(`License Helper for Cleverence, built in ${shown(EXTENSION_DIR)}, in ${browser.name} (${browser.path})${headed ? '' : ', headless'}.`);
  const session = await launch({ headed, browser });
  try {
    // The tab the browser opened with, rather than a second one beside an empty first.
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    await logIn(page, session, 'typical');
    say(`On the demo account, logged in as typical: ${session.url('lk.cleverence.ru', '/licenses')}`);
    say();
    if (headed) {
      await settled(page);
      const found = await counts(page);
      say(`The extension has read the Лицензии tab: ${many(found.licenses ?? 0, 'license', 'licenses')}; ${countsInWords(found).join('; ')}.`);
      say('The browser is open with the extension loaded. To see another account, log out (top right) and log in as one of these, with any password:');
      for (const line of accountLines()) say(`  ${line}`);
      say(`The English account: ${session.url('lk.cleverence.com', '/login')}. Sample license files to upload: ${session.url('lk.cleverence.ru', '/demo/license-files/1.xml')} (any number).`);
      say('Close the browser window to stop.');
      await new Promise<void>((done) => session.context.on('close', () => done()));
      return;
    }
    await report(session, page, outDir);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  // A missing browser is said in one sentence; anything else with its stack.
  console.error(error instanceof NoBrowser ? error.message : error);
  process.exit(1);
});
