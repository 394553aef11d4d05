import { describe, expect, it } from 'vitest';
import { shownProduct } from '../../demo-site/account/rows';
import { NO_DATE } from '../../demo-site/calendar';
import { mulberry32 } from '../../demo-site/random';
import { ACCOUNT_LOGINS, expiredRows, seedAccount, type AccountLogin } from '../../demo-site/seed';
import {
  crossCheck,
  crossCheckInSteps,
  ENDING_WINDOWS,
  formatCounts,
  isProductCut,
  productKey,
  type CrossCheck,
  type DeviceCheck,
  type LicenseFinding,
} from '@/utils/checks/checks';
import { dayNumber, parseAccountDate } from '@/utils/shared/dates';
import { deviceKey } from '@/utils/site/device-id';
import type { AccountDate, Device, License } from '@/utils/shared/records';

const TODAY = dayNumber(2026, 6, 15)!;

/** A license far from every edge unless the test says otherwise. */
function license(fields: Partial<License> = {}): License {
  return {
    kind: 'main',
    product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ',
    status: 'free',
    date: TODAY - 100,
    subscriptionEnd: TODAY + 200,
    ...fields,
  };
}

function device(id: string, connection: Device['connection'], fields: Partial<Device> = {}): Device {
  return { id, name: id, database: connection === 'cloud' ? 'Облако' : 'Склад на ПК', connection, lastSeen: TODAY, ...fields };
}

const flagsOf = (result: CrossCheck) => result.licenses.map((check) => check.flags);
const deviceFlagsOf = (result: CrossCheck) => result.devices.map((check) => check.flags);

describe('the help article\'s account (cleverence.ru/support/357081)', () => {
  const ARTICLE_DAY = dayNumber(2024, 3, 26)!; // the article's «Последние изменения»
  const XIAOMI = '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B';
  const WIN_H = 'WIN-H-4A5F39F07C114C76B6C958170C940A9D';
  const rows: License[] = [
    { kind: 'main', product: 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ...', status: 'free', date: parseAccountDate('17.04.2019'), subscriptionEnd: parseAccountDate('17.04.2019') },
    { kind: 'main', product: 'Лицензия ПРОФ на 1 (один) терм...', status: 'free', date: parseAccountDate('01.01.1970'), subscriptionEnd: parseAccountDate('01.01.1970') },
    { kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин ...', status: 'expired', deviceId: XIAOMI, date: parseAccountDate('20.10.2022'), subscriptionEnd: parseAccountDate('20.10.2022') },
    { kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин ...', status: 'activated', deviceId: WIN_H, date: parseAccountDate('08.11.2022'), subscriptionEnd: parseAccountDate('08.11.2022') },
  ];
  const result = crossCheck(rows, [device(XIAOMI, 'cloud'), device(WIN_H, 'cloud')], ARTICLE_DAY);

  it('marks the XIAOMI, whose only cloud license is «Истекла», and WIN-H, whose cloud license was paid until 08.11.2022', () => {
    expect(deviceFlagsOf(result)).toEqual([['cloud-license-expired'], ['cloud-license-expired']]);
    expect(result.summary.cloudLicenseExpired.map((check) => check.device.id)).toEqual([XIAOMI, WIN_H]);
    expect(result.devices[1]!.cloudDaysLeft).toBe(dayNumber(2022, 11, 8)! - ARTICLE_DAY);
    expect(result.summary.missingCloudLicense).toEqual([]);
  });

  it('flags the «Истекла» row expired, and the activated cloud license whose paid term has passed', () => {
    expect(result.licenses[2]!.flags).toEqual(['expired']);
    expect(result.licenses[2]!.findings).toEqual(['license-expired']);
    expect(result.licenses[3]!.flags).toEqual(['expired']);
    expect(result.licenses[3]!.findings).toEqual(['expired']);
    expect(result.summary.expiredLicenses.map((check) => check.index)).toEqual([2]);
    expect(result.summary.cloudTermEnded.map((check) => check.index)).toEqual([3]);
    expect(result.summary.ended).toEqual([]);
  });

  it('takes a free card\'s 17.04.2019 as no ended subscription (it starts on activation), and a free card\'s 01.01.1970 as nothing wrong', () => {
    expect(result.licenses[0]!.flags).toEqual([]);
    expect(result.licenses[0]!.daysLeft).toBe(dayNumber(2019, 4, 17)! - ARTICLE_DAY);
    // A free license has no subscription yet: "no date" is no problem on it.
    expect(result.licenses[1]!.findings).toEqual([]);
    expect(result.licenses[1]!.daysLeft).toBeUndefined();
  });

  it('binds the cloud rows to their devices and finds nothing on unknown devices', () => {
    expect(result.licenses.map((check) => check.deviceIndex)).toEqual([undefined, undefined, 0, 1]);
    expect(result.devices[0]!.licenses.map((check) => check.index)).toEqual([2]);
    expect(result.summary.onUnknownDevice).toEqual([]);
  });

  it('counts the page line', () => {
    expect(formatCounts(result.counts)).toBe(
      'licenses=4 devices=2 missing-cloud=0 cloud-expired=2 cloud-ending=0 expiring=0 expired=2 unknown-device=0',
    );
  });
});

describe('cloud devices and their licenses', () => {
  it('marks a cloud device with no license at all as missing its cloud license', () => {
    const result = crossCheck([], [device('TSD-1', 'cloud')], TODAY);
    expect(deviceFlagsOf(result)).toEqual([['missing-cloud-license']]);
    expect(result.summary.missingCloudLicense.map((check) => check.index)).toEqual([0]);
  });

  it('still marks a cloud device missing when only a main license is bound to it', () => {
    const result = crossCheck(
      [license({ kind: 'main', status: 'activated', deviceId: 'TSD-1' })],
      [device('TSD-1', 'cloud')],
      TODAY,
    );
    expect(deviceFlagsOf(result)).toEqual([['missing-cloud-license']]);
  });

  it('prefers an activated cloud license over an expired one on the same device', () => {
    const result = crossCheck(
      [
        license({ kind: 'cloud', status: 'expired', deviceId: 'TSD-1' }),
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-1' }),
      ],
      [device('TSD-1', 'cloud')],
      TODAY,
    );
    expect(deviceFlagsOf(result)).toEqual([[]]);
  });

  it('never sends the user to support over a cloud license whose status it could not read', () => {
    const result = crossCheck(
      [license({ kind: 'cloud', status: 'unknown', deviceId: 'TSD-1' })],
      [device('TSD-1', 'cloud')],
      TODAY,
    );
    expect(deviceFlagsOf(result)).toEqual([[]]);
    expect(result.licenses[0]!.findings).toEqual(['status-unreadable']);
    expect(result.licenses[0]!.flags).toEqual([]);
  });

  it('never calls a local device "missing cloud", licensed or not', () => {
    const result = crossCheck([], [device('PC-TSD-1', 'local')], TODAY);
    expect(deviceFlagsOf(result)).toEqual([[]]);
    expect(result.counts.missingCloud).toBe(0);
  });

  it('matches device ids whatever their case and spaces, and with or without the "@" the Устройства tab may leave out', () => {
    const result = crossCheck(
      [
        license({ kind: 'cloud', status: 'activated', deviceId: '  @xiaomi-m2010j19sy-o-axi15a64262e0f6593b ' }),
        license({ kind: 'cloud', status: 'activated', deviceId: '@ZEBRA-TC21-O-ZZH9B6F772632716C43' }),
        license({ kind: 'cloud', status: 'activated', deviceId: '@UROVO-DT40-O-ABC0123456789ABCD' }),
      ],
      [device('@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', 'cloud'), device('ZEBRA-TC21-O-ZZH9B6F772632716C43', 'cloud'), device('WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'cloud')],
      TODAY,
    );
    expect(deviceFlagsOf(result)).toEqual([[], [], ['missing-cloud-license']]);
    // A license on a device the list does not show under any spelling is on an unknown device.
    expect(flagsOf(result)).toEqual([[], [], ['unknown-device']]);
  });
});

describe('unknown devices', () => {
  const bound = [
    license({ status: 'activated', deviceId: 'GONE-1' }),
    license({ status: 'expired', deviceId: 'GONE-2' }),
    license({ status: 'activated', deviceId: 'HERE' }),
    license({ status: 'free' }),
    // A status that names no device does not bind one, whatever the adapter read beside it.
    license({ status: 'free', deviceId: 'GONE-3' }),
    license({ status: 'unknown', deviceId: 'GONE-4' }),
  ];

  it('marks activated and expired licenses bound to a device the list does not show', () => {
    const result = crossCheck(bound, [device('here', 'local')], TODAY);
    expect(flagsOf(result)).toEqual([['unknown-device'], ['expired', 'unknown-device'], [], [], [], []]);
    expect(result.summary.onUnknownDevice.map((check) => check.index)).toEqual([0, 1]);
    expect(result.licenses.map((check) => check.deviceIndex)).toEqual([undefined, undefined, 0, undefined, undefined, undefined]);
    expect(result.counts.unknownDevice).toBe(2);
  });

  it('reports no device-based finding when the device list could not be had', () => {
    const result = crossCheck(bound, undefined, TODAY);
    expect(result.devicesKnown).toBe(false);
    expect(result.devices).toEqual([]);
    // Only the «Истекла» row's own status is a finding: nothing that needs the device list.
    expect(flagsOf(result)).toEqual([[], ['expired'], [], [], [], []]);
    expect(result.summary.onUnknownDevice).toEqual([]);
    expect(result.summary.missingCloudLicense).toEqual([]);
    expect(result.summary.cloudLicenseExpired).toEqual([]);
    expect(result.summary.suggestions.pairs).toEqual([]);
    expect(formatCounts(result.counts)).toBe(
      'licenses=6 devices=0 missing-cloud=0 cloud-expired=0 cloud-ending=0 expiring=0 expired=1 unknown-device=0',
    );
  });

  it('tells a known but empty device list from an unknown one', () => {
    const result = crossCheck(bound, [], TODAY);
    expect(result.devicesKnown).toBe(true);
    expect(result.counts.unknownDevice).toBe(3);
  });
});

describe('subscription dates', () => {
  const ends = (subscriptionEnd: License['subscriptionEnd']) =>
    crossCheck([license({ status: 'activated', deviceId: 'TSD-1', subscriptionEnd })], [device('TSD-1', 'local')], TODAY).licenses[0]!;

  it('calls a subscription ending today expiring, with 0 days left, not expired', () => {
    const check = ends(TODAY);
    expect(check.daysLeft).toBe(0);
    expect(check.flags).toEqual(['expiring']);
  });

  it('calls a subscription that ended yesterday expired', () => {
    const check = ends(TODAY - 1);
    expect(check.daysLeft).toBe(-1);
    expect(check.flags).toEqual(['expired']);
  });

  it('counts 30 days left as expiring and 31 as not', () => {
    expect(ends(TODAY + 30).flags).toEqual(['expiring']);
    expect(ends(TODAY + 31).flags).toEqual([]);
    expect(ends(TODAY + 31).daysLeft).toBe(31);
  });

  it('gives an unreadable date no flag, so never "expired"', () => {
    const check = ends('unknown');
    expect(check.flags).toEqual([]);
    expect(check.findings).toEqual(['date-unreadable']);
    expect(check.daysLeft).toBeUndefined();
  });

  it('gives 31.02.2026 no flag once read', () => {
    const check = ends(parseAccountDate('31.02.2026'));
    expect(check.flags).toEqual([]);
    expect(check.daysLeft).toBeUndefined();
  });

  it('calls 01.01.1970 "no date"', () => {
    expect(ends(parseAccountDate('01.01.1970')).flags).toEqual(['no-date']);
  });

  it('lists subscriptions in the nested 7/30/90-day windows, soonest first, and the ended ones apart', () => {
    const daysLeft = [90, 8, -30, 0, 91, 7, -1, 31, 30];
    const result = crossCheck(
      daysLeft.map((days) => license({ status: 'activated', deviceId: 'TSD-1', subscriptionEnd: TODAY + days })),
      [device('TSD-1', 'local')],
      TODAY,
    );
    const days = (checks: readonly { daysLeft?: number }[]) => checks.map((check) => check.daysLeft);
    expect(days(result.summary.endingWithin[7])).toEqual([0, 7]);
    expect(days(result.summary.endingWithin[30])).toEqual([0, 7, 8, 30]);
    expect(days(result.summary.endingWithin[90])).toEqual([0, 7, 8, 30, 31, 90]);
    expect(days(result.summary.ended)).toEqual([-1, -30]);
    expect(result.counts.expiring).toBe(4);
    expect(result.counts.expired).toBe(2);
  });

  it('watches only activated licenses\' dates: a free card\'s starts over on activation, an «Истекла» row is flagged by its status', () => {
    const result = crossCheck(
      [
        license({ status: 'free', subscriptionEnd: TODAY - 10 }),
        license({ status: 'free', subscriptionEnd: TODAY + 3 }),
        license({ status: 'expired', deviceId: 'TSD-1', subscriptionEnd: TODAY + 10 }),
      ],
      [device('TSD-1', 'local')],
      TODAY,
    );
    expect(result.licenses.map((check) => check.findings)).toEqual([[], [], ['license-expired']]);
    expect(result.licenses.map((check) => check.flags)).toEqual([[], [], ['expired']]);
    expect(result.summary.ended).toEqual([]);
    expect(result.summary.endingWithin[90]).toEqual([]);
    expect(result.counts).toMatchObject({ expired: 1, expiring: 0 });
  });

  it('tells a cloud license\'s paid term from a main license\'s update subscription', () => {
    const result = crossCheck(
      [
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-1', subscriptionEnd: TODAY + 5 }),
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-2', subscriptionEnd: TODAY + 20 }),
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-3', subscriptionEnd: TODAY - 2 }),
        license({ kind: 'main', status: 'activated', deviceId: 'PC-1', subscriptionEnd: TODAY + 5 }),
        license({ kind: 'main', status: 'activated', deviceId: 'PC-1', product: 'Склад 15', subscriptionEnd: TODAY - 2 }),
      ],
      [device('TSD-1', 'cloud'), device('TSD-2', 'cloud'), device('TSD-3', 'cloud'), device('PC-1', 'local')],
      TODAY,
    );
    expect(result.summary.cloudTermEnding.map((check) => check.daysLeft)).toEqual([5, 20]);
    expect(result.summary.cloudTermEnded.map((check) => check.index)).toEqual([2]);
    expect(result.summary.endingWithin[30].map((check) => check.index)).toEqual([3]);
    expect(result.summary.ended.map((check) => check.index)).toEqual([4]);
    // The devices run up against their cloud license's end; a local device's update subscription is no device's problem.
    expect(deviceFlagsOf(result)).toEqual([['cloud-license-ending'], ['cloud-license-ending'], ['cloud-license-expired'], []]);
    expect(result.devices.map((check) => check.cloudDaysLeft)).toEqual([5, 20, -2, undefined]);
    expect(result.summary.cloudLicenseEnding.map((check) => check.device.id)).toEqual(['TSD-1', 'TSD-2']);
    expect(result.counts).toMatchObject({ cloudEnding: 2, cloudExpired: 1, expiring: 3, expired: 2 });
  });

  it('counts a cloud device paid for as long as its longest-running cloud license', () => {
    const result = crossCheck(
      [
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-1', subscriptionEnd: TODAY + 3 }),
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-1', product: 'Другой', subscriptionEnd: TODAY + 200 }),
        license({ kind: 'cloud', status: 'activated', deviceId: 'TSD-2', subscriptionEnd: 'none' }),
      ],
      [device('TSD-1', 'cloud'), device('TSD-2', 'cloud')],
      TODAY,
    );
    // TSD-2's end cannot be read as a day: it is not taken as ending.
    expect(deviceFlagsOf(result)).toEqual([[], []]);
    expect(result.devices[0]!.cloudDaysLeft).toBe(200);
  });
});

describe('duplicates', () => {
  const product = 'ОБЛАКО Mobile SMARTS: Магазин 15';

  it('flags every activated license of one product on one device', () => {
    const result = crossCheck(
      [
        license({ kind: 'cloud', product, status: 'activated', deviceId: 'TSD-1' }),
        license({ kind: 'cloud', product: 'Другой продукт', status: 'activated', deviceId: 'TSD-1' }),
        license({ kind: 'cloud', product: `  облако  mobile smarts:\tМАГАЗИН 15 `, status: 'activated', deviceId: 'tsd-1' }),
      ],
      [device('TSD-1', 'cloud')],
      TODAY,
    );
    expect(flagsOf(result)).toEqual([['duplicate'], [], ['duplicate']]);
    expect(result.summary.duplicates).toHaveLength(1);
    const group = result.summary.duplicates[0]!;
    expect(group.deviceId).toBe('TSD-1');
    expect(group.device?.index).toBe(0);
    expect(group.kind).toBe('cloud');
    expect(group.product).toBe(product);
    expect(group.productCut).toBe(false);
    expect(group.licenses.map((check) => check.index)).toEqual([0, 2]);
  });

  it('does not call the same product on two devices a duplicate', () => {
    const result = crossCheck(
      [
        license({ product, status: 'activated', deviceId: 'TSD-1' }),
        license({ product, status: 'activated', deviceId: 'TSD-2' }),
      ],
      [device('TSD-1', 'local'), device('TSD-2', 'local')],
      TODAY,
    );
    expect(flagsOf(result)).toEqual([[], []]);
    expect(result.summary.duplicates).toEqual([]);
  });

  it('does not call a free and an activated license of one product on one device a duplicate', () => {
    const result = crossCheck(
      [
        license({ product, status: 'free', deviceId: 'TSD-1' }),
        license({ product, status: 'activated', deviceId: 'TSD-1' }),
        license({ product, status: 'expired', deviceId: 'TSD-1' }),
      ],
      [device('TSD-1', 'local')],
      TODAY,
    );
    expect(flagsOf(result)).toEqual([[], [], ['expired']]);
    expect(result.summary.duplicates).toEqual([]);
  });

  it('does not call a main and a cloud license of one product text a duplicate', () => {
    const result = crossCheck(
      [
        license({ kind: 'main', product, status: 'activated', deviceId: 'TSD-1' }),
        license({ kind: 'cloud', product, status: 'activated', deviceId: 'TSD-1' }),
      ],
      [device('TSD-1', 'cloud')],
      TODAY,
    );
    expect(result.summary.duplicates).toEqual([]);
  });

  it('lists the groups in the order of their first license, whenever the second one comes', () => {
    const result = crossCheck(
      [
        license({ product, status: 'activated', deviceId: 'TSD-1' }),
        license({ product, status: 'activated', deviceId: 'TSD-2' }),
        license({ product, status: 'activated', deviceId: 'TSD-2' }),
        license({ product, status: 'activated', deviceId: 'TSD-1' }),
      ],
      [device('TSD-1', 'local'), device('TSD-2', 'local')],
      TODAY,
    );
    expect(result.summary.duplicates.map((group) => group.licenses.map((check) => check.index))).toEqual([[0, 3], [1, 2]]);
  });

  it('finds duplicates without the device list, and says when names were cut', () => {
    const cut = 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ...';
    const result = crossCheck(
      [
        license({ product: cut, status: 'activated', deviceId: 'TSD-1' }),
        license({ product: cut, status: 'activated', deviceId: 'TSD-1' }),
      ],
      undefined,
      TODAY,
    );
    expect(flagsOf(result)).toEqual([['duplicate'], ['duplicate']]);
    expect(result.summary.duplicates[0]!.device).toBeUndefined();
    expect(result.summary.duplicates[0]!.productCut).toBe(true);
  });
});

describe('suggestions', () => {
  it('pairs free main licenses with unlicensed local devices in order, and reports the spare ones', () => {
    const result = crossCheck(
      [
        license({ kind: 'main', status: 'free', product: 'A' }), // 0
        license({ kind: 'cloud', status: 'free', product: 'cloud, never offered' }), // 1
        license({ kind: 'main', status: 'activated', deviceId: 'LOCAL-LICENSED' }), // 2
        license({ kind: 'main', status: 'free', product: 'B' }), // 3
        license({ kind: 'main', status: 'free', product: 'C' }), // 4
        license({ kind: 'main', status: 'expired', deviceId: 'LOCAL-EXPIRED' }), // 5
      ],
      [
        device('CLOUD-EMPTY', 'cloud'), // 0: its fix is support, not a free main license
        device('LOCAL-EMPTY', 'local'), // 1
        device('LOCAL-LICENSED', 'local'), // 2
        device('LOCAL-EXPIRED', 'local'), // 3: only an expired license, so unlicensed
      ],
      TODAY,
    );
    const { pairs, spareLicenses, uncoveredDevices } = result.summary.suggestions;
    expect(pairs.map((pair) => [pair.license.index, pair.device.device.id])).toEqual([
      [0, 'LOCAL-EMPTY'],
      [3, 'LOCAL-EXPIRED'],
    ]);
    expect(spareLicenses.map((check) => check.index)).toEqual([4]);
    expect(uncoveredDevices).toEqual([]);
  });

  it('reports the unlicensed local devices no free license was left for', () => {
    const result = crossCheck(
      [license({ kind: 'main', status: 'free' })],
      [device('L1', 'local'), device('C1', 'cloud'), device('L2', 'local'), device('L3', 'local')],
      TODAY,
    );
    const { pairs, spareLicenses, uncoveredDevices } = result.summary.suggestions;
    expect(pairs.map((pair) => [pair.license.index, pair.device.index])).toEqual([[0, 0]]);
    expect(spareLicenses).toEqual([]);
    expect(uncoveredDevices.map((check) => check.device.id)).toEqual(['L2', 'L3']);
  });

  it('suggests nothing for devices it cannot see, leaving every free main license spare', () => {
    const result = crossCheck([license({ status: 'free' }), license({ status: 'free' })], undefined, TODAY);
    expect(result.summary.suggestions.pairs).toEqual([]);
    expect(result.summary.suggestions.spareLicenses.map((check) => check.index)).toEqual([0, 1]);
  });
});

describe('findings', () => {
  it('lists every finding of a row, most urgent first', () => {
    const result = crossCheck(
      [
        license({ status: 'activated', deviceId: 'GONE', subscriptionEnd: TODAY - 3 }),
        license({ status: 'activated', deviceId: 'gone', subscriptionEnd: TODAY + 3 }),
      ],
      [],
      TODAY,
    );
    expect(result.licenses[0]!.findings).toEqual(['expired', 'unknown-device', 'duplicate']);
    expect(result.licenses[1]!.findings).toEqual(['unknown-device', 'duplicate', 'expiring']);
  });
});

describe('helpers', () => {
  it('compares device ids whatever their case and spaces, with or without the "@" (which the Устройства tab may leave out)', () => {
    expect(deviceKey('  @XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B ')).toBe('xiaomi-m2010j19sy-o-axi15a64262e0f6593b');
    expect(deviceKey('@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B')).toBe(deviceKey('xiaomi-m2010j19sy-o-axi15a64262e0f6593b'));
  });

  it('normalises products: trim, collapse whitespace, case, Cyrillic included', () => {
    expect(productKey('  ОБЛАКО   Mobile\tSMARTS:  Магазин ')).toBe('облако mobile smarts: магазин');
  });

  it('knows a cut product name', () => {
    expect(isProductCut('Лицензия ПРОФ на 1 (один) терм...')).toBe(true);
    expect(isProductCut('Магазин…')).toBe(true);
    expect(isProductCut('Магазин 15')).toBe(false);
  });

  it('formats the counts exactly as the page shows them', () => {
    expect(
      formatCounts({ licenses: 1, devices: 2, missingCloud: 3, cloudExpired: 4, cloudEnding: 8, expiring: 5, expired: 6, unknownDevice: 7 }),
    ).toBe('licenses=1 devices=2 missing-cloud=3 cloud-expired=4 cloud-ending=8 expiring=5 expired=6 unknown-device=7');
  });
});

describe('a large account', () => {
  it('checks 10,000 licenses against 5,000 devices with the counts known by construction', () => {
    const devices: Device[] = [];
    const licenses: License[] = [];
    for (let i = 0; i < 5000; i++) {
      const id = `TSD-${i}`;
      if (i < 2000) {
        // Cloud devices with an activated cloud license, id written in another case: all fine.
        devices.push(device(id, 'cloud'));
        licenses.push(license({ kind: 'cloud', status: 'activated', deviceId: id.toLowerCase(), subscriptionEnd: TODAY + 200 }));
      } else if (i < 2400) {
        // 400 cloud devices whose only cloud license expired (each row flagged `expired` by its status).
        devices.push(device(id, 'cloud'));
        licenses.push(license({ kind: 'cloud', status: 'expired', deviceId: id, subscriptionEnd: TODAY - 5 }));
      } else if (i < 3000) {
        // 600 cloud devices with no license.
        devices.push(device(id, 'cloud'));
      } else {
        // 2,000 local devices, each licensed, subscription ending within 30 days.
        devices.push(device(id, 'local'));
        licenses.push(license({ kind: 'main', status: 'activated', deviceId: id, subscriptionEnd: TODAY + 15 }));
      }
    }
    // 1,000 licenses on devices the list does not show, with no date.
    for (let i = 0; i < 1000; i++) {
      licenses.push(license({ status: 'activated', deviceId: `GONE-${i}`, subscriptionEnd: 'none' }));
    }
    // 4,600 free main licenses (10,000 - 2,000 - 400 - 2,000 - 1,000) with nothing to pair (every local device is licensed).
    while (licenses.length < 10_000) licenses.push(license({ status: 'free', subscriptionEnd: TODAY + 400 }));
    licenses.reverse();

    const result = crossCheck(licenses, devices, TODAY);
    expect(formatCounts(result.counts)).toBe(
      'licenses=10000 devices=5000 missing-cloud=600 cloud-expired=400 cloud-ending=0 expiring=2000 expired=400 unknown-device=1000',
    );
    expect(result.summary.duplicates).toEqual([]);
    expect(result.summary.suggestions.pairs).toEqual([]);
    expect(result.summary.suggestions.spareLicenses).toHaveLength(4600);
    expect(result.licenses.filter((check) => check.flags.includes('no-date'))).toHaveLength(1000);
  });
});

/** A demo account as the site adapter reads it: names cut as the list shows them, 01.01.1970 as 'none'. */
function seededLists(login: AccountLogin, today: number) {
  const account = seedAccount(login, today);
  const date = (day: number): AccountDate => (day === NO_DATE ? 'none' : day);
  const licenses: License[] = account.licenses.map((seeded) => ({
    kind: seeded.kind,
    product: shownProduct(seeded.product),
    status: seeded.status,
    ...(seeded.deviceId ? { deviceId: seeded.deviceId } : {}),
    date: date(seeded.date),
    subscriptionEnd: date(seeded.subscriptionEnd),
  }));
  const devices: Device[] = account.devices.map((seeded) => ({
    id: seeded.id,
    name: seeded.name,
    database: seeded.database,
    connection: seeded.databaseKind,
    lastSeen: date(Math.floor(seeded.lastConnection / 1440)),
  }));
  return { truth: account.truth, licenses, devices };
}

const sortedIds = (checks: readonly DeviceCheck[]) => checks.map((check) => check.device.id).sort();

describe('the demo accounts, against what their seed says is wrong', () => {
  it.each(ACCOUNT_LOGINS)('%s', (login) => {
    const { truth, licenses, devices } = seededLists(login, TODAY);
    const result = crossCheck(licenses, devices, TODAY);
    const { summary, counts } = result;

    expect(sortedIds(summary.missingCloudLicense)).toEqual([...truth.missingCloudLicense].sort());
    expect(sortedIds(summary.cloudLicenseExpired)).toEqual([...truth.cloudLicenseExpired].sort());
    expect(sortedIds(summary.cloudLicenseEnding)).toEqual([...truth.cloudLicenseEnding].sort());
    expect([...new Set(summary.onUnknownDevice.map((check) => check.license.deviceId))].sort()).toEqual([...truth.unknownDevice].sort());
    expect(counts.expiring).toBe(truth.expiringWithin30);
    expect(counts.expired).toBe(expiredRows(truth));
    expect(summary.ended).toHaveLength(truth.subscriptionEnded);
    expect(summary.cloudTermEnded).toHaveLength(truth.cloudTermEnded);
    expect(summary.expiredLicenses).toHaveLength(truth.expiredStatus);
    expect(summary.duplicates).toHaveLength(truth.duplicatePairs);
    expect(summary.duplicates.every((group) => group.licenses.length === 2)).toBe(true);

    // Every unlicensed local device is either offered a free main license or left uncovered.
    const { pairs, spareLicenses, uncoveredDevices } = summary.suggestions;
    const free = licenses.filter((license) => license.kind === 'main' && license.status === 'free').length;
    const paired = Math.min(free, truth.unlicensedLocal.length);
    expect(pairs).toHaveLength(paired);
    expect(spareLicenses).toHaveLength(free - paired);
    expect(uncoveredDevices).toHaveLength(truth.unlicensedLocal.length - paired);
    expect(sortedIds([...pairs.map((pair) => pair.device), ...uncoveredDevices])).toEqual([...truth.unlicensedLocal].sort());
  });

  it('partner: run step by step (as the page runs it), the check can pause at least every 1,000 rows and finds the same', () => {
    const { licenses, devices } = seededLists('partner', TODAY);
    for (const known of [devices, undefined]) {
      const steps = crossCheckInSteps(licenses, known, TODAY);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      // Two passes over the licenses, and two over the devices when they are known.
      expect(pauses).toBeGreaterThanOrEqual(2 * Math.floor(licenses.length / 1_000) + 2 * Math.floor((known?.length ?? 0) / 1_000));
      expect(step.value).toEqual(crossCheck(licenses, known, TODAY));
    }
  });

  it('leaves local devices uncovered when the free licenses run out (typical, with one free license)', () => {
    // The seeds all hold more free licenses than unlicensed devices, so nothing is uncovered there.
    const { truth, licenses, devices } = seededLists('typical', TODAY);
    const firstFree = licenses.findIndex((license) => license.kind === 'main' && license.status === 'free');
    const oneFree = licenses.filter((license, index) => index === firstFree || !(license.kind === 'main' && license.status === 'free'));
    const { pairs, spareLicenses, uncoveredDevices } = crossCheck(oneFree, devices, TODAY).summary.suggestions;
    expect(truth.unlicensedLocal.length).toBeGreaterThan(1);
    expect(pairs).toHaveLength(1);
    expect(spareLicenses).toEqual([]);
    expect(uncoveredDevices).toHaveLength(truth.unlicensedLocal.length - 1);
    expect(sortedIds([pairs[0]!.device, ...uncoveredDevices])).toEqual([...truth.unlicensedLocal].sort());
  });
});

/**
 * Every rule written out the slow and obvious way (a find or a filter over the
 * lists per row), as indexes, to hold the fast passes of `crossCheck` against.
 */
function plainReading(licenses: readonly License[], devices: readonly Device[] | undefined, today: number) {
  const known = devices !== undefined;
  const list = devices ?? [];
  const keyOf = (license: License) => (license.deviceId === undefined ? '' : deviceKey(license.deviceId));
  const deviceOf = (license: License): number | undefined => {
    const key = keyOf(license);
    const index = key === '' ? -1 : list.findIndex((device) => deviceKey(device.id) === key);
    return index < 0 ? undefined : index;
  };
  const bound = (index: number) => licenses.flatMap((license, i) => (deviceOf(license) === index ? [i] : []));
  const daysOf = (license: License) => (typeof license.subscriptionEnd === 'number' ? license.subscriptionEnd - today : undefined);
  const sameGroup = (a: License, b: License) =>
    a.status === 'activated' && b.status === 'activated' && a.kind === b.kind && keyOf(a) !== '' &&
    keyOf(a) === keyOf(b) && productKey(a.product) === productKey(b.product);
  const groupOf = (license: License) => licenses.flatMap((other, i) => (sameGroup(license, other) ? [i] : []));

  const checks = licenses.map((license) => {
    const daysLeft = daysOf(license);
    const activated = license.status === 'activated';
    const running = activated ? daysLeft : undefined;
    const findings: LicenseFinding[] = [];
    if (running !== undefined && running < 0) findings.push('expired');
    if (license.status === 'expired') findings.push('license-expired');
    if (known && keyOf(license) !== '' && deviceOf(license) === undefined && (license.status === 'activated' || license.status === 'expired')) {
      findings.push('unknown-device');
    }
    if (groupOf(license).length >= 2) findings.push('duplicate');
    if (running !== undefined && running >= 0 && running <= 30) findings.push('expiring');
    if (activated && license.subscriptionEnd === 'none') findings.push('no-date');
    if (activated && license.subscriptionEnd === 'unknown') findings.push('date-unreadable');
    if (license.status === 'unknown') findings.push('status-unreadable');
    const flags = findings.map((finding) => (finding === 'license-expired' ? 'expired' : finding))
      .filter((flag) => flag !== 'date-unreadable' && flag !== 'status-unreadable');
    return { findings, flags, daysLeft, deviceIndex: deviceOf(license) };
  });
  const deviceChecks = list.map((device, index) => {
    const mine = bound(index).map((i) => licenses[i]!);
    const cloudWith = (status: License['status']) => mine.some((license) => license.kind === 'cloud' && license.status === status);
    const paid = mine.filter((license) => license.kind === 'cloud' && license.status === 'activated')
      .map((license) => (typeof license.subscriptionEnd === 'number' ? license.subscriptionEnd : Infinity));
    const cloudDaysLeft = device.connection === 'cloud' && paid.length > 0 && Math.max(...paid) !== Infinity ? Math.max(...paid) - today : undefined;
    let flags: string[] = [];
    if (device.connection === 'cloud' && !cloudWith('activated') && !cloudWith('unknown')) flags = [cloudWith('expired') ? 'cloud-license-expired' : 'missing-cloud-license'];
    else if (cloudDaysLeft !== undefined && !cloudWith('unknown') && cloudDaysLeft < 0) flags = ['cloud-license-expired'];
    else if (cloudDaysLeft !== undefined && !cloudWith('unknown') && cloudDaysLeft <= 30) flags = ['cloud-license-ending'];
    return { flags, licenses: bound(index), cloudDaysLeft, unlicensedLocal: device.connection === 'local' && !mine.some((license) => license.status === 'activated') };
  });

  const indexes = <T>(items: readonly T[], keep: (item: T) => boolean) => items.flatMap((item, i) => (keep(item) ? [i] : []));
  const activatedDays = (i: number) => (licenses[i]!.status === 'activated' ? checks[i]!.daysLeft : undefined);
  const byDays = (order: 1 | -1) => (a: number, b: number) => order * (activatedDays(a)! - activatedDays(b)!) || a - b;
  const runningOf = (kind: License['kind']) => licenses.map((_, i) => i).filter((i) => licenses[i]!.kind === kind && activatedDays(i) !== undefined);
  const running = runningOf('main');
  const cloudRunning = runningOf('cloud');
  // Each group once, at its first license.
  const groups = licenses.map(groupOf).filter((group, i) => group.length >= 2 && group[0] === i);
  const freeMain = indexes(licenses, (license) => license.kind === 'main' && license.status === 'free');
  const unlicensedLocal = known ? indexes(deviceChecks, (check) => check.unlicensedLocal) : [];
  const pairCount = Math.min(freeMain.length, unlicensedLocal.length);
  const withFlag = (flag: string) => indexes(checks, (check) => check.flags.includes(flag as never));

  return {
    devicesKnown: known,
    licenses: checks,
    devices: deviceChecks.map(({ flags, licenses: bound, cloudDaysLeft }) => ({ flags, licenses: bound, cloudDaysLeft })),
    missingCloudLicense: indexes(deviceChecks, (check) => check.flags[0] === 'missing-cloud-license'),
    cloudLicenseExpired: indexes(deviceChecks, (check) => check.flags[0] === 'cloud-license-expired'),
    cloudLicenseEnding: indexes(deviceChecks, (check) => check.flags[0] === 'cloud-license-ending')
      .sort((a, b) => deviceChecks[a]!.cloudDaysLeft! - deviceChecks[b]!.cloudDaysLeft! || a - b),
    onUnknownDevice: withFlag('unknown-device'),
    endingWithin: Object.fromEntries(ENDING_WINDOWS.map((window) => [
      window,
      running.filter((i) => activatedDays(i)! >= 0 && activatedDays(i)! <= window).sort(byDays(1)),
    ])),
    ended: running.filter((i) => activatedDays(i)! < 0).sort(byDays(-1)),
    cloudTermEnding: cloudRunning.filter((i) => activatedDays(i)! >= 0 && activatedDays(i)! <= 30).sort(byDays(1)),
    cloudTermEnded: cloudRunning.filter((i) => activatedDays(i)! < 0).sort(byDays(-1)),
    expiredLicenses: indexes(licenses, (license) => license.status === 'expired'),
    duplicates: groups.map((group) => {
      const first = licenses[group[0]!]!;
      return {
        deviceId: first.deviceId!.trim(),
        device: checks[group[0]!]!.deviceIndex,
        kind: first.kind,
        product: first.product.trim(),
        productCut: group.some((i) => isProductCut(licenses[i]!.product)),
        licenses: group,
      };
    }),
    pairs: freeMain.slice(0, pairCount).map((license, i) => [license, unlicensedLocal[i]]),
    spareLicenses: freeMain.slice(pairCount),
    uncoveredDevices: unlicensedLocal.slice(pairCount),
    counts: {
      licenses: licenses.length,
      devices: list.length,
      missingCloud: indexes(deviceChecks, (check) => check.flags[0] === 'missing-cloud-license').length,
      cloudExpired: indexes(deviceChecks, (check) => check.flags[0] === 'cloud-license-expired').length,
      cloudEnding: indexes(deviceChecks, (check) => check.flags[0] === 'cloud-license-ending').length,
      expiring: withFlag('expiring').length,
      expired: withFlag('expired').length,
      unknownDevice: withFlag('unknown-device').length,
    },
  };
}

/** `crossCheck`'s answer in the shape of `plainReading`'s. */
function asIndexes(result: CrossCheck) {
  const at = (checks: readonly { index: number }[]) => checks.map((check) => check.index);
  const { summary } = result;
  return {
    devicesKnown: result.devicesKnown,
    licenses: result.licenses.map(({ findings, flags, daysLeft, deviceIndex }) => ({ findings: [...findings], flags: [...flags], daysLeft, deviceIndex })),
    devices: result.devices.map(({ flags, licenses, cloudDaysLeft }) => ({ flags: [...flags], licenses: at(licenses), cloudDaysLeft })),
    missingCloudLicense: at(summary.missingCloudLicense),
    cloudLicenseExpired: at(summary.cloudLicenseExpired),
    cloudLicenseEnding: at(summary.cloudLicenseEnding),
    onUnknownDevice: at(summary.onUnknownDevice),
    endingWithin: Object.fromEntries(ENDING_WINDOWS.map((window) => [window, at(summary.endingWithin[window])])),
    ended: at(summary.ended),
    cloudTermEnding: at(summary.cloudTermEnding),
    cloudTermEnded: at(summary.cloudTermEnded),
    expiredLicenses: at(summary.expiredLicenses),
    duplicates: summary.duplicates.map(({ deviceId, device, kind, product, productCut, licenses }) => ({
      deviceId, device: device?.index, kind, product, productCut, licenses: at(licenses),
    })),
    pairs: summary.suggestions.pairs.map((pair) => [pair.license.index, pair.device.index]),
    spareLicenses: at(summary.suggestions.spareLicenses),
    uncoveredDevices: at(summary.suggestions.uncoveredDevices),
    counts: result.counts,
  };
}

describe('the same answers as the rules read plainly', () => {
  it('on 3,000 small random accounts full of near-misses', () => {
    const random = mulberry32(357_081);
    const ids = ['TSD-1', 'tsd-1', ' TSD-1 ', '@TSD-1', 'TSD-2', 'Tsd-2', 'ПК-1', 'пк-1', '', '  ', 'GONE'];
    const products = ['Склад 15', ' склад  15 ', 'СКЛАД\t15', 'Склад 15, ПОЛНЫЙ...', 'Склад 15, ПОЛНЫЙ…', 'Магазин', ''];
    const statuses = ['free', 'activated', 'activated', 'activated', 'expired', 'unknown'] as const; // duplicates need activated ones
    const ends: AccountDate[] = [TODAY - 100, TODAY - 1, TODAY, TODAY + 3, TODAY + 7, TODAY + 8, TODAY + 30, TODAY + 31, TODAY + 90, TODAY + 91, 'none', 'unknown'];
    for (let round = 0; round < 3000; round++) {
      const licenses: License[] = Array.from({ length: random.int(0, 14) }, () => ({
        kind: random.pick(['cloud', 'main'] as const),
        product: random.pick(products),
        status: random.pick(statuses),
        ...(random.next() < 0.85 ? { deviceId: random.pick(ids) } : {}),
        date: TODAY - 200,
        subscriptionEnd: random.pick(ends),
      }));
      const devices = random.next() < 0.15
        ? undefined
        : Array.from({ length: random.int(0, 6) }, () => device(random.pick(ids), random.pick(['cloud', 'local'] as const)));
      const result = crossCheck(licenses, devices, TODAY);
      const expected = plainReading(licenses, devices, TODAY);
      if (JSON.stringify(asIndexes(result)) !== JSON.stringify(expected)) {
        expect({ licenses, devices, answer: asIndexes(result) }).toEqual({ licenses, devices, answer: expected });
      }
    }
  });
});
