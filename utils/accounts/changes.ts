/**
 * What changed in an account between two visits: licenses added, removed,
 * newly expired, renewed (their «До» day moved later), moved to another
 * device or unlinked from theirs («Отвязать от устройства»); devices added,
 * removed, or newly left without a cloud license.
 * Pure: the account store hands it the previous and the new snapshot of
 * each list (accounts/account-store.ts), the panel and the overview say it.
 *
 * A license has no id of its own in the list (the account's id lives only
 * in its links), so one is told from another by what stays put while it is
 * renewed or moved: its kind, product and date column. Not its activation
 * code: the list shows it only once «Показать код активации» was opened, so
 * the same license would look new whenever the code was shown at one visit
 * and not at the other. Equal ones are told apart by their order in the list.
 */
import { crossCheck } from '../checks/checks';
import { deviceKey } from '../site/device-id';
import type { AccountDate, DayNumber, Device, License } from '../shared/records';

/** A license as a change names it. */
export interface ChangedLicense {
  kind: License['kind'];
  product: string;
  deviceId?: string;
  subscriptionEnd: AccountDate;
}

export interface ChangedDevice {
  id: string;
  name: string;
  database: string;
}

/** Each kind of change: how many, and the first few of them (a partner's list may change in thousands of rows). */
export interface ChangeSet<Item> {
  count: number;
  first: Item[];
}

export interface AccountChanges {
  /** When the earlier snapshot was last seen as it was, and when the later one was taken (ms since the epoch). */
  since: number;
  at: number;
  licensesAdded: ChangeSet<ChangedLicense>;
  licensesRemoved: ChangeSet<ChangedLicense>;
  newlyExpired: ChangeSet<ChangedLicense>;
  renewed: ChangeSet<ChangedLicense & { previousEnd: AccountDate }>;
  moved: ChangeSet<ChangedLicense & { previousDeviceId?: string }>;
  unlinked: ChangeSet<ChangedLicense & { previousDeviceId: string }>;
  devicesAdded: ChangeSet<ChangedDevice>;
  devicesRemoved: ChangeSet<ChangedDevice>;
  newlyMissingCloud: ChangeSet<ChangedDevice>;
}

export type ChangeKind = Exclude<keyof AccountChanges, 'since' | 'at'>;
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'licensesAdded', 'licensesRemoved', 'newlyExpired', 'renewed', 'moved', 'unlinked', 'devicesAdded', 'devicesRemoved', 'newlyMissingCloud',
];

/** How many of each kind are named; the rest are counted. */
export const NAMED_CHANGES = 20;

/** The two snapshots of an account's lists compared: either list may be unknown at either time. */
export interface AccountLists {
  licenses?: readonly License[];
  devices?: readonly Device[];
  /** The day the lists were seen (local calendar). */
  day: DayNumber;
  /** When, ms since the epoch. */
  at: number;
}

/** What stays the same of a license while it is renewed or moved. */
export function licenseIdentity(license: License): string {
  return `${license.kind}\u0001${license.product}\u0001${license.date}`;
}

/** The product an identity names (a muted license is listed by it). */
export const productOfIdentity = (identity: string): string => identity.split('\u0001')[1] ?? identity;

/** Each license under its identity, equal ones numbered in list order. */
function byIdentity(licenses: readonly License[]): Map<string, License> {
  const seen = new Map<string, number>();
  const result = new Map<string, License>();
  for (const license of licenses) {
    const identity = licenseIdentity(license);
    const nth = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, nth);
    result.set(nth === 1 ? identity : `${identity}\u0001${nth}`, license);
  }
  return result;
}

const changedLicense = (license: License): ChangedLicense => ({
  kind: license.kind, product: license.product, subscriptionEnd: license.subscriptionEnd,
  ...(license.deviceId === undefined ? {} : { deviceId: license.deviceId }),
});
const changedDevice = ({ id, name, database }: Device): ChangedDevice => ({ id, name, database });

/** Ended on that day: the status «Истекла», or an activated license whose «До» day has passed. */
function hasEnded(license: License, day: DayNumber): boolean {
  return license.status === 'expired' || (license.status === 'activated' && typeof license.subscriptionEnd === 'number' && license.subscriptionEnd < day);
}

function changeSet<Item>(): ChangeSet<Item> {
  return { count: 0, first: [] };
}
function add<Item>(set: ChangeSet<Item>, item: Item): void {
  set.count++;
  if (set.first.length < NAMED_CHANGES) set.first.push(item);
}

/** The devices with no cloud license at all (the help article's failure), by device key. */
function missingCloud(lists: AccountLists): Map<string, Device> | undefined {
  if (!lists.licenses || !lists.devices) return undefined;
  const check = crossCheck(lists.licenses, lists.devices, lists.day);
  return new Map(check.summary.missingCloudLicense.map((entry) => [deviceKey(entry.device.id), entry.device]));
}

export function accountChanges(before: AccountLists, after: AccountLists): AccountChanges {
  const changes: AccountChanges = {
    since: before.at, at: after.at,
    licensesAdded: changeSet(), licensesRemoved: changeSet(), newlyExpired: changeSet(), renewed: changeSet(), moved: changeSet(), unlinked: changeSet(),
    devicesAdded: changeSet(), devicesRemoved: changeSet(), newlyMissingCloud: changeSet(),
  };
  if (before.licenses && after.licenses) {
    const earlier = byIdentity(before.licenses);
    const later = byIdentity(after.licenses);
    for (const [identity, license] of later) {
      const was = earlier.get(identity);
      if (!was) {
        add(changes.licensesAdded, changedLicense(license));
        continue;
      }
      if (!hasEnded(was, before.day) && hasEnded(license, after.day)) add(changes.newlyExpired, changedLicense(license));
      if (typeof was.subscriptionEnd === 'number' && typeof license.subscriptionEnd === 'number' && license.subscriptionEnd > was.subscriptionEnd) {
        add(changes.renewed, { ...changedLicense(license), previousEnd: was.subscriptionEnd });
      }
      const from = was.deviceId === undefined ? undefined : deviceKey(was.deviceId);
      const to = license.deviceId === undefined ? undefined : deviceKey(license.deviceId);
      // Bound to another device, or to none any more; a license bound for the first time has neither moved nor been unlinked.
      if (from !== undefined && to !== undefined && from !== to) add(changes.moved, { ...changedLicense(license), previousDeviceId: was.deviceId });
      if (from !== undefined && to === undefined) add(changes.unlinked, { ...changedLicense(license), previousDeviceId: was.deviceId! });
    }
    for (const [identity, license] of earlier) if (!later.has(identity)) add(changes.licensesRemoved, changedLicense(license));
  }
  if (before.devices && after.devices) {
    const earlier = new Set(before.devices.map((device) => deviceKey(device.id)));
    const later = new Set(after.devices.map((device) => deviceKey(device.id)));
    for (const device of after.devices) if (!earlier.has(deviceKey(device.id))) add(changes.devicesAdded, changedDevice(device));
    for (const device of before.devices) if (!later.has(deviceKey(device.id))) add(changes.devicesRemoved, changedDevice(device));
  }
  const missingAfter = missingCloud(after);
  const missingBefore = missingCloud(before);
  if (missingAfter && missingBefore) {
    for (const [key, device] of missingAfter) if (!missingBefore.has(key)) add(changes.newlyMissingCloud, changedDevice(device));
  }
  return changes;
}

/** Whether anything changed at all. */
export const hasChanges = (changes: AccountChanges): boolean => CHANGE_KINDS.some((kind) => changes[kind].count > 0);
