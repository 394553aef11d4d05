/** One sentence per finding, in the user's language: the marker tooltips, the report and the CSV. */
import type { DeviceCheck, DeviceFlag, LicenseCheck, LicenseFinding } from './checks';
import { formatDay } from '../shared/dates';
import { days, t, type MessageName } from '../shared/i18n';
import type { Severity } from '../reading/page-marks';

/**
 * Sentences are made for every marked row: thousands of them on a big account,
 * in the task that marks the page. Asking the browser's i18n for each one is a
 * call into the extension API per sentence, so each message is asked for once,
 * with a marker where each substitution goes ($1…$9, the most the API takes),
 * and then filled in as plain strings. The UI language cannot change while the
 * page lives, so what is kept never goes stale.
 */
const MARKERS = Array.from({ length: 9 }, (_, n) => String.fromCharCode(0xe000 + n)); // private-use characters, in no message
const MARKER = /([\uE000-\uE008])/;

/** Each message split at its markers: text, marker, text, …, text. */
const templates = new Map<MessageName, readonly string[]>();

/** The same sentence as `t(name, ...substitutions)`. */
function message(name: MessageName, ...substitutions: string[]): string {
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

/** A function's results kept by argument: the same few days and day counts recur on thousands of rows. */
function remembered<Key, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const values = new Map<Key, Value>();
  return (key) => {
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

export function licenseSentence(check: LicenseCheck, finding: LicenseFinding): string {
  const end = check.license.subscriptionEnd;
  const endText = typeof end === 'number' ? dayText(end) : '';
  switch (finding) {
    case 'expiring':
      return check.daysLeft === 0
        ? message('findingExpiringToday', endText)
        : message('findingExpiring', daysText(check.daysLeft ?? 0), endText);
    case 'expired': return message('findingExpired', endText);
    case 'no-date': return message('findingNoDate');
    case 'unknown-device': return message('findingUnknownDevice', check.license.deviceId ?? '');
    case 'duplicate': return message('findingDuplicate', check.license.deviceId ?? '');
    case 'date-unreadable': return message('findingDateUnreadable');
    case 'status-unreadable': return message('findingStatusUnreadable');
  }
}

export function deviceSentence(flag: DeviceFlag): string {
  return flag === 'missing-cloud-license' ? message('findingMissingCloud') : message('findingCloudExpired');
}

const PROBLEMS: ReadonlySet<string> = new Set(['expired', 'unknown-device', 'duplicate', 'missing-cloud-license', 'cloud-license-expired']);

/** Red for what is wrong now, amber for what soon will be, grey for what we could not tell. */
export function severityOf(findings: readonly string[]): Severity {
  if (findings.some((finding) => PROBLEMS.has(finding))) return 'problem';
  if (findings.includes('expiring')) return 'warning';
  return 'note';
}

/** The row's sentences, most urgent first; none (and no work) for a row with no finding, as most are. */
export function licenseSentences(check: LicenseCheck): string[] {
  if (check.findings.length === 0) return [];
  return check.findings.map((finding) => licenseSentence(check, finding));
}

export function deviceSentences(check: DeviceCheck): string[] {
  if (check.flags.length === 0) return [];
  return check.flags.map(deviceSentence);
}
