/** One sentence per finding, in the user's language: the marker tooltips, the report and the CSV. */
import { type DeviceCheck, type DeviceFlag, type LicenseCheck, type LicenseFinding } from './checks';
import { formatDay } from '../shared/dates';
import { days, speaking, t, type Language, type MessageName } from '../shared/i18n';

/**
 * Sentences are made for every marked row: thousands of them on a big account,
 * in the task that marks the page. Asking the browser's i18n for each one is a
 * call into the extension API per sentence, so each message is asked for once,
 * with a marker where each substitution goes ($1…$9, the most the API takes),
 * and then filled in as plain strings. What is kept is for one language: it
 * is dropped when the words on the page change language (shared/i18n.ts).
 */
const MARKERS = Array.from({ length: 9 }, (_, n) => String.fromCharCode(0xe000 + n)); // private-use characters, in no message
const MARKER = /([\uE000-\uE008])/;

/** Each message split at its markers: text, marker, text, …, text. */
const templates = new Map<MessageName, readonly string[]>();

/** The language what is kept is in. */
let keptIn: Language | undefined;
const forgotten: Array<Map<unknown, unknown>> = [templates];

/** Drops what was kept in another language than the one spoken now. */
function sameLanguage(): void {
  const now = speaking();
  if (keptIn === now) return;
  for (const kept of forgotten) kept.clear();
  keptIn = now;
}

/** The same sentence as `t(name, ...substitutions)`. */
function message(name: MessageName, ...substitutions: string[]): string {
  sameLanguage();
  let template = templates.get(name);
  if (!template) {
    template = t(name, ...MARKERS).split(MARKER);
    templates.set(name, template);
  }
  let text = template[0]!;
  for (let i = 1; i < template.length; i += 2) {
    text += (substitutions[template[i]!.charCodeAt(0) - 0xe000] ?? '') + template[i + 1]!;
  }
  return text;
}

/** A flag's name as the exports say it («Нет облачной лицензии»); `free-license` names a suggestion. */
export function flagName(flag: string): string {
  return t(`flag_${flag.replaceAll('-', '_')}` as MessageName);
}

/** A function's results kept by argument: the same few days and day counts recur on thousands of rows. */
function remembered<Key, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const values = new Map<Key, Value>();
  forgotten.push(values as Map<unknown, unknown>);
  return (key) => {
    sameLanguage();
    let value = values.get(key);
    if (value === undefined) {
      value = make(key);
      values.set(key, value);
    }
    return value;
  };
}

const dayText = remembered(formatDay);
const daysText = remembered(days);

/**
 * A license row's sentence for one finding. A cloud license's «До» is the end
 * of its paid term (its device then runs in demo mode), a main license's the
 * end of its update subscription (the license keeps working): the two are
 * told apart (shared/domain/DOMAIN.md).
 */
export function licenseSentence(check: LicenseCheck, finding: LicenseFinding): string {
  const { license } = check;
  const end = license.subscriptionEnd;
  const endText = typeof end === 'number' ? dayText(end) : '';
  const cloud = license.kind === 'cloud';
  switch (finding) {
    case 'expiring':
      if (cloud) {
        return check.daysLeft === 0
          ? message('findingCloudEndingToday', endText, license.deviceId ?? '')
          : message('findingCloudEnding', daysText(check.daysLeft ?? 0), endText, license.deviceId ?? '');
      }
      return check.daysLeft === 0
        ? message('findingExpiringToday', endText)
        : message('findingExpiring', daysText(check.daysLeft ?? 0), endText);
    case 'expired': return cloud ? message('findingCloudEnded', endText, license.deviceId ?? '') : message('findingExpired', endText);
    case 'license-expired': return message('findingLicenseExpired');
    case 'no-date': return message('findingNoDate');
    case 'unknown-device': return message('findingUnknownDevice', check.license.deviceId ?? '');
    case 'duplicate': return message('findingDuplicate', check.license.deviceId ?? '');
    case 'date-unreadable': return message('findingDateUnreadable');
    case 'status-unreadable': return message('findingStatusUnreadable');
  }
}

export function deviceSentence(check: DeviceCheck, flag: DeviceFlag): string {
  switch (flag) {
    case 'missing-cloud-license': return message('findingMissingCloud');
    case 'cloud-license-expired': return message('findingCloudExpired');
    case 'cloud-license-ending': {
      const endText = check.cloudPaidUntil === undefined ? '' : dayText(check.cloudPaidUntil);
      return check.cloudDaysLeft === 0
        ? message('findingDeviceCloudEndingToday', endText)
        : message('findingDeviceCloudEnding', daysText(check.cloudDaysLeft ?? 0), endText);
    }
  }
}

/** The row's sentences, most urgent first; none (and no work) for a row with no finding, as most are. */
export function licenseSentences(check: LicenseCheck): string[] {
  if (check.findings.length === 0) return [];
  return check.findings.map((finding) => licenseSentence(check, finding));
}

export function deviceSentences(check: DeviceCheck): string[] {
  if (check.flags.length === 0) return [];
  return check.flags.map((flag) => deviceSentence(check, flag));
}
