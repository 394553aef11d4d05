/**
 * Keeps the toolbar badge's count of what ends soon, and the notifications
 * the user asked for: worked out from the accounts' overviews in IndexedDB
 * whenever a list is kept, when the settings change, when the service worker
 * starts (the browser's start among them) and every hour by an alarm, so a
 * new day counts without a visit. Nothing it needs lives only in memory: a
 * worker stopped and started shows the same.
 */
import { accountOverview, accountOverviews, identityOfKey } from '../accounts/account-store';
import { noticesTold as told, settings, type Settings } from '../accounts/settings';
import { today } from '../shared/dates';
import { days, t } from '../shared/i18n';
import type { AccountOverview } from '../accounts/account-overview';
import { accountName } from '../accounts/overview-rows';
import { setBadge } from './badge-service';
import { expiryBadge, expiryCounts } from './expiry-badge';
import { dueNotices, type ExpiryNotice } from './expiry-notices';

/** The alarm's name: the e2e tests fire it by creating it anew. */
export const EXPIRY_ALARM = 'expiry-badge';
const NOTICE_ID = 'clh-expiry ';
/** The User Timing measure of each count. */
export const BADGE_RECOMPUTE = 'clh-badge-recompute';

/** Counts again from what is kept, shows it, and tells what is newly due where the user asked to be told. */
export async function refreshExpiryBadge(now = new Date()): Promise<void> {
  const started = performance.now();
  const [overviews, current] = await Promise.all([accountOverviews(), settings.get()]);
  const day = today(now);
  await setBadge('expiring', expiryBadge(expiryCounts(overviews, day, current), current.windows));
  // What `npm run bench` reads (BENCH badge-recompute): the whole count, from IndexedDB to the badge shown.
  performance.measure(BADGE_RECOMPUTE, { start: started });
  if (current.notifications) await notify(overviews, day, current);
}

async function notify(overviews: readonly AccountOverview[], day: number, current: Settings): Promise<void> {
  const due = dueNotices(overviews, day, current, await told.getValue());
  // Kept before the notifications show: a worker stopped half-way tells nothing twice.
  await told.setValue(due.told);
  const byAccount = new Map(overviews.map((overview) => [overview.account, overview]));
  for (const notice of due.notices) {
    await browser.notifications.create(NOTICE_ID + notice.account, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: accountName(byAccount.get(notice.account) ?? identityOfKey(notice.account)),
      message: noticeText(notice, current),
      // The notification itself opens the account; its button, every account's renewal plan.
      buttons: [{ title: t('noticeOpenPlan') }],
    });
  }
}

function noticeText(notice: ExpiryNotice, current: Settings): string {
  const lines: string[] = [];
  if (notice.urgent > 0) lines.push(t('noticeEnding', notice.urgent, days(current.windows.urgent)));
  if (notice.alert > 0) lines.push(t('noticeEnding', notice.alert, days(current.windows.alert)));
  return lines.join('\n');
}

export function serveExpiryBadge(): void {
  void browser.alarms.create(EXPIRY_ALARM, { periodInMinutes: 60 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === EXPIRY_ALARM) void refreshExpiryBadge().catch(() => undefined);
  });
  settings.watch(() => void refreshExpiryBadge().catch(() => undefined));
  // A click on a notification opens the account's Лицензии (or its start page, where that tab's address is not known yet).
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(NOTICE_ID)) return;
    void (async () => {
      const account = id.slice(NOTICE_ID.length);
      const overview = await accountOverview(account);
      const address = overview?.licensesUrl ?? `${identityOfKey(account).origin}/`;
      await browser.tabs.create({ url: address });
      await browser.notifications.clear(id);
    })();
  });
  browser.notifications.onButtonClicked.addListener((id) => {
    if (!id.startsWith(NOTICE_ID)) return;
    void browser.tabs.create({ url: browser.runtime.getURL('/overview.html#plan') }).then(() => browser.notifications.clear(id));
  });
  void refreshExpiryBadge().catch(() => undefined);
}
