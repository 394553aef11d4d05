/**
 * What the panel's «Копировать текстом» and «Скачать CSV» give for the
 * `typical` account, compared with files checked by hand
 * (e2e/expected/typical-*.txt|csv). The demo's dates move with today, so the
 * files say each date as days from today (`{{+20}}`, `{{-3}}`) and the test
 * writes them in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday, formatDay } from '../demo-site/calendar';
import { clickInPanel, launch, logIn, settled, type Session } from './harness';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.url('lk.cleverence.ru', '') });
  page = await session.context.newPage();
  await logIn(page, session, 'typical');
  await page.goto(session.url('lk.cleverence.ru', '/licenses'));
  await settled(page);
});
afterAll(async () => {
  await session?.close();
});

/** An expected file with its days from today written as dates, and the demo's port as it is now. */
function expected(name: string): string {
  const today = localToday();
  return readFileSync(resolve(import.meta.dirname, 'expected', name), 'utf8')
    .replace(/\{\{([+-]\d+)\}\}/g, (_, offset: string) => formatDay(today + Number(offset)))
    .replace(/\{\{port\}\}/g, String(session.demo.port));
}

describe('the findings of `typical`, as a person takes them away', () => {
  it('copied as text: whose account, which company, which day, each kind of finding in words with its rows', async () => {
    await clickInPanel(page, '[data-clh-copy]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('Кабинет: typical@example.ru');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected('typical-report.txt'));
  });

  it('downloaded as CSV: named by account and day, one finding a row, every row naming its account', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), clickInPanel(page, '[data-clh-csv]')]);
    const day = formatDay(localToday()).split('.').reverse().join('-');
    expect(download.suggestedFilename()).toBe(`cleverence-typical@example.ru-${day}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toBe(expected('typical-report.csv'));
  });
});
