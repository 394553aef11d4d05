/**
 * A partner-size account (10,000 licenses, 5,000 devices) on one «Все» page:
 * the same findings as on small pages, marked without adding elements to the
 * list (see MARKER_ELEMENTS_UP_TO in utils/reading/page-marks.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { counts, launch, logIn, type Session } from './harness';
import { expectedCounts, seeded } from './rows';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
  await logIn(page, session, 'partner');
}, 120_000);
afterAll(async () => {
  await session?.close();
});

it('finds the seeded problems among 10,000 licenses and marks them in place', async () => {
  await page.goto(session.url('lk.cleverence.ru', '/licenses?size=all'), { timeout: 90_000 });
  await page.waitForFunction(() => document.documentElement.dataset.clh === 'ready', undefined, { timeout: 90_000, polling: 500 });
  const account = seeded('partner');
  expect(await counts(page)).toEqual(expectedCounts(account));

  const marks = await page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-clh-license]')];
    // A row flagged only for its own «Истекла» says so itself and is left as drawn.
    const flagged = rows.filter((row) => row.dataset.clhFlags && !(row.dataset.clhFlags === 'expired' && row.dataset.clhLicense === 'expired'));
    const explained = flagged.filter((row) => /^(?:Свободная|Активирована|Истекла)$/.test(row.querySelector('[title][style*="text-decoration"]')?.textContent?.trim() ?? ''));
    const coloured = rows.filter((row) => row.querySelector('[title][style*="text-decoration"]')).length;
    return { rows: rows.length, flagged: flagged.length, explained: explained.length, coloured, markerElements: document.querySelectorAll('[data-clh-marker]').length };
  });
  expect(marks.rows).toBe(account.licenses.length);
  expect(marks.flagged).toBeGreaterThan(0);
  // Every flagged row has its status word underlined in the finding's colour, with the finding as its tooltip.
  expect(marks.explained).toBe(marks.flagged);
  expect(marks.coloured).toBe(marks.flagged);
  expect(marks.markerElements).toBe(0);
}, 180_000);
