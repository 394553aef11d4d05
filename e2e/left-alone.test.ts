/**
 * Where the extension must hold back: pages that are not the account, an
 * account page it cannot read, names that are markup, and lists it cannot
 * fetch.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clickInPanel, counts, countInPanel, inPanel, inShadowRoots, launch, localeMessages, logIn, panelText, savedLists, settled, type Session } from './harness';
import { missingCloudDevices, seeded } from './rows';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
});
afterAll(async () => {
  await session?.close();
});

const lk = (path: string) => session.url('lk.cleverence.ru', path);
const ruMessages = localeMessages('ru');

/** What the extension left on <html> and whether it added its panel. */
const traces = (target: Page) => target.evaluate(() => ({
  attributes: document.documentElement.getAttributeNames().filter((name) => name.startsWith('data-clh')),
  panel: document.querySelector('clh-panel') !== null,
  markers: document.querySelectorAll('[data-clh-marker]').length,
}));

/**
 * A negative can only be seen after the extension had its chance: 1.5 s after
 * load, three times what an account page of this size takes to be marked. The
 * first test then opens an account page in the same tab to prove the content
 * script was there to hold back.
 */
async function holdsBackOn(url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.waitForTimeout(1_500);
  expect(await traces(page)).toEqual({ attributes: [], panel: false, markers: 0 });
}

describe('pages of the vendor’s site that are not the account', () => {
  it('leaves the help article alone, though it shows a license list', async () => {
    await holdsBackOn(session.url('www.cleverence.ru', '/support/357081/'));
    // The article does reproduce the list's words: the page is the test.
    expect(await page.textContent('body')).toContain('Облачная');
    await logIn(page, session, 'article');
    await settled(page);
  });

  it('leaves the shop alone', async () => {
    await holdsBackOn(session.url('www.cleverence.ru', '/shop/'));
  });

  it('leaves the account’s other tabs alone', async () => {
    await holdsBackOn(lk('/profile'));
  });

  it('leaves «Загрузить лицензии» alone, with both of its ways to add licenses', async () => {
    await holdsBackOn(lk('/licenses/upload'));
    expect(await page.getByText('Добавить код активации').count()).toBeGreaterThan(0);
    expect(await page.getByText('Загрузить файлы защиты').count()).toBeGreaterThan(0);
  });
});

describe('an account page whose rows cannot be read', () => {
  it('says "unrecognized" and changes nothing else on the page', async () => {
    await logIn(page, session, 'broken');
    await page.goto(lk('/licenses'));
    await settled(page, 'unrecognized');
    const { live, parsed, htmlAttributes } = await page.evaluate(async () => {
      const source = await (await fetch(location.href)).text();
      const fresh = new DOMParser().parseFromString(source, 'text/html');
      return {
        live: document.body.outerHTML,
        parsed: fresh.body.outerHTML,
        htmlAttributes: document.documentElement.getAttributeNames(),
      };
    });
    expect(live).toBe(parsed);
    expect(htmlAttributes.filter((name) => name.startsWith('data-clh'))).toEqual(['data-clh']);
    // Its own notice, in its own shadow root, says why nothing is marked, and nothing else.
    const notice = await inPanel(page, (root) => root.querySelector('[data-clh-unrecognized] p')?.textContent ?? '');
    expect(notice).toBe(ruMessages.unrecognizedNoRows!.message.replace('$1', 'Лицензии'));

    // It offers what support needs to look into it: which page, what was seen, which version; nothing of the account.
    const address = new URL(page.url());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: address.origin });
    await clickInPanel(page, '[data-clh-copy-unread]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(ruMessages.unreadReportTitle!.message);
    const report = await page.evaluate(() => navigator.clipboard.readText());
    expect(report).toContain(`${address.origin}${address.pathname} (вкладка «Лицензии»)`);
    expect(report).toContain(notice);
    expect(report).toMatch(/Версия расширения: \d+\.\d+\.\d+/);
    expect(report).not.toMatch(/@example\.ru|Северный склад/);
  });
});

describe('names that are markup', () => {
  it('shows a device named <img onerror> as text and runs nothing', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await logIn(page, session, 'hostile');
    await page.goto(lk('/licenses?layout=grid'));
    await settled(page);
    const account = seeded('hostile');
    expect(await missingCloudDevices(page)).toEqual(account.truth.missingCloudLicense);

    const panel = (await inPanel(page, (root) =>
      ({ text: root.textContent ?? '', images: root.querySelectorAll('img').length, scripts: root.querySelectorAll('script').length })))!;
    expect(panel.text).toContain('<img src=x onerror=alert(1)>');
    expect(panel.text).toContain('Магазин "Ёлки & <i>Палки</i>"');
    expect(panel.images).toBe(0);
    expect(panel.scripts).toBe(0);
    // Marker tooltips are text too.
    const markers = await page.evaluate(() => [...document.querySelectorAll('[data-clh-marker]')]
      .map((marker) => ({ markup: marker.querySelector('img, script') !== null })));
    expect(markers.filter((marker) => marker.markup)).toEqual([]);
    const inside = await inShadowRoots(page, '[data-clh-marker]', (roots) => roots.map((root) => root.querySelector('img, script') !== null));
    expect(inside).toHaveLength(markers.length);
    expect(inside.filter(Boolean)).toEqual([]);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });
});

describe('when the other list cannot be fetched', () => {
  it('uses the last device list seen for this account and says how old it is', async () => {
    await logIn(page, session, 'typical');
    const seenFrom = await page.evaluate(() => Date.now());
    await page.goto(lk('/devices?size=all'));
    await settled(page);
    const seenBy = await page.evaluate(() => Date.now());

    // On the server: the account's page and the extension's list parser alike find the list unreachable.
    session.demo.setFaults({ unreachable: '/devices' });
    try {
      await page.goto(lk('/licenses?size=all'));
      await settled(page);
      expect(await countInPanel(page, '[data-clh-source="saved"]')).toBe(1);
      const text = (await inPanel(page, (root) => root.querySelector('[data-clh-source="saved"]')?.textContent)) ?? '';
      expect(text).toContain(ruMessages.tabDevices!.message);
      // When the list was seen, to the minute, in the user's own time: it was seen on the visit above.
      const [, day, month, year, hours, minutes] = /(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})/.exec(text) ?? [];
      expect(year, text).toBeDefined();
      const shown = await page.evaluate((parts) => new Date(...(parts as [number, number, number, number, number])).getTime(),
        [Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes)]);
      expect(shown).toBeGreaterThanOrEqual(seenFrom - 60_000);
      expect(shown).toBeLessThanOrEqual(seenBy);
      const truth = seeded('typical').truth;
      expect(await counts(page)).toMatchObject({ devices: 25, 'missing-cloud': truth.missingCloudLicense.length });
      expect(await missingCloudDevices(page)).toHaveLength(truth.missingCloudLicense.length);
    } finally {
      session.demo.setFaults({});
    }
  });

  it('says so when it has never seen one, and claims no device is missing', async () => {
    // Another origin is another account: nothing was ever saved for it (the list
    // is blocked before the log-in, whose landing page would fetch it).
    session.demo.setFaults({ unreachable: '/devices' });
    try {
      await logIn(page, session, 'article', 'lk.cleverence.com');
      await page.goto(session.url('lk.cleverence.com', '/licenses'));
      await settled(page);
      expect(await countInPanel(page, '[data-clh-source="missing"]')).toBe(1);
      expect(await counts(page)).toMatchObject({ licenses: 4, 'missing-cloud': 0, 'unknown-device': 0 });
    } finally {
      session.demo.setFaults({});
    }
  });
});

describe('a Лицензии tab whose list cannot be read at all (canvas, image, prose)', () => {
  /** The saved Лицензии list of the `typical` account, as the extension keeps it. */
  const savedLicenses = async () => {
    const saved = (await savedLists(session, 'typical@')).licenses;
    return saved ? [saved] : [];
  };

  beforeAll(async () => {
    await logIn(page, session, 'typical');
    // The whole list seen once, as it is kept for when it cannot be had (kept once the page is marked: waited for).
    const seenFrom = Date.now();
    await page.goto(lk('/licenses?size=all&layout=table'));
    await settled(page);
    await vi.waitFor(async () => {
      const [saved] = await savedLicenses();
      expect(saved?.items).toBe(40);
      expect(saved!.savedAt).toBeGreaterThanOrEqual(seenFrom);
    }, { timeout: 10_000 });
  });

  for (const layout of ['canvas', 'image', 'prose']) {
    it(`${layout}: says it cannot read the list, changes nothing, says nothing is well, and keeps the saved list`, async () => {
      const before = await savedLicenses();
      await page.goto(lk(`/licenses?size=all&layout=${layout}`));
      await settled(page, 'unrecognized');
      const { live, parsed } = await page.evaluate(async () => {
        const fresh = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
        return { live: document.body.outerHTML, parsed: fresh.body.outerHTML };
      });
      // A canvas is drawn by the page's own script: its pixels are not markup, so the body reads the same.
      expect(live).toBe(parsed);
      expect(await page.evaluate(() => document.documentElement.hasAttribute('data-clh-counts'))).toBe(false);
      const panel = await panelText(page);
      expect(panel).toContain(ruMessages.unrecognizedNoRows!.message.replace('$1', 'Лицензии'));
      expect(panel).not.toContain(ruMessages.nothingWrong!.message);
      await page.waitForTimeout(500);
      expect(await savedLicenses()).toEqual(before);
    });
  }

  it('the Устройства tab beside it judges against the list last seen, says how old it is, and finds no device missing that is not', async () => {
    // The layout cookie still says `prose`: the Лицензии list fetched for this tab cannot be read either.
    await page.goto(lk('/devices?size=all&layout=prose'));
    await settled(page);
    expect(await countInPanel(page, '[data-clh-source="saved"]')).toBe(1);
    const truth = seeded('typical').truth;
    expect(await counts(page)).toMatchObject({ licenses: 40, devices: 25, 'missing-cloud': truth.missingCloudLicense.length });
    expect(await countInPanel(page, '.ok')).toBe(0);
  });
});
