// The accounts database across versions (utils/accounts/account-store.ts): version 1,
// opened with lists in it, upgrades to this one with every good list kept (its
// codes as fingerprints only) and its overview worked out; and an older version
// that holds the database open makes the upgrade fail with the reason, not hang.
// Each test has a database of its own and the module loaded afresh, as a
// browser that just installed an update has.
import { IDBFactory } from 'fake-indexeddb';
import { openDB, type IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BLOCKED_WAIT_MS } from '@/utils/shared/database';
import { dayNumber } from '@/utils/shared/dates';
import { codeFingerprint } from '@/utils/upload/code-fingerprint';
import type { Device, License } from '@/utils/shared/records';

const DB_NAME = 'license-helper';
const DAY = dayNumber(2026, 6, 15)!;
const SAVED_AT = Date.UTC(2026, 5, 15, 12);
const CODE = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q';
const PARTNER = 'https://lk.cleverence.ru partner@example.ru';
const OTHER = 'https://lk.cleverence.com other@example.com';

const license = (fields: Partial<License> = {}): License => ({
  kind: 'main', product: 'Склад 15', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D',
  date: DAY - 100, subscriptionEnd: DAY + 200, ...fields,
});
const device = (fields: Partial<Device> = {}): Device => ({
  id: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', name: 'Касса 1', database: 'Склад Москва', connection: 'local', lastSeen: DAY, ...fields,
});

/** Version 1 as the extension shipped it: its one store, and what a user had in it. */
async function versionOne(records: Array<Record<string, unknown>>): Promise<IDBPDatabase> {
  const db = await openDB(DB_NAME, 1, {
    upgrade(created) {
      created.createObjectStore('lists', { keyPath: ['account', 'list'] });
    },
  });
  for (const record of records) await db.put('lists', record);
  return db;
}

async function freshStore() {
  vi.resetModules();
  return import('@/utils/accounts/account-store');
}

const PARTNER_LICENSES = [
  license({ activationCode: CODE }),
  license({ product: 'Магазин 15', subscriptionEnd: DAY + 5 }),
  license({ product: 'Истекла', status: 'expired' }),
  license({ kind: 'cloud', product: 'ОБЛАКО', deviceId: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', subscriptionEnd: DAY + 30 }),
];
const PARTNER_DEVICES = [device(), device({ id: 'SAMSUNG-SM-A525F-O-00AABBCCDDEEFF', name: 'Samsung', connection: 'cloud' })];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('upgrading from version 1 with data present', () => {
  it('keeps every good list, its codes as fingerprints only, drops the damaged ones, and works out the overviews', async () => {
    const old = await versionOne([
      { account: PARTNER, list: 'licenses', items: PARTNER_LICENSES, savedAt: SAVED_AT },
      { account: PARTNER, list: 'devices', items: PARTNER_DEVICES, savedAt: SAVED_AT + 1_000 },
      { account: OTHER, list: 'devices', items: 'not a list', savedAt: SAVED_AT },
      { account: OTHER, list: 'licenses', items: [{ ...license(), status: 'stolen' }], savedAt: SAVED_AT },
      { account: 'no-space-in-this-key', list: 'devices', items: [device()], savedAt: SAVED_AT },
    ]);
    old.close();

    const store = await freshStore();
    expect(await store.loadList(PARTNER, 'licenses')).toEqual({
      account: PARTNER, list: 'licenses', savedAt: SAVED_AT,
      items: [{ ...license(), codeFingerprint: codeFingerprint(CODE) }, ...PARTNER_LICENSES.slice(1)],
    });
    expect(await store.loadList(PARTNER, 'devices')).toEqual({ account: PARTNER, list: 'devices', savedAt: SAVED_AT + 1_000, items: PARTNER_DEVICES });
    expect(await store.loadList(OTHER, 'devices')).toBeUndefined();
    expect(await store.loadList(OTHER, 'licenses')).toBeUndefined();

    const overviews = await store.accountOverviews();
    expect(overviews.map((overview) => overview.account)).toEqual([PARTNER]);
    expect(overviews[0]).toMatchObject({
      account: PARTNER, origin: 'https://lk.cleverence.ru', login: 'partner@example.ru', seenAt: SAVED_AT + 1_000,
      licenses: { count: 4, seenAt: SAVED_AT }, devices: { count: 2, seenAt: SAVED_AT + 1_000 },
      expiredStatus: 1, missingCloud: 1,
    });
    expect([...overviews[0]!.ends]).toEqual([DAY + 5, DAY + 30, DAY + 200]);
    expect(overviews[0]).not.toHaveProperty('changes');

    const db = await openDB(DB_NAME);
    try {
      expect(db.version).toBe(2);
      expect([...db.objectStoreNames].sort()).toEqual(['accounts', 'snapshots']);
      const snapshots = await db.getAll('snapshots');
      expect(snapshots.map((snapshot) => [snapshot.account, snapshot.list, snapshot.savedAt])).toEqual([
        [PARTNER, 'devices', SAVED_AT + 1_000], [PARTNER, 'licenses', SAVED_AT],
      ]);
      expect(JSON.stringify(snapshots)).not.toContain(CODE);
    } finally {
      db.close();
    }
  });

  it('takes a visit after the update that sees the same list for no change, and a changed one for a change since then', async () => {
    (await versionOne([{ account: PARTNER, list: 'licenses', items: PARTNER_LICENSES, savedAt: SAVED_AT }])).close();
    const store = await freshStore();
    const identity = store.identityOfKey(PARTNER);
    // The page shows the code again: kept as its fingerprint, as the upgrade kept it.
    await store.keepList(identity, 'licenses', PARTNER_LICENSES, { now: SAVED_AT + 86_400_000 });
    expect((await store.accountOverviews())[0]).not.toHaveProperty('changes');
    const overview = await store.keepList(identity, 'licenses', [...PARTNER_LICENSES, license({ product: 'Новая' })], { now: SAVED_AT + 2 * 86_400_000 });
    expect(overview.changes).toMatchObject({ since: SAVED_AT + 86_400_000, licensesAdded: { count: 1, first: [{ product: 'Новая' }] } });
  });

  it('upgrades an empty version 1', async () => {
    (await versionOne([])).close();
    const store = await freshStore();
    expect(await store.accountOverviews()).toEqual([]);
    expect(await store.loadList(PARTNER, 'licenses')).toBeUndefined();
  });
});

describe('an older version holding the database open', () => {
  it('fails the open with the reason after BLOCKED_WAIT_MS instead of hanging, and opens once it lets go', async () => {
    // A version-1 page that never closes its connection: version 1 had no handler for a newer version.
    const old = await versionOne([{ account: PARTNER, list: 'devices', items: PARTNER_DEVICES, savedAt: SAVED_AT }]);
    const store = await freshStore();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let settled = false;
      const loading = store.loadList(PARTNER, 'devices');
      loading.then(() => { settled = true; }, () => { settled = true; });
      // The upgrade is blocked: the wait has started (the fake database's own tasks run on setImmediate, not faked).
      for (let turn = 0; turn < 1_000 && vi.getTimerCount() === 0; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(BLOCKED_WAIT_MS - 1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await expect(loading).rejects.toMatchObject({ name: 'StorageBlocked' });
    } finally {
      vi.useRealTimers();
    }

    old.close();
    await vi.waitFor(async () => expect((await store.loadList(PARTNER, 'devices'))?.items).toEqual(PARTNER_DEVICES), { timeout: 5_000 });
    const db = await openDB(DB_NAME);
    expect(db.version).toBe(2);
    db.close();
  });

  it('opens as soon as the older version lets go within the wait', async () => {
    const old = await versionOne([{ account: PARTNER, list: 'devices', items: PARTNER_DEVICES, savedAt: SAVED_AT }]);
    const store = await freshStore();
    const loading = store.loadList(PARTNER, 'devices');
    setTimeout(() => old.close(), 50);
    expect((await loading)?.items).toEqual(PARTNER_DEVICES);
  });

  it('lets a newer version upgrade past this one: this one closes and opens again on its next use', async () => {
    const store = await freshStore();
    await store.keepList(store.identityOfKey(PARTNER), 'devices', PARTNER_DEVICES, { now: SAVED_AT });
    const newer = await openDB(DB_NAME, 3, { upgrade: () => undefined });
    expect(newer.version).toBe(3);
    newer.close();
  });
});
