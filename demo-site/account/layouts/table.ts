/** The `table` layout: a real `<table>`, one `<tr>` per license or device. */
import { html, type Html } from '../../html.ts';
import type { SeededDevice, SeededLicense } from '../../seed.ts';
import { deviceTexts, licenseTexts, menuButton, renewLink, selectBox, showCodeLink } from '../rows.ts';
import type { Words } from '../words.ts';
import type { ServerLayout } from './server-layout.ts';

function licenseRow(license: SeededLicense, words: Words): Html {
  const texts = licenseTexts(license, words);
  return html`<tr class="license-row">
<td class="col-select">${selectBox(texts.id, words)}</td>
<td class="col-license"><span class="kind">${texts.kindWord}</span> <span class="product" title="${texts.product}">${texts.productShown}</span>${texts.showsCode ? html` ${showCodeLink(texts.id, words)}` : ''}</td>
<td class="col-status"><span class="status status-${texts.status}">${texts.statusWord}</span>${texts.deviceId ? html` <span class="device-id">${texts.deviceId}</span>` : ''}</td>
<td class="col-date">${texts.date}</td>
<td class="col-until">${words.until} ${texts.subscriptionEnd} ${renewLink(texts.id, words)}</td>
<td class="col-menu">${menuButton(texts.id, words)}</td>
</tr>
`;
}

function deviceRow(device: SeededDevice, words: Words): Html {
  const texts = deviceTexts(device, words);
  return html`<tr class="device-row">
<td class="col-device">${texts.name}</td>
<td class="col-device-id">${texts.id}</td>
<td class="col-database">${texts.database}</td>
<td class="col-database-kind">${texts.databaseKindWord}</td>
<td class="col-last-connection">${texts.lastConnection}</td>
</tr>
`;
}

export const tableLayout: ServerLayout = {
  licenseList(licenses, words) {
    const columns = words.licenseColumns;
    return html`<table class="list-table licenses-table">
<thead><tr><th class="col-select"></th><th>${columns.license}</th><th>${columns.status}</th><th>${columns.date}</th><th>${columns.subscription}</th><th class="col-menu"></th></tr></thead>
<tbody>
${licenses.map((license) => licenseRow(license, words))}</tbody>
</table>`;
  },
  deviceList(devices, words) {
    const columns = words.deviceColumns;
    return html`<table class="list-table devices-table">
<thead><tr><th>${columns.device}</th><th>${columns.id}</th><th>${columns.database}</th><th>${columns.databaseKind}</th><th>${columns.lastConnection}</th></tr></thead>
<tbody>
${devices.map((device) => deviceRow(device, words))}</tbody>
</table>`;
  },
};
