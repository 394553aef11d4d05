/**
 * The `typical` account drawn in 30 renderings nobody drew by hand (the demo's
 * `gen-N` layouts, from tests/renderings): tables with and without headers,
 * cards, ARIA grids, definition lists, rows drawn by script after load,
 * hidden menus, decoys, ids with and without their `@`. On each, in
 * Chromium with the production build, both tabs must be read whole and give
 * exactly the findings the account's seed records.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../demo-site/random';
import { describeRendering, renderingFor } from '../tests/renderings/rendering';
import { counts, countInPanel, launch, logIn, settled, type Session } from './harness';
import { expectedCounts, markedDeviceRows, markedLicenseRows, seeded } from './rows';

/** Chosen so that together they hold every structure and header style and every quirk renderingFor draws. */
const RENDERINGS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 35, 39];
/** These go through the English account (lk.cleverence.com). */
const IN_ENGLISH = new Set([3, 16, 25]);

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
  await logIn(page, session, 'typical');
  await logIn(page, session, 'typical', 'lk.cleverence.com');
});
afterAll(async () => {
  await session?.close();
});

const sorted = (values: Iterable<string>) => [...values].sort();

describe('the typical account in 30 generated renderings', () => {
  const account = seeded('typical');
  const { truth } = account;
  const ids = account.devices.map((device) => device.id);

  for (const number of RENDERINGS) {
    const host = IN_ENGLISH.has(number) ? 'lk.cleverence.com' : 'lk.cleverence.ru';
    const title = describeRendering(renderingFor(mulberry32(number)));

    it(`rendering ${number} (${host}, ${title}): reads both tabs whole, with the seeded findings`, async () => {
      await page.goto(session.url(host, `/licenses?size=all&layout=gen-${number}`));
      await settled(page);
      // Both lists read now, from this rendering: no list saved earlier (another rendering's) stands in.
      expect(await countInPanel(page, '[data-clh-source], [data-clh-unread]')).toBe(0);
      expect(await counts(page)).toEqual(expectedCounts(account));
      const licenseRows = await markedLicenseRows(page);
      expect(licenseRows).toHaveLength(40);
      expect(licenseRows.filter((row) => row.flags.includes('expiring')).map((row) => row.daysLeft).sort((a, b) => a! - b!)).toEqual([3, 20]);

      await page.goto(session.url(host, `/devices?size=all&layout=gen-${number}`));
      await settled(page);
      expect(await countInPanel(page, '[data-clh-source], [data-clh-unread]')).toBe(0);
      expect(await counts(page)).toMatchObject({ licenses: 40, devices: 25, 'missing-cloud': truth.missingCloudLicense.length });
      const deviceRows = await markedDeviceRows(page, ids.flatMap((id) => [id, id.slice(1)]));
      expect(deviceRows).toHaveLength(25);
      const flagged = (flag: string) => sorted(deviceRows.filter((row) => row.flags.includes(flag)).map((row) => `@${row.id.replace(/^@/, '')}`));
      const withAt = (list: readonly string[]) => sorted(list.map((id) => `@${id.replace(/^@/, '')}`));
      expect(flagged('missing-cloud-license')).toEqual(withAt(truth.missingCloudLicense));
      expect(flagged('cloud-license-expired')).toEqual(withAt(truth.cloudLicenseExpired));
    });
  }
});
