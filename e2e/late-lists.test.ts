/**
 * Lists that come late, never come, or are empty: rows drawn by script after
 * the page loads are waited for and read when they come (and kept then); a
 * page that shows none and does not say why is unreadable until they come; a
 * shell fetched from the other tab whose rows never come is no list; and an
 * empty list is taken only where the page says it is empty.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { counts, countInPanel, inPanel, launch, logIn, savedLists as savedListsOf, settled, type Session } from './harness';
import { markedLicenseRows, seeded } from './rows';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
  await logIn(page, session, 'typical');
});
afterAll(async () => {
  await session?.close();
});
afterEach(() => {
  session.demo.setFaults({});
});

const lk = (path: string) => session.url('lk.cleverence.ru', path);
/** A generated rendering whose rows are drawn by script after load (tests/renderings: drawnLater). */
const DRAWN_LATER = 'gen-9';

/** The lists the extension keeps for the `typical` account. */
const savedLists = () => savedListsOf(session, 'typical@');

/** `<html data-clh>` now: '' before the extension has decided. */
const state = () => page.evaluate(() => document.documentElement.dataset.clh ?? '');

describe('rows drawn by script after the page loads', () => {
  it('are waited for while the page says it is loading, read when they come, and kept then', async () => {
    session.demo.setFaults({ drawAfterMs: 4_500 });
    await page.goto(lk(`/devices?size=all&layout=${DRAWN_LATER}`));
    // Longer than an empty page is waited for, but the page says «Загрузка…»: still waiting, nothing said.
    await page.waitForTimeout(3_800);
    expect(await state()).toBe('');
    await settled(page);
    const shownAt = await page.evaluate(() => Date.now());
    expect(await counts(page)).toMatchObject({ devices: 25, licenses: 40, 'missing-cloud': seeded('typical').truth.missingCloudLicense.length });
    await expect.poll(async () => (await savedLists()).devices?.items, { timeout: 10_000 }).toBe(25);
    expect((await savedLists()).devices!.savedAt).toBeGreaterThanOrEqual(shownAt - 1_000);
  });

  it('that do not come in time, on a page that does not say it is loading, are unreadable until they come, then read and kept', async () => {
    session.demo.setFaults({ drawAfterMs: 7_000 });
    await page.goto(lk(`/devices?size=all&layout=${DRAWN_LATER}`));
    // The page stops saying it is loading, as a page that shows nothing would.
    await page.evaluate(() => {
      const loading = document.querySelector('[aria-busy="true"]')!;
      loading.removeAttribute('aria-busy');
      loading.textContent = '';
    });
    await settled(page, 'unrecognized');
    const unreadableAt = await page.evaluate(() => Date.now());
    expect(await inPanel(page, (root) => root.querySelector('[data-clh-unrecognized]')?.getAttribute('data-clh-unrecognized'))).toBe('no-rows');
    await settled(page);
    expect(await counts(page)).toMatchObject({ devices: 25, licenses: 40 });
    await expect.poll(async () => (await savedLists()).devices?.savedAt ?? 0, { timeout: 10_000 }).toBeGreaterThan(unreadableAt);
  });
});

describe('a shell fetched from the other tab, whose rows never come', () => {
  it('is no list: the list last seen on that tab is used, and the panel says how old it is', async () => {
    await page.goto(lk('/devices?size=all&layout=client'));
    await settled(page);
    await expect.poll(async () => (await savedLists()).devices?.items, { timeout: 10_000 }).toBe(25);

    // The Устройства page still comes, but its script's data never does: the page stays an empty shell.
    session.demo.setFaults({ unreachable: '/api/devices' });
    await page.goto(lk('/licenses?size=all'));
    await settled(page);
    expect(await countInPanel(page, '[data-clh-source="saved"]')).toBe(1);
    const truth = seeded('typical').truth;
    expect(await counts(page)).toMatchObject({ licenses: 40, devices: 25, 'missing-cloud': truth.missingCloudLicense.length });
    expect((await savedLists()).devices!.items).toBe(25);
  });
});

describe('an empty list', () => {
  it('is taken for one where the page says so: ready, no row marked, the whole account still judged', async () => {
    await logIn(page, session, 'hostile');
    // `hostile` has no «Истекла» license: the filtered list says «Ничего не найдено».
    await page.goto(lk('/licenses?status=expired&layout=table'));
    await settled(page);
    expect(await markedLicenseRows(page)).toEqual([]);
    expect(await counts(page)).toMatchObject({ licenses: seeded('hostile').licenses.length, devices: seeded('hostile').devices.length });
  });
});
