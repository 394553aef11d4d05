// The toolbar badge's count of what ends soon, over every account seen: the
// window's edges (today, 7, 30 and 31 days), the account's "no date"
// 01.01.1970 and unreadable dates, ended and free licenses, and when it is red.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { expiryBadge, expiryCounts } from '@/utils/badge/expiry-badge';
import { refreshExpiryBadge } from '@/utils/badge/expiry-service';
import { identityOfKey, keepList } from '@/utils/accounts/account-store';
import { overviewOf, type AccountOverview } from '@/utils/accounts/account-overview';
import { dayNumber, today } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';

const { text: ru } = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

const TODAY = dayNumber(2026, 12, 7)!;

const activated = (deviceId: string, end: License['subscriptionEnd'], fields: Partial<License> = {}): License =>
  ({ kind: 'main', product: 'Склад 15', status: 'activated', deviceId, date: TODAY - 300, subscriptionEnd: end, ...fields });
const device = (id: string, connection: Device['connection'] = 'local'): Device => ({ id, name: id, database: 'Склад', connection, lastSeen: TODAY });

/** An account's overview as kept once both lists (or only the licenses: `devices` null) were seen. */
function account(name: string, licenses: License[], devices?: Device[] | null): AccountOverview {
  const seen = devices === null ? undefined : devices ?? licenses.map((license) => device(license.deviceId ?? 'none'));
  return overviewOf(identityOfKey(`https://lk.cleverence.ru ${name}`), { licenses: { items: licenses, seenAt: 1 }, ...(seen && { devices: { items: seen, seenAt: 1 } }) }, TODAY);
}

describe('expiryCounts', () => {
  it('counts what ends from today to the 30th day, and no further; the 7th day is urgent, the 8th not', () => {
    const ends = [0, 1, 7, 8, 30, 31, -1].map((days, n) => activated(`D-${n}`, TODAY + days));
    expect(expiryCounts([account('a', ends)], TODAY)).toEqual({ ending: 5, urgent: 3, accounts: 1, missingCloud: 0 });
  });

  it('never counts 01.01.1970 (the account\'s "no date"), an unreadable or absent date, a free or an expired license', () => {
    const licenses = [
      activated('D-1', dayNumber(1970, 1, 1)!), activated('D-2', 'unknown'), activated('D-3', 'none'),
      activated('D-4', TODAY + 3, { status: 'free', deviceId: undefined }), activated('D-5', TODAY + 3, { status: 'expired' }),
    ];
    expect(expiryCounts([account('a', licenses)], TODAY).ending).toBe(0);
  });

  it('counts cloud licenses\' paid terms too, adds up every account, and counts each account once', () => {
    const first = account('a', [activated('C-1', TODAY + 2, { kind: 'cloud' }), activated('L-1', TODAY + 20)], [device('C-1', 'cloud'), device('L-1')]);
    const second = account('b', [activated('L-2', TODAY + 29)]);
    const third = account('c', [activated('L-3', TODAY + 90)]);
    expect(expiryCounts([first, second, third], TODAY)).toEqual({ ending: 3, urgent: 1, accounts: 2, missingCloud: 0 });
  });

  it('counts cloud devices with no cloud license only where the devices were seen', () => {
    const seen = account('a', [activated('L-1', TODAY + 100)], [device('L-1'), device('CLOUD-9', 'cloud')]);
    expect(expiryCounts([seen], TODAY).missingCloud).toBe(1);
    expect(expiryCounts([account('b', [activated('L-1', TODAY + 100)], null)], TODAY).missingCloud).toBe(0);
  });
});

describe('expiryBadge', () => {
  it('is nothing at zero', () => {
    expect(expiryBadge({ ending: 0, urgent: 0, accounts: 0, missingCloud: 2 })).toBeUndefined();
  });

  it('is amber with the count, red once one ends within 7 days or a cloud device has no cloud license, and says so', () => {
    expect(expiryBadge({ ending: 4, urgent: 0, accounts: 2, missingCloud: 0 })).toEqual({
      text: '4', color: '#8a5a00', title: ru('badgeEnding').replace('$1', '30 дней').replace('$2', '4').replace('$3', '2'),
    });
    const red = expiryBadge({ ending: 4, urgent: 1, accounts: 2, missingCloud: 3 })!;
    expect(red.color).toBe('#c62828');
    expect(red.title.split('\n')).toEqual([
      ru('badgeEnding').replace('$1', '30 дней').replace('$2', '4').replace('$3', '2'),
      ru('badgeEndingUrgent').replace('$1', '7 дней').replace('$2', '1'),
      ru('badgeMissingCloud').replace('$1', '3'),
    ]);
    expect(expiryBadge({ ending: 1, urgent: 0, accounts: 1, missingCloud: 1 })!.color).toBe('#c62828');
  });

  it('keeps to the badge\'s four characters', () => {
    expect(expiryBadge({ ending: 12_345, urgent: 0, accounts: 40, missingCloud: 0 })!.text).toBe('999+');
  });
});

describe('refreshExpiryBadge', () => {
  beforeEach(() => fakeBrowser.reset());

  it('counts over every account kept, from IndexedDB alone: what a worker started again shows', async () => {
    const day = today();
    const first = identityOfKey('https://lk.cleverence.ru a@example.ru');
    await keepList(first, 'licenses', [activated('L-1', day + 3), activated('L-2', day + 40)]);
    await keepList(first, 'devices', [device('L-1'), device('L-2')]);
    await keepList(identityOfKey('https://lk.cleverence.com b@example.com'), 'licenses', [activated('L-3', day + 10)]);
    await refreshExpiryBadge();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toContain(ru('badgeEndingUrgent').replace('$1', '7 дней').replace('$2', '1'));
  });
});
