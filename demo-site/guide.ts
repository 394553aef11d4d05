/**
 * What a person needs to try the demo by hand, said by `npm run demo` and
 * `npm start`: the log-ins and what each account shows (counted from the
 * seed, so it never drifts from what the pages draw), and how the vendor's
 * host names reach this local server in a browser.
 */
import { localToday } from './calendar.ts';
import { ACCOUNT_LOGINS, expiredRows, seedAccount, type AccountLogin } from './seed.ts';

/** What each account is for, in a few words; the figures are added from its seed. */
const CHARACTER: Record<AccountLogin, string> = {
  article: 'the help article\'s four rows, letter for letter',
  typical: 'a customer\'s account, a bit of everything wrong',
  partner: 'a partner\'s account of thousands of rows (the «Все» page)',
  hostile: 'names full of markup and odd characters, drawn as cards instead of a table',
  broken: 'a list the extension cannot read: it must say so, never "all is well"',
};

/** «1 license», «10,000 licenses». */
export const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/** One line per account: login, company, what it is for, and its figures. */
export function accountLines(): string[] {
  const today = localToday();
  const width = Math.max(...ACCOUNT_LOGINS.map((login) => login.length));
  return ACCOUNT_LOGINS.map((login) => {
    const { displayName, licenses, devices, truth } = seedAccount(login, today);
    const wrong = [
      truth.missingCloudLicense.length > 0 && plural(truth.missingCloudLicense.length, 'device with no cloud license', 'devices with no cloud license'),
      truth.cloudLicenseExpired.length > 0 && plural(truth.cloudLicenseExpired.length, 'device whose cloud license expired', 'devices whose cloud license expired'),
      truth.expiringWithin30 > 0 && `${plural(truth.expiringWithin30, 'license ends', 'licenses end')} within 30 days`,
      expiredRows(truth) > 0 && `${plural(expiredRows(truth), 'license', 'licenses')} expired`,
      truth.unknownDevice.length > 0 && plural(truth.unknownDevice.length, 'license on an unknown device', 'licenses on unknown devices'),
    ].filter(Boolean);
    const figures = `${plural(licenses.length, 'license', 'licenses')}, ${plural(devices.length, 'device', 'devices')}${wrong.length > 0 ? `: ${wrong.join(', ')}` : ''}`;
    return `${login.padEnd(width)}  ${displayName}: ${CHARACTER[login]}. ${figures}.`;
  });
}

/** The flags that send the vendor's host names to this server and let its self-signed certificate through. */
export function hostFlags(port: number): string[] {
  return [
    `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:${port},MAP *.cleverence.com 127.0.0.1:${port},MAP cleverence.ru 127.0.0.1:${port}`,
    '--ignore-certificate-errors',
  ];
}

/** A flag as a shell reads it: quoted when it holds spaces or a star. */
const quoted = (value: string) => (/[\s*"]/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value);

export interface GuideOptions {
  port: number;
  /** The browser to name in the command, when one was found. */
  browserPath?: string;
  /** The unpacked build to load, when there is one. */
  extensionDir?: string;
  certificateFile: string;
  windows?: boolean;
}

/** How to open the demo in a browser of one's own, step by step. */
export function browserSteps({ port, browserPath, extensionDir, certificateFile, windows = false }: GuideOptions): string[] {
  const profile = windows ? '%TEMP%\\clh-demo-profile' : '/tmp/clh-demo-profile';
  const command = [
    `${windows ? '& ' : ''}${quoted(browserPath ?? 'chromium')}`,
    `--user-data-dir=${profile}`,
    ...hostFlags(port).map(quoted),
    ...(extensionDir ? [quoted(`--load-extension=${extensionDir}`)] : []),
    `https://lk.cleverence.ru:${port}/login`,
  ].join(' ');
  return [
    'To open it in a browser, the browser must send the vendor\'s host names here and let this server\'s self-signed',
    'certificate through; both are start-up flags, so start a browser of its own (a separate profile) with:',
    '',
    `  ${command}`,
    '',
    'Google Chrome (137 on) and Edge ignore --load-extension: in that window open chrome://extensions, switch on',
    `Developer mode, press «Load unpacked» and pick ${extensionDir ?? '.output/chrome-mv3 (after npm run build)'}.`,
    `The certificate is ${certificateFile} (for *.cleverence.ru and *.cleverence.com, 30 days, remade when it runs out);`,
    'no browser trusts it: --ignore-certificate-errors is what lets the pages load. Or run "npm start", which does all of this.',
  ];
}
