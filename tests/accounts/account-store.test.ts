// The lists kept between visits, in IndexedDB (fake-indexeddb here, see vitest.config.ts):
// utils/accounts/account-store.ts keeps the last few whole lists of each tab of
// each account (snapshots), works out what changed, and keeps each account's overview.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  accountOverviews, forgetCodes, HISTORY, identityOfKey, keepList, loadList, type Snapshot,
} from '@/utils/accounts/account-store';
import { dayNumber } from '@/utils/shared/dates';
import { isListOf } from '@/utils/reading/saved-lists';
import { codeFingerprint } from '@/utils/upload/code-fingerprint';
import type { Device, License } from '@/utils/shared/records';

const DAY = dayNumber(2026, 6, 15)!;
const LK = 'https://lk.cleverence.ru';
const CODE = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q';
/** 15 June 2026, noon UTC, and each later visit a day on. */
const NOON = Date.UTC(2026, 5, 15, 12);
const DAY_MS = 86_400_000;

const license = (fields: Partial<License> = {}): License => ({
  kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин ...', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D',
  date: DAY - 100, subscriptionEnd: DAY + 200, ...fields,
});
const device = (fields: Partial<Device> = {}): Device => ({
  id: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', name: 'Xiaomi', database: 'Склад Москва', connection: 'cloud', lastSeen: DAY, ...fields,
});

/** Each test keeps its lists under accounts of its own: the database lives for the whole file. */
let accounts = 0;
const newAccount = () => `${LK} user${++accounts}@example.ru`;

/** Keeps a list as the background does, for an account known by its key. */
const keep = <Name extends 'licenses' | 'devices'>(account: string, list: Name, items: Name extends 'licenses' ? License[] : Device[], now?: number, keepCodes?: boolean) =>
  keepList(identityOfKey(account), list, items as never, { ...(now === undefined ? {} : { now }), ...(keepCodes ? { keepCodes } : {}) });

const overviewOf = async (account: string) => (await accountOverviews()).find((overview) => overview.account === account);

/** Every snapshot of an account as it lies in IndexedDB, oldest first. */
async function rawSnapshots(account: string): Promise<Snapshot[]> {
  await loadList(account, 'devices');
  const db = await openDB('license-helper');
  try {
    return ((await db.getAll('snapshots')) as Snapshot[]).filter((snapshot) => snapshot.account === account);
  } finally {
    db.close();
  }
}

/** Writes a record straight into the extension's store, as an older version or a damaged profile might have left it. */
async function writeRaw(store: 'snapshots' | 'accounts', record: Record<string, unknown>): Promise<void> {
  // The stores exist once the module has opened the database.
  await loadList(newAccount(), 'devices');
  const db = await openDB('license-helper');
  try {
    await db.put(store, record);
  } finally {
    db.close();
  }
}

describe('keepList and loadList', () => {
  it('gives back the list kept for an account, with when it was seen', async () => {
    const account = newAccount();
    await keep(account, 'licenses', [license(), license({ kind: 'main', status: 'free', deviceId: undefined })], 1_700_000_000_000);
    expect(await loadList(account, 'licenses')).toEqual({
      account, list: 'licenses', savedAt: 1_700_000_000_000,
      items: [license(), license({ kind: 'main', status: 'free', deviceId: undefined })],
    });
  });

  it('stamps a list with the time it was kept', async () => {
    const account = newAccount();
    const before = Date.now();
    await keep(account, 'devices', [device()]);
    const saved = await loadList(account, 'devices');
    expect(saved!.savedAt).toBeGreaterThanOrEqual(before);
    expect(saved!.savedAt).toBeLessThanOrEqual(Date.now());
  });

  it('has nothing for an account or list never kept', async () => {
    const account = newAccount();
    await keep(account, 'devices', [device()]);
    expect(await loadList(account, 'licenses')).toBeUndefined();
    expect(await loadList(newAccount(), 'devices')).toBeUndefined();
  });

  it('keeps the Лицензии and Устройства lists of one account apart', async () => {
    const account = newAccount();
    await keep(account, 'licenses', [license()], 1);
    await keep(account, 'devices', [device()], 2);
    expect((await loadList(account, 'licenses'))?.items).toEqual([license()]);
    expect((await loadList(account, 'devices'))?.items).toEqual([device()]);
  });

  it('keeps accounts apart: another account\'s list is never given back', async () => {
    const first = newAccount();
    const second = newAccount();
    await keep(first, 'devices', [device({ name: 'first' })], 1);
    await keep(second, 'devices', [device({ name: 'second' })], 2);
    expect((await loadList(first, 'devices'))?.items.map((item) => item.name)).toEqual(['first']);
    expect((await loadList(second, 'devices'))?.items.map((item) => item.name)).toEqual(['second']);
  });

  it('gives back the newer list once a different one was kept', async () => {
    const account = newAccount();
    await keep(account, 'devices', [device(), device({ id: 'WIN-H-00000000000000000000000000000001' })], 1_000);
    await keep(account, 'devices', [device({ name: 'renamed' })], 2_000);
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', savedAt: 2_000, items: [device({ name: 'renamed' })] });
  });

  it('keeps an empty list as an empty list, not as nothing kept', async () => {
    const account = newAccount();
    await keep(account, 'devices', [], 5);
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', savedAt: 5, items: [] });
  });

  it('keeps a list seen again unchanged as it was, and only notes when it was seen', async () => {
    const account = newAccount();
    await keep(account, 'licenses', [license()], NOON);
    await keep(account, 'licenses', [license()], NOON + DAY_MS);
    expect(await loadList(account, 'licenses')).toEqual({ account, list: 'licenses', savedAt: NOON + DAY_MS, items: [license()] });
    expect((await rawSnapshots(account)).map((snapshot) => snapshot.savedAt)).toEqual([NOON]);
    expect((await overviewOf(account))?.licenses).toEqual({ count: 1, seenAt: NOON + DAY_MS });
  });

  it('gives back the list kept last even when the computer\'s clock was set back since the previous visit', async () => {
    const account = newAccount();
    await keep(account, 'devices', [device({ name: 'kept first' })], NOON + DAY_MS);
    await keep(account, 'devices', [device({ name: 'kept last' })], NOON);
    expect((await loadList(account, 'devices'))?.items.map((item) => item.name)).toEqual(['kept last']);
  });

  it('keeps the last HISTORY different lists of a tab, dropping the oldest', async () => {
    const account = newAccount();
    const times = Array.from({ length: HISTORY + 2 }, (_, n) => NOON + n * DAY_MS);
    for (const [n, now] of times.entries()) await keep(account, 'devices', [device({ name: `Касса ${n}` })], now);
    await keep(account, 'licenses', [license()], NOON);
    const snapshots = await rawSnapshots(account);
    const devices = snapshots.filter((snapshot) => snapshot.list === 'devices');
    expect(devices.map((snapshot) => snapshot.savedAt)).toEqual(times.slice(-HISTORY));
    expect(devices.map((snapshot) => (snapshot.items as Device[])[0]!.name)).toEqual(times.slice(-HISTORY).map((_, n) => `Касса ${n + 2}`));
    // The other tab's own snapshot is not among those dropped.
    expect(snapshots.filter((snapshot) => snapshot.list === 'licenses')).toHaveLength(1);
    expect((await loadList(account, 'devices'))?.items[0]!.name).toBe(`Касса ${HISTORY + 1}`);
  });
});

describe('what changed, and the overview', () => {
  it('works out the changes against the previous list, since it was last seen as it was', async () => {
    const account = newAccount();
    const renewed = license({ product: 'Renewed', subscriptionEnd: DAY + 10 });
    await keep(account, 'licenses', [renewed], NOON);
    await keep(account, 'licenses', [renewed], NOON + DAY_MS);
    const returned = await keep(account, 'licenses', [{ ...renewed, subscriptionEnd: DAY + 375 }, license({ product: 'New' })], NOON + 3 * DAY_MS);
    const overview = await overviewOf(account);
    expect(overview?.changes).toMatchObject({
      since: NOON + DAY_MS, at: NOON + 3 * DAY_MS,
      licensesAdded: { count: 1, first: [{ product: 'New' }] },
      renewed: { count: 1, first: [{ product: 'Renewed', previousEnd: DAY + 10, subscriptionEnd: DAY + 375 }] },
      licensesRemoved: { count: 0 },
    });
    // What keepList answers is what the overview then says.
    expect(returned).toEqual(overview);
    // A later visit that sees the same list keeps the changes.
    await keep(account, 'licenses', [{ ...renewed, subscriptionEnd: DAY + 375 }, license({ product: 'New' })], NOON + 4 * DAY_MS);
    expect((await overviewOf(account))?.changes).toEqual(overview?.changes);
  });

  it('has no changes for an account seen once, or seen again unchanged', async () => {
    const account = newAccount();
    await keep(account, 'licenses', [license()], NOON);
    expect(await overviewOf(account)).not.toHaveProperty('changes');
    await keep(account, 'licenses', [license()], NOON + DAY_MS);
    expect(await overviewOf(account)).not.toHaveProperty('changes');
  });

  it('keeps the other list\'s changes when one list changes', async () => {
    const account = newAccount();
    await keep(account, 'licenses', [license()], NOON);
    await keep(account, 'devices', [device()], NOON);
    await keep(account, 'licenses', [license(), license({ product: 'Added' })], NOON + DAY_MS);
    await keep(account, 'devices', [device(), device({ id: 'WIN-H-00000000000000000000000000000001', connection: 'local' })], NOON + 2 * DAY_MS);
    const changes = (await overviewOf(account))?.changes;
    expect(changes).toMatchObject({
      since: NOON, at: NOON + 2 * DAY_MS,
      licensesAdded: { count: 1, first: [{ product: 'Added' }] },
      devicesAdded: { count: 1, first: [{ id: 'WIN-H-00000000000000000000000000000001' }] },
    });
    // And the licenses seen again, unchanged, keep both.
    await keep(account, 'licenses', [license(), license({ product: 'Added' })], NOON + 3 * DAY_MS);
    expect((await overviewOf(account))?.changes).toMatchObject({ licensesAdded: { count: 1 }, devicesAdded: { count: 1 } });
  });

  it('names a cloud device newly left without its cloud license, with the devices seen', async () => {
    const account = newAccount();
    const phone = device();
    const cloud = license({ deviceId: 'XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B' });
    await keep(account, 'devices', [phone], NOON);
    await keep(account, 'licenses', [cloud, license({ kind: 'main', product: 'Склад 15' })], NOON);
    expect((await overviewOf(account))?.missingCloud).toBe(0);
    await keep(account, 'licenses', [license({ kind: 'main', product: 'Склад 15' })], NOON + DAY_MS);
    const overview = await overviewOf(account);
    expect(overview?.missingCloud).toBe(1);
    expect(overview?.changes?.newlyMissingCloud).toEqual({ count: 1, first: [{ id: phone.id, name: phone.name, database: phone.database }] });
  });

  it('counts what the overview shows from the lists kept', async () => {
    const account = newAccount();
    const today = dayNumber(2026, 6, 15)!;
    await keep(account, 'licenses', [
      license({ subscriptionEnd: today + 3 }), license({ subscriptionEnd: today + 40 }), license({ status: 'expired' }), license({ status: 'free', deviceId: undefined }),
    ], NOON);
    await keep(account, 'devices', [device(), device({ id: 'WIN-H-00000000000000000000000000000001', connection: 'local' })], NOON + 1_000);
    const overview = await overviewOf(account);
    expect(overview).toMatchObject({
      account, origin: LK, seenAt: NOON + 1_000, expiredStatus: 1,
      licenses: { count: 4, seenAt: NOON }, devices: { count: 2, seenAt: NOON + 1_000 },
    });
    expect([...overview!.ends]).toEqual([today + 3, today + 40]);
  });

  it('keeps two accounts\' lists apart when both are kept at once', async () => {
    const first = newAccount();
    const second = newAccount();
    const firstDevices = [device({ name: 'first' })];
    const secondDevices = [device({ name: 'second 1' }), device({ id: 'WIN-H-00000000000000000000000000000002', name: 'second 2', connection: 'local' })];
    const firstLicenses = [license({ product: 'first', deviceId: 'XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B' })];
    const secondLicenses = [license({ product: 'second 1', kind: 'main' }), license({ product: 'second 2', kind: 'main' }), license({ product: 'second 3', kind: 'main' })];
    await Promise.all([
      keep(first, 'licenses', firstLicenses, NOON), keep(second, 'devices', secondDevices, NOON + 1),
      keep(first, 'devices', firstDevices, NOON + 2), keep(second, 'licenses', secondLicenses, NOON + 3),
    ]);
    expect((await loadList(first, 'licenses'))?.items).toEqual(firstLicenses);
    expect((await loadList(first, 'devices'))?.items).toEqual(firstDevices);
    expect((await loadList(second, 'licenses'))?.items).toEqual(secondLicenses);
    expect((await loadList(second, 'devices'))?.items).toEqual(secondDevices);
    expect(await overviewOf(first)).toMatchObject({ licenses: { count: 1 }, devices: { count: 1 }, missingCloud: 0 });
    expect(await overviewOf(second)).toMatchObject({ licenses: { count: 3 }, devices: { count: 2 }, missingCloud: 1 });
  });

  it('keeps what an account showed about itself, and an earlier company when a later visit shows none', async () => {
    const account = newAccount();
    const identity = { ...identityOfKey(account), company: 'ООО «Ромашка»', inn: '7700000000', licensesUrl: `${LK}/licenses` };
    await keepList(identity, 'licenses', [license()], { now: NOON });
    await keepList(identityOfKey(account), 'devices', [device()], { now: NOON + 1 });
    expect(await overviewOf(account)).toMatchObject({ account, origin: LK, login: account.slice(LK.length + 1), company: 'ООО «Ромашка»', inn: '7700000000', licensesUrl: `${LK}/licenses` });
    await keepList({ ...identityOfKey(account), company: 'ООО «Лютик»' }, 'licenses', [license()], { now: NOON + 2 });
    expect(await overviewOf(account)).toMatchObject({ company: 'ООО «Лютик»', inn: '7700000000' });
  });
});

describe('activation codes', () => {
  it('keeps a fingerprint of each code, never the code, unless asked to', async () => {
    const account = newAccount();
    const shown = [license({ activationCode: CODE }), license({ product: 'no code' })];
    await keep(account, 'licenses', shown, NOON);
    // What was handed in is left as it was.
    expect(shown[0]!.activationCode).toBe(CODE);
    const kept = (await loadList(account, 'licenses'))?.items;
    expect(kept).toEqual([{ ...license(), codeFingerprint: codeFingerprint(CODE) }, license({ product: 'no code' })]);
    expect(kept![0]).not.toHaveProperty('activationCode');
    const raw = await rawSnapshots(account);
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain(CODE);
    expect(JSON.stringify(raw)).not.toContain('N9P0Q');
  });

  it('keeps the codes as shown when asked to, until told to forget them', async () => {
    const account = newAccount();
    await keep(account, 'licenses', [license({ activationCode: CODE })], NOON, true);
    expect((await loadList(account, 'licenses'))?.items[0]).toMatchObject({ activationCode: CODE });
    await keep(account, 'licenses', [license({ activationCode: CODE, product: 'later' })], NOON + DAY_MS, true);
    expect((await rawSnapshots(account)).map((snapshot) => (snapshot.items as License[])[0]!.activationCode)).toEqual([CODE, CODE]);

    await forgetCodes();
    const raw = await rawSnapshots(account);
    expect(raw).toHaveLength(2);
    expect(JSON.stringify(raw)).not.toContain(CODE);
    expect(raw.map((snapshot) => (snapshot.items as License[])[0]!.codeFingerprint)).toEqual([codeFingerprint(CODE), codeFingerprint(CODE)]);
    expect((await loadList(account, 'licenses'))?.items[0]).toMatchObject({ product: 'later', codeFingerprint: codeFingerprint(CODE) });
  });
});

describe('loadList on damaged data', () => {
  const junk: Array<[string, (account: string) => Record<string, unknown>]> = [
    ['items that are not a list', (account) => ({ account, list: 'devices', items: 'not a list', savedAt: 1 })],
    ['a device without a connection', (account) => ({ account, list: 'devices', items: [{ id: 'X', name: 'X', database: 'X', lastSeen: 1 }], savedAt: 1 })],
    ['a license with a status we never write', (account) => ({ account, list: 'licenses', items: [{ ...license(), status: 'stolen' }], savedAt: 1 })],
    ['markup where a license should be', (account) => ({ account, list: 'licenses', items: ['<img src=x onerror=alert(1)>'], savedAt: 1 })],
    ['a time of saving that is not finite', (account) => ({ account, list: 'devices', items: [device()], savedAt: Infinity })],
    ['a time of saving that is not a number', (account) => ({ account, list: 'devices', items: [device()], savedAt: 'yesterday' })],
  ];

  it.each(junk)('gives back nothing, without throwing, for %s', async (_what, record) => {
    const account = newAccount();
    const stored = record(account);
    await writeRaw('snapshots', stored);
    await expect(loadList(account, stored.list as 'devices' | 'licenses')).resolves.toBeUndefined();
  });

  it('still gives back a good list written the same way (the damaged ones fail on their damage)', async () => {
    const account = newAccount();
    await writeRaw('snapshots', { account, list: 'devices', items: [device()], savedAt: 7 });
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', items: [device()], savedAt: 7 });
  });

  it('gives back the last good list when a damaged one lies after it', async () => {
    const account = newAccount();
    await keep(account, 'devices', [device()], NOON);
    await writeRaw('snapshots', { account, list: 'devices', items: 'not a list', savedAt: NOON + DAY_MS });
    await writeRaw('snapshots', { account, list: 'devices', items: [device()], savedAt: Infinity });
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', items: [device()], savedAt: NOON });
  });

  it('leaves a damaged overview out of the overviews', async () => {
    const account = newAccount();
    await writeRaw('accounts', { account, origin: LK, login: 'x', seenAt: 1, ends: [1, 2] });
    await writeRaw('accounts', { account: `${account}.b`, seenAt: 'never' });
    const kept = newAccount();
    await keep(kept, 'devices', [device()], NOON);
    const all = (await accountOverviews()).map((overview) => overview.account);
    expect(all).toContain(kept);
    expect(all).not.toContain(account);
    expect(all).not.toContain(`${account}.b`);
  });
});

describe('isListOf (what the background accepts from content scripts)', () => {
  it('accepts well-formed licenses and devices, with the account\'s "no date" and "unknown" dates', () => {
    expect(isListOf('licenses', [license(), license({ date: 'none', subscriptionEnd: 'unknown', activationCode: 'A1B2C-D3E4F-G5H6J' })])).toBe(true);
    expect(isListOf('devices', [device(), device({ connection: 'local', lastSeen: 'unknown' })])).toBe(true);
    expect(isListOf('devices', [])).toBe(true);
  });

  it('refuses a list name it does not keep', () => {
    expect(isListOf('orders', [])).toBe(false);
    expect(isListOf(undefined, [])).toBe(false);
  });

  it('refuses devices in the licenses list and licenses in the devices list', () => {
    expect(isListOf('licenses', [device()])).toBe(false);
    expect(isListOf('devices', [license()])).toBe(false);
  });

  it('refuses records with a field of the wrong shape', () => {
    expect(isListOf('licenses', [license({ kind: 'trial' as License['kind'] })])).toBe(false);
    expect(isListOf('licenses', [license({ date: 1.5 })])).toBe(false);
    expect(isListOf('licenses', [license({ deviceId: 42 as unknown as string })])).toBe(false);
    expect(isListOf('licenses', [license({ codeFingerprint: 42 as unknown as string })])).toBe(false);
    expect(isListOf('devices', [device({ name: 'x'.repeat(5_000) })])).toBe(false);
    expect(isListOf('devices', [null])).toBe(false);
    expect(isListOf('devices', { length: 0 })).toBe(false);
  });

  it('refuses a list too long to be any account\'s', () => {
    expect(isListOf('devices', new Array<Device>(200_001).fill(device()))).toBe(false);
    expect(isListOf('devices', new Array<Device>(1_000).fill(device()))).toBe(true);
  });
});
