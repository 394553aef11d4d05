/** One sentence per finding, in the user's language: the marker tooltips, the report and the CSV. */
import type { DeviceCheck, DeviceFlag, LicenseCheck, LicenseFinding } from './checks';
import { formatDay } from './dates';
import { days, t } from './i18n';
import type { Severity } from './page-marks';

export function licenseSentence(check: LicenseCheck, finding: LicenseFinding): string {
  const end = check.license.subscriptionEnd;
  const endText = typeof end === 'number' ? formatDay(end) : '';
  switch (finding) {
    case 'expiring':
      return check.daysLeft === 0 ? t('findingExpiringToday', endText) : t('findingExpiring', days(check.daysLeft ?? 0), endText);
    case 'expired': return t('findingExpired', endText);
    case 'no-date': return t('findingNoDate');
    case 'unknown-device': return t('findingUnknownDevice', check.license.deviceId ?? '');
    case 'duplicate': return t('findingDuplicate', check.license.deviceId ?? '');
    case 'date-unreadable': return t('findingDateUnreadable');
    case 'status-unreadable': return t('findingStatusUnreadable');
  }
}

export function deviceSentence(flag: DeviceFlag): string {
  return flag === 'missing-cloud-license' ? t('findingMissingCloud') : t('findingCloudExpired');
}

const PROBLEMS: ReadonlySet<string> = new Set(['expired', 'unknown-device', 'duplicate', 'missing-cloud-license', 'cloud-license-expired']);

/** Red for what is wrong now, amber for what soon will be, grey for what we could not tell. */
export function severityOf(findings: readonly string[]): Severity {
  if (findings.some((finding) => PROBLEMS.has(finding))) return 'problem';
  if (findings.includes('expiring')) return 'warning';
  return 'note';
}

export function licenseSentences(check: LicenseCheck): string[] {
  return check.findings.map((finding) => licenseSentence(check, finding));
}

export function deviceSentences(check: DeviceCheck): string[] {
  return check.flags.map(deviceSentence);
}
