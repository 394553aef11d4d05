/**
 * A partner's accounts together, in Chromium on the demo: three accounts
 * visited; the overview lists them with the counts their pages show; the
 * toolbar badge sums what ends within 30 days, holds over a stopped worker,
 * drops by an account muted from the overview, follows a new day when the
 * alarm goes off; a license unlinked in the account is listed as a change at
 * the next visit; a notification appears once per license per window; an
 * upload on a second account leaves the first one's alone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localToday, NO_DATE } from '../demo-site/calendar';
import { seedAccount, type AccountLogin } from '../demo-site/seed';
import { choose, genuineCodes, send, waitForJob } from './upload-helpers';
import {
  accountTabId, counts, extensionPage, fireAlarm, inPanel, launch, localeMessages, logIn, notificationsShown, openPopup, settled, shiftWorkerClock, stopWorker, toolbarBadge,
  type Session,
} from './harness';

const LOGINS: AccountLogin[] = ['typical', 'article', 'hostile'];
const HOST = 'lk.cleverence.ru';
const ru = localeMessages('ru');

let session: Session;
/** What each account's Лицензии and Устройства pages counted, as the content script marked them. */
const seen = new Map<AccountLogin, Record<string, number>>();
const keyOf = (login: AccountLogin) => `${session.url(HOST, '').replace(/\/$/, '')} ${login}@example.ru`;
const day = localToday();

/** Activated licenses of the demo's accounts whose «До» day falls `from`…`from + 30` days from today: from the demo's own data. */
function endingWithin30(from: number): number {
  return LOGINS.flatMap((login) => seedAccount(login, day).licenses)
    .filter((license) => license.status === 'activated' && license.subscriptionEnd !== NO_DATE
      && license.subscriptionEnd >= day + from && license.subscriptionEnd <= day + from + 30).length;
}

/** The accounts the extension keeps an overview of (its worker's IndexedDB). */
const savedAccounts = () => session.worker!.evaluate(() => new Promise<string[]>((done, fail) => {
  const opening = indexedDB.open('license-helper');
  opening.onerror = () => fail(opening.error);
  opening.onsuccess = () => {
    const request = opening.result.transaction('accounts').objectStore('accounts').getAllKeys();
    request.onsuccess = () => {
      opening.result.close();
      done(request.result as string[]);
    };
  };
}));

/** The badge as the worker shows it. */
const badge = () => toolbarBadge(session.worker!);

/** Waits until the expiry alarm has gone off (Chrome set its next time an hour on) and the count after it is shown. */
async function alarmFired(page: Page): Promise<void> {
  await expect.poll(() => session.worker!.evaluate(async () => {
    const scope = globalThis as unknown as { chrome: typeof browser; clhRealDate?: DateConstructor };
    const alarm = await scope.chrome.alarms.get('expiry-badge');
    return (alarm?.scheduledTime ?? 0) - (scope.clhRealDate ?? Date).now() > 30 * 60_000;
  })).toBe(true);
  // The count runs once the alarm's listener is called: a few IndexedDB reads.
  await page.waitForTimeout(500);
}

beforeAll(async () => {
  session = await launch();
  const page = await session.context.newPage();
  for (const login of LOGINS) {
    await logIn(page, session, login);
    await page.goto(session.url(HOST, '/licenses'));
    await settled(page);
    seen.set(login, await counts(page));
    // Both lists kept: the other tab's read whole beside each page.
    await page.goto(session.url(HOST, '/devices'));
    await settled(page);
  }
  await page.close();
}, 120_000);
afterAll(async () => {
  await session?.close();
});

describe('every account in one view', () => {
  it('lists the three accounts visited, each with the counts its own pages showed', async () => {
    const overview = await extensionPage(session, 'overview.html');
    await overview.waitForSelector('[data-clh-account-row]');
    expect(await overview.locator('[data-clh-account-row]').count()).toBe(3);
    for (const login of LOGINS) {
      const row = overview.locator(`[data-clh-account-row="${keyOf(login)}"]`);
      const cell = async (column: string) => Number(await row.locator(`[data-clh-col="${column}"]`).textContent());
      const expected = seen.get(login)!;
      // The last visit's lists are kept once its page is marked: the overview, opened again, shows them.
      await expect.poll(async () => {
        await overview.reload();
        return [await cell('licenses'), await cell('missingCloud'), await cell('ending30')];
      }).toEqual([expected.licenses, expected['missing-cloud'], expected.expiring]);
    }
    // Search by company.
    await overview.fill('[data-clh-search]', 'Ромашка');
    await expect.poll(() => overview.locator('[data-clh-account-row]').count()).toBe(1);
    await overview.close();
  });

  it('counts on the toolbar button what ends within 30 days across them, and the same after the worker was stopped', async () => {
    const total = LOGINS.reduce((sum, login) => sum + seen.get(login)!.expiring!, 0);
    expect(total).toBe(endingWithin30(0));
    expect(total).toBeGreaterThan(0);
    await expect.poll(async () => (await badge()).text).toBe(String(total));
    const before = await badge();
    await stopWorker(session);
    // Started again by the overview's opening (any event), it counts from IndexedDB alone.
    const overview = await extensionPage(session, 'overview.html');
    await expect.poll(() => toolbarBadge(overview)).toEqual(before);
    await overview.close();
  });

  it('drops an account muted from the overview off the badge, and counts it again once unmuted', async () => {
    const total = endingWithin30(0);
    const typical = seen.get('typical')!.expiring!;
    expect(typical).toBeGreaterThan(0);
    const overview = await extensionPage(session, 'overview.html');
    const mute = overview.locator(`[data-clh-account-row="${keyOf('typical')}"] [data-clh-mute-account]`);
    await mute.click();
    await expect.poll(async () => (await toolbarBadge(overview)).text).toBe(total - typical > 0 ? String(total - typical) : '');
    await expect(mute.getAttribute('data-clh-mute-account')).resolves.toBe('muted');
    await mute.click();
    await expect.poll(async () => (await toolbarBadge(overview)).text).toBe(String(total));
    await overview.close();
  });

  it('lists a license unlinked in the account as a change at the next visit, on the page and in the overview', async () => {
    const page = await session.context.newPage();
    await logIn(page, session, 'typical');
    // A main license bound to a device, whose subscription ends far beyond any window counted here.
    const license = seedAccount('typical', day).licenses.find((candidate) =>
      candidate.kind === 'main' && candidate.status === 'activated' && candidate.deviceId && candidate.subscriptionEnd > day + 120)!;
    expect(license).toBeDefined();
    await page.goto(session.url(HOST, '/licenses'));
    await settled(page);
    // «Отвязать от устройства», as the row's menu posts it.
    await page.evaluate(async (id) => {
      await fetch(`/licenses/${id}/unlink`, { method: 'POST', body: new URLSearchParams({ back: '/licenses' }) });
    }, license.id);
    await page.reload();
    await settled(page);
    const unlinked = ru.changeUnlinked!.message.replace('$1', '1');
    await expect.poll(() => inPanel(page, (root) => root.querySelector('[data-clh-changes]')?.textContent ?? '')).toContain(unlinked);
    const overview = await extensionPage(session, 'overview.html');
    const changes = overview.locator(`[data-clh-account-row="${keyOf('typical')}"] [data-clh-col="changes"]`);
    await expect.poll(() => changes.textContent()).toContain(unlinked);
    await changes.locator('summary').click();
    expect(await changes.locator('[data-clh-change="unlinked"]').textContent()).toContain(license.deviceId!);
    await overview.close();
    await page.close();
  });

  it('counts again for a new day when the alarm goes off', async () => {
    // A day ahead on which a different number of licenses ends within 30 days than today.
    const ahead = [3, 5, 8, 12, 15, 20, 25, 30].find((days) => endingWithin30(days) !== endingWithin30(0))!;
    expect(ahead).toBeDefined();
    const page = await extensionPage(session, 'overview.html');
    try {
      await shiftWorkerClock(session, ahead);
      await fireAlarm(session, 'expiry-badge');
      await alarmFired(page);
      const expected = endingWithin30(ahead);
      expect((await badge()).text).toBe(expected > 0 ? String(expected) : '');
    } finally {
      // Back to today, counted again.
      await shiftWorkerClock(session, 0);
      await fireAlarm(session, 'expiry-badge');
      await alarmFired(page);
      await page.close();
    }
  });

  it('shows a notification once per license per window, not every day, once the user turns them on', async () => {
    expect(await notificationsShown(session)).toEqual([]);
    const options = await extensionPage(session, 'options.html');
    await options.click('[data-clh-setting="notifications"]');
    // One per account with anything within 30 days: typical alone in the demo.
    await expect.poll(() => notificationsShown(session)).toEqual([`clh-expiry ${keyOf('typical')}`]);
    const clearAll = () => session.worker!.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: typeof browser };
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    await clearAll();
    // The same day, and the next one on which nothing new comes within either window: nothing told twice.
    const typical = seedAccount('typical', day).licenses.filter((license) => license.status === 'activated' && license.subscriptionEnd !== NO_DATE);
    const newlyWithin = (from: number) => typical.some((license) => license.subscriptionEnd === day + from + 30 || license.subscriptionEnd === day + from + 7);
    const quiet = [1, 2, 3, 4, 5, 6].find((days) => !newlyWithin(days))!;
    try {
      for (const days of [0, quiet]) {
        await shiftWorkerClock(session, days);
        await fireAlarm(session, 'expiry-badge');
        await alarmFired(options);
        expect(await notificationsShown(session)).toEqual([]);
      }
      // The day a license comes within 7 days: told again, for that window.
      const entering = typical.map((license) => license.subscriptionEnd - day - 7).filter((days) => days > quiet).sort((a, b) => a - b)[0]!;
      await shiftWorkerClock(session, entering);
      await fireAlarm(session, 'expiry-badge');
      await expect.poll(() => notificationsShown(session)).toEqual([`clh-expiry ${keyOf('typical')}`]);
    } finally {
      await options.click('[data-clh-setting="notifications"]');
      await shiftWorkerClock(session, 0);
      await fireAlarm(session, 'expiry-badge');
      await alarmFired(options);
      await clearAll();
      await options.close();
    }
  });

  it('counts over the alert window the options set, and is opened from the popup', async () => {
    const account = await session.context.newPage();
    await account.goto(session.url(HOST, '/licenses'));
    const popup = await openPopup(session, await accountTabId(session));
    const [overview] = await Promise.all([session.context.waitForEvent('page'), popup.click('[data-clh-overview-link]')]);
    await overview.waitForSelector('[data-clh-account-row]');
    expect(new URL(overview.url()).pathname).toBe('/overview.html');
    await popup.close();
    const within = (days: number) => LOGINS.flatMap((login) => seedAccount(login, day).licenses)
      .filter((license) => license.status === 'activated' && license.subscriptionEnd !== NO_DATE
        && license.subscriptionEnd >= day && license.subscriptionEnd <= day + days).length;
    expect(within(90)).toBeGreaterThan(within(30));
    const options = await extensionPage(session, 'options.html');
    try {
      await options.fill('[data-clh-setting="alert"]', '90');
      await options.locator('[data-clh-setting="alert"]').blur();
      await expect.poll(async () => (await badge()).text).toBe(String(within(90)));
      // The overview's summary counts over the same window.
      await overview.reload();
      await expect.poll(() => overview.textContent('[data-clh-overview-summary]')).toContain(`: ${within(90)}`);
    } finally {
      await options.fill('[data-clh-setting="alert"]', '30');
      await options.locator('[data-clh-setting="alert"]').blur();
      await expect.poll(async () => (await badge()).text).toBe(String(within(30)));
      await options.close();
      await overview.close();
      await account.close();
    }
  });

  it('saves the whole local data as a backup, wipes it after asking, and restores it with nothing lost', async () => {
    const options = await extensionPage(session, 'options.html');
    const before = String(endingWithin30(0));
    await expect.poll(async () => (await badge()).text).toBe(before);
    const [download] = await Promise.all([options.waitForEvent('download'), options.click('[data-clh-backup]')]);
    const file = await download.path();
    // Wiping asks first; «Отмена» keeps everything.
    await options.click('[data-clh-wipe]');
    await options.click('[data-clh-wipe-cancel]');
    expect((await savedAccounts()).length).toBe(3);
    await options.click('[data-clh-wipe]');
    await options.click('[data-clh-wipe-confirm]');
    await expect.poll(() => options.textContent('[data-clh-options-message]')).toBe(ru.optionsWiped!.message);
    expect(await savedAccounts()).toEqual([]);
    await expect.poll(async () => (await badge()).text).toBe('');
    await options.setInputFiles('[data-clh-restore]', file);
    await expect.poll(() => options.textContent('[data-clh-options-message]')).toMatch(/^Загружено и проверено: кабинетов 3,/);
    expect((await savedAccounts()).sort()).toEqual(LOGINS.map(keyOf).sort());
    await expect.poll(async () => (await badge()).text).toBe(before);
    // A file that is no backup changes nothing, and says so.
    await options.setInputFiles('[data-clh-restore]', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
    await expect.poll(() => options.textContent('[data-clh-options-message]')).toBe(ru.importNotBackup!.message);
    expect((await savedAccounts()).length).toBe(3);
    await options.close();
  });

  it('runs an upload on a second account without touching the first one\'s, and each says which account it went to', async () => {
    session.demo.setFaults({ delayMs: 200 });
    const tabs: Record<string, number> = {};
    for (const [login, host] of [['typical', HOST], ['article', 'lk.cleverence.com']] as const) {
      const tab = await session.context.newPage();
      await logIn(tab, session, login, host);
      tabs[login] = await accountTabId(session, host);
    }
    const first = await openPopup(session, tabs.typical!);
    await choose(first, { text: genuineCodes(500, 4).join('\n') }, 4);
    await send(first);
    // The second account's popup, while the first job runs: its own form, its own account.
    const second = await openPopup(session, tabs.article!);
    expect(await second.getAttribute('[data-clh-account]', 'data-clh-account')).toBe('article@example.ru');
    expect(await second.locator('[data-clh-job]').count()).toBe(0);
    await choose(second, { text: genuineCodes(520, 3).join('\n') }, 3);
    await send(second);
    await waitForJob(first, 'finished');
    await waitForJob(second, 'finished');
    expect(await first.getAttribute('[data-clh-account]', 'data-clh-account')).toBe('typical@example.ru');
    const sent = (login: string) => session.demo.stats.uploads.filter((entry) => entry.login === login && entry.outcome === 'added').map((entry) => entry.code).sort();
    expect(sent('typical')).toEqual(genuineCodes(500, 4).sort());
    expect(sent('article')).toEqual(genuineCodes(520, 3).sort());
    session.demo.setFaults({});
  });
});
