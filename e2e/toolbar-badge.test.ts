/**
 * The toolbar button's count of what ends soon, over every account seen: in
 * Chromium on the demo, two accounts visited, the worker stopped and started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTabId, counts, launch, localeMessages, logIn, openPopup, settled, stopWorker, toolbarBadge, type Session } from './harness';

let session: Session;

beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

const ru = localeMessages('ru');

describe('the toolbar badge', () => {
  it('counts the licenses ending within 30 days over every account seen, and shows the same after the worker was stopped', async () => {
    const page = await session.context.newPage();
    const expiring: number[] = [];
    // The same customer on the Russian account and on the English one: two accounts, as the extension keys them.
    for (const host of ['lk.cleverence.ru', 'lk.cleverence.com']) {
      await logIn(page, session, 'typical', host);
      await page.goto(session.url(host, '/licenses'));
      await settled(page);
      expiring.push((await counts(page)).expiring!);
      // Both tabs' lists are kept once the page is marked, the other tab's read whole beside it.
      await page.goto(session.url(host, '/devices'));
      await settled(page);
    }
    expect(expiring[0]).toBeGreaterThan(0);
    const popup = await openPopup(session, await accountTabId(session, 'lk.cleverence.com'));
    const total = String(expiring[0]! + expiring[1]!);
    await expect.poll(async () => (await toolbarBadge(popup)).text).toBe(total);
    const { title } = await toolbarBadge(popup);
    expect(title).toContain(ru.badgeEnding!.message.replace('$1', '30 дней').replace('$2', total).replace('$3', '2'));
    // Wiped from the button (Chrome would keep it over a worker's restart anyway), and the worker stopped: started
    // again by the next event, it counts from what it keeps alone, and shows the same.
    await popup.evaluate(() => (globalThis as unknown as { chrome: typeof browser }).chrome.action.setBadgeText({ text: '' }));
    await popup.close();
    await stopWorker(session);
    const again = await openPopup(session, await accountTabId(session, 'lk.cleverence.com'));
    await expect.poll(() => toolbarBadge(again)).toEqual({ text: total, title });
  });
});
