/**
 * One account as the overview and the toolbar badge see it: who it is, and a
 * few numbers worked out when its lists are kept, so that neither has to read
 * a partner's 200,000 licenses again. The «До» days of what can end are kept
 * as one sorted Int32Array (IndexedDB copies it as one block): any day's
 * "ending within 7, 30, 90 days" is two binary searches. Pure.
 */
import { crossCheck } from '../checks/checks';
import type { DayNumber, Device, License } from '../shared/records';
import type { Language } from '../shared/i18n';
import type { AccountChanges } from './changes';

/** Who an account is: what it shows about itself, and its origin. Everything kept is keyed by `account`. */
export interface AccountIdentity {
  /** `${origin} ${login}`: the key. */
  account: string;
  origin: string;
  /** The e-mail the account is logged in as. */
  login: string;
  company?: string;
  /** ИНН, where the account shows one. */
  inn?: string;
  /** The account's Лицензии tab, to open it from the overview. */
  licensesUrl?: string;
  /** The language its pages speak: what a support request about it is written in. */
  language?: Language;
}

export interface AccountOverview extends AccountIdentity {
  /** The last visit that kept a list, ms since the epoch. */
  seenAt: number;
  licenses?: { count: number; seenAt: number };
  devices?: { count: number; seenAt: number };
  /**
   * The «До» days of activated licenses, ascending: update subscriptions of
   * main licenses and paid terms of cloud ones. Free and «Истекла» licenses,
   * 01.01.1970 and unreadable dates never end here.
   */
  ends: Int32Array;
  /** Licenses whose status is «Истекла». */
  expiredStatus: number;
  /** Cloud devices with no cloud license at the last check; undefined until both lists were seen. */
  missingCloud?: number;
  /** What changed between the last two different snapshots. */
  changes?: AccountChanges;
}

/** The alert windows (settings): days ahead counted (today is day 0), and within how many the badge turns red. */
export interface AlertWindows {
  alert: number;
  urgent: number;
}
export const DEFAULT_WINDOWS: AlertWindows = { alert: 30, urgent: 7 };

/** The overview's columns of what ends soon. */
export const OVERVIEW_WINDOWS = [7, 30, 90] as const;

export interface KeptLists {
  licenses?: { items: readonly License[]; seenAt: number };
  devices?: { items: readonly Device[]; seenAt: number };
}

export function overviewOf(identity: AccountIdentity, lists: KeptLists, day: DayNumber, changes?: AccountChanges): AccountOverview {
  const licenses = lists.licenses?.items ?? [];
  const ends: number[] = [];
  let expiredStatus = 0;
  for (const license of licenses) {
    if (license.status === 'expired') expiredStatus++;
    // Day 0 is 01.01.1970, the account's "no date" (read as 'none'; a number only in a hand-made backup).
    else if (license.status === 'activated' && typeof license.subscriptionEnd === 'number' && license.subscriptionEnd > 0) ends.push(license.subscriptionEnd);
  }
  const missingCloud = lists.licenses && lists.devices
    ? crossCheck(lists.licenses.items, lists.devices.items, day).counts.missingCloud
    : undefined;
  return {
    ...identity,
    seenAt: Math.max(lists.licenses?.seenAt ?? 0, lists.devices?.seenAt ?? 0),
    ...(lists.licenses && { licenses: { count: lists.licenses.items.length, seenAt: lists.licenses.seenAt } }),
    ...(lists.devices && { devices: { count: lists.devices.items.length, seenAt: lists.devices.seenAt } }),
    ends: Int32Array.from(ends).sort(),
    expiredStatus,
    ...(missingCloud === undefined ? {} : { missingCloud }),
    ...(changes && { changes }),
  };
}

/** The first index in `sorted` whose value is at least `value`. */
function firstAtLeast(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of `sorted` lie in [from, to]. */
export const countBetween = (sorted: Int32Array, from: number, to: number): number =>
  to < from ? 0 : firstAtLeast(sorted, to + 1) - firstAtLeast(sorted, from);

/** A license muted from the overview: the badge and the notifications leave it out until its «До» day changes. */
export interface MutedLicense {
  account: string;
  /** changes.ts licenseIdentity */
  license: string;
  end: DayNumber;
}

/** An account on a given day. */
export interface AccountStanding {
  /** Ending within 7, 30 and 90 days (today counts). */
  ending: Record<(typeof OVERVIEW_WINDOWS)[number], number>;
  /** Ending within the alert window, and within the urgent one, less the muted licenses. */
  alert: number;
  urgent: number;
  /** «Истекла», and activated licenses whose «До» day has passed. */
  expired: number;
  /** The nearest «До» day from today on. */
  nextEnd?: DayNumber;
}

export function standingOf(overview: AccountOverview, today: DayNumber, windows: AlertWindows = DEFAULT_WINDOWS, mutedEnds: readonly DayNumber[] = []): AccountStanding {
  const { ends } = overview;
  const fromToday = firstAtLeast(ends, today);
  // A muted license is known by its «До» day: on each such day no more are left out than end there (one muted and
  // then renewed leaves its old day, and whatever else ends on it counts).
  const mutedByDay = new Map<number, number>();
  for (const end of mutedEnds) mutedByDay.set(end, (mutedByDay.get(end) ?? 0) + 1);
  const mutedWithin = (days: number) => {
    let muted = 0;
    for (const [end, count] of mutedByDay) if (end >= today && end <= today + days) muted += Math.min(count, countBetween(ends, end, end));
    return muted;
  };
  const within = (days: number, muted = 0) => countBetween(ends, today, today + days) - muted;
  return {
    ending: { 7: within(7), 30: within(30), 90: within(90) },
    alert: within(windows.alert, mutedWithin(windows.alert)),
    urgent: within(windows.urgent, mutedWithin(windows.urgent)),
    expired: overview.expiredStatus + fromToday,
    ...(fromToday < ends.length ? { nextEnd: ends[fromToday]! } : {}),
  };
}
