// One account as the overview and the badge see it (utils/accounts/account-overview.ts):
// which «До» days can end, counted on a given day at the windows' edges,
// less what the user muted; and the user's own calendar day around midnight
// and daylight-saving changes (utils/shared/dates.ts today).
import { afterEach, describe, expect, it } from 'vitest';
import { countBetween, overviewOf, standingOf, type AccountOverview } from '@/utils/accounts/account-overview';
import { identityOfKey } from '@/utils/accounts/account-store';
import type { AccountChanges } from '@/utils/accounts/changes';
import { dayNumber, formatDay, parseAccountDate, today } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';

const TODAY = dayNumber(2026, 12, 7)!;
const ACCOUNT = identityOfKey('https://lk.cleverence.ru partner@example.ru');

const activated = (end: License['subscriptionEnd'], fields: Partial<License> = {}): License => ({
  kind: 'main', product: 'Склад 15', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', date: TODAY - 300, subscriptionEnd: end, ...fields,
});
const device = (id: string, connection: Device['connection']): Device => ({ id, name: id, database: 'Склад', connection, lastSeen: TODAY });

/** An account whose licenses end `offsets` days from TODAY (negative: ended), plus any other licenses. */
const withEnds = (offsets: number[], others: License[] = []): AccountOverview =>
  overviewOf(ACCOUNT, { licenses: { items: [...offsets.map((days) => activated(TODAY + days)), ...others], seenAt: 1 } }, TODAY);

describe('overviewOf', () => {
  it('keeps the «До» days of activated licenses, ascending, whatever their order in the list', () => {
    const overview = withEnds([40, 3, -5, 3, 0]);
    expect(overview.ends).toBeInstanceOf(Int32Array);
    expect([...overview.ends]).toEqual([TODAY - 5, TODAY, TODAY + 3, TODAY + 3, TODAY + 40]);
  });

  it('sorts days far apart as numbers, not as text', () => {
    const overview = withEnds([1000, 9, 100, -1000]);
    expect([...overview.ends]).toEqual([TODAY - 1000, TODAY + 9, TODAY + 100, TODAY + 1000]);
  });

  it('leaves out free, «Истекла» and unreadable-status licenses, the «no date» 01.01.1970 and unknown dates', () => {
    const overview = withEnds([5], [
      activated(TODAY + 3, { status: 'free', deviceId: undefined }),
      activated(TODAY + 3, { status: 'expired' }),
      activated(TODAY + 3, { status: 'unknown' }),
      activated(parseAccountDate('01.01.1970')),
      activated(parseAccountDate('31.02.2026')),
    ]);
    expect([...overview.ends]).toEqual([TODAY + 5]);
    expect(overview.expiredStatus).toBe(1);
    expect(overview.licenses).toEqual({ count: 6, seenAt: 1 });
  });

  it('counts licenses and devices, each with when it was seen, and is seen when the later of them was', () => {
    const overview = overviewOf(ACCOUNT, {
      licenses: { items: [activated(TODAY + 1), activated(TODAY + 2)], seenAt: 1_000 },
      devices: { items: [device('WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'local')], seenAt: 2_000 },
    }, TODAY);
    expect(overview).toMatchObject({ ...ACCOUNT, seenAt: 2_000, licenses: { count: 2, seenAt: 1_000 }, devices: { count: 1, seenAt: 2_000 } });
  });

  it('counts cloud devices with no cloud license only once both lists were seen', () => {
    const devices = [device('@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', 'cloud'), device('WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'local')];
    const both = overviewOf(ACCOUNT, { licenses: { items: [activated(TODAY + 1)], seenAt: 1 }, devices: { items: devices, seenAt: 1 } }, TODAY);
    expect(both.missingCloud).toBe(1);
    const licensed = overviewOf(ACCOUNT, {
      licenses: { items: [activated(TODAY + 1), activated(TODAY + 40, { kind: 'cloud', deviceId: 'XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B' })], seenAt: 1 },
      devices: { items: devices, seenAt: 1 },
    }, TODAY);
    expect(licensed.missingCloud).toBe(0);
    const onlyLicenses = overviewOf(ACCOUNT, { licenses: { items: [activated(TODAY + 1)], seenAt: 1 } }, TODAY);
    expect(onlyLicenses).not.toHaveProperty('missingCloud');
    const onlyDevices = overviewOf(ACCOUNT, { devices: { items: devices, seenAt: 1 } }, TODAY);
    expect(onlyDevices).not.toHaveProperty('missingCloud');
    expect(onlyDevices).not.toHaveProperty('licenses');
    expect(onlyDevices.ends).toHaveLength(0);
  });

  it('carries the changes it is given', () => {
    const changes = { since: 1, at: 2 } as AccountChanges;
    expect(overviewOf(ACCOUNT, {}, TODAY, changes).changes).toBe(changes);
    expect(overviewOf(ACCOUNT, {}, TODAY)).not.toHaveProperty('changes');
  });
});

describe('standingOf', () => {
  it('counts what ends from today to the window\'s last day, and not the day after (7, 30, 90 days)', () => {
    const standing = standingOf(withEnds([0, 1, 7, 8, 30, 31, 90, 91]), TODAY);
    expect(standing.ending).toEqual({ 7: 3, 30: 5, 90: 7 });
    // The default windows: 30 days for the badge, 7 for red.
    expect(standing.alert).toBe(5);
    expect(standing.urgent).toBe(3);
  });

  it('counts what ends today as ending, not as ended', () => {
    const standing = standingOf(withEnds([0]), TODAY);
    expect(standing).toEqual({ ending: { 7: 1, 30: 1, 90: 1 }, alert: 1, urgent: 1, expired: 0, nextEnd: TODAY });
  });

  it('counts as ended the «Истекла» licenses and the activated ones whose «До» day has passed', () => {
    const standing = standingOf(withEnds([-1, -400, 5], [activated(TODAY + 5, { status: 'expired' }), activated(TODAY - 9, { status: 'expired' })]), TODAY);
    expect(standing.expired).toBe(4);
    expect(standing.ending[7]).toBe(1);
  });

  it('gives the nearest «До» day from today on, and none when everything has ended', () => {
    expect(standingOf(withEnds([-3, 200, 12, 12]), TODAY).nextEnd).toBe(TODAY + 12);
    expect(standingOf(withEnds([-3, -1]), TODAY)).not.toHaveProperty('nextEnd');
    expect(standingOf(withEnds([]), TODAY)).toEqual({ ending: { 7: 0, 30: 0, 90: 0 }, alert: 0, urgent: 0, expired: 0 });
  });

  it('moves with the day: tomorrow, what ended today is ended', () => {
    const overview = withEnds([0, 8]);
    expect(standingOf(overview, TODAY + 1)).toMatchObject({ expired: 1, ending: { 7: 1 }, nextEnd: TODAY + 8 });
  });

  it('follows the alert and urgent windows of the settings', () => {
    const overview = withEnds([0, 1, 7, 8, 30, 31, 90, 91]);
    expect(standingOf(overview, TODAY, { alert: 90, urgent: 0 })).toMatchObject({ alert: 7, urgent: 1 });
    expect(standingOf(overview, TODAY, { alert: 8, urgent: 1 })).toMatchObject({ alert: 4, urgent: 2 });
  });

  it('never counts 01.01.1970 (the account\'s "no date") or an unknown date as ending or ended', () => {
    const overview = withEnds([], [activated(parseAccountDate('01.01.1970')), activated('unknown'), activated('none')]);
    expect(standingOf(overview, TODAY)).toEqual({ ending: { 7: 0, 30: 0, 90: 0 }, alert: 0, urgent: 0, expired: 0 });
    expect(standingOf(overview, 1)).toEqual({ ending: { 7: 0, 30: 0, 90: 0 }, alert: 0, urgent: 0, expired: 0 });
  });

  it('leaves the muted licenses out of the alert and urgent counts only inside each window', () => {
    const overview = withEnds([1, 8, 31]);
    expect(standingOf(overview, TODAY, undefined, [TODAY + 1])).toMatchObject({ alert: 1, urgent: 0 });
    expect(standingOf(overview, TODAY, undefined, [TODAY + 8])).toMatchObject({ alert: 1, urgent: 1 });
    expect(standingOf(overview, TODAY, undefined, [TODAY + 31])).toMatchObject({ alert: 2, urgent: 1 });
    // The overview's columns count everything that ends; muting is for the badge and the notifications.
    expect(standingOf(overview, TODAY, undefined, [TODAY + 1, TODAY + 8]).ending).toEqual({ 7: 1, 30: 2, 90: 3 });
  });

  it('does not leave a license out for a muted one that ended', () => {
    const overview = withEnds([-2, 3]);
    expect(standingOf(overview, TODAY, undefined, [TODAY - 2])).toMatchObject({ alert: 1, urgent: 1, expired: 1 });
  });

  it('takes nothing off for a muted license whose «До» day changed: the other licenses still count', () => {
    // A license ending in 10 days was muted, then renewed for a year: nothing ends on the muted day any more.
    const overview = withEnds([5, 375]);
    const standing = standingOf(overview, TODAY, undefined, [TODAY + 10]);
    expect(standing.alert).toBe(1);
    expect(standing.urgent).toBe(1);
  });
});

describe('countBetween', () => {
  const sorted = Int32Array.from([3, 5, 5, 5, 9]);

  it('counts the values from one day to another, both days included', () => {
    expect(countBetween(sorted, 5, 5)).toBe(3);
    expect(countBetween(sorted, 3, 9)).toBe(5);
    expect(countBetween(sorted, 4, 8)).toBe(3);
    expect(countBetween(sorted, 6, 8)).toBe(0);
    expect(countBetween(sorted, 9, 100)).toBe(1);
    expect(countBetween(sorted, -100, 3)).toBe(1);
  });

  it('is nothing outside the values, for an empty list, or for a range that ends before it starts', () => {
    expect(countBetween(sorted, 10, 20)).toBe(0);
    expect(countBetween(sorted, -5, 2)).toBe(0);
    expect(countBetween(new Int32Array(0), 0, 10)).toBe(0);
    expect(countBetween(sorted, 9, 3)).toBe(0);
  });
});

describe('today around midnight and daylight-saving changes', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('gives consecutive days a minute before and after local midnight, on the night the clocks go forward in Europe', () => {
    const before = today(new Date(2026, 2, 28, 23, 59));
    const after = today(new Date(2026, 2, 29, 0, 30));
    expect(after - before).toBe(1);
    expect(formatDay(before)).toBe('28.03.2026');
    expect(formatDay(after)).toBe('29.03.2026');
  });

  // Berlin skips 02:00–03:00 on 29 March 2026; Beirut skips midnight itself that night, Santiago on 6 September 2026.
  it.each([
    ['Europe/Berlin', -120, [2026, 2, 29], [2026, 9, 25]],
    ['Asia/Beirut', -180, [2026, 2, 29], [2026, 9, 25]],
    ['America/Santiago', 240, [2026, 8, 6], [2026, 3, 5]],
    ['UTC', 0, [2026, 2, 29], [2026, 9, 25]],
  ] as const)('is the user\'s calendar day on both daylight-saving nights (%s)', (timeZone, julyOffset, [y, m, d], [fy, fm, fd]) => {
    process.env.TZ = timeZone;
    expect(new Date(2026, 6, 1).getTimezoneOffset()).toBe(julyOffset); // the zone took effect
    const day = dayNumber(y, m + 1, d)!;
    // Before midnight, at the first minute of the day (which may not exist and become 01:00), after the change, at its end.
    expect(today(new Date(y, m, d - 1, 23, 59))).toBe(day - 1);
    expect(today(new Date(y, m, d, 0, 0))).toBe(day);
    expect(today(new Date(y, m, d, 0, 30))).toBe(day);
    expect(today(new Date(y, m, d, 3, 30))).toBe(day);
    expect(today(new Date(y, m, d, 23, 59))).toBe(day);
    expect(today(new Date(y, m, d + 1, 0, 0))).toBe(day + 1);
    // The night the clocks go back: a 25-hour day is still one day.
    const back = dayNumber(fy, fm + 1, fd)!;
    expect(today(new Date(fy, fm, fd, 0, 30))).toBe(back);
    expect(today(new Date(fy, fm, fd, 23, 59))).toBe(back);
    expect(today(new Date(fy, fm, fd + 1, 0, 0))).toBe(back + 1);
  });

  it('steps one day at a time, hour by hour, through a week with a daylight-saving change (Europe/Berlin)', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(new Date(2026, 6, 1).getTimezoneOffset()).toBe(-120); // the zone took effect
    const start = new Date(2026, 2, 26, 0, 0).getTime();
    const days = new Map<number, number>();
    for (let hour = 0; hour < 7 * 24; hour++) {
      const day = today(new Date(start + hour * 3_600_000));
      days.set(day, (days.get(day) ?? 0) + 1);
    }
    // 26 March to 2 April, each day once and in order: 29 March has 23 hours, so the 168th hour is already 2 April.
    expect([...days.keys()]).toEqual(Array.from({ length: 8 }, (_, n) => dayNumber(2026, 3, 26)! + n));
    expect(days.get(dayNumber(2026, 3, 29)!)).toBe(23);
    expect(days.get(dayNumber(2026, 3, 28)!)).toBe(24);
  });

  it('counts a license whose «До» day is the local today as ending today, just after local midnight', () => {
    process.env.TZ = 'Asia/Vladivostok';
    // 00:05 on 8 December in Vladivostok is still 7 December in UTC.
    const now = new Date(2026, 11, 8, 0, 5);
    expect(now.getUTCDate()).toBe(7);
    const day = today(now);
    expect(formatDay(day)).toBe('08.12.2026');
    const standing = standingOf(withEnds([], [activated(parseAccountDate('08.12.2026')), activated(parseAccountDate('07.12.2026'))]), day);
    expect(standing).toMatchObject({ expired: 1, ending: { 7: 1 }, nextEnd: day });
  });
});
