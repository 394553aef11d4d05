/**
 * What a faithful reading of a generated row gives (markup.ts draws it): the
 * row's texts as shown, invisible characters left out, dates as the account
 * means them. Kept apart from markup.ts, which the demo site uses too and
 * which must not lean on the extension's own code.
 */
import type { DeviceTexts, LicenseTexts } from '../../demo-site/account/rows';
import { parseAccountDate } from '../../utils/shared/dates';
import type { Device, License } from '../../utils/shared/records';
import { shownId } from './markup';
import type { Rendering } from './rendering';

/** Zero-width and bidi characters a name or id may carry without showing them. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const visible = (text: string) => text.replace(INVISIBLE, '');

/** The record a faithful reading of this license's row gives: what the row shows, invisible characters left out; a cut name whole, from its title. */
export function expectedLicense(texts: LicenseTexts, rendering: Rendering): License {
  const license: License = {
    kind: texts.kind,
    // markup.ts gives a cut name its whole one as the title.
    product: visible(texts.product),
    status: texts.status,
    date: parseAccountDate(texts.date),
    subscriptionEnd: parseAccountDate(texts.subscriptionEnd),
  };
  if (texts.deviceId) license.deviceId = shownId(texts.deviceId, rendering.licenseAt);
  return license;
}

export function expectedDevice(texts: DeviceTexts, rendering: Rendering): Device {
  return {
    id: shownId(texts.id, rendering.deviceAt),
    name: visible(texts.name),
    database: visible(texts.database),
    connection: texts.databaseKind,
    lastSeen: parseAccountDate(texts.lastConnection.slice(0, 10)),
  };
}
