/**
 * Every account the extension has seen, kept in IndexedDB: the last few
 * whole lists of each tab (snapshots), and beside them each account's
 * overview (account-overview.ts), so the badge and the overview page never
 * read a license. This file owns the database: its name, versions and
 * migrations.
 *
 * Only whole lists come here: account-page.ts keeps a list only when it was
 * read whole (fetched through every page of the list, or shown whole and
 * unfiltered on the page). A page read in part, unrecognised or filtered
 * sends nothing, so it never takes a fuller snapshot's place.
 */
import type { DBSchema } from 'idb';
import { keptDatabase } from '../shared/database';
import { today } from '../shared/dates';
import type { License } from '../shared/records';
import { isItemsOf, type ListName, type SavedLists } from '../reading/saved-lists';
import { codeFingerprint } from '../upload/code-fingerprint';
import { overviewOf, type AccountIdentity, type AccountOverview, type KeptLists } from './account-overview';
import { accountChanges, type AccountChanges, type AccountLists } from './changes';

/** One whole list of one tab of one account, as it was from `savedAt` on. */
export interface Snapshot<Name extends ListName = ListName> {
  account: string;
  list: Name;
  items: SavedLists[Name];
  /** When the list was first read so (ms since the epoch). */
  savedAt: number;
  /** When the snapshot before this one was last seen unchanged: what "since" a change says. */
  previousSeenAt?: number;
}

/** The last whole list of a tab, and when it was last seen so. */
export interface SavedList<Name extends ListName = ListName> {
  account: string;
  list: Name;
  items: SavedLists[Name];
  savedAt: number;
}

/** The overview as kept: its changes per list, each from that list's last two snapshots. */
interface KeptOverview extends Omit<AccountOverview, 'changes'> {
  licenseChanges?: AccountChanges;
  deviceChanges?: AccountChanges;
}

interface HelperDB extends DBSchema {
  snapshots: { key: [string, ListName, number]; value: Snapshot };
  accounts: { key: string; value: KeptOverview };
}

const DB_NAME = 'license-helper';
/**
 * The database's versions. Each upgrade runs from any earlier one with data
 * present (tests/accounts/account-store.test.ts opens every earlier version
 * filled, then this one):
 *   1. `lists`: the last whole list of each tab of each account;
 *   2. `snapshots` (the last HISTORY lists of each tab) and `accounts` (the
 *      overviews); each version-1 list becomes its tab's first snapshot, its
 *      activation codes kept as fingerprints only (codes are not kept unless
 *      the user says so, and nobody has yet), and `lists` goes.
 */
const DB_VERSION = 2;
/** Snapshots kept per tab of each account: the last one, and the earlier ones the changes are worked out from. */
export const HISTORY = 5;

const LISTS: readonly ListName[] = ['licenses', 'devices'];

/** The key `${origin} ${login}` taken apart, for an account known by its key alone (version 1, a backup). */
export function identityOfKey(account: string): AccountIdentity {
  const space = account.indexOf(' ');
  return { account, origin: account.slice(0, space), login: account.slice(space + 1) };
}

const database = keptDatabase<HelperDB>(DB_NAME, DB_VERSION, async (db, oldVersion, _newVersion, tx) => {
  if (oldVersion < 2) {
    db.createObjectStore('snapshots', { keyPath: ['account', 'list', 'savedAt'] });
    db.createObjectStore('accounts', { keyPath: 'account' });
  }
  if (oldVersion === 1) {
    // Version 1's store is not in this version's schema: reached by name.
    const oldLists = tx.objectStore('lists' as never) as unknown as { getAll(): Promise<unknown[]> };
    const lists = new Map<string, KeptLists>();
    for (const saved of await oldLists.getAll()) {
      const { account, list, items, savedAt } = (saved ?? {}) as Partial<SavedList>;
      if (typeof account !== 'string' || !account.includes(' ') || !Number.isFinite(savedAt) || !list || !isItemsOf(list, items)) continue;
      const stored = withoutCodes(list, items);
      await tx.objectStore('snapshots').put({ account, list, items: stored, savedAt: savedAt! });
      lists.set(account, { ...lists.get(account), [list]: { items: stored, seenAt: savedAt! } });
    }
    for (const [account, kept] of lists) await tx.objectStore('accounts').put(keptOverview(overviewOf(identityOfKey(account), kept, today())));
    db.deleteObjectStore('lists' as never);
  }
});

/** A list as kept when codes are not: each code replaced by its fingerprint. */
export function withoutCodes<Name extends ListName>(list: Name, items: SavedLists[Name]): SavedLists[Name] {
  if (list !== 'licenses') return items;
  return (items as License[]).map((license) => {
    if (license.activationCode === undefined) return license;
    const { activationCode, ...rest } = license;
    return { ...rest, codeFingerprint: codeFingerprint(activationCode) };
  }) as SavedLists[Name];
}

const keptOverview = ({ changes: _changes, ...overview }: AccountOverview): KeptOverview => overview;

/** The overview as the overview page and the panel see it: the two lists' changes as one. */
export function overviewOfKept(kept: KeptOverview): AccountOverview {
  const { licenseChanges, deviceChanges, ...overview } = kept;
  const changes = mergeChanges(licenseChanges, deviceChanges);
  return changes ? { ...overview, changes } : overview;
}

function mergeChanges(licenses: AccountChanges | undefined, devices: AccountChanges | undefined): AccountChanges | undefined {
  if (!licenses || !devices) return licenses ?? devices;
  const missing = new Map([...licenses.newlyMissingCloud.first, ...devices.newlyMissingCloud.first].map((device) => [device.id, device]));
  return {
    ...licenses,
    since: Math.min(licenses.since, devices.since),
    at: Math.max(licenses.at, devices.at),
    devicesAdded: devices.devicesAdded,
    devicesRemoved: devices.devicesRemoved,
    newlyMissingCloud: { count: Math.max(licenses.newlyMissingCloud.count, devices.newlyMissingCloud.count, missing.size), first: [...missing.values()] },
  };
}

/** The last `count` snapshots of one tab of an account, newest first. */
async function lastSnapshots<Name extends ListName>(
  store: { openCursor(range: IDBKeyRange, direction: IDBCursorDirection): Promise<{ value: unknown; continue(): Promise<unknown> } | null> },
  account: string, list: Name, count: number,
): Promise<Array<Snapshot<Name>>> {
  const found: Array<Snapshot<Name>> = [];
  const range = IDBKeyRange.bound([account, list, -Infinity], [account, list, Infinity]);
  type Cursor = { value: unknown; continue(): Promise<Cursor | null> };
  for (let cursor = (await store.openCursor(range, 'prev')) as Cursor | null; cursor && found.length < count; cursor = await cursor.continue()) {
    if (isSnapshot(cursor.value, account, list)) found.push(cursor.value);
  }
  return found;
}

function isSnapshot<Name extends ListName>(value: unknown, account: string, list: Name): value is Snapshot<Name> {
  const snapshot = value as Partial<Snapshot> | null | undefined;
  return !!snapshot && typeof snapshot === 'object' && snapshot.account === account && snapshot.list === list
    && Number.isFinite(snapshot.savedAt) && isItemsOf(list, snapshot.items);
}

const sameItems = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && JSON.stringify(a) === JSON.stringify(b);

export interface KeepOptions {
  /** Keep activation codes as shown (settings.keepCodes); else only their fingerprints. */
  keepCodes?: boolean;
  now?: number;
}

/**
 * Keeps a whole list of one tab of an account just read: a new snapshot
 * where it differs from the last one (the changes worked out against it),
 * else only the time it was seen again; and the account's overview anew.
 */
export async function keepList<Name extends ListName>(
  identity: AccountIdentity, list: Name, items: SavedLists[Name], options: KeepOptions = {},
): Promise<AccountOverview> {
  const asked = options.now ?? Date.now();
  const { account } = identity;
  const stored = options.keepCodes ? items : withoutCodes(list, items);
  const db = await database();
  const tx = db.transaction(['snapshots', 'accounts'], 'readwrite');
  const snapshots = tx.objectStore('snapshots');
  const accounts = tx.objectStore('accounts');
  const before = await accounts.get(account);
  const other: ListName = list === 'licenses' ? 'devices' : 'licenses';
  const [latest] = await lastSnapshots(snapshots, account, list, 1);
  const [otherLatest] = await lastSnapshots(snapshots, account, other, 1);
  // Snapshots are ordered by when they were kept: a clock set back must not put the list just read before the last one.
  const now = latest && asked <= latest.savedAt ? latest.savedAt + 1 : asked;
  const day = today(new Date(now));
  const lastSeen = before?.[list]?.seenAt ?? latest?.savedAt;
  let changes = list === 'licenses' ? before?.licenseChanges : before?.deviceChanges;

  if (!latest || !sameItems(latest.items, stored)) {
    await snapshots.put({ account, list, items: stored, savedAt: now, ...(latest && lastSeen !== undefined ? { previousSeenAt: lastSeen } : {}) });
    if (latest) {
      const otherSide = otherLatest && { [other]: otherLatest.items };
      changes = accountChanges(
        { ...otherSide, [list]: latest.items, day: today(new Date(lastSeen!)), at: lastSeen! } as AccountLists,
        { ...otherSide, [list]: stored, day, at: now } as AccountLists,
      );
    }
    const keys = await snapshots.getAllKeys(IDBKeyRange.bound([account, list, -Infinity], [account, list, Infinity]));
    for (const key of keys.slice(0, Math.max(0, keys.length - HISTORY))) await snapshots.delete(key);
  }

  const kept: KeptLists = { [list]: { items: stored, seenAt: now } };
  if (otherLatest) kept[other] = { items: otherLatest.items as never, seenAt: before?.[other]?.seenAt ?? otherLatest.savedAt };
  const overview = overviewOf({
    ...identityOfKey(account),
    // What the account showed about itself this time; what it showed before where it shows less now.
    ...withoutUndefined({ company: before?.company, inn: before?.inn, licensesUrl: before?.licensesUrl, language: before?.language }),
    ...withoutUndefined(identity),
  }, kept, day);
  const next: KeptOverview = {
    ...keptOverview(overview),
    ...(list === 'licenses' ? { licenseChanges: changes, deviceChanges: before?.deviceChanges } : { deviceChanges: changes, licenseChanges: before?.licenseChanges }),
  };
  await accounts.put(withoutUndefined(next) as KeptOverview);
  await tx.done;
  return overviewOfKept(next);
}

function withoutUndefined<Value extends object>(value: Value): Partial<Value> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<Value>;
}

/** The last whole list of a tab kept for this account, and when it was last seen so. */
export async function loadList<Name extends ListName>(account: string, list: Name): Promise<SavedList<Name> | undefined> {
  const db = await database();
  const tx = db.transaction(['snapshots', 'accounts']);
  const [latest] = await lastSnapshots(tx.objectStore('snapshots'), account, list, 1);
  const overview = await tx.objectStore('accounts').get(account);
  if (!latest) return undefined;
  const seenAt = overview?.[list]?.seenAt;
  return { account, list, items: latest.items, savedAt: Number.isFinite(seenAt) ? seenAt! : latest.savedAt };
}

/** Every account's overview: what the badge and the overview page work from. */
export async function accountOverviews(): Promise<AccountOverview[]> {
  const db = await database();
  const all: unknown[] = await db.getAll('accounts');
  return all.filter(isKeptOverview).map(overviewOfKept);
}

/** One account's overview, if it was ever seen. */
export async function accountOverview(account: string): Promise<AccountOverview | undefined> {
  const db = await database();
  const kept: unknown = await db.get('accounts', account);
  return isKeptOverview(kept) ? overviewOfKept(kept) : undefined;
}

function isKeptOverview(value: unknown): value is KeptOverview {
  const kept = value as Partial<KeptOverview> | null | undefined;
  return !!kept && typeof kept === 'object' && typeof kept.account === 'string' && typeof kept.login === 'string'
    && typeof kept.origin === 'string' && kept.ends instanceof Int32Array && Number.isFinite(kept.seenAt);
}

/** The last whole lists of one account (the renewal plan names each license). */
export async function latestLists(account: string): Promise<Partial<SavedLists>> {
  const db = await database();
  const tx = db.transaction('snapshots');
  const result: Partial<SavedLists> = {};
  for (const list of LISTS) {
    const [latest] = await lastSnapshots(tx.objectStore('snapshots'), account, list, 1);
    if (latest) (result as Record<ListName, unknown>)[list] = latest.items;
  }
  return result;
}

// ---------------------------------------------------------------------------
// The whole local data: a backup, its import, and wiping it.

/** What a backup holds of the accounts: every snapshot, and who each account is. */
export interface KeptData {
  accounts: Array<AccountIdentity & { seen: Partial<Record<ListName, number>> }>;
  snapshots: Snapshot[];
}

export async function keptData(): Promise<KeptData> {
  const db = await database();
  const tx = db.transaction(['snapshots', 'accounts']);
  const snapshots = (await tx.objectStore('snapshots').getAll()).filter((snapshot) => isSnapshot(snapshot, snapshot.account, snapshot.list));
  const accounts = (await tx.objectStore('accounts').getAll()).filter(isKeptOverview).map((kept) => ({
    ...withoutUndefined({
      account: kept.account, origin: kept.origin, login: kept.login, company: kept.company, inn: kept.inn, licensesUrl: kept.licensesUrl, language: kept.language,
    }),
    seen: withoutUndefined({ licenses: kept.licenses?.seenAt, devices: kept.devices?.seenAt }),
  })) as KeptData['accounts'];
  return { accounts, snapshots };
}

/**
 * Puts a backup's accounts and snapshots in, beside (or over) what is kept,
 * and works each account's overview and changes out again from its
 * snapshots. Everything is checked first: nothing is written unless all of
 * it is well-formed.
 */
export async function putKeptData(data: KeptData): Promise<void> {
  const db = await database();
  const tx = db.transaction(['snapshots', 'accounts'], 'readwrite');
  const snapshots = tx.objectStore('snapshots');
  for (const snapshot of data.snapshots) await snapshots.put(snapshot);
  const identities = new Map(data.accounts.map((identity) => [identity.account, identity]));
  for (const account of new Set([...identities.keys(), ...data.snapshots.map((snapshot) => snapshot.account)])) {
    const { seen = {}, ...identity }: KeptData['accounts'][number] = identities.get(account) ?? { ...identityOfKey(account), seen: {} };
    const kept: KeptLists = {};
    const changes: Partial<Record<ListName, AccountChanges>> = {};
    const history: Partial<Record<ListName, Snapshot[]>> = {};
    for (const list of LISTS) history[list] = await lastSnapshots(snapshots, account, list, HISTORY);
    for (const list of LISTS) {
      const [last, previous] = history[list]!;
      if (!last) continue;
      (kept as Record<ListName, unknown>)[list] = { items: last.items, seenAt: seen[list] ?? last.savedAt };
      const other = list === 'licenses' ? 'devices' : 'licenses';
      if (previous) {
        const since = last.previousSeenAt ?? previous.savedAt;
        // The other list as it was when this one changed, as keepList compared them then.
        const otherThen = history[other]!.find((snapshot) => snapshot.savedAt <= last.savedAt);
        const otherSide = otherThen && { [other]: otherThen.items };
        changes[list] = accountChanges(
          { ...otherSide, [list]: previous.items, day: today(new Date(since)), at: since } as AccountLists,
          { ...otherSide, [list]: last.items, day: today(new Date(last.savedAt)), at: last.savedAt } as AccountLists,
        );
      }
    }
    if (!kept.licenses && !kept.devices) continue;
    const overview = keptOverview(overviewOf(identity, kept, today()));
    await tx.objectStore('accounts').put(withoutUndefined({ ...overview, licenseChanges: changes.licenses, deviceChanges: changes.devices }) as KeptOverview);
  }
  await tx.done;
}

/** Forgets every account and snapshot. */
export async function wipeKeptData(): Promise<void> {
  const db = await database();
  const tx = db.transaction(['snapshots', 'accounts'], 'readwrite');
  await tx.objectStore('snapshots').clear();
  await tx.objectStore('accounts').clear();
  await tx.done;
}

/** Replaces every kept code by its fingerprint (the user turned keeping codes off). */
export async function forgetCodes(): Promise<void> {
  const db = await database();
  const tx = db.transaction('snapshots', 'readwrite');
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const snapshot = cursor.value;
    if (snapshot.list !== 'licenses' || !isItemsOf('licenses', snapshot.items)) continue;
    if (!(snapshot.items as License[]).some((license) => license.activationCode !== undefined)) continue;
    await cursor.update({ ...snapshot, items: withoutCodes('licenses', snapshot.items as License[]) });
  }
  await tx.done;
}

/** Whether a backup's snapshot is one this version keeps. */
export const isKeptSnapshot = (value: unknown): value is Snapshot => {
  const snapshot = value as Partial<Snapshot> | null;
  return !!snapshot && typeof snapshot === 'object' && typeof snapshot.account === 'string' && snapshot.account.includes(' ')
    && (snapshot.list === 'licenses' || snapshot.list === 'devices') && isSnapshot(snapshot, snapshot.account, snapshot.list)
    && (snapshot.previousSeenAt === undefined || Number.isFinite(snapshot.previousSeenAt));
};
