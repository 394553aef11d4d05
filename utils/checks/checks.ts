/**
 * The cross-checks: what is wrong in the account, worked out from the typed
 * records alone (no DOM, no browser APIs). The site adapter reads the Лицензии
 * and Устройства tabs into `License[]` and `Device[]`; the UI renders what
 * `crossCheck` returns.
 *
 * It runs on the page's main thread in one go, so it has to stay well under a
 * 50 ms task for an account of 10,000 licenses and 5,000 devices. Hence: a
 * device id is normalised once per row and a product text once per distinct
 * text (never per comparison), both turned into numbers to group by; every
 * pass is one plain loop over a list; the summary's lists and counts are
 * gathered during those loops rather than filtered out afterwards; and rows
 * with the same findings share one (frozen) array of them instead of each
 * allocating its own.
 */
import type { AccountDate, DayNumber, Device, License, LicenseKind } from '../shared/records';
import { deviceKey } from '../site/device-id';

/** A subscription ending in 0..30 days is "expiring" (0 = ends today and is still valid that day). */
export const EXPIRING_DAYS = 30;

/**
 * A cloud license's «До» is the end of its paid term (cloud licenses are sold
 * for 1, 3 or 12 months: shared/domain/DOMAIN.md), after which its device has
 * no license and runs in demo mode: within this many days that is a problem,
 * not just something to watch.
 */
export const CLOUD_URGENT_DAYS = 7;

/** The summary panel's nested windows of subscriptions still running: ends within 7 ⊆ 30 ⊆ 90 days. */
export const ENDING_WINDOWS = [7, 30, 90] as const;
export type EndingWindow = (typeof ENDING_WINDOWS)[number];
const WIDEST_WINDOW = Math.max(...ENDING_WINDOWS);

/**
 * What a row of the Лицензии tab can be marked with (for highlighting and
 * filtering). `expired`: the license no longer does what it did, whether its
 * status says «Истекла» or its «До» day has passed while it is «Активирована».
 */
export type LicenseFlag = 'expired' | 'unknown-device' | 'duplicate' | 'expiring' | 'no-date';

/**
 * One sentence each for a license row, most urgent first. `license-expired`
 * is the status «Истекла», flagged `expired` as an ended term is; two
 * findings are not flags because nothing is known to be wrong, only that we
 * could not read the row: its «До» date, or its status word.
 */
export type LicenseFinding = LicenseFlag | 'license-expired' | 'date-unreadable' | 'status-unreadable';

/**
 * What a row of the Устройства tab can be marked with: a cloud device with no
 * cloud license in the list (the help article's failure), one whose cloud
 * license has expired or whose paid term has passed, one whose paid term
 * ends within EXPIRING_DAYS.
 */
export type DeviceFlag = 'missing-cloud-license' | 'cloud-license-expired' | 'cloud-license-ending';

/** The checks of one license row, at the same index as in the input. */
export interface LicenseCheck {
  readonly index: number;
  readonly license: License;
  readonly flags: readonly LicenseFlag[];
  readonly findings: readonly LicenseFinding[];
  /** Subscription end minus today, only when the end is a real day: 0 = ends today, negative = ended. */
  readonly daysLeft?: number;
  /** Index in the device list of the device the license is bound to, when that device is listed. */
  readonly deviceIndex?: number;
}

/** The checks of one device row, at the same index as in the input. */
export interface DeviceCheck {
  readonly index: number;
  readonly device: Device;
  readonly flags: readonly DeviceFlag[];
  /** Licenses of any kind and status bound to this device, in list order. */
  readonly licenses: readonly LicenseCheck[];
  /** For a cloud device with an activated cloud license: the last day any of them is paid for, and the days until then (negative: ended). */
  readonly cloudPaidUntil?: DayNumber;
  readonly cloudDaysLeft?: number;
}

/** Two or more activated licenses of one product on one device: all but one are wasted. */
export interface DuplicateGroup {
  /** The device id as the first license of the group shows it. */
  readonly deviceId: string;
  /** The device, when the device list is known and lists it. */
  readonly device?: DeviceCheck;
  readonly kind: LicenseKind;
  /** The product as the first license of the group shows it. */
  readonly product: string;
  /**
   * The site cuts long names with «...»; two different products can look the
   * same once cut, so the UI should hedge ("seem to be") when this is true.
   */
  readonly productCut: boolean;
  readonly licenses: readonly LicenseCheck[];
}

/** A free main license that could be activated on a local device running without a license. */
export interface Suggestion {
  readonly license: LicenseCheck;
  readonly device: DeviceCheck;
}

export interface Suggestions {
  /** One free main license per unlicensed local device, both in list order. */
  readonly pairs: readonly Suggestion[];
  /** Free main licenses left over after pairing (all of them when the device list is unknown). */
  readonly spareLicenses: readonly LicenseCheck[];
  /** Unlicensed local devices left over after pairing: more licenses are needed for them. */
  readonly uncoveredDevices: readonly DeviceCheck[];
}

/** The account-level lists the summary panel shows. */
export interface AccountSummary {
  readonly missingCloudLicense: readonly DeviceCheck[];
  readonly cloudLicenseExpired: readonly DeviceCheck[];
  /** Cloud devices whose paid term ends within EXPIRING_DAYS, soonest first. */
  readonly cloudLicenseEnding: readonly DeviceCheck[];
  readonly onUnknownDevice: readonly LicenseCheck[];
  /** Update subscriptions (main licenses) still running that end within each window, soonest first. */
  readonly endingWithin: Readonly<Record<EndingWindow, readonly LicenseCheck[]>>;
  /** Activated cloud licenses whose paid term ends within EXPIRING_DAYS, soonest first. */
  readonly cloudTermEnding: readonly LicenseCheck[];
  /** Update subscriptions already ended, most recently ended first (the likeliest to be renewed). */
  readonly ended: readonly LicenseCheck[];
  /** Activated cloud licenses whose paid term has passed, most recently ended first. */
  readonly cloudTermEnded: readonly LicenseCheck[];
  /** Licenses whose status is «Истекла», in list order. */
  readonly expiredLicenses: readonly LicenseCheck[];
  readonly duplicates: readonly DuplicateGroup[];
  readonly suggestions: Suggestions;
}

/** The numbers behind `formatCounts`; see there for what each one counts. */
export interface CrossCheckCounts {
  readonly licenses: number;
  readonly devices: number;
  readonly missingCloud: number;
  readonly cloudExpired: number;
  /** Cloud devices whose paid term ends within EXPIRING_DAYS. */
  readonly cloudEnding: number;
  readonly expiring: number;
  readonly expired: number;
  readonly unknownDevice: number;
}

export interface CrossCheck {
  /**
   * False when the Устройства list could not be had: then no device-based
   * check ran (no device flags, no unknown-device, no suggestions), rather
   * than every bound license looking like it sits on an unknown device.
   */
  readonly devicesKnown: boolean;
  readonly licenses: readonly LicenseCheck[];
  /** Empty when the device list is unknown. */
  readonly devices: readonly DeviceCheck[];
  readonly summary: AccountSummary;
  readonly counts: CrossCheckCounts;
}

/** A product name as compared: trimmed, inner whitespace collapsed, case-folded. */
export function productKey(product: string): string {
  return product.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether the site cut the product name («Основная Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ...»). */
export function isProductCut(product: string): boolean {
  return /(\.\.\.|…)$/.test(product.trim());
}

/** Subscription end minus today, or undefined when the end is not a real day ('none', 'unknown'). */
export function subscriptionDaysLeft(end: AccountDate, today: DayNumber): number | undefined {
  return typeof end === 'number' ? end - today : undefined;
}

/** The counts line the page shows, in exactly this order and spelling. */
export function formatCounts(counts: CrossCheckCounts): string {
  return (
    `licenses=${counts.licenses} devices=${counts.devices} missing-cloud=${counts.missingCloud} ` +
    `cloud-expired=${counts.cloudExpired} cloud-ending=${counts.cloudEnding} expiring=${counts.expiring} expired=${counts.expired} ` +
    `unknown-device=${counts.unknownDevice}`
  );
}

// What the licenses bound to a device say about it, gathered in one pass.
const HAS_ACTIVATED = 1; // any kind: the device is licensed
const HAS_ACTIVATED_CLOUD = 2;
const HAS_EXPIRED_CLOUD = 4;
const HAS_UNREADABLE_CLOUD = 8; // a cloud license is listed but its status word is not one we know

/** A row's findings in the order it lists them, most urgent first; bit i of a findings mask is `FINDING_ORDER[i]`. */
const FINDING_ORDER: readonly LicenseFinding[] = [
  'expired',
  'license-expired',
  'unknown-device',
  'duplicate',
  'expiring',
  'no-date',
  'date-unreadable',
  'status-unreadable',
];
const bitOf = (finding: LicenseFinding) => 1 << FINDING_ORDER.indexOf(finding);
const EXPIRED = bitOf('expired');
const LICENSE_EXPIRED = bitOf('license-expired');
const UNKNOWN_DEVICE = bitOf('unknown-device');
const DUPLICATE = bitOf('duplicate');
const EXPIRING = bitOf('expiring');
const NO_DATE = bitOf('no-date');
const DATE_UNREADABLE = bitOf('date-unreadable');
const STATUS_UNREADABLE = bitOf('status-unreadable');

/**
 * A license's findings as a mask (see FINDING_ORDER): an ended term, then
 * what is wrong with its binding, then what merely needs watching, then what
 * we could not read. Only an activated license's term is running out
 * (`daysLeft` is passed only for those): a free card's «До» date (the
 * article's free row shows 17.04.2019) starts over on activation, and so has
 * no date to miss either; an «Истекла» row says it has ended in its status.
 */
function findingMask(
  status: License['status'],
  end: AccountDate,
  daysLeft: number | undefined,
  onUnknownDevice: boolean,
  duplicate: boolean,
): number {
  let mask = 0;
  if (daysLeft !== undefined && daysLeft < 0) mask |= EXPIRED;
  if (status === 'expired') mask |= LICENSE_EXPIRED;
  if (onUnknownDevice) mask |= UNKNOWN_DEVICE;
  if (duplicate) mask |= DUPLICATE;
  if (daysLeft !== undefined && daysLeft >= 0 && daysLeft <= EXPIRING_DAYS) mask |= EXPIRING;
  if (status === 'activated') {
    // 01.01.1970 is the account's "no date" (the article's free ПРОФ license), never "ended in 1970".
    if (end === 'none') mask |= NO_DATE;
    // A date we could not read (31.02.2026) is never taken as ended.
    if (end === 'unknown') mask |= DATE_UNREADABLE;
  }
  if (status === 'unknown') mask |= STATUS_UNREADABLE;
  return mask;
}

/** The flag a finding marks its row with: «Истекла» is `expired`, as an ended term is; what we could not read is none. */
export function flagOf(finding: LicenseFinding): LicenseFlag | undefined {
  if (finding === 'license-expired') return 'expired';
  return finding === 'date-unreadable' || finding === 'status-unreadable' ? undefined : finding;
}

/**
 * The findings and flags of each mask, built on first use and shared by every
 * row with that mask: most rows have none, and the rest fall into a handful of
 * combinations, so 10,000 rows need a few arrays rather than 20,000. They are
 * frozen because they are shared.
 */
const findingsByMask: (readonly LicenseFinding[])[] = [];
const flagsByMask: (readonly LicenseFlag[])[] = [];

function findingsOf(mask: number): readonly LicenseFinding[] {
  let findings = findingsByMask[mask];
  if (!findings) {
    findings = Object.freeze(FINDING_ORDER.filter((_, bit) => mask & (1 << bit)));
    findingsByMask[mask] = findings;
  }
  return findings;
}

function flagsOf(mask: number): readonly LicenseFlag[] {
  let flags = flagsByMask[mask];
  if (!flags) {
    const each = findingsOf(mask).map(flagOf).filter((flag) => flag !== undefined);
    flags = Object.freeze([...new Set(each)]);
    flagsByMask[mask] = flags;
  }
  return flags;
}

// A device row has no flag or one; these are shared like the license findings.
const NO_DEVICE_FLAGS: readonly DeviceFlag[] = Object.freeze([]);
const MISSING_CLOUD_FLAGS: readonly DeviceFlag[] = Object.freeze(['missing-cloud-license'] as const);
const CLOUD_EXPIRED_FLAGS: readonly DeviceFlag[] = Object.freeze(['cloud-license-expired'] as const);
const CLOUD_ENDING_FLAGS: readonly DeviceFlag[] = Object.freeze(['cloud-license-ending'] as const);
/** The licenses of a device no license is bound to. */
const NO_LICENSES: readonly LicenseCheck[] = Object.freeze([]);

/** What the first pass over the licenses learns, by row index and by device index. */
interface Bindings {
  /** Per license: the index of the listed device it is bound to, or -1. */
  readonly deviceIndex: Int32Array;
  /** Per license: 1 when it is bound (activated or expired) to a device the known list does not show. */
  readonly onUnknown: Uint8Array;
  /** Per device: the HAS_* bits of the licenses bound to it. */
  readonly deviceState: Uint8Array;
  /** Per device: the last day any activated cloud license of it is paid for (+Infinity: a license with no date we can read; -Infinity: none). */
  readonly cloudPaidUntil: Float64Array;
  /** Per license: 1 when it is one of two or more activated licenses of one product on one device. */
  readonly isDuplicate: Uint8Array;
  /** The duplicate groups as license indexes, each in list order, groups by their first license. */
  readonly duplicateGroups: readonly (readonly number[])[];
}

/**
 * Rows between the points where the passes below may pause. On 10,000
 * licenses each of the two passes took 10-15 ms on a quiet machine and up to
 * 48 ms on a busy one: run whole, each was one of the longest tasks the
 * account's page had to wait for. A page runs the passes step by step (see
 * inSlices); everyone else runs them through at once (crossCheck).
 */
const ROWS_PER_STEP = 1_000;

/** Whether a pass has come to a point where it may pause. */
const stepEndsAt = (index: number) => index % ROWS_PER_STEP === ROWS_PER_STEP - 1;

/** Runs a pass written in steps through at once. */
function throughAtOnce<Result>(steps: Generator<void, Result>): Result {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Pass 1 over the licenses: bindings, per-device state and duplicates.
 *
 * Every device id, listed or only named on a license, gets a number (its
 * "slot"): a listed device's slot is its index, ids only licenses name get the
 * numbers after those. Product texts likewise get a number, each distinct text
 * normalised once (an account of 10,000 licenses shows a dozen or so
 * products), not once per row. Grouping then compares numbers, not strings
 * rebuilt for every row.
 *
 * Pauses every ROWS_PER_STEP rows (see crossCheckInSteps).
 */
function* bindLicenses(licenses: readonly License[], devices: readonly Device[] | undefined): Generator<void, Bindings> {
  const devicesKnown = devices !== undefined;
  const deviceList = devices ?? [];
  const licenseCount = licenses.length;
  const deviceCount = deviceList.length;

  const slotByKey = new Map<string, number>();
  for (let index = 0; index < deviceCount; index++) {
    const key = deviceKey(deviceList[index]!.id);
    // The first device listed under an id wins; the account should not list one id twice.
    if (key !== '' && !slotByKey.has(key)) slotByKey.set(key, index);
    if (stepEndsAt(index)) yield;
  }
  let nextSlot = deviceCount;
  /** The slot of a device id, or -1 when it is blank. */
  const slotOf = (id: string): number => {
    const key = deviceKey(id);
    if (key === '') return -1;
    let slot = slotByKey.get(key);
    if (slot === undefined) {
      slot = nextSlot++;
      slotByKey.set(key, slot);
    }
    return slot;
  };

  const productByText = new Map<string, number>();
  const productByKey = new Map<string, number>();
  const productNumber = (text: string): number => {
    let number = productByText.get(text);
    if (number === undefined) {
      const key = productKey(text);
      number = productByKey.get(key);
      if (number === undefined) {
        number = productByKey.size;
        productByKey.set(key, number);
      }
      productByText.set(text, number);
    }
    return number;
  };

  const deviceIndex = new Int32Array(licenseCount).fill(-1);
  const onUnknown = new Uint8Array(licenseCount);
  const deviceState = new Uint8Array(deviceCount);
  const cloudPaidUntil = new Float64Array(deviceCount).fill(-Infinity);
  // Activated licenses by (kind, device, product). Nearly every group has one
  // license, so only a group's first is kept until a second one comes.
  const firstOfGroup = new Map<number, number>();
  const groupOfFirst = new Map<number, number[]>();

  for (let index = 0; index < licenseCount; index++) {
    if (stepEndsAt(index)) yield;
    const license = licenses[index]!;
    if (license.deviceId === undefined) continue;
    const slot = slotOf(license.deviceId);
    if (slot < 0) continue;
    const { kind, status } = license;

    if (devicesKnown) {
      if (slot < deviceCount) {
        deviceIndex[index] = slot;
        let state = deviceState[slot]!;
        if (status === 'activated') state |= HAS_ACTIVATED;
        if (kind === 'cloud') {
          if (status === 'activated') {
            state |= HAS_ACTIVATED_CLOUD;
            const end = license.subscriptionEnd;
            cloudPaidUntil[slot] = Math.max(cloudPaidUntil[slot]!, typeof end === 'number' ? end : Infinity);
          } else if (status === 'expired') state |= HAS_EXPIRED_CLOUD;
          else if (status === 'unknown') state |= HAS_UNREADABLE_CLOUD;
        }
        deviceState[slot] = state;
      } else if (status === 'activated' || status === 'expired') {
        // Only a status that names a device («Активирована X», «Истекла X») binds it.
        onUnknown[index] = 1;
      }
    }

    // Duplicates need no device list: the device id on the licenses is enough.
    if (status === 'activated') {
      // (kind, slot, product) as one exact number: the product number is below
      // the license count (at most one new product per license), and the slot
      // below devices + licenses, far from 2^53 for any account.
      const groupKey = (slot * 2 + (kind === 'cloud' ? 1 : 0)) * licenseCount + productNumber(license.product);
      const first = firstOfGroup.get(groupKey);
      if (first === undefined) {
        firstOfGroup.set(groupKey, index);
      } else {
        const group = groupOfFirst.get(first);
        if (group) group.push(index);
        else groupOfFirst.set(first, [first, index]);
      }
    }
  }

  // Groups in list order of their first license; each group is in list order already.
  const duplicateGroups = [...groupOfFirst.values()].sort((a, b) => a[0]! - b[0]!);
  const isDuplicate = new Uint8Array(licenseCount);
  for (const group of duplicateGroups) for (const index of group) isDuplicate[index] = 1;
  return { deviceIndex, onUnknown, deviceState, cloudPaidUntil, isDuplicate, duplicateGroups };
}

/**
 * One row's check. Optional fields are left out rather than set to undefined,
 * so the checks compare and serialise cleanly; and each shape is written as
 * one literal, because adding a field to an object once made costs V8 another
 * allocation, 10,000 times over.
 */
function licenseCheck(index: number, license: License, mask: number, daysLeft: number | undefined, deviceIndex: number): LicenseCheck {
  const flags = flagsOf(mask);
  const findings = findingsOf(mask);
  if (daysLeft === undefined) {
    return deviceIndex < 0 ? { index, license, flags, findings } : { index, license, flags, findings, deviceIndex };
  }
  return deviceIndex < 0 ? { index, license, flags, findings, daysLeft } : { index, license, flags, findings, daysLeft, deviceIndex };
}

/**
 * Cross-checks the Лицензии list against the Устройства list.
 * `devices` is undefined when the device list could not be had.
 */
export function crossCheck(licenses: readonly License[], devices: readonly Device[] | undefined, today: DayNumber): CrossCheck {
  return throughAtOnce(crossCheckInSteps(licenses, devices, today));
}

/** crossCheck in steps of ROWS_PER_STEP rows: the caller may give the main thread back between them. */
export function* crossCheckInSteps(licenses: readonly License[], devices: readonly Device[] | undefined, today: DayNumber): Generator<void, CrossCheck> {
  const bindings = yield* bindLicenses(licenses, devices);
  const deviceList = devices ?? [];

  // Pass 2: one LicenseCheck per row, and the summary's license lists and
  // counts gathered on the way (each in list order).
  const licenseChecks: LicenseCheck[] = [];
  const licensesByDevice: (LicenseCheck[] | undefined)[] = new Array<LicenseCheck[] | undefined>(deviceList.length);
  const onUnknownDevice: LicenseCheck[] = [];
  const endingWithinWidest: LicenseCheck[] = [];
  const ended: LicenseCheck[] = [];
  const cloudTermEnding: LicenseCheck[] = [];
  const cloudTermEnded: LicenseCheck[] = [];
  const expiredLicenses: LicenseCheck[] = [];
  const freeMain: LicenseCheck[] = [];
  let expiring = 0;
  let expired = 0;

  for (let index = 0; index < licenses.length; index++) {
    if (stepEndsAt(index)) yield;
    const license = licenses[index]!;
    const activated = license.status === 'activated';
    const daysLeft = subscriptionDaysLeft(license.subscriptionEnd, today);
    const mask = findingMask(
      license.status,
      license.subscriptionEnd,
      activated ? daysLeft : undefined,
      bindings.onUnknown[index] === 1,
      bindings.isDuplicate[index] === 1,
    );
    const deviceIndex = bindings.deviceIndex[index]!;
    const check = licenseCheck(index, license, mask, daysLeft, deviceIndex);
    licenseChecks.push(check);
    if (deviceIndex >= 0) {
      const onDevice = licensesByDevice[deviceIndex];
      if (onDevice) onDevice.push(check);
      else licensesByDevice[deviceIndex] = [check];
    }

    if (mask & UNKNOWN_DEVICE) onUnknownDevice.push(check);
    if (mask & (EXPIRED | LICENSE_EXPIRED)) expired++;
    if (mask & LICENSE_EXPIRED) expiredLicenses.push(check);
    if (mask & EXPIRING) expiring++;
    if (activated && daysLeft !== undefined) {
      // A cloud license's «До» ends its paid term; a main license's, its update subscription.
      if (license.kind === 'cloud') {
        if (daysLeft < 0) cloudTermEnded.push(check);
        else if (daysLeft <= EXPIRING_DAYS) cloudTermEnding.push(check);
      } else if (daysLeft < 0) ended.push(check);
      else if (daysLeft <= WIDEST_WINDOW) endingWithinWidest.push(check);
    }
    if (license.kind === 'main' && license.status === 'free') freeMain.push(check);
  }

  // The devices, and the summary's device lists.
  const deviceChecks: DeviceCheck[] = [];
  const missingCloudLicense: DeviceCheck[] = [];
  const cloudLicenseExpired: DeviceCheck[] = [];
  const cloudLicenseEnding: DeviceCheck[] = [];
  const unlicensedLocal: DeviceCheck[] = [];
  for (let index = 0; index < deviceList.length; index++) {
    if (stepEndsAt(index)) yield;
    const device = deviceList[index]!;
    const state = bindings.deviceState[index]!;
    let flags = NO_DEVICE_FLAGS;
    // Help article 357081: a cloud-database device listed under Устройства with
    // no cloud license in the list means the site failed; the user must contact
    // technical support. A main license does not count: a cloud device needs a
    // cloud one. A cloud license whose status we could not read is still a
    // license in the list, so it is no reason to send the user to support.
    if (device.connection === 'cloud' && !(state & (HAS_ACTIVATED_CLOUD | HAS_UNREADABLE_CLOUD))) {
      flags = state & HAS_EXPIRED_CLOUD ? CLOUD_EXPIRED_FLAGS : MISSING_CLOUD_FLAGS;
    }
    // An activated cloud license is paid for a term: once the last of them has ended the device has none, and
    // before that its end is what the device runs up against.
    const paidUntil = bindings.cloudPaidUntil[index]!;
    const cloudDaysLeft = device.connection === 'cloud' && Number.isFinite(paidUntil) ? paidUntil - today : undefined;
    if (cloudDaysLeft !== undefined && !(state & HAS_UNREADABLE_CLOUD)) {
      if (cloudDaysLeft < 0) flags = CLOUD_EXPIRED_FLAGS;
      else if (cloudDaysLeft <= EXPIRING_DAYS) flags = CLOUD_ENDING_FLAGS;
    }
    const licensesOf = licensesByDevice[index] ?? NO_LICENSES;
    const check: DeviceCheck = cloudDaysLeft === undefined
      ? { index, device, flags, licenses: licensesOf }
      : { index, device, flags, licenses: licensesOf, cloudPaidUntil: paidUntil, cloudDaysLeft };
    deviceChecks.push(check);
    if (flags === MISSING_CLOUD_FLAGS) missingCloudLicense.push(check);
    else if (flags === CLOUD_EXPIRED_FLAGS) cloudLicenseExpired.push(check);
    else if (flags === CLOUD_ENDING_FLAGS) cloudLicenseEnding.push(check);
    // A local device running with no activated license of any kind (demo mode).
    if (device.connection === 'local' && !(state & HAS_ACTIVATED)) unlicensedLocal.push(check);
  }

  const soonestFirst = (a: { daysLeft?: number; cloudDaysLeft?: number }, b: { daysLeft?: number; cloudDaysLeft?: number }) =>
    (a.daysLeft ?? a.cloudDaysLeft!) - (b.daysLeft ?? b.cloudDaysLeft!);
  const summary: AccountSummary = {
    missingCloudLicense,
    cloudLicenseExpired,
    cloudLicenseEnding: cloudLicenseEnding.sort(soonestFirst),
    onUnknownDevice,
    endingWithin: endingWindows(endingWithinWidest),
    cloudTermEnding: cloudTermEnding.sort(soonestFirst),
    // Most recently ended first; Array.prototype.sort is stable, so ties keep list order.
    ended: ended.sort((a, b) => b.daysLeft! - a.daysLeft!),
    cloudTermEnded: cloudTermEnded.sort((a, b) => b.daysLeft! - a.daysLeft!),
    expiredLicenses,
    duplicates: duplicateGroups(bindings.duplicateGroups, licenseChecks, deviceChecks),
    suggestions: suggest(freeMain, unlicensedLocal),
  };

  return {
    devicesKnown: devices !== undefined,
    licenses: licenseChecks,
    devices: deviceChecks,
    summary,
    counts: {
      licenses: licenses.length,
      devices: deviceList.length,
      missingCloud: missingCloudLicense.length,
      cloudExpired: cloudLicenseExpired.length,
      cloudEnding: cloudLicenseEnding.length,
      expiring,
      expired,
      unknownDevice: onUnknownDevice.length,
    },
  };
}

/**
 * The nested windows, from the running subscriptions that end within the
 * widest one. Sorted once, soonest first (a stable sort, so ties keep list
 * order); each window is then a prefix of that list.
 */
function endingWindows(withinWidest: LicenseCheck[]): Record<EndingWindow, readonly LicenseCheck[]> {
  withinWidest.sort((a, b) => a.daysLeft! - b.daysLeft!);
  const windows = {} as Record<EndingWindow, readonly LicenseCheck[]>;
  let end = 0;
  for (const window of ENDING_WINDOWS) {
    while (end < withinWidest.length && withinWidest[end]!.daysLeft! <= window) end++;
    windows[window] = withinWidest.slice(0, end);
  }
  return windows;
}

function duplicateGroups(
  groups: readonly (readonly number[])[],
  licenseChecks: readonly LicenseCheck[],
  deviceChecks: readonly DeviceCheck[],
): DuplicateGroup[] {
  return groups.map((indexes) => {
    const group = indexes.map((index) => licenseChecks[index]!);
    const first = group[0]!;
    const deviceIndex = first.deviceIndex;
    const device = deviceIndex === undefined ? undefined : deviceChecks[deviceIndex];
    const base = {
      deviceId: first.license.deviceId?.trim() ?? '',
      kind: first.license.kind,
      product: first.license.product.trim(),
      productCut: group.some((check) => isProductCut(check.license.product)),
      licenses: group,
    };
    return device ? { ...base, device } : base;
  });
}

/**
 * Free main licenses can be activated on local-database devices running with
 * no license (demo mode), paired in list order. Cloud devices are not offered
 * one: their missing license is the site's failure, fixed by support (help
 * article 357081). With the device list unknown there are no devices to pair,
 * so every free main license is spare.
 */
function suggest(freeMain: readonly LicenseCheck[], unlicensedLocal: readonly DeviceCheck[]): Suggestions {
  const pairCount = Math.min(freeMain.length, unlicensedLocal.length);
  const pairs: Suggestion[] = [];
  for (let i = 0; i < pairCount; i++) pairs.push({ license: freeMain[i]!, device: unlicensedLocal[i]! });
  return {
    pairs,
    spareLicenses: freeMain.slice(pairCount),
    uncoveredDevices: unlicensedLocal.slice(pairCount),
  };
}
