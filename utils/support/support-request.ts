/**
 * A request to Cleverence technical support about devices of a cloud database
 * left without a cloud license, written for the person to read and send:
 * what support needs to act (the account, each device's id, name and
 * database, the license it should have and what the list shows instead,
 * when the device last connected), what the extension checked and when, and
 * its version. A device with no cloud license at all is the site's failure
 * (help article 357081); one whose cloud license ran out needs renewing, and
 * the request says so. Pure; it speaks the language `t` speaks where it is
 * called (the account page's, or the one the overview sets for the account).
 *
 * Text read from the page stays text: control and direction-changing
 * characters are taken out, and every field is cut to a sane length, so a
 * device named like a script or a right-to-left override cannot change what
 * the request says or how a form shows it.
 */
import type { DeviceCheck } from '../checks/checks';
import { toCsv } from '../shared/csv';
import { formatDay, today } from '../shared/dates';
import { t } from '../shared/i18n';
import type { SupportPayload } from '../shared/messaging';
import type { AccountDate } from '../shared/records';

export type SupportProblem = 'missing' | 'expired';

/** One device the request is about. */
export interface SupportDevice {
  id: string;
  name: string;
  database: string;
  lastSeen: AccountDate;
  problem: SupportProblem;
  /** The cloud license the list shows for it, ran out: its product and its «До» day. */
  expiredLicense?: { product: string; end: AccountDate };
}

export interface SupportAccount {
  login: string;
  company?: string;
  origin: string;
}

export interface SupportRequestInput {
  account: SupportAccount;
  devices: readonly SupportDevice[];
  /** What was checked: the two lists' sizes, and when (ms since the epoch). */
  licenses: number;
  deviceCount: number;
  checkedAt: number;
  version: string;
}

export interface SupportRequest {
  subject: string;
  body: string;
  /** The same, as short as an e-mail draft needs it: the account and each device's id, name and database. */
  short: string;
  /** Devices the body names; the others are only counted in it, and all are in `csv`. */
  named: number;
  /** Every device, one a row: for a form that takes a file, or to save. */
  csv: string;
  csvName: string;
}

/** What a form's message field or a ticket takes well; a longer body is cut at a device, with a note. */
export const BODY_LIMIT = 6_000;
/** Names, ids and databases longer than any real one are cut: the rest is noise or an attack. */
const FIELD_LIMIT = 200;

// C0 and C1 controls but tab and line feed, and the characters that change a text's direction.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Page text made safe to put in a request: one line, no control or direction characters, of a sane length. */
export function plain(text: string, limit = FIELD_LIMIT): string {
  const clean = text.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

const dayText = (day: AccountDate) => (typeof day === 'number' ? formatDay(day) : t('supportUnknownDate'));

/** The devices a check found without a cloud license, as the request names them. */
export function supportDevices(checks: readonly DeviceCheck[]): SupportDevice[] {
  return checks.flatMap((check): SupportDevice[] => {
    const problem: SupportProblem | undefined = check.flags.includes('missing-cloud-license') ? 'missing'
      : check.flags.includes('cloud-license-expired') ? 'expired' : undefined;
    if (!problem) return [];
    const cloud = check.licenses.filter((entry) => entry.license.kind === 'cloud').map((entry) => entry.license);
    // The one that ran out last: what the list shows instead of a license that works.
    const last = cloud.reduce<(typeof cloud)[number] | undefined>((latest, license) =>
      (!latest || (typeof license.subscriptionEnd === 'number' && (typeof latest.subscriptionEnd !== 'number' || license.subscriptionEnd > latest.subscriptionEnd)) ? license : latest), undefined);
    const { id, name, database, lastSeen } = check.device;
    return [{
      id, name, database, lastSeen, problem,
      ...(problem === 'expired' && last ? { expiredLicense: { product: last.product, end: last.subscriptionEnd } } : {}),
    }];
  });
}

function accountLine(account: SupportAccount): string {
  const login = plain(account.login);
  return account.company ? `${plain(account.company)} (${login})` : login;
}

function deviceLines(device: SupportDevice, number: number): string[] {
  const lines = [
    `${number}. ${plain(device.name) || '—'} — ${plain(device.id)}`,
    `   ${t('supportDatabase', plain(device.database) || '—', dayText(device.lastSeen))}`,
  ];
  if (device.problem === 'missing') lines.push(`   ${t('supportShouldHaveMissing')}`);
  else {
    const license = device.expiredLicense;
    lines.push(`   ${license ? t('supportShouldHaveExpired', plain(license.product), dayText(license.end)) : t('supportShouldHaveExpiredUnknown')}`);
  }
  return lines;
}

export function supportRequest(input: SupportRequestInput): SupportRequest {
  const { account, devices } = input;
  const missing = devices.filter((device) => device.problem === 'missing').length;
  // Any device with no cloud license at all makes it the site's failure; only expired ones: a renewal.
  const renewal = missing === 0;
  const who = accountLine(account);
  const subject = devices.length === 1
    ? t(renewal ? 'supportSubjectRenewOne' : 'supportSubjectMissingOne', plain(devices[0]!.id), who)
    : t(renewal ? 'supportSubjectRenewMany' : 'supportSubjectMissingMany', devices.length, who);

  const head = [
    t('supportHello'),
    '',
    t('supportAccount', who, plain(account.origin)),
    renewal ? t('supportWhatRenew', devices.length) : t('supportWhatMissing', devices.length),
    '',
  ];
  const checked = new Date(input.checkedAt);
  const tail = [
    '',
    t('supportChecked', formatDay(today(checked)), `${String(checked.getHours()).padStart(2, '0')}:${String(checked.getMinutes()).padStart(2, '0')}`,
      input.licenses, input.deviceCount, plain(input.version, 40)),
  ];
  const fixed = [...head, ...tail].join('\n').length;
  const listed: string[] = [];
  let named = 0;
  for (const device of devices) {
    const lines = deviceLines(device, named + 1).join('\n');
    // Room for this device and the note of those left out.
    if (fixed + listed.join('\n').length + lines.length + 200 > BODY_LIMIT && named > 0) break;
    listed.push(lines);
    named++;
  }
  if (named < devices.length) listed.push('', t('supportMore', devices.length - named));
  const body = [...head, ...listed, ...tail].join('\n');
  // The subject says what is asked; the short form names the account and the devices (ids cost little in a link).
  const short = [
    t('supportAccount', who, plain(account.origin)),
    ...devices.map((device) => `${plain(device.id)} (${plain(device.name, 60)}, ${plain(device.database, 60)})`),
  ].join('\n');

  const csv = toCsv(t('supportCsvHeader'), devices.map((device) => [
    plain(device.id), plain(device.name), plain(device.database), dayText(device.lastSeen),
    device.problem === 'missing' ? t('supportCsvMissing') : t('supportCsvExpired'),
    device.expiredLicense ? plain(device.expiredLicense.product) : '', device.expiredLicense ? dayText(device.expiredLicense.end) : '',
  ]));
  const stamp = `${checked.getFullYear()}-${String(checked.getMonth() + 1).padStart(2, '0')}-${String(checked.getDate()).padStart(2, '0')}`;
  return { subject, body, short, named, csv, csvName: `cleverence-support-${plain(account.login, 60).replace(/[^\w.@-]+/g, '_')}-${stamp}.csv` };
}

/** What a `mailto:` can carry: mail programs take 2,000 characters of address and no more, reliably (Cyrillic takes six a letter). */
const MAILTO_LIMIT = 1_900;

/** An e-mail draft of the request (no address: the person picks support's), cut to what a `mailto:` carries. */
export function mailtoOf(request: Pick<SupportRequest, 'subject' | 'body' | 'short'>): string {
  let subject = request.subject;
  const link = (text: string) => `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`;
  if (link(request.body).length <= MAILTO_LIMIT) return link(request.body);
  const note = `\n\n${t('supportMailCut')}`;
  // The short form (the account, then each device by id) cut at a line until the link fits; a subject too long
  // even for a body of one line is cut too.
  let lines = request.short.split('\n');
  while (lines.length > 1 && link(lines.join('\n') + note).length > MAILTO_LIMIT) lines = lines.slice(0, -1);
  while (subject.length > 20 && link(lines.join('\n') + note).length > MAILTO_LIMIT) subject = `${subject.slice(0, Math.floor(subject.length * 0.8))}…`;
  return link(lines.join('\n') + note);
}

/** The request as one text: to copy, or to save as a file. */
export const requestText = (request: Pick<SupportRequest, 'subject' | 'body'>): string => `${t('supportSubjectLabel')}: ${request.subject}\n\n${request.body}\n`;

/** The request about these devices, as it travels to the form (support/support-service.ts). */
export function supportPayload(input: Omit<SupportRequestInput, 'devices'> & { checks: readonly DeviceCheck[] }): SupportPayload {
  const { checks, ...rest } = input;
  const request = supportRequest({ ...rest, devices: supportDevices(checks) });
  const login = input.account.login;
  return {
    subject: request.subject, body: request.body, short: request.short, csv: request.csv, csvName: request.csvName,
    // The body could not name them all: the whole list goes with it where the form takes a file.
    attach: request.named < checks.length,
    ...(login.includes('@') && { email: plain(login) }),
  };
}
