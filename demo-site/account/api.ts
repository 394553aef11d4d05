/**
 * The JSON the `client` layout's script renders from. Rows carry the same
 * texts the server-rendered layouts print (see rows.ts), so all layouts read alike.
 */
import type { SeededAccount } from '../seed.ts';
import { devicesShown, DEVICES_PAGE_SIZE } from './devices-page.ts';
import { licensesShown, LICENSES_PAGE_SIZE } from './licenses-page.ts';
import { type ListPage, type ListQuery, type PagerLinks, pagerLinks } from './listing.ts';
import { type DeviceTexts, deviceTexts, type LicenseTexts, licenseTexts } from './rows.ts';
import type { Words } from './words.ts';

export interface ListPayload<Row> extends Omit<ListPage<Row>, 'rows'> {
  rows: Row[];
  pager: PagerLinks;
}

export function licensesPayload(account: SeededAccount, words: Words, query: ListQuery): ListPayload<LicenseTexts> {
  const shown = licensesShown(account, query);
  return {
    ...shown,
    rows: shown.rows.map((license) => licenseTexts(license, words)),
    pager: pagerLinks(shown, query, LICENSES_PAGE_SIZE),
  };
}

export function devicesPayload(account: SeededAccount, words: Words, query: ListQuery): ListPayload<DeviceTexts> {
  const deviceQuery: ListQuery = { page: query.page, size: query.size };
  const shown = devicesShown(account, deviceQuery);
  return {
    ...shown,
    rows: shown.rows.map((device) => deviceTexts(device, words)),
    pager: pagerLinks(shown, deviceQuery, DEVICES_PAGE_SIZE),
  };
}
