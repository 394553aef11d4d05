/** The English account (lk.cleverence.com) in a browser set to English: same findings, in English words. */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { counts, launch, logIn, settled, type Session } from './harness';
import { markedLicenseRows, missingCloudDevices, seeded } from './rows';

let session: Session;
let page: Page;
const en = JSON.parse(readFileSync(new URL('../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;

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
  expect(await counts(page)).toMatchObject({
    licenses: 40,
    devices: 25,
    'missing-cloud': truth.missingCloudLicense.length,
    'cloud-expired': truth.cloudLicenseExpired.length,
    expiring: truth.expiringWithin30,
    expired: truth.subscriptionEnded,
    'unknown-device': truth.unknownDevice.length,
  });
  expect((await missingCloudDevices(page)).sort()).toEqual([...truth.missingCloudLicense].sort());
  const rows = await markedLicenseRows(page);
  expect(rows.filter((row) => row.flags.includes('expiring')).map((row) => row.daysLeft).sort((a, b) => a! - b!)).toEqual([3, 20]);
});

it('speaks English in its panel', async () => {
  const heading = await page.evaluate(() => document.querySelector('clh-panel')?.shadowRoot?.querySelector('h2')?.textContent);
  expect(heading).toBe(en.panelTitle!.message);
  const panelText = await page.evaluate(() => document.querySelector('clh-panel')?.shadowRoot?.textContent ?? '');
  expect(panelText).toContain(en.missingCloudHeading!.message);
  // Device and database names stay as the account spells them; our own words must not be Russian.
  expect(panelText).not.toMatch(/Устройств|Лиценз|Подписк|Облачн/u);
});
