/**
 * Which desktop notifications are due (settings.notifications, off by
 * default): at most one per license per alert window, grouped per account.
 * A license has no id in the list, so what was said is kept as a count per
 * account, window and «До» day: a day that now ends more licenses than were
 * told of tells of the new ones only. A license renewed ends on another
 * day, so its next term is told of again. Pure: the service keeps `told`.
 */
import { countBetween, type AccountOverview } from '../accounts/account-overview';
import { mutedEndsOf, type Settings } from '../accounts/settings';
import type { DayNumber } from '../shared/records';

/** Licenses told of, by `${window} ${end day} ${account}`. */
export type Told = Record<string, number>;

export interface ExpiryNotice {
  account: string;
  /** Newly within the alert window, and of those (or on their own) newly within the urgent one. */
  alert: number;
  urgent: number;
}

export function dueNotices(overviews: readonly AccountOverview[], today: DayNumber, current: Settings, told: Told): { notices: ExpiryNotice[]; told: Told } {
  const next: Told = {};
  // What ended is not kept: told of a day gone by is of no use any more.
  for (const [key, count] of Object.entries(told)) if (Number(key.split(' ')[1]) >= today) next[key] = count;
  const notices: ExpiryNotice[] = [];
  const muted = new Set(current.mutedAccounts);
  for (const overview of overviews) {
    if (muted.has(overview.account)) continue;
    const mutedEnds = mutedEndsOf(current, overview.account);
    const notice: ExpiryNotice = { account: overview.account, alert: 0, urgent: 0 };
    for (const [window, days] of [['alert', current.windows.alert], ['urgent', current.windows.urgent]] as const) {
      for (let day = today; day <= today + days; day++) {
        const ending = countBetween(overview.ends, day, day) - mutedEnds.filter((end) => end === day).length;
        if (ending <= 0) continue;
        const key = `${window} ${day} ${overview.account}`;
        const already = next[key] ?? 0;
        if (ending > already) notice[window] += ending - already;
        next[key] = Math.max(ending, already);
      }
    }
    if (notice.alert > 0 || notice.urgent > 0) notices.push(notice);
  }
  return { notices, told: next };
}
