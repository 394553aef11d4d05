/**
 * Лицензии tabs whose list no reader of text can read, though the page is
 * plainly the tab (its heading, tabs and «Загрузить лицензии» are there):
 * `canvas` draws the rows on a canvas, `image` shows them as a picture,
 * `prose` says a sentence about them instead. The Устройства list stays a
 * table, so the tab that is read and the one that is not can be told apart.
 * The extension must say it cannot read the list, and never that all is well.
 */
import { formatDay } from '../../calendar.ts';
import { html, jsonForScript, type Html } from '../../html.ts';
import type { SeededLicense } from '../../seed.ts';
import { licenseTexts } from '../rows.ts';
import type { Words } from '../words.ts';
import type { ServerLayout } from './server-layout.ts';
import { tableLayout } from './table.ts';

export type UnreadableList = 'canvas' | 'image' | 'prose';
export const UNREADABLE_LISTS: readonly UnreadableList[] = ['canvas', 'image', 'prose'];

const lineOf = (license: SeededLicense, words: Words) => {
  const texts = licenseTexts(license, words);
  return `${texts.kindWord} ${texts.productShown}   ${texts.statusWord} ${texts.deviceId ?? ''}   ${texts.date}   ${words.until} ${texts.subscriptionEnd}`;
};

/** The rows drawn by script on a canvas: pixels, no text in the page. */
function canvasList(licenses: readonly SeededLicense[], words: Words): Html {
  const lines = licenses.map((license) => lineOf(license, words));
  return html`<canvas class="license-canvas" width="900" height="${20 + lines.length * 22}" aria-label="${words.tabs.licenses}"></canvas>
<script type="application/json" class="canvas-lines">${jsonForScript(lines)}</script>
<script>(() => {
  const canvas = document.querySelector('.license-canvas');
  const lines = JSON.parse(document.querySelector('.canvas-lines').textContent);
  const context = canvas.getContext('2d');
  if (!context) return;
  context.font = '14px sans-serif';
  lines.forEach((line, index) => context.fillText(line, 8, 24 + index * 22));
})();</script>`;
}

/** The rows as a picture: an SVG image whose text is pixels to the page. */
function imageList(licenses: readonly SeededLicense[], words: Words): Html {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rows = licenses.map((license, index) => `<text x="8" y="${24 + index * 22}" font-size="14">${escape(lineOf(license, words))}</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${20 + licenses.length * 22}">${rows.join('')}</svg>`;
  return html`<img class="license-image" src="${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}" alt="${words.tabs.licenses}">`;
}

/** A sentence about the list in place of it. */
function proseList(licenses: readonly SeededLicense[], words: Words): Html {
  const activated = licenses.filter((license) => license.status === 'activated').length;
  const text = words.language === 'ru'
    ? `Всего лицензий на странице: ${licenses.length}, активированных среди них: ${activated}. Список обновлён ${formatDay(licenses[0]?.date ?? 0)}; подробности — в выгрузке.`
    : `Licenses on this page: ${licenses.length}, of them activated: ${activated}. The list was updated on ${formatDay(licenses[0]?.date ?? 0)}; see the export for details.`;
  return html`<p class="license-prose">${text}</p>`;
}

const LISTS: Record<UnreadableList, ServerLayout['licenseList']> = { canvas: canvasList, image: imageList, prose: proseList };

export function unreadableListLayout(kind: UnreadableList): ServerLayout {
  return { licenseList: LISTS[kind], deviceList: tableLayout.deviceList };
}
