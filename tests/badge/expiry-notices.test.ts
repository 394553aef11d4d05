// Which desktop notifications are due (utils/badge/expiry-notices.ts): each
// license told of once as it enters the alert window and once more as it
// enters the urgent one, day after day with what was told fed back; a new
// license on a day already told of is told of alone; muted accounts and
// licenses never; one notice per account.
import { describe, expect, it } from 'vitest';
import { overviewOf, type AccountOverview } from '@/utils/accounts/account-overview';
import { identityOfKey } from '@/utils/accounts/account-store';
import { licenseIdentity } from '@/utils/accounts/changes';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/accounts/settings';
import { dueNotices, type ExpiryNotice, type Told } from '@/utils/badge/expiry-notices';
import { dayNumber } from '@/utils/shared/dates';
import type { License } from '@/utils/shared/records';

const TODAY = dayNumber(2026, 12, 7)!;
const PARTNER = 'https://lk.cleverence.ru partner@example.ru';
const OTHER = 'https://lk.cleverence.com other@example.com';

const activated = (end: number, fields: Partial<License> = {}): License => ({
  kind: 'main', product: 'Склад 15', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', date: TODAY - 300, subscriptionEnd: end, ...fields,
});

const account = (key: string, licenses: License[]): AccountOverview =>
  overviewOf(identityOfKey(key), { licenses: { items: licenses, seenAt: 1 } }, TODAY);

const settingsWith = (fields: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...fields });

/** Asks day after day, from `from` to `to`, as the worker does, feeding back what was told: the notices of each day that had any. */
function walk(overviews: AccountOverview[], from: number, to: number, current = settingsWith(), told: Told = {}) {
  const due: Array<[number, ExpiryNotice[]]> = [];
  let kept = told;
  for (let day = from; day <= to; day++) {
    const result = dueNotices(overviews, day, current, kept);
    if (result.notices.length > 0) due.push([day - TODAY, result.notices]);
    kept = result.told;
  }
  return { due, told: kept };
}

describe('dueNotices', () => {
  it('tells of a license once as it enters the 30-day window, once more as it enters the 7-day one, and never again', () => {
    const { due } = walk([account(PARTNER, [activated(TODAY + 40)])], TODAY, TODAY + 45);
    expect(due).toEqual([
      [10, [{ account: PARTNER, alert: 1, urgent: 0 }]],
      [33, [{ account: PARTNER, alert: 0, urgent: 1 }]],
    ]);
  });

  it('tells of a license first seen inside the 7-day window in one notice for both windows', () => {
    const { due } = walk([account(PARTNER, [activated(TODAY + 3)])], TODAY, TODAY + 5);
    expect(due).toEqual([[0, [{ account: PARTNER, alert: 1, urgent: 1 }]]]);
  });

  it('tells of a license that ends today', () => {
    expect(dueNotices([account(PARTNER, [activated(TODAY)])], TODAY, settingsWith(), {}).notices).toEqual([{ account: PARTNER, alert: 1, urgent: 1 }]);
  });

  it('does not tell of what is outside the window or has ended', () => {
    const overview = account(PARTNER, [activated(TODAY + 31), activated(TODAY - 1), activated(TODAY + 5, { status: 'expired' })]);
    expect(dueNotices([overview], TODAY, settingsWith(), {})).toEqual({ notices: [], told: {} });
  });

  it('follows the windows of the settings', () => {
    const { due } = walk([account(PARTNER, [activated(TODAY + 20)])], TODAY, TODAY + 20, settingsWith({ windows: { alert: 14, urgent: 1 } }));
    expect(due).toEqual([
      [6, [{ account: PARTNER, alert: 1, urgent: 0 }]],
      [19, [{ account: PARTNER, alert: 0, urgent: 1 }]],
    ]);
  });

  it('tells of a new license ending on a day already told of, and only of the new one', () => {
    const end = TODAY + 20;
    const first = dueNotices([account(PARTNER, [activated(end)])], TODAY, settingsWith(), {});
    expect(first.notices).toEqual([{ account: PARTNER, alert: 1, urgent: 0 }]);
    const withNew = [account(PARTNER, [activated(end), activated(end, { product: 'Магазин 15' })])];
    const second = dueNotices(withNew, TODAY + 1, settingsWith(), first.told);
    expect(second.notices).toEqual([{ account: PARTNER, alert: 1, urgent: 0 }]);
    expect(dueNotices(withNew, TODAY + 2, settingsWith(), second.told).notices).toEqual([]);
    // Both enter the 7-day window together: both told of then.
    expect(walk(withNew, TODAY + 2, end, settingsWith(), second.told).due).toEqual([[13, [{ account: PARTNER, alert: 0, urgent: 2 }]]]);
  });

  it('tells of a license again for its next term once it was renewed', () => {
    const renewedTo = TODAY + 375;
    const before = walk([account(PARTNER, [activated(TODAY + 5)])], TODAY, TODAY + 1);
    expect(before.due).toEqual([[0, [{ account: PARTNER, alert: 1, urgent: 1 }]]]);
    const after = walk([account(PARTNER, [activated(renewedTo)])], TODAY + 2, renewedTo, settingsWith(), before.told);
    expect(after.due).toEqual([
      [345, [{ account: PARTNER, alert: 1, urgent: 0 }]],
      [368, [{ account: PARTNER, alert: 0, urgent: 1 }]],
    ]);
  });

  it('never tells of a muted account', () => {
    const overviews = [account(PARTNER, [activated(TODAY + 3), activated(TODAY + 25)]), account(OTHER, [activated(TODAY + 25)])];
    const { due } = walk(overviews, TODAY, TODAY + 30, settingsWith({ mutedAccounts: [PARTNER] }));
    expect(due).toEqual([
      [0, [{ account: OTHER, alert: 1, urgent: 0 }]],
      [18, [{ account: OTHER, alert: 0, urgent: 1 }]],
    ]);
  });

  it('never tells of a muted license, but does of another ending the same day', () => {
    const muted = activated(TODAY + 20, { product: 'Muted' });
    const mutedLicenses = [{ account: PARTNER, license: licenseIdentity(muted), end: TODAY + 20 }];
    const alone = walk([account(PARTNER, [muted])], TODAY, TODAY + 21, settingsWith({ mutedLicenses }));
    expect(alone.due).toEqual([]);
    const withAnother = walk([account(PARTNER, [muted, activated(TODAY + 20)])], TODAY, TODAY + 21, settingsWith({ mutedLicenses }));
    expect(withAnother.due).toEqual([
      [0, [{ account: PARTNER, alert: 1, urgent: 0 }]],
      [13, [{ account: PARTNER, alert: 0, urgent: 1 }]],
    ]);
    // The same license muted in another account is told of here.
    const elsewhere = settingsWith({ mutedLicenses: [{ ...mutedLicenses[0]!, account: OTHER }] });
    expect(dueNotices([account(PARTNER, [muted])], TODAY, elsewhere, {}).notices).toEqual([{ account: PARTNER, alert: 1, urgent: 0 }]);
  });

  it('forgets what it told of days gone by, and keeps the rest', () => {
    const told: Told = {
      [`alert ${TODAY - 1} ${PARTNER}`]: 1,
      [`urgent ${TODAY - 40} ${OTHER}`]: 3,
      [`alert ${TODAY} ${PARTNER}`]: 2,
      [`urgent ${TODAY + 3} ${OTHER}`]: 1,
    };
    expect(dueNotices([], TODAY, settingsWith(), told)).toEqual({
      notices: [],
      told: { [`alert ${TODAY} ${PARTNER}`]: 2, [`urgent ${TODAY + 3} ${OTHER}`]: 1 },
    });
  });

  it('does not tell again of a license after a license ending the same day is gone', () => {
    const end = TODAY + 10;
    const both = dueNotices([account(PARTNER, [activated(end), activated(end, { product: 'Магазин 15' })])], TODAY, settingsWith(), {});
    expect(both.notices).toEqual([{ account: PARTNER, alert: 2, urgent: 0 }]);
    const oneLeft = walk([account(PARTNER, [activated(end)])], TODAY + 1, TODAY + 2, settingsWith(), both.told);
    expect(oneLeft.due).toEqual([]);
  });

  it('gives one notice per account, however many of its licenses are due', () => {
    const overviews = [
      account(PARTNER, [activated(TODAY + 2), activated(TODAY + 2), activated(TODAY + 15), activated(TODAY + 30), activated(TODAY + 31)]),
      account(OTHER, [activated(TODAY + 29)]),
      account('https://lk.cleverence.ru quiet@example.ru', [activated(TODAY + 100)]),
    ];
    expect(dueNotices(overviews, TODAY, settingsWith(), {}).notices).toEqual([
      { account: PARTNER, alert: 4, urgent: 2 },
      { account: OTHER, alert: 1, urgent: 0 },
    ]);
  });
});
