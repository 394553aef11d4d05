/**
 * The cross-checks: what is wrong in the account, worked out from the typed
 * records alone (no DOM, no browser APIs). The site adapter reads the Лицензии
 * and Устройства tabs into `License[]` and `Device[]`; the UI renders what
 * `crossCheck` returns.
 *
 * Every pass is linear in the two lists (Maps keyed by normalised ids), so an
 * account of 10,000 licenses and 5,000 devices is checked in milliseconds.
 */
import type { AccountDate, DayNumber, Device, License, LicenseKind } from './records';

/** A subscription ending in 0..30 days is "expiring" (0 = ends today and is still valid that day). */
export const EXPIRING_DAYS = 30;

/** The summary panel's nested windows of subscriptions still running: ends within 7 ⊆ 30 ⊆ 90 days. */
export const ENDING_WINDOWS = [7, 30, 90] as const;
export type EndingWindow = (typeof ENDING_WINDOWS)[number];

/** What a row of the Лицензии tab can be marked with (for highlighting and filtering). */
export type LicenseFlag = 'expired' | 'unknown-device' | 'duplicate' | 'expiring' | 'no-date';

/**
 * One sentence each for a license row, most urgent first. Every flag is also a
 * finding; two findings are not flags because nothing is known to be wrong,
 * only that we could not read the row: its «До» date, or its status word.
 */
export type LicenseFinding = LicenseFlag | 'date-unreadable' | 'status-unreadable';

/** What a row of the Устройства tab can be marked with. */
export type DeviceFlag = 'missing-cloud-license' | 'cloud-license-expired';

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
  readonly onUnknownDevice: readonly LicenseCheck[];
  /** Subscriptions still running that end within each window, soonest first. */
  readonly endingWithin: Readonly<Record<EndingWindow, readonly LicenseCheck[]>>;
  /** Subscriptions already ended, most recently ended first (the likeliest to be renewed). */
  readonly ended: readonly LicenseCheck[];
  readonly duplicates: readonly DuplicateGroup[];
  readonly suggestions: Suggestions;
}

/** The numbers behind `formatCounts`; see there for what each one counts. */
export interface CrossCheckCounts {
  readonly licenses: number;
  readonly devices: number;
  readonly missingCloud: number;
  readonly cloudExpired: number;
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

/**
 * A device id as compared: trimmed and case-folded. The leading `@` of
 * Android ids (`@XIAOMI-…`) is part of the id as the account shows it, so it
 * stays.
 */
export function deviceKey(id: string): string {
  return id.trim().toLowerCase();
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
    `cloud-expired=${counts.cloudExpired} expiring=${counts.expiring} expired=${counts.expired} ` +
    `unknown-device=${counts.unknownDevice}`
  );
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

// What the licenses bound to a device say about it, gathered in one pass.
const HAS_ACTIVATED = 1; // any kind: the device is licensed
const HAS_ACTIVATED_CLOUD = 2;
const HAS_EXPIRED_CLOUD = 4;
const HAS_UNREADABLE_CLOUD = 8; // a cloud license is listed but its status word is not one we know

/**
 * A license's findings, most urgent first: an ended subscription, then what
 * is wrong with its binding, then what merely needs watching, then what we
 * could not read. Only an activated license's subscription is running out
 * (`daysLeft` is passed only for those): a free card's «До» date (the
 * article's free row shows 17.04.2019) starts over on activation, and an
 * «Истекла» row already says so in its status.
 */
function licenseFindings(
  end: AccountDate,
  daysLeft: number | undefined,
  onUnknownDevice: boolean,
  duplicate: boolean,
  statusUnreadable: boolean,
): LicenseFinding[] {
  const findings: LicenseFinding[] = [];
  if (daysLeft !== undefined && daysLeft < 0) findings.push('expired');
  if (onUnknownDevice) findings.push('unknown-device');
  if (duplicate) findings.push('duplicate');
  if (daysLeft !== undefined && daysLeft >= 0 && daysLeft <= EXPIRING_DAYS) findings.push('expiring');
  // 01.01.1970 is the account's "no date" (the article's free ПРОФ license), never "ended in 1970".
  if (end === 'none') findings.push('no-date');
  // A date we could not read (31.02.2026) is never taken as ended.
  if (end === 'unknown') findings.push('date-unreadable');
  if (statusUnreadable) findings.push('status-unreadable');
  return findings;
}

function isFlag(finding: LicenseFinding): finding is LicenseFlag {
  return finding !== 'date-unreadable' && finding !== 'status-unreadable';
}

/**
 * Cross-checks the Лицензии list against the Устройства list.
 * `devices` is undefined when the device list could not be had.
 */
export function crossCheck(
  licenses: readonly License[],
  devices: readonly Device[] | undefined,
  today: DayNumber,
): CrossCheck {
  const devicesKnown = devices !== undefined;
  const deviceList = devices ?? [];

  // The first device listed under an id wins; the account should not list one id twice.
  const deviceIndexByKey = new Map<string, number>();
  deviceList.forEach((device, index) => {
    const key = deviceKey(device.id);
    if (key !== '' && !deviceIndexByKey.has(key)) deviceIndexByKey.set(key, index);
  });

  // Pass 1 over licenses: bindings, per-device state and duplicate candidates.
  const deviceState = new Uint8Array(deviceList.length);
  const boundDevice: (number | undefined)[] = new Array<number | undefined>(licenses.length);
  const onUnknown = new Uint8Array(licenses.length);
  const duplicateCandidates = new Map<string, number[]>();

  licenses.forEach((license, index) => {
    const key = license.deviceId === undefined ? '' : deviceKey(license.deviceId);
    if (key === '') return;

    if (devicesKnown) {
      const deviceIndex = deviceIndexByKey.get(key);
      boundDevice[index] = deviceIndex;
      if (deviceIndex === undefined) {
        // Only a status that names a device («Активирована X», «Истекла X») binds it.
        if (license.status === 'activated' || license.status === 'expired') onUnknown[index] = 1;
      } else {
        let state = deviceState[deviceIndex] ?? 0;
        if (license.status === 'activated') state |= HAS_ACTIVATED;
        if (license.kind === 'cloud') {
          if (license.status === 'activated') state |= HAS_ACTIVATED_CLOUD;
          else if (license.status === 'expired') state |= HAS_EXPIRED_CLOUD;
          else if (license.status === 'unknown') state |= HAS_UNREADABLE_CLOUD;
        }
        deviceState[deviceIndex] = state;
      }
    }

    // Duplicates need no device list: the device id on the licenses is enough.
    if (license.status === 'activated') {
      const groupKey = `${license.kind}\n${key}\n${productKey(license.product)}`;
      const group = duplicateCandidates.get(groupKey);
      if (group) group.push(index);
      else duplicateCandidates.set(groupKey, [index]);
    }
  });

  const isDuplicate = new Uint8Array(licenses.length);
  const duplicateIndexGroups: number[][] = [];
  for (const group of duplicateCandidates.values()) {
    if (group.length < 2) continue;
    duplicateIndexGroups.push(group);
    for (const index of group) isDuplicate[index] = 1;
  }

  // Pass 2: one LicenseCheck per row.
  const licenseChecks: LicenseCheck[] = licenses.map((license, index) => {
    const daysLeft = subscriptionDaysLeft(license.subscriptionEnd, today);
    const findings = licenseFindings(
      license.subscriptionEnd,
      license.status === 'activated' ? daysLeft : undefined,
      onUnknown[index] === 1,
      isDuplicate[index] === 1,
      license.status === 'unknown',
    );
    const check: Writable<LicenseCheck> = { index, license, flags: findings.filter(isFlag), findings };
    // Optional fields are left out rather than set to undefined, so the checks compare and serialise cleanly.
    if (daysLeft !== undefined) check.daysLeft = daysLeft;
    const deviceIndex = boundDevice[index];
    if (deviceIndex !== undefined) check.deviceIndex = deviceIndex;
    return check;
  });

  const licensesByDevice: LicenseCheck[][] = deviceList.map(() => []);
  for (const check of licenseChecks) {
    if (check.deviceIndex !== undefined) licensesByDevice[check.deviceIndex]?.push(check);
  }

  const deviceChecks: DeviceCheck[] = deviceList.map((device, index) => {
    const state = deviceState[index] ?? 0;
    const flags: DeviceFlag[] = [];
    // Help article 357081: a cloud-database device listed under Устройства with
    // no cloud license in the list means the site failed; the user must contact
    // technical support. A main license does not count: a cloud device needs a
    // cloud one. A cloud license whose status we could not read is still a
    // license in the list, so it is no reason to send the user to support.
    if (device.connection === 'cloud' && !(state & (HAS_ACTIVATED_CLOUD | HAS_UNREADABLE_CLOUD))) {
      flags.push(state & HAS_EXPIRED_CLOUD ? 'cloud-license-expired' : 'missing-cloud-license');
    }
    return { index, device, flags, licenses: licensesByDevice[index] ?? [] };
  });

  const summary = summarise(licenseChecks, deviceChecks, deviceState, duplicateIndexGroups, devicesKnown);

  return {
    devicesKnown,
    licenses: licenseChecks,
    devices: deviceChecks,
    summary,
    counts: {
      licenses: licenses.length,
      devices: deviceList.length,
      missingCloud: summary.missingCloudLicense.length,
      cloudExpired: summary.cloudLicenseExpired.length,
      expiring: licenseChecks.filter((check) => check.flags.includes('expiring')).length,
      expired: licenseChecks.filter((check) => check.flags.includes('expired')).length,
      unknownDevice: summary.onUnknownDevice.length,
    },
  };
}

function summarise(
  licenseChecks: readonly LicenseCheck[],
  deviceChecks: readonly DeviceCheck[],
  deviceState: Uint8Array,
  duplicateIndexGroups: readonly (readonly number[])[],
  devicesKnown: boolean,
): AccountSummary {
  const endingWithin: Record<EndingWindow, LicenseCheck[]> = { 7: [], 30: [], 90: [] };
  const ended: LicenseCheck[] = [];
  for (const check of licenseChecks) {
    if (check.daysLeft === undefined || check.license.status !== 'activated') continue;
    if (check.daysLeft < 0) {
      ended.push(check);
      continue;
    }
    for (const window of ENDING_WINDOWS) {
      if (check.daysLeft <= window) endingWithin[window].push(check);
    }
  }
  // Array.prototype.sort is stable, so ties keep list order.
  for (const window of ENDING_WINDOWS) endingWithin[window].sort((a, b) => a.daysLeft! - b.daysLeft!);
  ended.sort((a, b) => b.daysLeft! - a.daysLeft!);

  const duplicates: DuplicateGroup[] = duplicateIndexGroups.map((indexes) => {
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

  // Free main licenses can be activated on local-database devices running with
  // no license (demo mode). Cloud devices are not offered one: their missing
  // license is the site's failure, fixed by support (help article 357081).
  const freeMain = licenseChecks.filter((check) => check.license.kind === 'main' && check.license.status === 'free');
  const unlicensedLocal = devicesKnown
    ? deviceChecks.filter(
        (check) => check.device.connection === 'local' && !((deviceState[check.index] ?? 0) & HAS_ACTIVATED),
      )
    : [];
  const pairCount = Math.min(freeMain.length, unlicensedLocal.length);
  const pairs: Suggestion[] = [];
  for (let i = 0; i < pairCount; i++) pairs.push({ license: freeMain[i]!, device: unlicensedLocal[i]! });

  return {
    missingCloudLicense: deviceChecks.filter((check) => check.flags.includes('missing-cloud-license')),
    cloudLicenseExpired: deviceChecks.filter((check) => check.flags.includes('cloud-license-expired')),
    onUnknownDevice: licenseChecks.filter((check) => check.flags.includes('unknown-device')),
    endingWithin,
    ended,
    duplicates,
    suggestions: {
      pairs,
      spareLicenses: freeMain.slice(pairCount),
      uncoveredDevices: unlicensedLocal.slice(pairCount),
    },
  };
}
