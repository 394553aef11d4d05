/**
 * What every layout puts in a row, whatever the markup around it: the texts as
 * the help article shows them and the row's working controls (checkbox,
 * «Показать код активации», «Продлить», the «...» menu). The controls carry
 * `data-action` so account.js finds them in any layout, client-rendered too.
 */
import { formatDay, formatMoment } from '../calendar.ts';
import { html, type Html } from '../html.ts';
import type { SeededDevice, SeededLicense } from '../seed.ts';
import type { Words } from './words.ts';

/** The account cuts names after 30 characters: «Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ...» (help article). */
const SHOWN_PRODUCT_LENGTH = 30;

export function shownProduct(product: string): string {
  return product.length > SHOWN_PRODUCT_LENGTH ? `${product.slice(0, SHOWN_PRODUCT_LENGTH)}...` : product;
}

/** A license's texts, formatted once for every layout and for the client layout's API. */
export interface LicenseTexts {
  id: string;
  kind: SeededLicense['kind'];
  status: SeededLicense['status'];
  kindWord: string;
  /** The row offers «Показать код активации»: cloud rows (help article) and licenses added by code or file. */
  showsCode: boolean;
  product: string;
  productShown: string;
  statusWord: string;
  deviceId?: string;
  date: string;
  subscriptionEnd: string;
}

export function licenseTexts(license: SeededLicense, words: Words): LicenseTexts {
  return {
    id: license.id,
    kind: license.kind,
    status: license.status,
    kindWord: words.kind[license.kind],
    showsCode: license.kind === 'cloud' || license.codeKnown === true,
    product: license.product,
    productShown: shownProduct(license.product),
    statusWord: words.status[license.status],
    ...(license.deviceId ? { deviceId: license.deviceId } : {}),
    date: formatDay(license.date),
    subscriptionEnd: formatDay(license.subscriptionEnd),
  };
}

export interface DeviceTexts {
  id: string;
  name: string;
  database: string;
  databaseKind: SeededDevice['databaseKind'];
  databaseKindWord: string;
  lastConnection: string;
}

export function deviceTexts(device: SeededDevice, words: Words): DeviceTexts {
  return {
    id: device.id,
    name: device.name,
    database: device.database,
    databaseKind: device.databaseKind,
    databaseKindWord: words.databaseKind[device.databaseKind],
    lastConnection: formatMoment(device.lastConnection),
  };
}

export const renewHref = (licenseId: string) => `/licenses/${licenseId}/renew`;
export const codeHref = (licenseId: string) => `/licenses/${licenseId}/code`;

/** The row's checkbox; `name` is `license` on Лицензии rows, `device` on the `broken` account's device rows. */
export function selectBox(value: string, words: Words, name: 'license' | 'device' = 'license'): Html {
  return html`<input type="checkbox" name="${name}" value="${value}" aria-label="${words.select}">`;
}

/** Reveals the code in place (account.js); without script the link opens a page with the code. */
export function showCodeLink(licenseId: string, words: Words): Html {
  return html`<a class="show-code" href="${codeHref(licenseId)}" data-action="show-code" data-license="${licenseId}">${words.showCode}</a>`;
}

export function renewLink(licenseId: string, words: Words): Html {
  return html`<a class="renew" href="${renewHref(licenseId)}">${words.renew}</a>`;
}

/** The article's «...» button; account.js opens the row menu («Отвязать от устройства») beside it. */
export function menuButton(licenseId: string, words: Words): Html {
  return html`<button type="button" class="row-menu-button" data-action="license-menu" data-license="${licenseId}" aria-haspopup="menu" aria-expanded="false" aria-label="${words.rowMenu}">...</button>`;
}
