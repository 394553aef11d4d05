/**
 * The findings as plain text (to paste into a support request or an e-mail)
 * and as CSV (to open in a spreadsheet), both saying whose account, which
 * company and when, in the words the page speaks. The text sums long lists
 * up (a partner's account has thousands of findings); the CSV has them all,
 * each row whole on its own, so that the files of many accounts can be put
 * together. Built from the check alone.
 */
import { flagOf, type CrossCheck } from './checks';
import { toCsv } from '../shared/csv';
import { formatDay } from '../shared/dates';
import { deviceSentence, flagName, licenseSentence } from './finding-text';
import { t } from '../shared/i18n';
import type { AccountDate, DayNumber } from '../shared/records';

/** Whose account the report is of, and when it was checked. */
export interface ReportContext {
  login: string;
  /** The company the account shows beside its login, where it shows one. */
  company?: string;
  origin: string;
  checkedOn: DayNumber;
}

export interface ReportLine {
  /** The flag, in the contract's words (`missing-cloud-license`, `expiring`, …, `free-license` for a suggestion); `kind` says it in the page's. */
  what: string;
  kind: string;
  /** The device's name, or the license's product as the account names it in full. */
  subject: string;
  deviceId: string;
  database: string;
  /** Only where the page showed it. */
  activationCode: string;
  activated: string;
  /** A license's «До»: its update subscription's end, or a cloud license's paid term's. */
  until: string;
  /** A device's last connection. */
  lastSeen: string;
  explanation: string;
}

const dayText = (date: AccountDate) => (typeof date === 'number' ? formatDay(date) : '');

/**
 * Every problem of the account, devices first (they need support), then
 * licenses, then what could be done about unlicensed local devices: each free
 * license named with the device it could go on (the license's product, the
 * device's id, database and last connection on one line).
 */
export function reportLines(check: CrossCheck): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const entry of check.devices) {
    for (const flag of entry.flags) {
      const { device } = entry;
      lines.push({
        what: flag, kind: flagName(flag), subject: device.name, deviceId: device.id, database: device.database,
        activationCode: '', activated: '', until: '', lastSeen: dayText(device.lastSeen), explanation: deviceSentence(entry, flag),
      });
    }
  }
  for (const entry of check.licenses) {
    for (const finding of entry.findings) {
      const flag = flagOf(finding);
      if (flag === undefined) continue;
      const { license } = entry;
      lines.push({
        what: flag, kind: flagName(flag), subject: license.product, deviceId: license.deviceId ?? '', database: '',
        activationCode: license.activationCode ?? '', activated: dayText(license.date), until: dayText(license.subscriptionEnd), lastSeen: '',
        explanation: licenseSentence(entry, finding),
      });
    }
  }
  for (const { license, device: { device } } of check.summary.suggestions.pairs) {
    lines.push({
      what: 'free-license', kind: flagName('free-license'), subject: license.license.product, deviceId: device.id, database: device.database,
      activationCode: license.license.activationCode ?? '', activated: '', until: '', lastSeen: dayText(device.lastSeen),
      explanation: t('findingFreeLicenseFor', device.name, device.id),
    });
  }
  return lines;
}

/** Lines of one kind the copied text lists before it says how many more the CSV has. */
export const TEXT_LINES_PER_KIND = 10;

function textLine(line: ReportLine): string {
  const details = [
    line.subject,
    line.deviceId && line.deviceId !== line.subject ? line.deviceId : '',
    line.database && t('reportDatabase', line.database),
    line.activationCode && t('reportCode', line.activationCode),
    line.until && t('reportUntil', line.until),
    line.lastSeen && t('reportLastSeen', line.lastSeen),
  ].filter(Boolean);
  return `- ${details.join(', ')}: ${line.explanation}`;
}

export function reportText(check: CrossCheck, context: ReportContext): string {
  const byKind = new Map<string, ReportLine[]>();
  for (const line of reportLines(check)) {
    const lines = byKind.get(line.kind);
    if (lines) lines.push(line);
    else byKind.set(line.kind, [line]);
  }
  const account = [context.login, context.company, context.origin].filter(Boolean).join(' · ');
  const head = [t('reportTitle'), t('reportAccount', account), t('reportCheckedOn', formatDay(context.checkedOn))];
  if (byKind.size === 0) return [...head, '', t('reportNothing')].join('\n');
  const body = [...byKind].flatMap(([kind, lines]) => [
    '',
    `${kind} (${lines.length}):`,
    ...lines.slice(0, TEXT_LINES_PER_KIND).map(textLine),
    ...(lines.length > TEXT_LINES_PER_KIND ? [t('reportMore', lines.length - TEXT_LINES_PER_KIND)] : []),
  ]);
  return [...head, ...body].join('\n');
}

/** The findings as CSV, one line per finding, each naming its account (utils/shared/csv.ts says how it is written). */
export function reportCsv(check: CrossCheck, context: ReportContext): string {
  const checkedOn = formatDay(context.checkedOn);
  return toCsv(t('csvHeader'), reportLines(check).map((line) => [
    context.login, context.company ?? '', checkedOn, line.kind, line.subject, line.deviceId, line.database, line.activationCode,
    line.activated, line.until, line.lastSeen, line.explanation,
  ]));
}

/** `cleverence-typical@example.ru-2026-12-07.csv`: whose and when, in characters every file system takes. */
export function reportFileName(context: ReportContext): string {
  const login = context.login.replace(/[^\p{L}\p{N}@._-]+/gu, '_') || 'account';
  const day = formatDay(context.checkedOn).split('.').reverse().join('-');
  return `cleverence-${login}-${day}.csv`;
}
