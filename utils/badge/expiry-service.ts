/**
 * Keeps the toolbar badge's count of what ends soon: from the lists kept in
 * IndexedDB, whenever a list is kept, when the service worker starts, and
 * every hour by an alarm (so a new day counts without a visit). Nothing it
 * needs lives only in memory: a worker stopped and started shows the same.
 */
import { allLists } from '../reading/list-cache';
import { today } from '../shared/dates';
import { setBadge } from './badge-service';
import { expiryBadge, expiryCounts, type SeenAccount } from './expiry-badge';

const ALARM = 'expiry-badge';

/** Counts again from what is kept, and shows it. */
export async function refreshExpiryBadge(now = new Date()): Promise<void> {
  const byAccount = new Map<string, SeenAccount>();
  for (const saved of await allLists()) {
    const seen = byAccount.get(saved.account) ?? { account: saved.account };
    if (saved.list === 'licenses') seen.licenses = saved.items as SeenAccount['licenses'];
    else seen.devices = saved.items as SeenAccount['devices'];
    byAccount.set(saved.account, seen);
  }
  await setBadge('expiring', expiryBadge(expiryCounts([...byAccount.values()], today(now))));
}

export function serveExpiryBadge(): void {
  void browser.alarms.create(ALARM, { periodInMinutes: 60 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void refreshExpiryBadge().catch(() => undefined);
  });
  void refreshExpiryBadge().catch(() => undefined);
}
