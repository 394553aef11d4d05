/**
 * The user's settings (the options page): the alert windows, notifications,
 * muted accounts and licenses, and whether activation codes are kept. In
 * `storage.local` through WXT's storage helper: the worker, the overview and
 * the options page read and watch the same item. What is read back is
 * normalised, so a value an older version wrote (or none) is the default.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_WINDOWS, type AlertWindows, type MutedLicense } from './account-overview';

export interface Settings {
  windows: AlertWindows;
  /** Desktop notifications before something ends; off until the user turns them on. */
  notifications: boolean;
  /** Keep activation codes in the kept lists as the account shows them; off: only their fingerprints. */
  keepCodes: boolean;
  /** Accounts (their key) the badge and the notifications leave out. */
  mutedAccounts: string[];
  mutedLicenses: MutedLicense[];
}

export const DEFAULT_SETTINGS: Settings = {
  windows: DEFAULT_WINDOWS, notifications: false, keepCodes: false, mutedAccounts: [], mutedLicenses: [],
};

/** The widest alert window a setting may ask for: a year. */
export const MAX_WINDOW_DAYS = 365;

const dayCount = (value: unknown, fallback: number) =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_WINDOW_DAYS ? (value as number) : fallback;

/** Whatever is stored (or imported from a backup), as settings. */
export function normaliseSettings(value: unknown): Settings {
  const stored = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof Settings, unknown>>;
  const windows = (stored.windows && typeof stored.windows === 'object' ? stored.windows : {}) as Partial<Record<keyof AlertWindows, unknown>>;
  const alert = dayCount(windows.alert, DEFAULT_WINDOWS.alert);
  return {
    // The urgent window lies inside the alert one: a red badge counts what it shows.
    windows: { alert, urgent: Math.min(alert, dayCount(windows.urgent, DEFAULT_WINDOWS.urgent)) },
    notifications: stored.notifications === true,
    keepCodes: stored.keepCodes === true,
    mutedAccounts: Array.isArray(stored.mutedAccounts) ? stored.mutedAccounts.filter((account): account is string => typeof account === 'string') : [],
    mutedLicenses: Array.isArray(stored.mutedLicenses)
      ? stored.mutedLicenses.filter((muted): muted is MutedLicense => !!muted && typeof muted === 'object'
        && typeof muted.account === 'string' && typeof muted.license === 'string' && Number.isInteger(muted.end))
      : [],
  };
}

const item = storage.defineItem<unknown>('local:settings');

export const settings = {
  async get(): Promise<Settings> {
    return normaliseSettings(await item.getValue());
  },
  async set(next: Settings): Promise<void> {
    await item.setValue(normaliseSettings(next));
  },
  async update(change: (now: Settings) => Settings): Promise<Settings> {
    const next = normaliseSettings(change(await settings.get()));
    await item.setValue(next);
    return next;
  },
  watch(callback: (next: Settings) => void): () => void {
    return item.watch((value) => callback(normaliseSettings(value)));
  },
  /** Back to the defaults, and nothing told of any more. */
  reset: () => Promise.all([item.removeValue(), noticesTold.removeValue()]).then(() => undefined),
};

/**
 * Which licenses the notifications told of already (badge/expiry-notices.ts
 * Told): kept with the settings, wiped with them.
 */
export const noticesTold = storage.defineItem<Record<string, number>>('local:expiryNoticesTold', { fallback: {} });

/** The muted licenses' «До» days in one account: what standingOf leaves out. */
export const mutedEndsOf = (current: Settings, account: string): number[] =>
  current.mutedLicenses.filter((muted) => muted.account === account).map((muted) => muted.end);
