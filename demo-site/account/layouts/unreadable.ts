/**
 * The `broken` account's own layout: the tabs, heading and a list of rows with
 * checkboxes are all there, but nothing in a row can be read. Kinds and
 * statuses are bare icons (`<img alt="">`), dates are `2026-11-27`. It stands
 * for a redesign the extension does not know yet: the extension must say it
 * does not recognise the page and change nothing.
 */
import { formatIsoDay, formatIsoMoment } from '../../calendar.ts';
import { html, type Html } from '../../html.ts';
import type { DatabaseKind, LicenseKind, LicenseStatus, SeededDevice, SeededLicense } from '../../seed.ts';
import { renewHref, selectBox } from '../rows.ts';
import type { Words } from '../words.ts';
import type { ServerLayout } from './server-layout.ts';

const dot = (color: string) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="12" height="12"><circle cx="6" cy="6" r="5" fill="${color}"/></svg>`)}`;

const KIND_ICONS: Record<LicenseKind | DatabaseKind, string> = {
  cloud: dot('#5b9bd5'),
  main: dot('#8c6d46'),
  local: dot('#8c6d46'),
};
const STATUS_ICONS: Record<LicenseStatus, string> = {
  free: dot('#c8c8c8'),
  activated: dot('#3fa34d'),
  expired: dot('#d9534f'),
};

function licenseRow(license: SeededLicense, words: Words): Html {
  return html`<li class="b-row">
  ${selectBox(license.id, words)}
  <img class="b-icon" src="${KIND_ICONS[license.kind]}" alt="">
  <span class="b-name" title="${license.product}">${license.product}</span>
  <img class="b-icon" src="${STATUS_ICONS[license.status]}" alt="">
  <span class="b-ref">${license.deviceId ?? ''}</span>
  <span class="b-day">${formatIsoDay(license.date)}</span>
  <a class="b-day" href="${renewHref(license.id)}">${formatIsoDay(license.subscriptionEnd)}</a>
  <button type="button" class="b-more" data-action="license-menu" data-license="${license.id}" aria-haspopup="menu" aria-label="${words.rowMenu}">⋮</button>
</li>
`;
}

function deviceRow(device: SeededDevice, words: Words): Html {
  return html`<li class="b-row">
  ${selectBox(device.id, words, 'device')}
  <span class="b-name">${device.name}</span>
  <span class="b-ref">${device.id}</span>
  <span class="b-name">${device.database}</span>
  <img class="b-icon" src="${KIND_ICONS[device.databaseKind]}" alt="">
  <span class="b-day">${formatIsoMoment(device.lastConnection)}</span>
</li>
`;
}

export const unreadableLayout: ServerLayout = {
  licenseList: (licenses, words) => html`<ul class="b-list">
${licenses.map((license) => licenseRow(license, words))}</ul>`,
  deviceList: (devices, words) => html`<ul class="b-list">
${devices.map((device) => deviceRow(device, words))}</ul>`,
};
