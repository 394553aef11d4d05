/**
 * What the overview page shows, worked out from the accounts' overviews and
 * the settings: one row per account (searched, filtered, sorted), the
 * renewal plan across accounts, its timeline of weeks, and their CSV. Pure.
 */
import { formatDay } from '../shared/dates';
import { t } from '../shared/i18n';
import { toCsv } from '../shared/csv';
import type { DayNumber, License } from '../shared/records';
import { changesLine } from './change-text';
import { licenseIdentity } from './changes';
import { standingOf, type AccountOverview, type AccountStanding } from './account-overview';
import { mutedEndsOf, type Settings } from './settings';

export interface AccountRow {
  overview: AccountOverview;
  standing: AccountStanding;
  muted: boolean;
  /** Company and login, as the list names the account. */
  name: string;
}

export const accountName = (account: Pick<AccountOverview, 'login' | 'company'>): string =>
  (account.company ? `${account.company} · ${account.login}` : account.login);

export function accountRows(overviews: readonly AccountOverview[], today: DayNumber, current: Settings): AccountRow[] {
  const muted = new Set(current.mutedAccounts);
  return overviews.map((overview) => ({
    overview,
    standing: standingOf(overview, today, current.windows, mutedEndsOf(current, overview.account)),
    muted: muted.has(overview.account),
    name: accountName(overview),
  }));
}

/** Which accounts the list shows. */
export type AccountFilter = 'all' | 'attention' | 'ending' | 'missing-cloud' | 'muted';
export const ACCOUNT_FILTERS: readonly AccountFilter[] = ['all', 'attention', 'ending', 'missing-cloud', 'muted'];

const needsAttention = (row: AccountRow) => row.standing.alert > 0 || (row.overview.missingCloud ?? 0) > 0 || row.standing.expired > 0;

export function filterAccounts(rows: readonly AccountRow[], search: string, filter: AccountFilter): AccountRow[] {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    const { overview } = row;
    const haystack = `${overview.login} ${overview.company ?? ''} ${overview.inn ?? ''} ${overview.origin}`.toLowerCase();
    if (!words.every((word) => haystack.includes(word))) return false;
    switch (filter) {
      case 'attention': return !row.muted && needsAttention(row);
      case 'ending': return !row.muted && row.standing.alert > 0;
      case 'missing-cloud': return (overview.missingCloud ?? 0) > 0;
      case 'muted': return row.muted;
      default: return true;
    }
  });
}

export type AccountSort = 'name' | 'licenses' | 'missingCloud' | 'ending7' | 'ending30' | 'ending90' | 'expired' | 'nextEnd' | 'seenAt';

const SORT_VALUE: Record<AccountSort, (row: AccountRow) => number | string> = {
  name: (row) => row.name.toLowerCase(),
  licenses: (row) => row.overview.licenses?.count ?? -1,
  missingCloud: (row) => row.overview.missingCloud ?? -1,
  ending7: (row) => row.standing.ending[7],
  ending30: (row) => row.standing.ending[30],
  ending90: (row) => row.standing.ending[90],
  expired: (row) => row.standing.expired,
  // No end ahead sorts last going up.
  nextEnd: (row) => row.standing.nextEnd ?? Number.MAX_SAFE_INTEGER,
  seenAt: (row) => row.overview.seenAt,
};

/** One collator for a whole sort: `localeCompare` makes one per comparison. */
const collator = new Intl.Collator();

export function sortAccounts(rows: readonly AccountRow[], by: AccountSort, descending: boolean): AccountRow[] {
  const value = SORT_VALUE[by];
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    const order = typeof left === 'string' ? collator.compare(left, right as string) : left - (right as number);
    return order * sign || collator.compare(a.name, b.name);
  });
}

const dayText = (day: DayNumber | undefined) => (day === undefined ? '' : formatDay(day));
/** When an account was last seen, as the overview and its CSV say it: one formatter for every row (making one is the slow part). */
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
export const timeText = (at: number): string => timeFormat.format(at);

export function accountsCsv(rows: readonly AccountRow[]): string {
  return toCsv(t('overviewCsvHeader'), rows.map(({ overview, standing, muted }) => [
    overview.login, overview.company ?? '', overview.inn ?? '', overview.origin,
    String(overview.licenses?.count ?? ''), String(overview.devices?.count ?? ''), String(overview.missingCloud ?? ''),
    String(standing.ending[7]), String(standing.ending[30]), String(standing.ending[90]), String(standing.expired),
    dayText(standing.nextEnd), timeText(overview.seenAt), overview.changes ? changesLine(overview.changes) : '', muted ? t('yes') : '',
  ]));
}

// ---------------------------------------------------------------------------
// The renewal plan.

export interface PlannedRenewal {
  license: License;
  /** changes.ts licenseIdentity: what muting a license keeps. */
  identity: string;
  end: DayNumber;
  daysLeft: number;
  muted: boolean;
}

export interface AccountPlan {
  overview: AccountOverview;
  renewals: PlannedRenewal[];
}

/** The accounts with anything ending from today to `days` ahead: the only ones whose licenses the plan reads. */
export const accountsEndingWithin = (overviews: readonly AccountOverview[], today: DayNumber, days: number, current: Settings): AccountOverview[] =>
  overviews.filter((overview) => standingOf(overview, today, { alert: days, urgent: 0 }).alert > 0 && !current.mutedAccounts.includes(overview.account));

/** Everything of one account ending from today to `days` ahead, soonest first. */
export function planOf(overview: AccountOverview, licenses: readonly License[], today: DayNumber, days: number, current: Settings): AccountPlan {
  const muted = new Set(current.mutedLicenses.filter((entry) => entry.account === overview.account).map((entry) => `${entry.license} ${entry.end}`));
  const renewals: PlannedRenewal[] = [];
  for (const license of licenses) {
    const end = license.subscriptionEnd;
    if (license.status !== 'activated' || typeof end !== 'number' || end < today || end > today + days) continue;
    const identity = licenseIdentity(license);
    renewals.push({ license, identity, end, daysLeft: end - today, muted: muted.has(`${identity} ${end}`) });
  }
  renewals.sort((a, b) => a.end - b.end || a.license.product.localeCompare(b.license.product));
  return { overview, renewals };
}

export function renewalCsv(plans: readonly AccountPlan[]): string {
  return toCsv(t('renewalCsvHeader'), plans.flatMap(({ overview, renewals }) => renewals.map(({ license, end, daysLeft, muted }) => [
    overview.login, overview.company ?? '', overview.inn ?? '', t(license.kind === 'cloud' ? 'kindCloud' : 'kindMain'), license.product,
    license.deviceId ?? '', formatDay(end), String(daysLeft), overview.licensesUrl ?? overview.origin, muted ? t('yes') : '',
  ])));
}

/** The timeline: weeks across (the first starts today), accounts down, how many end in each week. */
export function timelineWeeks(plans: readonly AccountPlan[], days: number): { weeks: number; counts: number[][] } {
  const weeks = Math.max(1, Math.ceil((days + 1) / 7));
  const counts = plans.map(({ renewals }) => {
    const row = new Array<number>(weeks).fill(0);
    for (const { daysLeft } of renewals) row[Math.min(weeks - 1, Math.floor(daysLeft / 7))]!++;
    return row;
  });
  return { weeks, counts };
}
