/**
 * The toolbar badge's count of what ends soon, over every account whose
 * lists the extension has seen: update subscriptions of activated licenses
 * and paid terms of cloud licenses ending within the alert window (today
 * counts). Red when one ends within the urgent window or a cloud device has
 * no cloud license; amber otherwise; nothing at zero. Pure: the background
 * hands it the saved lists and the day (badge/expiry-service.ts).
 */
import { crossCheck } from '../checks/checks';
import { days, t } from '../shared/i18n';
import type { Device, DayNumber, License } from '../shared/records';
import type { BadgeState } from './badge-service';

/** One account's lists as last seen whole (either may be missing). */
export interface SeenAccount {
  account: string;
  licenses?: readonly License[];
  devices?: readonly Device[];
}

export interface AlertWindows {
  /** Days ahead counted on the badge (today is day 0). */
  alert: number;
  /** Within this many days the badge turns red. */
  urgent: number;
}

export const ALERT_WINDOWS: AlertWindows = { alert: 30, urgent: 7 };

export interface ExpiryCounts {
  /** Ending within the alert window, over all accounts. */
  ending: number;
  /** Of those, ending within the urgent window. */
  urgent: number;
  /** Accounts with one or more ending. */
  accounts: number;
  /** Cloud devices with no cloud license, over all accounts whose both lists were seen. */
  missingCloud: number;
}

export function expiryCounts(seen: readonly SeenAccount[], today: DayNumber, windows: AlertWindows = ALERT_WINDOWS): ExpiryCounts {
  const counts: ExpiryCounts = { ending: 0, urgent: 0, accounts: 0, missingCloud: 0 };
  for (const { licenses, devices } of seen) {
    if (!licenses) continue;
    // Without the devices no device is judged (crossCheck), so no device is counted as missing a license.
    const check = crossCheck(licenses, devices, today);
    let ending = 0;
    for (const entry of check.licenses) {
      const left = entry.daysLeft;
      if (entry.license.status !== 'activated' || left === undefined || left < 0 || left > windows.alert) continue;
      ending++;
      if (left <= windows.urgent) counts.urgent++;
    }
    counts.ending += ending;
    if (ending > 0) counts.accounts++;
    counts.missingCloud += check.counts.missingCloud;
  }
  return counts;
}

/** The badge's room is four characters. */
const MOST_SHOWN = 999;

export function expiryBadge(counts: ExpiryCounts, windows: AlertWindows = ALERT_WINDOWS): BadgeState | undefined {
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
