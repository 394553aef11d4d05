// The user's settings (utils/accounts/settings.ts): whatever is stored or
// imported reads back as settings, the defaults where it is junk; and they
// travel through storage.local (WXT's fake browser here).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS, MAX_WINDOW_DAYS, mutedEndsOf, normaliseSettings, noticesTold, settings, type Settings,
} from '@/utils/accounts/settings';

const PARTNER = 'https://lk.cleverence.ru partner@example.ru';
const OTHER = 'https://lk.cleverence.com other@example.com';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('normaliseSettings', () => {
  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a text', 'settings'],
    ['a number', 42],
    ['a list', [1, 2]],
    ['an empty object', {}],
  ])('gives the defaults for %s', (_what, value) => {
    expect(normaliseSettings(value)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps good settings as they are', () => {
    const good: Settings = {
      windows: { alert: 60, urgent: 14 }, notifications: true, keepCodes: true,
      mutedAccounts: [PARTNER], mutedLicenses: [{ account: PARTNER, license: 'main\u0001Склад 15\u000120000', end: 20_600 }],
    };
    expect(normaliseSettings(good)).toEqual(good);
  });

  it.each([
    ['more than a year', MAX_WINDOW_DAYS + 1],
    ['less than nothing', -1],
    ['a part of a day', 1.5],
    ['a number written as text', '10'],
    ['not a number', Number.NaN],
    ['endless', Infinity],
  ])('takes an alert window of %s for the default', (_what, alert) => {
    expect(normaliseSettings({ windows: { alert, urgent: 3 } }).windows).toEqual({ alert: 30, urgent: 3 });
    expect(normaliseSettings({ windows: { alert: 60, urgent: alert } }).windows).toEqual({ alert: 60, urgent: 7 });
  });

  it('accepts windows from today only (0) to a year', () => {
    expect(normaliseSettings({ windows: { alert: MAX_WINDOW_DAYS, urgent: MAX_WINDOW_DAYS } }).windows).toEqual({ alert: MAX_WINDOW_DAYS, urgent: MAX_WINDOW_DAYS });
    expect(normaliseSettings({ windows: { alert: 0, urgent: 0 } }).windows).toEqual({ alert: 0, urgent: 0 });
  });

  it('never makes the urgent window wider than the alert one', () => {
    expect(normaliseSettings({ windows: { alert: 5, urgent: 7 } }).windows).toEqual({ alert: 5, urgent: 5 });
    // The default urgent window too, under a narrow alert window.
    expect(normaliseSettings({ windows: { alert: 3 } }).windows).toEqual({ alert: 3, urgent: 3 });
    expect(normaliseSettings({ windows: { alert: 0, urgent: 'x' } }).windows).toEqual({ alert: 0, urgent: 0 });
    // Under a junk alert window (the default, 30), a good urgent one stays.
    expect(normaliseSettings({ windows: { alert: 1_000, urgent: 20 } }).windows).toEqual({ alert: 30, urgent: 20 });
  });

  it('takes only true for on: notifications and keeping codes stay off otherwise', () => {
    expect(normaliseSettings({ notifications: true, keepCodes: true })).toMatchObject({ notifications: true, keepCodes: true });
    for (const junk of ['true', 1, 'yes', {}, null]) {
      expect(normaliseSettings({ notifications: junk, keepCodes: junk })).toMatchObject({ notifications: false, keepCodes: false });
    }
  });

  it('keeps only the muted accounts that are texts, and the muted licenses that are whole', () => {
    const good = { account: PARTNER, license: 'main\u0001Склад 15\u000120000', end: 20_600 };
    const normalised = normaliseSettings({
      mutedAccounts: [PARTNER, 42, null, { account: OTHER }, OTHER],
      mutedLicenses: [
        good, null, 'x', { ...good, end: 1.5 }, { ...good, end: '20600' }, { ...good, account: 1 }, { account: PARTNER, end: 20_600 },
      ],
    });
    expect(normalised.mutedAccounts).toEqual([PARTNER, OTHER]);
    expect(normalised.mutedLicenses).toEqual([good]);
    expect(normaliseSettings({ mutedAccounts: PARTNER, mutedLicenses: { 0: good } })).toMatchObject({ mutedAccounts: [], mutedLicenses: [] });
  });
});

describe('mutedEndsOf', () => {
  it('gives the «До» days of one account\'s muted licenses', () => {
    const current = normaliseSettings({
      mutedLicenses: [{ account: PARTNER, license: 'a', end: 10 }, { account: OTHER, license: 'b', end: 20 }, { account: PARTNER, license: 'c', end: 30 }],
    });
    expect(mutedEndsOf(current, PARTNER)).toEqual([10, 30]);
    expect(mutedEndsOf(current, 'https://lk.cleverence.ru nobody@example.ru')).toEqual([]);
  });
});

describe('settings in storage.local', () => {
  it('reads the defaults before anything was set, and a value an older version wrote, normalised', async () => {
    expect(await settings.get()).toEqual(DEFAULT_SETTINGS);
    await fakeBrowser.storage.local.set({ settings: { windows: { alert: 14 }, notifications: 'on', mutedAccounts: [PARTNER, 7] } });
    expect(await settings.get()).toEqual({ ...DEFAULT_SETTINGS, windows: { alert: 14, urgent: 7 }, mutedAccounts: [PARTNER] });
  });

  it('keeps what update makes of the settings, normalised, and gives it back', async () => {
    const next = await settings.update((now) => ({ ...now, notifications: true, windows: { alert: 10, urgent: 20 } }));
    expect(next).toEqual({ ...DEFAULT_SETTINGS, notifications: true, windows: { alert: 10, urgent: 10 } });
    expect(await settings.get()).toEqual(next);
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: next });
    // A second update starts from what the first kept.
    const muted = await settings.update((now) => ({ ...now, mutedAccounts: [...now.mutedAccounts, OTHER] }));
    expect(muted).toEqual({ ...next, mutedAccounts: [OTHER] });
    expect(await settings.get()).toEqual(muted);
  });

  it('tells a watcher of each change, normalised', async () => {
    const seen: Settings[] = [];
    const stop = settings.watch((next) => seen.push(next));
    await settings.set({ ...DEFAULT_SETTINGS, keepCodes: true });
    await fakeBrowser.storage.local.set({ settings: { windows: { alert: 3, urgent: 9 } } });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([{ ...DEFAULT_SETTINGS, keepCodes: true }, { ...DEFAULT_SETTINGS, windows: { alert: 3, urgent: 3 } }]);
    stop();
    await settings.set(DEFAULT_SETTINGS);
    expect(seen).toHaveLength(2);
  });

  it('goes back to the defaults on reset, and forgets what the notifications told of', async () => {
    await settings.set({ ...DEFAULT_SETTINGS, notifications: true, mutedAccounts: [PARTNER] });
    await noticesTold.setValue({ [`alert 20600 ${PARTNER}`]: 2 });
    await settings.reset();
    expect(await settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(await noticesTold.getValue()).toEqual({});
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });
});
