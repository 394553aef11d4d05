/**
 * The whole local data of the accounts as one JSON file: every snapshot, who
 * each account is, and the settings. An import is checked whole before
 * anything is written, and read back after: it says how much came in, or
 * why nothing did. Upload jobs are not in it: they are the day's work, and
 * forget their codes within a day (upload/job-store.ts).
 */
import { isItemsOf } from '../reading/saved-lists';
import { isVendorUrl } from '../site/vendor-hosts';
import { LANGUAGES } from '../shared/i18n';
import { identityOfKey, isKeptSnapshot, keptData, putKeptData, wipeKeptData, type KeptData, type Snapshot } from './account-store';
import { normaliseSettings, settings, type Settings } from './settings';

export const BACKUP_KIND = 'cleverence-license-helper-backup';
export const BACKUP_VERSION = 1;

export interface Backup extends KeptData {
  kind: typeof BACKUP_KIND;
  version: number;
  exportedAt: string;
  settings: Settings;
}

export async function makeBackup(now = new Date()): Promise<Backup> {
  return { kind: BACKUP_KIND, version: BACKUP_VERSION, exportedAt: now.toISOString(), settings: await settings.get(), ...(await keptData()) };
}

export type ImportProblem = 'not-json' | 'not-a-backup' | 'newer-version' | 'damaged' | 'lost';

export type ImportResult =
  | { ok: true; accounts: number; snapshots: number; licenses: number; devices: number }
  | { ok: false; problem: ImportProblem; /** The first damaged record, counted from 1, or how many did not come back. */ detail?: number };

const snapshotKey = (snapshot: Pick<Snapshot, 'account' | 'list' | 'savedAt'>) => JSON.stringify([snapshot.account, snapshot.list, snapshot.savedAt]);

/** An account of the vendor's: a backup is a file, and a file can say anything (the overview links to these addresses). */
const isVendorOrigin = (origin: unknown): origin is string => typeof origin === 'string' && isVendorUrl(origin) && new URL(origin).origin === origin;

const isIdentity = (value: unknown): value is KeptData['accounts'][number] => {
  const identity = value as Partial<KeptData['accounts'][number]> | null;
  const text = (field: unknown) => field === undefined || (typeof field === 'string' && field.length <= 2_000);
  return !!identity && typeof identity === 'object' && typeof identity.account === 'string' && isVendorOrigin(identity.origin)
    && typeof identity.login === 'string' && identity.account === `${identity.origin} ${identity.login}`
    && text(identity.company) && text(identity.inn) && !!identity.seen && typeof identity.seen === 'object'
    && (identity.language === undefined || LANGUAGES.includes(identity.language))
    && (identity.licensesUrl === undefined || (text(identity.licensesUrl) && isVendorUrl(identity.licensesUrl) && new URL(identity.licensesUrl).origin === identity.origin));
};

export async function importBackup(text: string): Promise<ImportResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const backup = parsed as Partial<Backup> | null;
  if (!backup || typeof backup !== 'object' || backup.kind !== BACKUP_KIND || !Array.isArray(backup.snapshots) || !Array.isArray(backup.accounts)) {
    return { ok: false, problem: 'not-a-backup' };
  }
  if (typeof backup.version !== 'number' || backup.version > BACKUP_VERSION) return { ok: false, problem: 'newer-version' };
  const badSnapshot = backup.snapshots.findIndex((snapshot) => !isKeptSnapshot(snapshot) || !isVendorOrigin(identityOfKey(snapshot.account).origin));
  if (badSnapshot >= 0) return { ok: false, problem: 'damaged', detail: badSnapshot + 1 };
  const badAccount = backup.accounts.findIndex((identity) => !isIdentity(identity));
  if (badAccount >= 0) return { ok: false, problem: 'damaged', detail: backup.snapshots.length + badAccount + 1 };

  await putKeptData({ accounts: backup.accounts, snapshots: backup.snapshots });
  if (backup.settings !== undefined) await settings.set(normaliseSettings(backup.settings));

  // Read back: every snapshot of the file is kept, whole.
  const kept = new Map((await keptData()).snapshots.map((snapshot) => [snapshotKey(snapshot), snapshot]));
  const lost = backup.snapshots.filter((snapshot) => JSON.stringify(kept.get(snapshotKey(snapshot))?.items) !== JSON.stringify(snapshot.items)).length;
  if (lost > 0) return { ok: false, problem: 'lost', detail: lost };
  const latest = new Map<string, Snapshot>();
  for (const snapshot of backup.snapshots) {
    const key = `${snapshot.account} ${snapshot.list}`;
    if ((latest.get(key)?.savedAt ?? -Infinity) < snapshot.savedAt) latest.set(key, snapshot);
  }
  const count = (list: 'licenses' | 'devices') =>
    [...latest.values()].filter((snapshot) => snapshot.list === list && isItemsOf(list, snapshot.items)).reduce((sum, snapshot) => sum + snapshot.items.length, 0);
  return {
    ok: true,
    accounts: new Set([...backup.accounts.map((identity) => identity.account), ...backup.snapshots.map((snapshot) => snapshot.account)]).size,
    snapshots: backup.snapshots.length,
    licenses: count('licenses'),
    devices: count('devices'),
  };
}

/** Forgets every account, snapshot and setting (the options page asks first). */
export async function wipeAll(): Promise<void> {
  await wipeKeptData();
  await settings.reset();
}
