/**
 * The summary as plain text (to paste into a support request or an e-mail)
 * and as CSV (to open in a spreadsheet). Built from the check alone.
 */
import type { CrossCheck } from './checks';
import { formatDay } from './dates';
import { deviceSentence, licenseSentence } from './finding-text';
import { t } from './i18n';
import type { AccountDate } from './records';

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
      lines.push({ what: flag, subject: `${device.name} (${device.database})`, deviceId: device.id, date: dayText(device.lastSeen), explanation: deviceSentence(flag) });
    }
  }
  for (const entry of check.licenses) {
    for (const flag of entry.flags) {
      const { license } = entry;
      lines.push({ what: flag, subject: license.product, deviceId: license.deviceId ?? '', date: dayText(license.subscriptionEnd), explanation: licenseSentence(entry, flag) });
    }
  }
  return lines;
}

export function reportText(check: CrossCheck): string {
  const lines = reportLines(check).map((line) => `- ${[line.subject, line.deviceId, line.date].filter(Boolean).join(', ')}: ${line.explanation}`);
  return [t('reportTitle'), '', ...lines].join('\n');
}

/**
 * RFC 4180 quoting, with `;` between fields and a byte-order mark: Excel in a
 * Russian locale opens such a file in columns and in the right encoding. A
 * CSV library would be the only one in the content script for these five lines.
 */
export function reportCsv(check: CrossCheck): string {
  const field = (value: string) => {
    // A leading = + - @ would make a spreadsheet run the cell as a formula.
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const rows = reportLines(check).map((line) => [line.what, line.subject, line.deviceId, line.date, line.explanation].map(field).join(';'));
  return `\uFEFF${[t('csvHeader'), ...rows].join('\r\n')}\r\n`;
}
