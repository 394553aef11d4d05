/**
 * The `grid` layout: `<div>` rows laid out with CSS grid, cells in divs and
 * spans, class names unlike the table's. The texts are the same.
 */
import { html, type Html } from '../../html.ts';
import type { SeededDevice, SeededLicense } from '../../seed.ts';
import { deviceTexts, licenseTexts, menuButton, renewLink, selectBox, showCodeLink } from '../rows.ts';
import type { Words } from '../words.ts';
import type { ServerLayout } from './server-layout.ts';

function licenseCard(license: SeededLicense, words: Words): Html {
  const texts = licenseTexts(license, words);
  return html`<div class="lic-card" role="listitem">
  <div class="lic-card__pick">${selectBox(texts.id, words)}</div>
  <div class="lic-card__title"><span class="lic-card__kind">${texts.kindWord}</span> <span title="${texts.product}">${texts.productShown}</span>${texts.showsCode ? html` ${showCodeLink(texts.id, words)}` : ''}</div>
  <div class="lic-card__state"><span>${texts.statusWord}</span>${texts.deviceId ? html` <span class="lic-card__device">${texts.deviceId}</span>` : ''}</div>
  <div class="lic-card__date"><span>${texts.date}</span></div>
  <div class="lic-card__term"><span>${words.until} ${texts.subscriptionEnd}</span> ${renewLink(texts.id, words)}</div>
  <div class="lic-card__more">${menuButton(texts.id, words)}</div>
</div>
`;
}

function deviceCard(device: SeededDevice, words: Words): Html {
  const texts = deviceTexts(device, words);
  return html`<div class="dev-card" role="listitem">
  <div class="dev-card__name"><strong>${texts.name}</strong></div>
  <div class="dev-card__id"><span>${texts.id}</span></div>
  <div class="dev-card__db"><span>${texts.database}</span></div>
  <div class="dev-card__db-kind"><span>${texts.databaseKindWord}</span></div>
  <div class="dev-card__seen"><span>${texts.lastConnection}</span></div>
</div>
`;
}

export const gridLayout: ServerLayout = {
  licenseList(licenses, words) {
    const columns = words.licenseColumns;
    return html`<div class="lic-grid">
<div class="lic-grid__head" aria-hidden="true"><span></span><span>${columns.license}</span><span>${columns.status}</span><span>${columns.date}</span><span>${columns.subscription}</span><span></span></div>
<div class="lic-grid__body" role="list">
${licenses.map((license) => licenseCard(license, words))}</div>
</div>`;
  },
  deviceList(devices, words) {
    const columns = words.deviceColumns;
    return html`<div class="dev-grid">
<div class="dev-grid__head" aria-hidden="true"><span>${columns.device}</span><span>${columns.id}</span><span>${columns.database}</span><span>${columns.databaseKind}</span><span>${columns.lastConnection}</span></div>
<div class="dev-grid__body" role="list">
${devices.map((device) => deviceCard(device, words))}</div>
</div>`;
  },
};
