/** What the extension wrote on the rows of the page, read back as a user's style sheet would see it. */
import type { Page } from 'playwright-core';
import { inPanel, openPanel } from './harness';
import { localToday } from '../demo-site/calendar';
import { type AccountLogin, expiredRows, type SeededAccount, seedAccount } from '../demo-site/seed';

export interface MarkedLicenseRow {
  status: string;
  flags: string[];
  daysLeft: number | undefined;
  text: string;
  /** The tooltip of our marker beside the row, '' when the row has none. */
  marker: string;
}

export function markedLicenseRows(page: Page): Promise<MarkedLicenseRow[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-clh-license]')].map((row) => ({
      status: row.dataset.clhLicense ?? '',
      flags: (row.dataset.clhFlags ?? '').split(' ').filter(Boolean),
      daysLeft: row.dataset.clhDaysLeft === undefined ? undefined : Number(row.dataset.clhDaysLeft),
      // Our markers carry their words in a title; the row's own text is what the site printed.
      text: (row.innerText ?? '').replace(/\s+/g, ' ').trim(),
      marker: [...row.querySelectorAll('[data-clh-marker]')].map((marker) => marker.getAttribute('title') ?? '').join(' | '),
    })),
  );
}

export interface MarkedDeviceRow {
  id: string;
  flags: string[];
}

/** Device rows with their flags, told apart by the device id the row shows (characters that do not show left out). */
export function markedDeviceRows(page: Page, deviceIds: readonly string[]): Promise<MarkedDeviceRow[]> {
  return page.evaluate((ids) =>
    [...document.querySelectorAll<HTMLElement>('[data-clh-device-flags]')].map((row) => {
      const text = (row.textContent ?? '').replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g, '');
      return {
        id: ids.find((id) => text.includes(id)) ?? '',
        flags: (row.dataset.clhDeviceFlags ?? '').split(' ').filter(Boolean),
      };
    }), deviceIds);
}

/** The panel's list of devices with no cloud license: their ids. */
export async function missingCloudDevices(page: Page): Promise<string[]> {
  await openPanel(page);
  return (await inPanel(page, (root) =>
    [...root.querySelectorAll('[data-clh-missing-device]')].map((item) => item.getAttribute('data-clh-missing-device') ?? ''))) ?? [];
}

/** The account as the demo server seeded it today: the truth the extension must find. */
export function seeded(login: AccountLogin): SeededAccount {
  return seedAccount(login, localToday());
}

/** The `data-clh-counts` the extension must find on an account's whole lists: the seed's truth, counted. */
export function expectedCounts(account: SeededAccount): Record<string, number> {
  const { truth } = account;
  return {
    licenses: account.licenses.length,
    devices: account.devices.length,
    'missing-cloud': truth.missingCloudLicense.length,
    'cloud-expired': truth.cloudLicenseExpired.length,
    'cloud-ending': truth.cloudLicenseEnding.length,
    expiring: truth.expiringWithin30,
    expired: expiredRows(truth),
    'unknown-device': truth.unknownDevice.length,
  };
}
