/**
 * `npm start`: the extension on the demo account. With a display, Chromium
 * opens and stays open for you to use; without one (or with CI set) it
 * visits the account headless, prints what the extension found, uploads a
 * few licenses through the popup, saves screenshots and exits.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demoCard } from '../demo-site/cards';
import { licenseFileXml } from '../demo-site/license-files';
import { accountTabId, counts, inPanel, launch, logIn, openPopup, settled, type Session } from '../e2e/harness';

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
  console.log(`upload preview: ${await popup.getAttribute('[data-clh-preview-counts]', 'data-clh-preview-counts')}`);
  await popup.screenshot({ path: resolve(outDir, 'upload-preview.png') });
  await popup.click('[data-clh-send]');
  await popup.waitForSelector('[data-clh-job="finished"]', { timeout: 60_000 });
  console.log(`upload finished: ${await popup.getAttribute('[data-clh-job]', 'data-clh-job-counts')}`);
  for (const line of await popup.locator('[data-clh-outcome]').evaluateAll((items) => items.map((item) => (item as HTMLElement).innerText.replace(/\s+/g, ' ')))) {
    console.log(`  ${line}`);
  }
  await popup.screenshot({ path: resolve(outDir, 'upload-job.png') });
  console.log(`  screenshots: ${resolve(outDir, 'upload-preview.png')}, ${resolve(outDir, 'upload-job.png')}`);
  await popup.close();
}

const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
const outDir = resolve(process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'screenshots');
const session = await launch({ headed });
const page = await session.context.newPage();
await logIn(page, session, 'typical');
console.log(`Demo account: ${session.url('lk.cleverence.ru', '/licenses')} (logins: article, typical, partner, hostile, broken; any password)`);
console.log(`Sample license files to upload: ${session.url('lk.cleverence.ru', '/demo/license-files/1.xml')} (any number)`);

if (headed) {
  console.log('Chromium is open with the extension loaded. Close the window to stop.');
  await new Promise<void>((done) => session.context.on('close', () => done()));
  await session.close();
} else {
  mkdirSync(outDir, { recursive: true });
  const shots: Array<[name: string, path: string]> = [
    ['licenses', '/licenses'],
    ['devices', '/devices'],
  ];
  for (const [name, path] of shots) {
    await page.goto(session.url('lk.cleverence.ru', path));
    await settled(page);
    const found = await counts(page);
    // The panel's shadow root is closed to the page: read through the DevTools protocol, as DevTools shows it.
    const missing = (await inPanel(page, (root) =>
      [...root.querySelectorAll('[data-clh-missing-device]')].map((item) => (item as HTMLElement).innerText.split('\n').filter(Boolean).join(' · ')))) ?? [];
    console.log(`${name}: ${Object.entries(found).map(([key, value]) => `${key}=${value}`).join(' ')}`);
    for (const device of missing) console.log(`  no cloud license: ${device}`);
    const file = resolve(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`  screenshot: ${file}`);
  }
  await page.goto(session.url('lk.cleverence.ru', '/licenses'));
  await settled(page);
  await uploadThroughPopup(session, outDir);
  await page.screenshot({ path: resolve(outDir, 'upload-indicator.png') });
  await session.close();
}
