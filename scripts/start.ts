/**
 * `npm start`: the extension on the demo account. With a display, Chromium
 * opens and stays open for you to use; without one (or with CI set) it
 * visits the account headless, prints what the extension found, saves
 * screenshots and exits.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { counts, launch, logIn, settled } from '../e2e/harness';

const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
const outDir = resolve(process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1]! : 'screenshots');
const session = await launch({ headed });
const page = await session.context.newPage();
await logIn(page, session, 'typical');
console.log(`Demo account: ${session.url('lk.cleverence.ru', '/licenses')} (logins: article, typical, partner, hostile, broken; any password)`);

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
    const missing = await page.evaluate(() =>
      [...(document.querySelector('clh-panel')?.shadowRoot?.querySelectorAll('[data-clh-missing-device]') ?? [])].map((item) => (item as HTMLElement).innerText.split('\n').filter(Boolean).join(' · ')));
    console.log(`${name}: ${Object.entries(found).map(([key, value]) => `${key}=${value}`).join(' ')}`);
    for (const device of missing) console.log(`  no cloud license: ${device}`);
    const file = resolve(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`  screenshot: ${file}`);
  }
  await session.close();
}
