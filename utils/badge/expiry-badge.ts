/**
 * The toolbar badge's count of what ends soon, over every account seen and
 * not muted: update subscriptions of activated licenses and paid terms of
 * cloud licenses ending within the alert window (today counts), less the
 * muted licenses. Red when one ends within the urgent window or a cloud
 * device has no cloud license; amber otherwise; nothing at zero. Pure: the
 * background hands it the accounts' overviews, the settings and the day
 * (badge/expiry-service.ts).
 */
import { DEFAULT_WINDOWS, standingOf, type AccountOverview, type AlertWindows } from '../accounts/account-overview';
import { DEFAULT_SETTINGS, mutedEndsOf, type Settings } from '../accounts/settings';
import { days, t } from '../shared/i18n';
import type { DayNumber } from '../shared/records';
import type { BadgeState } from './badge-service';

export interface ExpiryCounts {
  /** Ending within the alert window, over all accounts not muted (muted licenses left out). */
  ending: number;
  /** Of those, ending within the urgent window. */
  urgent: number;
  /** Accounts with one or more ending. */
  accounts: number;
  /** Cloud devices with no cloud license, over all accounts not muted whose both lists were seen. */
  missingCloud: number;
}

/** Two binary searches per account (account-overview.ts): 500 accounts take well under a millisecond. */
export function expiryCounts(overviews: readonly AccountOverview[], today: DayNumber, current: Settings = DEFAULT_SETTINGS): ExpiryCounts {
  const counts: ExpiryCounts = { ending: 0, urgent: 0, accounts: 0, missingCloud: 0 };
  const muted = new Set(current.mutedAccounts);
  const mutedLicenses = current.mutedLicenses.length > 0;
  for (const overview of overviews) {
    if (muted.has(overview.account)) continue;
    const standing = standingOf(overview, today, current.windows, mutedLicenses ? mutedEndsOf(current, overview.account) : undefined);
    counts.ending += standing.alert;
    counts.urgent += standing.urgent;
    if (standing.alert > 0) counts.accounts++;
    counts.missingCloud += overview.missingCloud ?? 0;
  }
  return counts;
}

/** The badge's room is four characters. */
const MOST_SHOWN = 999;

export function expiryBadge(counts: ExpiryCounts, windows: AlertWindows = DEFAULT_WINDOWS): BadgeState | undefined {
  if (counts.ending === 0) return undefined;
  const lines = [t('badgeEnding', days(windows.alert), counts.ending, counts.accounts)];
  if (counts.urgent > 0) lines.push(t('badgeEndingUrgent', days(windows.urgent), counts.urgent));
  if (counts.missingCloud > 0) lines.push(t('badgeMissingCloud', counts.missingCloud));
  return {
    text: counts.ending > MOST_SHOWN ? `${MOST_SHOWN}+` : String(counts.ending),
    color: counts.urgent > 0 || counts.missingCloud > 0 ? '#c62828' : '#8a5a00',
    title: lines.join('\n'),
  };
}
