// The whole local data as one JSON file (utils/accounts/backup.ts): a backup
// taken, everything wiped and the backup imported gives back the same accounts,
// snapshots, overviews, changes and settings; a file that is not a good backup
// writes nothing and says why.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { accountOverviews, identityOfKey, keepList, keptData } from '@/utils/accounts/account-store';
import { BACKUP_KIND, BACKUP_VERSION, importBackup, makeBackup, wipeAll, type Backup } from '@/utils/accounts/backup';
import { DEFAULT_SETTINGS, noticesTold, settings, type Settings } from '@/utils/accounts/settings';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';

const DAY = dayNumber(2026, 6, 15)!;
const NOON = Date.UTC(2026, 5, 15, 12);
const DAY_MS = 86_400_000;
const PARTNER = 'https://lk.cleverence.ru partner@example.ru';
const OTHER = 'https://lk.cleverence.com other@example.com';

const license = (fields: Partial<License> = {}): License => ({
  kind: 'main', product: 'Склад 15', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D',
  date: DAY - 100, subscriptionEnd: DAY + 200, ...fields,
});
const device = (fields: Partial<Device> = {}): Device => ({
  id: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', name: 'Касса 1', database: 'Склад Москва', connection: 'local', lastSeen: DAY, ...fields,
});

const MY_SETTINGS: Settings = {
  windows: { alert: 45, urgent: 10 }, notifications: true, keepCodes: true,
  mutedAccounts: [OTHER], mutedLicenses: [{ account: PARTNER, license: 'main\u0001Склад 15\u0001' + (DAY - 100), end: DAY + 200 }],
};

/** Two accounts as a user has them after a few visits: changes in one, codes kept, who each is. */
async function someData(): Promise<void> {
  const partner = { ...identityOfKey(PARTNER), company: 'ООО «Ромашка»', inn: '7700000000', licensesUrl: 'https://lk.cleverence.ru/licenses' };
  await keepList(partner, 'licenses', [license(), license({ product: 'Магазин 15', subscriptionEnd: DAY + 5 })], { now: NOON });
  await keepList(partner, 'devices', [device(), device({ id: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', name: 'Xiaomi', connection: 'cloud' })], { now: NOON + 1_000 });
  await keepList(partner, 'licenses', [license(), license({ product: 'Магазин 15', subscriptionEnd: DAY + 370 }), license({ product: 'Новая', activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q' })], { now: NOON + DAY_MS, keepCodes: true });
  await keepList(partner, 'licenses', [license(), license({ product: 'Магазин 15', subscriptionEnd: DAY + 370 }), license({ product: 'Новая', activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q' })], { now: NOON + 2 * DAY_MS, keepCodes: true });
  await keepList(identityOfKey(OTHER), 'devices', [device({ name: 'Other' })], { now: NOON + 3 * DAY_MS });
  await settings.set(MY_SETTINGS);
  await noticesTold.setValue({ [`alert ${DAY + 5} ${PARTNER}`]: 1 });
}

const byAccount = <Item extends { account: string }>(items: Item[]) => [...items].sort((a, b) => a.account.localeCompare(b.account));

beforeEach(async () => {
  fakeBrowser.reset();
  await wipeAll();
});

describe('makeBackup, wipeAll and importBackup', () => {
  it('gives back the same accounts, snapshots, overviews, changes and settings', async () => {
    await someData();
    const kept = await keptData();
    const overviews = byAccount(await accountOverviews());
    expect(overviews.find((overview) => overview.account === PARTNER)?.changes?.renewed.count).toBe(1);
    const backup = await makeBackup(new Date(NOON + 4 * DAY_MS));
    expect(backup).toMatchObject({ kind: BACKUP_KIND, version: BACKUP_VERSION, exportedAt: new Date(NOON + 4 * DAY_MS).toISOString(), settings: MY_SETTINGS });
    const text = JSON.stringify(backup);

    await wipeAll();
    expect(await keptData()).toEqual({ accounts: [], snapshots: [] });
    expect(await accountOverviews()).toEqual([]);
    expect(await settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(await noticesTold.getValue()).toEqual({});

    expect(await importBackup(text)).toEqual({ ok: true, accounts: 2, snapshots: 4, licenses: 3, devices: 3 });
    expect(await keptData()).toEqual(kept);
    expect(byAccount(await accountOverviews())).toEqual(overviews);
    expect(await settings.get()).toEqual(MY_SETTINGS);
  });

  it('gives back the same changes when the other list changed after them', async () => {
    // The phone's only cloud license went at one visit (the phone newly without one), the phone itself at the next.
    const phone = device({ id: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', name: 'Xiaomi', connection: 'cloud' });
    const partner = identityOfKey(PARTNER);
    await keepList(partner, 'devices', [phone, device()], { now: NOON });
    await keepList(partner, 'licenses', [license(), license({ kind: 'cloud', deviceId: phone.id })], { now: NOON });
    await keepList(partner, 'licenses', [license()], { now: NOON + DAY_MS });
    await keepList(partner, 'devices', [device()], { now: NOON + 2 * DAY_MS });
    const [overview] = await accountOverviews();
    expect(overview?.changes).toMatchObject({ newlyMissingCloud: { count: 1 }, devicesRemoved: { count: 1 }, licensesRemoved: { count: 1 } });
    const text = JSON.stringify(await makeBackup());

    await wipeAll();
    expect(await importBackup(text)).toMatchObject({ ok: true });
    expect((await accountOverviews())[0]?.changes).toEqual(overview?.changes);
  });

  it('puts a backup in beside what is kept, and over the same snapshots', async () => {
    await keepList(identityOfKey(OTHER), 'devices', [device({ name: 'Other' })], { now: NOON });
    const text = JSON.stringify(await makeBackup());
    await wipeAll();
    await keepList(identityOfKey(PARTNER), 'licenses', [license()], { now: NOON });
    await keepList(identityOfKey(OTHER), 'devices', [device({ name: 'Other' })], { now: NOON });
    expect(await importBackup(text)).toMatchObject({ ok: true, accounts: 1, snapshots: 1 });
    expect((await keptData()).snapshots.map((snapshot) => [snapshot.account, snapshot.list, snapshot.savedAt])).toEqual([
      [OTHER, 'devices', NOON], [PARTNER, 'licenses', NOON],
    ]);
    expect(byAccount(await accountOverviews()).map((overview) => overview.account)).toEqual([OTHER, PARTNER]);
  });

  it('counts the accounts, snapshots, and the licenses and devices of each list\'s last snapshot', async () => {
    await someData();
    const backup = await makeBackup();
    await wipeAll();
    expect(await importBackup(JSON.stringify(backup))).toEqual({
      // Partner: licenses at NOON and NOON + a day (3 licenses), devices (2); Other: devices (1).
      ok: true, accounts: 2, snapshots: backup.snapshots.length, licenses: 3, devices: 3,
    });
    expect(backup.snapshots).toHaveLength(4);
  });

  it('takes an account known only by its snapshots by its key', async () => {
    await keepList(identityOfKey(PARTNER), 'devices', [device()], { now: NOON });
    const backup = await makeBackup();
    await wipeAll();
    expect(await importBackup(JSON.stringify({ ...backup, accounts: [] }))).toMatchObject({ ok: true, accounts: 1 });
    expect(await accountOverviews()).toMatchObject([{ account: PARTNER, origin: 'https://lk.cleverence.ru', login: 'partner@example.ru', devices: { count: 1 } }]);
  });

  it('keeps the settings in the backup as normalised settings', async () => {
    await keepList(identityOfKey(PARTNER), 'devices', [device()], { now: NOON });
    const backup = await makeBackup();
    await wipeAll();
    const junk = {
      windows: { alert: 10, urgent: 400 }, notifications: 'yes', keepCodes: 1,
      mutedAccounts: [PARTNER, 42, null], mutedLicenses: [{ account: PARTNER, license: 'x', end: 1.5 }, 'x', { account: PARTNER, license: 'y', end: DAY }],
    };
    expect(await importBackup(JSON.stringify({ ...backup, settings: junk }))).toMatchObject({ ok: true });
    const expected: Settings = {
      windows: { alert: 10, urgent: 7 }, notifications: false, keepCodes: false,
      mutedAccounts: [PARTNER], mutedLicenses: [{ account: PARTNER, license: 'y', end: DAY }],
    };
    expect(await settings.get()).toEqual(expected);
    // Stored so, not only read back so.
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: expected });
  });

  it('leaves the settings as they are for a backup without any', async () => {
    await settings.set(MY_SETTINGS);
    await keepList(identityOfKey(PARTNER), 'devices', [device()], { now: NOON });
    const withoutSettings: Partial<Backup> = await makeBackup();
    delete withoutSettings.settings;
    expect(await importBackup(JSON.stringify(withoutSettings))).toMatchObject({ ok: true });
    expect(await settings.get()).toEqual(MY_SETTINGS);
  });
});

describe('importBackup of a file that is not a good backup', () => {
  let good: Backup;
  let before: Awaited<ReturnType<typeof keptData>>;

  beforeEach(async () => {
    await someData();
    good = await makeBackup();
    // What is kept now differs from the backup: a failed import must leave it so.
    await wipeAll();
    await keepList(identityOfKey(OTHER), 'licenses', [license({ product: 'Kept' })], { now: NOON });
    await settings.set({ ...DEFAULT_SETTINGS, windows: { alert: 20, urgent: 3 } });
    before = await keptData();
  });

  async function expectNothingWritten(): Promise<void> {
    expect(await keptData()).toEqual(before);
    expect(await settings.get()).toEqual({ ...DEFAULT_SETTINGS, windows: { alert: 20, urgent: 3 } });
    expect((await accountOverviews()).map((overview) => overview.account)).toEqual([OTHER]);
  }

  it('says a file that is not JSON is not JSON', async () => {
    expect(await importBackup('')).toEqual({ ok: false, problem: 'not-json' });
    expect(await importBackup(JSON.stringify(good).slice(0, -10))).toEqual({ ok: false, problem: 'not-json' });
    await expectNothingWritten();
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a list', '[]'],
    ['another program\'s file', JSON.stringify({ kind: 'something-else', version: 1, accounts: [], snapshots: [] })],
  ])('says JSON that is not a backup (%s) is not one', async (_what, text) => {
    expect(await importBackup(text)).toEqual({ ok: false, problem: 'not-a-backup' });
    await expectNothingWritten();
  });

  it('says a backup without its snapshots or accounts is not one', async () => {
    const noSnapshots: Partial<Backup> = { ...good };
    delete noSnapshots.snapshots;
    expect(await importBackup(JSON.stringify(noSnapshots))).toEqual({ ok: false, problem: 'not-a-backup' });
    expect(await importBackup(JSON.stringify({ ...good, accounts: {} }))).toEqual({ ok: false, problem: 'not-a-backup' });
    await expectNothingWritten();
  });

  it('says a backup of a newer version is one it cannot read', async () => {
    expect(await importBackup(JSON.stringify({ ...good, version: BACKUP_VERSION + 1 }))).toEqual({ ok: false, problem: 'newer-version' });
    expect(await importBackup(JSON.stringify({ ...good, version: '1' }))).toEqual({ ok: false, problem: 'newer-version' });
    await expectNothingWritten();
  });

  it('says which snapshot is damaged, counted from 1, and writes none of the good ones', async () => {
    const snapshots = good.snapshots.map((snapshot) => ({ ...snapshot }));
    snapshots[2] = { ...snapshots[2]!, items: [{ kind: 'main', product: 'x', status: 'stolen' }] as never };
    expect(await importBackup(JSON.stringify({ ...good, snapshots }))).toEqual({ ok: false, problem: 'damaged', detail: 3 });
    await expectNothingWritten();
  });

  it.each([
    ['an account key with no login', (snapshot: Backup['snapshots'][number]) => ({ ...snapshot, account: 'nobody' })],
    ['a list name it does not keep', (snapshot: Backup['snapshots'][number]) => ({ ...snapshot, list: 'orders' })],
    ['no time', (snapshot: Backup['snapshots'][number]) => ({ ...snapshot, savedAt: null })],
    ['a «since» that is not a time', (snapshot: Backup['snapshots'][number]) => ({ ...snapshot, previousSeenAt: 'yesterday' })],
    ['an account on a site that is not the vendor\'s', (snapshot: Backup['snapshots'][number]) => ({ ...snapshot, account: 'https://lk.cleverence.ru.evil.example a@example.ru' })],
  ])('takes a snapshot with %s for damaged', async (_what, damage) => {
    const snapshots: unknown[] = [...good.snapshots];
    snapshots[0] = damage(good.snapshots[0]!);
    expect(await importBackup(JSON.stringify({ ...good, snapshots }))).toEqual({ ok: false, problem: 'damaged', detail: 1 });
    await expectNothingWritten();
  });

  it.each([
    ['a Лицензии address that runs script', { licensesUrl: 'javascript:alert(1)' }],
    ['a Лицензии address on another site', { licensesUrl: 'https://evil.example/licenses' }],
    ['a Лицензии address on another of the vendor\'s sites', { licensesUrl: 'https://lk.cleverence.com/licenses' }],
    ['an origin that is not the vendor\'s', { origin: 'http://lk.cleverence.ru', account: 'http://lk.cleverence.ru partner@example.ru' }],
  ])('refuses an account with %s (the overview links to it), and writes nothing', async (_what, damage) => {
    const index = good.accounts.findIndex((identity) => identity.account === PARTNER);
    const accounts: unknown[] = [...good.accounts];
    accounts[index] = { ...good.accounts[index]!, ...damage };
    expect(await importBackup(JSON.stringify({ ...good, accounts }))).toEqual({ ok: false, problem: 'damaged', detail: good.snapshots.length + index + 1 });
    await expectNothingWritten();
  });

  it('says which account is damaged, counted on after the snapshots', async () => {
    const accounts: unknown[] = [...good.accounts];
    accounts[1] = { ...good.accounts[1]!, login: 'someone-else@example.ru' };
    expect(await importBackup(JSON.stringify({ ...good, accounts }))).toEqual({ ok: false, problem: 'damaged', detail: good.snapshots.length + 2 });
    await expectNothingWritten();
  });
});
