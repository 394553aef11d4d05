/**
 * The summary as plain text (to paste into a support request or an e-mail)
 * and as CSV (to open in a spreadsheet). Built from the check alone.
 */
import { flagOf, type CrossCheck } from './checks';
import { toCsv } from '../shared/csv';
import { formatDay } from '../shared/dates';
import { deviceSentence, licenseSentence } from './finding-text';
import { t } from '../shared/i18n';
import type { AccountDate } from '../shared/records';

export interface ReportLine {
  /** The flag, in the contract's words (`missing-cloud-license`, `expiring`, …). */
  what: string;
  subject: string;
  deviceId: string;
  date: string;
  explanation: string;
}

const dayText = (date: AccountDate) => (typeof date === 'number' ? formatDay(date) : '');

/** Every problem of the account, devices first (they need support), then licenses. */
export function reportLines(check: CrossCheck): ReportLine[] {
  const lines: ReportLine[] = [];
  for (const entry of check.devices) {
    for (const flag of entry.flags) {
      const { device } = entry;
      lines.push({ what: flag, subject: `${device.name} (${device.database})`, deviceId: device.id, date: dayText(device.lastSeen), explanation: deviceSentence(entry, flag) });
    }
  }
  for (const entry of check.licenses) {
    for (const finding of entry.findings) {
      const flag = flagOf(finding);
      if (flag === undefined) continue;
      const { license } = entry;
      lines.push({ what: flag, subject: license.product, deviceId: license.deviceId ?? '', date: dayText(license.subscriptionEnd), explanation: licenseSentence(entry, finding) });
    }
  }
  return lines;
}

export function reportText(check: CrossCheck): string {
  const lines = reportLines(check).map((line) => `- ${[line.subject, line.deviceId, line.date].filter(Boolean).join(', ')}: ${line.explanation}`);
  return [t('reportTitle'), '', ...lines].join('\n');
}

/** The findings as CSV, one line per finding (utils/shared/csv.ts says how it is written). */
export function reportCsv(check: CrossCheck): string {
  return toCsv(t('csvHeader'), reportLines(check).map((line) => [line.what, line.subject, line.deviceId, line.date, line.explanation]));
}
