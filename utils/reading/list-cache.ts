/**
 * The last whole list of each tab seen for each account, kept in IndexedDB so
 * that the cross-check still works (and says how old its data is) when the
 * other tab cannot be fetched. This file owns the database: its name, version
 * and migrations.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isListOf, type ListName, type SavedLists } from './saved-lists';


export interface SavedList<Name extends ListName = ListName> {
  account: string;
  list: Name;
  items: SavedLists[Name];
  /** When the list was read, ms since the epoch. */
  savedAt: number;
}

interface HelperDB extends DBSchema {
  lists: { key: [string, ListName]; value: SavedList };
}

const DB_NAME = 'license-helper';
const DB_VERSION = 1;

let opening: Promise<IDBPDatabase<HelperDB>> | undefined;
function database(): Promise<IDBPDatabase<HelperDB>> {
  opening ??= openDB<HelperDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('lists', { keyPath: ['account', 'list'] });
    },
  });
  return opening;
}

export async function saveList<Name extends ListName>(account: string, list: Name, items: SavedLists[Name], savedAt = Date.now()): Promise<void> {
  const db = await database();
  await db.put('lists', { account, list, items, savedAt });
}

export async function loadList<Name extends ListName>(account: string, list: Name): Promise<SavedList<Name> | undefined> {
  const db = await database();
  const saved: unknown = await db.get('lists', [account, list]);
  // What is read back is checked like what comes in: a record written by an
  // older version (or damaged) must not reach the checks as if it were a list.
  return isSavedList(saved, account, list) ? saved : undefined;
}

function isSavedList<Name extends ListName>(value: unknown, account: string, list: Name): value is SavedList<Name> {
  const saved = value as Partial<SavedList> | null | undefined;
  return !!saved && typeof saved === 'object' && saved.account === account && saved.list === list
    && Number.isFinite(saved.savedAt) && isListOf(list, saved.items);
}

/** Every list kept, of every account: what the toolbar badge counts over (badge/expiry-service.ts). */
export async function allLists(): Promise<SavedList[]> {
  const db = await database();
  const all: unknown[] = await db.getAll('lists');
  return all.filter((saved): saved is SavedList => {
    const list = (saved as Partial<SavedList> | null)?.list;
    return (list === 'licenses' || list === 'devices') && isSavedList(saved, (saved as SavedList).account, list);
  });
}
