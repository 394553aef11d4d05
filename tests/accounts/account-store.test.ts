// The lists kept between visits, in IndexedDB (fake-indexeddb here, see vitest.config.ts).
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '@/utils/shared/dates';
import { loadList, saveList } from '@/utils/reading/list-cache';
import { isListOf } from '@/utils/reading/saved-lists';
import type { Device, License } from '@/utils/shared/records';

const DAY = dayNumber(2026, 6, 15)!;
const LK = 'https://lk.cleverence.ru';

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

/** Writes a record straight into the extension's store, as an older version or a damaged profile might have left it. */
async function writeRaw(record: Record<string, unknown>): Promise<void> {
  // The store exists once the module has opened the database.
  await loadList(newAccount(), 'devices');
  const db = await openDB('license-helper');
  try {
    await db.put('lists', record);
  } finally {
    db.close();
  }
}

describe('saveList and loadList', () => {
  it('gives back the list saved for an account, with when it was saved', async () => {
    const account = newAccount();
    await saveList(account, 'licenses', [license(), license({ kind: 'main', status: 'free', deviceId: undefined })], 1_700_000_000_000);
    expect(await loadList(account, 'licenses')).toEqual({
      account, list: 'licenses', savedAt: 1_700_000_000_000,
      items: [license(), license({ kind: 'main', status: 'free', deviceId: undefined })],
    });
  });

  it('stamps a save with the time it was made', async () => {
    const account = newAccount();
    const before = Date.now();
    await saveList(account, 'devices', [device()]);
    const saved = await loadList(account, 'devices');
    expect(saved!.savedAt).toBeGreaterThanOrEqual(before);
    expect(saved!.savedAt).toBeLessThanOrEqual(Date.now());
  });

  it('has nothing for an account or list never saved', async () => {
    const account = newAccount();
    await saveList(account, 'devices', [device()]);
    expect(await loadList(account, 'licenses')).toBeUndefined();
    expect(await loadList(newAccount(), 'devices')).toBeUndefined();
  });

  it('keeps the Лицензии and Устройства lists of one account apart', async () => {
    const account = newAccount();
    await saveList(account, 'licenses', [license()], 1);
    await saveList(account, 'devices', [device()], 2);
    expect((await loadList(account, 'licenses'))?.items).toEqual([license()]);
    expect((await loadList(account, 'devices'))?.items).toEqual([device()]);
  });

  it('keeps accounts apart: another account\'s list is never given back', async () => {
    const first = newAccount();
    const second = newAccount();
    await saveList(first, 'devices', [device({ name: 'first' })], 1);
    await saveList(second, 'devices', [device({ name: 'second' })], 2);
    expect((await loadList(first, 'devices'))?.items.map((item) => item.name)).toEqual(['first']);
    expect((await loadList(second, 'devices'))?.items.map((item) => item.name)).toEqual(['second']);
  });

  it('replaces the saved list with a newer save', async () => {
    const account = newAccount();
    await saveList(account, 'devices', [device(), device({ id: 'WIN-H-00000000000000000000000000000001' })], 1_000);
    await saveList(account, 'devices', [device({ name: 'renamed' })], 2_000);
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', savedAt: 2_000, items: [device({ name: 'renamed' })] });
  });

  it('keeps an empty list as an empty list, not as nothing saved', async () => {
    const account = newAccount();
    await saveList(account, 'devices', [], 5);
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', savedAt: 5, items: [] });
  });
});

describe('loadList on damaged data', () => {
  const junk: Array<[string, (account: string) => Record<string, unknown>]> = [
    ['items that are not a list', (account) => ({ account, list: 'devices', items: 'not a list', savedAt: 1 })],
    ['a device without a connection', (account) => ({ account, list: 'devices', items: [{ id: 'X', name: 'X', database: 'X', lastSeen: 1 }], savedAt: 1 })],
    ['a license with a status we never write', (account) => ({ account, list: 'licenses', items: [{ ...license(), status: 'stolen' }], savedAt: 1 })],
    ['markup where a license should be', (account) => ({ account, list: 'licenses', items: ['<img src=x onerror=alert(1)>'], savedAt: 1 })],
    ['no time of saving', (account) => ({ account, list: 'devices', items: [device()] })],
    ['a time of saving that is not a number', (account) => ({ account, list: 'devices', items: [device()], savedAt: 'yesterday' })],
  ];

  it.each(junk)('gives back nothing, without throwing, for %s', async (_what, record) => {
    const account = newAccount();
    const stored = record(account);
    await writeRaw(stored);
    await expect(loadList(account, stored.list as 'devices' | 'licenses')).resolves.toBeUndefined();
  });

  it('still gives back a good list written the same way (the damaged ones fail on their damage)', async () => {
    const account = newAccount();
    await writeRaw({ account, list: 'devices', items: [device()], savedAt: 7 });
    expect(await loadList(account, 'devices')).toEqual({ account, list: 'devices', items: [device()], savedAt: 7 });
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
    expect(isListOf('devices', [device({ name: 'x'.repeat(5_000) })])).toBe(false);
    expect(isListOf('devices', [null])).toBe(false);
    expect(isListOf('devices', { length: 0 })).toBe(false);
  });

  it('refuses a list too long to be any account\'s', () => {
    expect(isListOf('devices', new Array<Device>(200_001).fill(device()))).toBe(false);
    expect(isListOf('devices', new Array<Device>(1_000).fill(device()))).toBe(true);
  });
});
