/**
 * The account's findings in the groups the panel counts, filters by and
 * lists: each group is one kind of finding on one tab, with its rows (the
 * checks of the whole list, not only of the page shown), its colour on the
 * page and its words. The panel's counts, its chips, the marks' colours and
 * the rows it names all come from here, so that a count and the rows its
 * filter shows are the same rows.
 */
import { CLOUD_URGENT_DAYS, type AccountSummary, type CrossCheck, type DeviceCheck, type LicenseCheck } from './checks';
import type { MessageName } from '../shared/i18n';

export type GroupKey =
  | 'missing-cloud' | 'cloud-expired' | 'device-cloud-ending-7' | 'device-cloud-ending' | 'cloud-ended' | 'cloud-ending-7' | 'cloud-ending-30'
  | 'ended' | 'ending-7' | 'ending-30' | 'ending-90' | 'expired-status' | 'unknown-device' | 'duplicate';

export type GroupTone = 'problem' | 'warning' | 'note';

interface GroupDefinition<Tab extends 'licenses' | 'devices'> {
  key: GroupKey;
  tab: Tab;
  tone: GroupTone;
  /** Its colour on the page (the row's underline or marker) and in the panel's chips, which are the legend. */
  color: string;
  label: MessageName;
  entries: (summary: AccountSummary) => readonly (Tab extends 'licenses' ? LicenseCheck : DeviceCheck)[];
}

export type FindingGroup =
  | (Omit<GroupDefinition<'licenses'>, 'entries'> & { entries: readonly LicenseCheck[] })
  | (Omit<GroupDefinition<'devices'>, 'entries'> & { entries: readonly DeviceCheck[] });

/**
 * One colour a kind: a device with no cloud license (the site failed: tell
 * support) must not look like one whose cloud license ran out (renew it).
 * All dark enough for white text on them (4.5:1 and more).
 */
const GROUP_COLORS = {
  missingCloud: '#c62828',
  ended: '#7b1fa2',
  endsThisWeek: '#d84315',
  endsSoon: '#8a5a00',
  endsLater: '#1565c0',
  subscriptionEnded: '#ad1457',
  status: '#57606a',
  unknownDevice: '#00695c',
  duplicate: '#283593',
} as const;

/** The colour of a marked row that is in no group (a date that could not be read, no date at all). */
export const NOTE_COLOR = '#57606a';

/** A cloud term ending within CLOUD_URGENT_DAYS: the device is about to run in demo mode. */
const urgent = (entry: LicenseCheck) => entry.daysLeft! <= CLOUD_URGENT_DAYS;
const urgentDevice = (entry: DeviceCheck) => entry.cloudDaysLeft! <= CLOUD_URGENT_DAYS;

/** In the panel's order, most urgent first: a row in several groups takes the colour of the first. */
const DEFINITIONS: ReadonlyArray<GroupDefinition<'licenses'> | GroupDefinition<'devices'>> = [
  { key: 'missing-cloud', tab: 'devices', tone: 'problem', color: GROUP_COLORS.missingCloud, label: 'countMissingCloud', entries: (s) => s.missingCloudLicense },
  { key: 'cloud-expired', tab: 'devices', tone: 'problem', color: GROUP_COLORS.ended, label: 'countCloudExpired', entries: (s) => s.cloudLicenseExpired },
  { key: 'device-cloud-ending-7', tab: 'devices', tone: 'problem', color: GROUP_COLORS.endsThisWeek, label: 'countDeviceCloudEnding7', entries: (s) => s.cloudLicenseEnding.filter(urgentDevice) },
  { key: 'device-cloud-ending', tab: 'devices', tone: 'warning', color: GROUP_COLORS.endsSoon, label: 'countDeviceCloudEnding30', entries: (s) => s.cloudLicenseEnding },
  { key: 'cloud-ended', tab: 'licenses', tone: 'problem', color: GROUP_COLORS.ended, label: 'countCloudEnded', entries: (s) => s.cloudTermEnded },
  { key: 'cloud-ending-7', tab: 'licenses', tone: 'problem', color: GROUP_COLORS.endsThisWeek, label: 'countCloudEnding7', entries: (s) => s.cloudTermEnding.filter(urgent) },
  { key: 'cloud-ending-30', tab: 'licenses', tone: 'warning', color: GROUP_COLORS.endsSoon, label: 'countCloudEnding30', entries: (s) => s.cloudTermEnding },
  { key: 'unknown-device', tab: 'licenses', tone: 'problem', color: GROUP_COLORS.unknownDevice, label: 'countUnknownDevice', entries: (s) => s.onUnknownDevice },
  { key: 'duplicate', tab: 'licenses', tone: 'problem', color: GROUP_COLORS.duplicate, label: 'countDuplicate', entries: (s) => s.duplicates.flatMap((group) => group.licenses) },
  { key: 'ended', tab: 'licenses', tone: 'problem', color: GROUP_COLORS.subscriptionEnded, label: 'countExpired', entries: (s) => s.ended },
  { key: 'ending-7', tab: 'licenses', tone: 'warning', color: GROUP_COLORS.endsThisWeek, label: 'countExpiring7', entries: (s) => s.endingWithin[7] },
  { key: 'ending-30', tab: 'licenses', tone: 'warning', color: GROUP_COLORS.endsSoon, label: 'countExpiring30', entries: (s) => s.endingWithin[30] },
  { key: 'ending-90', tab: 'licenses', tone: 'note', color: GROUP_COLORS.endsLater, label: 'countExpiring90', entries: (s) => s.endingWithin[90] },
  { key: 'expired-status', tab: 'licenses', tone: 'warning', color: GROUP_COLORS.status, label: 'countExpiredStatus', entries: (s) => s.expiredLicenses },
];

/** Each group's tab: a group's filter on the other tab's list would hide every row. */
const GROUP_TABS: ReadonlyMap<string, 'licenses' | 'devices'> = new Map(DEFINITIONS.map((group) => [group.key, group.tab]));

/** Every group, in the panel's order, with its rows over the whole account (empty ones too: a count of 0 says something). */
export function findingGroups(check: CrossCheck): FindingGroup[] {
  return DEFINITIONS.map((group) => ({ ...group, entries: group.entries(check.summary) }) as FindingGroup);
}

/**
 * Which groups each check is in, most urgent first: what a row's mark needs
 * to be filtered by a count and coloured as its kind. Checks in no group are
 * not in the map (most of them).
 */
export function groupsByCheck(groups: readonly FindingGroup[]): Map<LicenseCheck | DeviceCheck, FindingGroup[]> {
  const byCheck = new Map<LicenseCheck | DeviceCheck, FindingGroup[]>();
  for (const group of groups) {
    for (const entry of group.entries) {
      const of = byCheck.get(entry);
      if (of) of.push(group);
      else byCheck.set(entry, [group]);
    }
  }
  return byCheck;
}

/** Whether a value names a group of that tab: a filter kept across pages may hold anything. */
export function isGroupOf(tab: 'licenses' | 'devices', value: unknown): value is GroupKey {
  return typeof value === 'string' && GROUP_TABS.get(value) === tab;
}
