// The groups the panel counts, filters by and colours the marks with: each
// finding in the group of its kind, a row in several groups taking the most
// urgent one's colour, and the two cloud failures told apart by colour.
import { describe, expect, it } from 'vitest';
import { crossCheck } from '@/utils/checks/checks';
import { findingGroups, groupsByCheck, isGroupOf, type GroupKey } from '@/utils/checks/finding-groups';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';

const TODAY = dayNumber(2026, 6, 15)!;

const device = (id: string, connection: Device['connection']): Device =>
  ({ id, name: `ТСД ${id}`, database: connection === 'cloud' ? 'Облако' : 'Склад', connection, lastSeen: TODAY });
const license = (fields: Partial<License>): License =>
  ({ kind: 'main', product: 'Склад 15', status: 'activated', date: TODAY - 300, subscriptionEnd: 'none', ...fields });

const DEVICES = [device('NONE', 'cloud'), device('RAN-OUT', 'cloud'), device('THIS-WEEK', 'cloud'), device('THIS-MONTH', 'cloud'), device('LOCAL', 'local')];
const LICENSES = [
  license({ kind: 'cloud', status: 'expired', deviceId: 'RAN-OUT' }),
  license({ kind: 'cloud', deviceId: 'THIS-WEEK', subscriptionEnd: TODAY + 7 }),
  license({ kind: 'cloud', deviceId: 'THIS-MONTH', subscriptionEnd: TODAY + 8 }),
  license({ deviceId: 'LOCAL', subscriptionEnd: TODAY + 3 }),
  license({ deviceId: 'GONE', subscriptionEnd: TODAY - 2 }),
];

describe('findingGroups', () => {
  const check = crossCheck(LICENSES, DEVICES, TODAY);
  const groups = findingGroups(check);
  const members = (key: GroupKey) => groups.find((group) => group.key === key)!.entries
    .map((entry) => ('device' in entry ? entry.device.id : entry.license.deviceId));

  it('puts each finding in the group of its kind, on its tab, nested windows in each wider one', () => {
    expect(members('missing-cloud')).toEqual(['NONE']);
    expect(members('cloud-expired')).toEqual(['RAN-OUT']);
    expect(members('device-cloud-ending-7')).toEqual(['THIS-WEEK']);
    expect(members('device-cloud-ending')).toEqual(['THIS-WEEK', 'THIS-MONTH']);
    expect(members('cloud-ending-7')).toEqual(['THIS-WEEK']);
    expect(members('cloud-ending-30')).toEqual(['THIS-WEEK', 'THIS-MONTH']);
    expect(members('ending-7')).toEqual(['LOCAL']);
    expect(members('ending-30')).toEqual(['LOCAL']);
    expect(members('ended')).toEqual(['GONE']);
    expect(members('unknown-device')).toEqual(['GONE']);
    expect(groups.filter((group) => group.tab === 'devices').map((group) => group.key))
      .toEqual(['missing-cloud', 'cloud-expired', 'device-cloud-ending-7', 'device-cloud-ending']);
  });

  it('tells a device with no cloud license from one whose cloud license ran out by colour, and each kind from the others', () => {
    const colour = (key: GroupKey) => groups.find((group) => group.key === key)!.color;
    expect(colour('missing-cloud')).not.toBe(colour('cloud-expired'));
    const kinds = ['missing-cloud', 'cloud-expired', 'device-cloud-ending-7', 'device-cloud-ending', 'unknown-device', 'duplicate', 'ended', 'ending-90', 'expired-status'] as const;
    expect(new Set(kinds.map(colour)).size).toBe(kinds.length);
  });

  it('gives a row in several groups the most urgent one first: its colour on the page', () => {
    const byCheck = groupsByCheck(groups);
    const gone = check.licenses.find((entry) => entry.license.deviceId === 'GONE')!;
    expect(byCheck.get(gone)!.map((group) => group.key)).toEqual(['unknown-device', 'ended']);
    const thisWeek = check.devices.find((entry) => entry.device.id === 'THIS-WEEK')!;
    expect(byCheck.get(thisWeek)!.map((group) => group.key)).toEqual(['device-cloud-ending-7', 'device-cloud-ending']);
    // A row with nothing to say is in no group.
    expect(byCheck.has(check.devices.find((entry) => entry.device.id === 'LOCAL')!)).toBe(false);
  });
});

describe('isGroupOf', () => {
  it('takes only a known group of that tab: a filter kept in the page\'s storage may hold anything', () => {
    expect(isGroupOf('devices', 'missing-cloud')).toBe(true);
    expect(isGroupOf('licenses', 'missing-cloud')).toBe(false);
    expect(isGroupOf('licenses', 'ended')).toBe(true);
    for (const junk of ['__proto__', 'constructor', '', 'problems', 42, null, { key: 'ended' }]) expect(isGroupOf('licenses', junk)).toBe(false);
  });
});
