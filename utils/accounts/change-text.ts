/**
 * What changed in an account, in words: one line for the panel and the
 * overview («С 3 декабря: лицензий добавлено: 2; продлено: 1»), and a
 * sentence for each change named.
 */
import { formatDay } from '../shared/dates';
import { speaking, t, type MessageName } from '../shared/i18n';
import { CHANGE_KINDS, hasChanges, type AccountChanges, type ChangeKind, type ChangedDevice, type ChangedLicense } from './changes';

const KIND_WORDS: Record<ChangeKind, MessageName> = {
  licensesAdded: 'changeLicensesAdded',
  licensesRemoved: 'changeLicensesRemoved',
  newlyExpired: 'changeNewlyExpired',
  renewed: 'changeRenewed',
  moved: 'changeMoved',
  unlinked: 'changeUnlinked',
  devicesAdded: 'changeDevicesAdded',
  devicesRemoved: 'changeDevicesRemoved',
  newlyMissingCloud: 'changeNewlyMissingCloud',
};

/** «3 декабря», "December 3": the day of the visit the changes are counted from. */
export function visitDay(at: number): string {
  return new Intl.DateTimeFormat(speaking(), { day: 'numeric', month: 'long' }).format(new Date(at));
}

/** «С 3 декабря: лицензий добавлено: 2; продлено: 1», or «С 3 декабря ничего не изменилось». */
export function changesLine(changes: AccountChanges): string {
  if (!hasChanges(changes)) return t('changesNone', visitDay(changes.since));
  const parts = CHANGE_KINDS.filter((kind) => changes[kind].count > 0).map((kind) => t(KIND_WORDS[kind], changes[kind].count));
  return t('changesSince', visitDay(changes.since), parts.join('; '));
}

const day = (value: ChangedLicense['subscriptionEnd']) => (typeof value === 'number' ? formatDay(value) : '—');
const licenseName = (license: ChangedLicense) => (license.deviceId ? `${license.product} (${license.deviceId})` : license.product);
const deviceName = (device: ChangedDevice) => `${device.name} (${device.id}, ${device.database})`;

/** Each change named, by kind, in the order of CHANGE_KINDS: what the details and the overview list. */
export function changeSentences(changes: AccountChanges): Array<{ kind: ChangeKind; title: string; lines: string[]; more: number }> {
  return CHANGE_KINDS.filter((kind) => changes[kind].count > 0).map((kind) => {
    const { count, first } = changes[kind];
    const lines = first.map((item) => {
      switch (kind) {
        case 'renewed': {
          const renewed = item as AccountChanges['renewed']['first'][number];
          return t('changeRenewedLine', licenseName(renewed), day(renewed.previousEnd), day(renewed.subscriptionEnd));
        }
        case 'moved': {
          const moved = item as AccountChanges['moved']['first'][number];
          return t('changeMovedLine', moved.product, moved.previousDeviceId ?? '—', moved.deviceId ?? '—');
        }
        case 'unlinked': {
          const unlinked = item as AccountChanges['unlinked']['first'][number];
          return t('changeUnlinkedLine', unlinked.product, unlinked.previousDeviceId);
        }
        case 'devicesAdded': case 'devicesRemoved': case 'newlyMissingCloud':
          return deviceName(item as ChangedDevice);
        default:
          return t('changeLicenseLine', licenseName(item as ChangedLicense), day((item as ChangedLicense).subscriptionEnd));
      }
    });
    return { kind, title: t(KIND_WORDS[kind], count), lines, more: count - first.length };
  });
}
