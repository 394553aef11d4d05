/** The English account (lk.cleverence.com) in a browser set to English: same findings, in English words. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoCard } from '../demo-site/cards';
import { accountTabId, counts, inPanel, launch, localeMessages, logIn, openPopup, panelText, settled, type Session } from './harness';
import { expectedCounts, markedLicenseRows, missingCloudDevices, seeded } from './rows';

let session: Session;
let page: Page;
const en = localeMessages('en');

beforeAll(async () => {
  session = await launch({ locale: 'en-US' });
  page = await session.context.newPage();
  await logIn(page, session, 'typical', 'lk.cleverence.com');
});
afterAll(async () => {
  await session?.close();
});

it('reads the English list and finds what the Russian one shows', async () => {
  await page.goto(session.url('lk.cleverence.com', '/licenses?size=all&layout=grid'));
  await settled(page);
  const truth = seeded('typical').truth;
  expect(await page.textContent('h1')).toBe('Licenses');
  expect(await counts(page)).toEqual(expectedCounts(seeded('typical')));
  expect((await missingCloudDevices(page)).sort()).toEqual([...truth.missingCloudLicense].sort());
  const rows = await markedLicenseRows(page);
  expect(rows.filter((row) => row.flags.includes('expiring')).map((row) => row.daysLeft).sort((a, b) => a! - b!)).toEqual([3, 20]);
});

it('speaks English in its panel', async () => {
  const heading = await inPanel(page, (root) => root.querySelector('h2')?.textContent);
  expect(heading).toBe(en.panelTitle!.message);
  const text = await panelText(page);
  expect(text).toContain(en.countMissingCloud!.message);
  // Device and database names stay as the account spells them; our own words must not be Russian.
  expect(text).not.toMatch(/Устройств|Лиценз|Подписк|Облачн/u);
});

it('uploads into the English account, in English, reading the English site\'s answers', async () => {
  await page.goto(session.url('lk.cleverence.com', '/licenses'));
  const popup = await openPopup(session, await accountTabId(session, 'lk.cleverence.com'));
  expect(await popup.textContent('h1')).toBe(en.popupTitle!.message);
  const good = demoCard(9000).code;
  const unknown = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
  await popup.fill('[data-clh-paste]', `Hello, your activation codes: ${good}; ${unknown}.\nBest regards`);
  await expect.poll(() => popup.locator('[data-clh-item="new"]').count()).toBe(2);
  await popup.click('[data-clh-send]');
  await popup.waitForSelector('[data-clh-job="finished"]');
  const lines = await popup.locator('[data-clh-outcome]').evaluateAll((items) => items.map((item) => [item.getAttribute('data-clh-outcome'), (item as HTMLElement).innerText]));
  // The refusal first (what needs a look), then the added.
  expect(lines.map(([outcome]) => outcome)).toEqual(['rejected', 'added']);
  expect(lines[0]![1]).toContain(`Activation code ${unknown} was not found`);
  expect(lines[1]![1]).toContain(`with activation code ${good} has been added to your account`);
  expect(await popup.textContent('[data-clh-job] [role="status"]')).toBe(en.jobFinished!.message.replace('$1', '2').replace('$2', '2'));
});

const ru = localeMessages('ru');

/** Our words on a page: the panel's heading, its text, and every marker's tooltip. */
async function wordsOnPage(tab: Page): Promise<{ heading: string | null | undefined; panel: string; markers: string }> {
  return {
    heading: await inPanel(tab, (root) => root.querySelector('h2')?.textContent),
    panel: await panelText(tab),
    markers: (await markedLicenseRows(tab)).map((row) => row.marker).filter(Boolean).join(' | '),
  };
}

it('on the Russian account, writes on the page in the page\'s Russian, and its popup keeps the browser\'s English', async () => {
  const tab = await session.context.newPage();
  await logIn(tab, session, 'typical', 'lk.cleverence.ru');
  await tab.goto(session.url('lk.cleverence.ru', '/licenses'));
  await settled(tab);
  const words = await wordsOnPage(tab);
  expect(words.heading).toBe(ru.panelTitle!.message);
  expect(words.panel).toContain(ru.countMissingCloud!.message);
  expect(words.panel).not.toContain(en.countMissingCloud!.message);
  // The marks' explanations point to the site's own «Продлить», in its words.
  expect(words.markers).toMatch(/\p{Script=Cyrillic}/u);
  expect(words.markers).not.toMatch(/\b(?:the|renew|license|device|subscription)\b/i);

  const popup = await openPopup(session, await accountTabId(session, 'lk.cleverence.ru'));
  expect(await popup.textContent('h1')).toBe(en.popupTitle!.message);
  await popup.close();
  await tab.close();
});

it('in a Russian browser on the English account, writes on the page in English', async () => {
  const russian = await launch({ locale: 'ru-RU' });
  try {
    const tab = await russian.context.newPage();
    await logIn(tab, russian, 'typical', 'lk.cleverence.com');
    await tab.goto(russian.url('lk.cleverence.com', '/licenses'));
    await settled(tab);
    const words = await wordsOnPage(tab);
    expect(words.heading).toBe(en.panelTitle!.message);
    expect(words.panel).toContain(en.countMissingCloud!.message);
    expect(words.markers).not.toBe('');
    // Names stay as the account spells them; our own words must not be Russian.
    expect(words.markers).not.toMatch(/устройств|лиценз|подписк|облачн|продл|истек/iu);
    const popup = await openPopup(russian, await accountTabId(russian, 'lk.cleverence.com'));
    expect(await popup.textContent('h1')).toBe(ru.popupTitle!.message);
  } finally {
    await russian.close();
  }
});
