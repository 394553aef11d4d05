/**
 * Draws the Лицензии and Устройства lists in the markup a Rendering chooses,
 * and says what a faithful reading of each row must give. Every value put
 * into markup is escaped: names are data, and some are markup on purpose.
 */
import { shownProduct, type DeviceTexts, type LicenseTexts } from '../../demo-site/account/rows';
import type { Words } from '../../demo-site/account/words';
import { mulberry32, type Random } from '../../demo-site/random';
import type { DeviceField, LicenseField, Rendering } from './rendering';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** What the headers (and labels) say, per field: a few wordings each, in both languages. */
const LICENSE_HEADERS: Record<'ru' | 'en', Record<Exclude<LicenseField, 'select' | 'menu'> | 'kind-product' | 'status-device', readonly string[]>> = {
  ru: {
    'kind-product': ['Лицензия', 'Продукт'],
    kind: ['Тип', 'Вид лицензии'],
    product: ['Продукт', 'Наименование'],
    'status-device': ['Статус'],
    status: ['Статус', 'Состояние'],
    device: ['Устройство', 'Идентификатор устройства'],
    date: ['Дата'],
    end: ['Подписка', 'Подписка до', 'До', 'Окончание подписки'],
    order: ['Номер заказа', '№ заказа'],
    activated: ['Дата активации'],
    note: ['Комментарий', 'Примечание'],
  },
  en: {
    'kind-product': ['License', 'Product'],
    kind: ['Type', 'Kind'],
    product: ['Product', 'Name'],
    'status-device': ['Status'],
    status: ['Status', 'State'],
    device: ['Device', 'Device ID'],
    date: ['Date'],
    end: ['Subscription', 'Subscription until', 'Until', 'Subscription ends'],
    order: ['Order number', 'Order no.'],
    activated: ['Activation date', 'Activated on'],
    note: ['Comment', 'Note'],
  },
};

const DEVICE_HEADERS: Record<'ru' | 'en', Record<Exclude<DeviceField, 'select'>, readonly string[]>> = {
  ru: {
    name: ['Устройство', 'Название', 'Модель'],
    id: ['Идентификатор', 'ID устройства', 'ID'],
    database: ['База', 'База данных'],
    connection: ['Тип базы', 'Подключение'],
    seen: ['Последнее подключение', 'Был в сети'],
    serial: ['Серийный номер'],
    version: ['Версия'],
    added: ['Добавлено', 'Дата добавления'],
  },
  en: {
    name: ['Device', 'Name', 'Model'],
    id: ['Device ID', 'ID', 'Identifier'],
    database: ['Database'],
    connection: ['Database type', 'Connection'],
    seen: ['Last connection', 'Last seen'],
    serial: ['Serial number'],
    version: ['Version'],
    added: ['Added', 'Date added'],
  },
};

/** Words the account prints beyond the demo's own (words.ts), for controls a rendering adds. */
const EXTRA_WORDS = {
  ru: { unlinkConfirm: 'будет отвязана от устройства', loading: 'Загрузка…', empty: ['Ничего не найдено', 'Лицензий пока нет', 'Список пуст'], emptyDevices: ['Ничего не найдено', 'Устройств пока нет', 'Список пуст'], notes: ['Склад №2', 'продлить до 01.05.2027', 'Основной терминал', ''] },
  en: { unlinkConfirm: 'will be unlinked from device', loading: 'Loading…', empty: ['Nothing found', 'No licenses yet', 'The list is empty'], emptyDevices: ['Nothing found', 'No devices yet', 'The list is empty'], notes: ['Warehouse 2', 'renew until 01.05.2027', 'Main terminal', ''] },
};

/** The header (or label) each cell gets: '' for a checkbox or menu cell. */
function licenseHeader(cell: readonly LicenseField[], rendering: Rendering): string {
  const words = LICENSE_HEADERS[rendering.language];
  const key = cell.includes('kind') && cell.includes('product') ? 'kind-product'
    : cell.includes('status') && cell.includes('device') ? 'status-device' : cell[0]!;
  if (key === 'select' || key === 'menu') return '';
  const choices = words[key as keyof typeof words];
  return choices[rendering.headerWordChoice % choices.length]!;
}

function deviceHeader(cell: readonly DeviceField[], rendering: Rendering): string {
  const field = cell[0]!;
  if (field === 'select') return '';
  const choices = DEVICE_HEADERS[rendering.language][field];
  return choices[rendering.headerWordChoice % choices.length]!;
}

/** Drawing one list: the rendering's choices and a random source for the small things (class names, which row gets what). */
interface Pen {
  rendering: Rendering;
  words: Words;
  random: Random;
}

function className(pen: Pen, meaningful: string): string {
  return pen.rendering.hashed ? `css-${pen.random.chars('abcdefghijklmnopqrstuvwxyz0123456789', 6)}` : meaningful;
}

/** A text as it goes into markup: escaped, maybe with no-break spaces, maybe wrapped in spans (and a link). */
function text(pen: Pen, value: string, options: { link?: string; invisible?: boolean } = {}): string {
  let shown = value;
  if (options.invisible && pen.rendering.invisible && shown.length > 2) {
    const at = pen.random.int(1, shown.length - 1);
    shown = `${shown.slice(0, at)}${pen.random.pick(['\u200B', '\u2060', '\u00AD', '\uFEFF'])}${shown.slice(at)}`;
    if (pen.random.next() < 0.5) shown = `\u2068${shown}\u2069`;
  }
  let markup = escapeHtml(shown);
  if (pen.rendering.nbsp) markup = markup.replace(/ /g, () => (pen.random.next() < 0.5 ? '&nbsp;' : ' '));
  if (options.link) markup = `<a href="${escapeHtml(options.link)}">${markup}</a>`;
  for (let level = 0; level < pen.rendering.wrap; level++) markup = `<span class="${className(pen, 'text')}">${markup}</span>`;
  return markup;
}

/** What stands between two inline parts of one cell. */
function inner(pen: Pen): string {
  return pen.rendering.spacing === 'none' ? '' : ' ';
}

/** A terminal id with or without its `@`, as this tab shows it. */
export function shownId(id: string, at: boolean): string {
  return at || !id.startsWith('@') ? id : id.slice(1);
}

export function productShown(texts: LicenseTexts, rendering: Rendering): string {
  return rendering.cut ? shownProduct(texts.product) : texts.product;
}

function addDays(date: string, days: number): string {
  const [day, month, year] = date.split('.').map(Number) as [number, number, number];
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(moved.getUTCDate())}.${pad(moved.getUTCMonth() + 1)}.${moved.getUTCFullYear()}`;
}

function licenseCell(pen: Pen, texts: LicenseTexts, field: LicenseField): string {
  const { words, rendering } = pen;
  switch (field) {
    case 'select':
      return pen.random.next() < 0.5
        ? `<input type="checkbox" name="license" value="${escapeHtml(texts.id)}" aria-label="${escapeHtml(words.select)}">`
        : `<label class="${className(pen, 'pick')}"><input type="checkbox" name="license" value="${escapeHtml(texts.id)}"><span hidden>${escapeHtml(words.select)}</span></label>`;
    case 'kind':
      return `<span class="${className(pen, 'kind')}">${text(pen, texts.kindWord)}</span>`;
    case 'product': {
      const shown = productShown(texts, rendering);
      const title = shown !== texts.product ? ` title="${escapeHtml(texts.product)}"` : '';
      const product = `<span class="${className(pen, 'product')}"${title}>${text(pen, shown, { invisible: true, link: pen.random.next() < 0.2 ? `/licenses/${texts.id}` : undefined })}</span>`;
      return texts.showsCode ? `${product}${inner(pen)}<a class="${className(pen, 'show-code')}" href="/licenses/${escapeHtml(texts.id)}/code">${escapeHtml(words.showCode)}</a>` : product;
    }
    case 'status':
      return `<span class="${className(pen, 'status')}">${text(pen, texts.statusWord)}</span>`;
    case 'device':
      return texts.deviceId ? `<span class="${className(pen, 'device-id')}">${text(pen, shownId(texts.deviceId, rendering.licenseAt), { invisible: true })}</span>` : '';
    case 'date':
      return text(pen, texts.date);
    case 'end': {
      const date = rendering.endForm === 'until-word' ? `${words.until} ${texts.subscriptionEnd}` : texts.subscriptionEnd;
      return `<span>${text(pen, date)}</span>${inner(pen)}<a class="${className(pen, 'renew')}" href="/licenses/${escapeHtml(texts.id)}/renew">${escapeHtml(words.renew)}</a>`;
    }
    case 'menu': {
      const button = `<button type="button" class="${className(pen, 'menu-button')}" aria-haspopup="menu" aria-label="${escapeHtml(words.rowMenu)}">...</button>`;
      if (!rendering.hiddenMenus) return button;
      // Hidden until opened: a menu whose «Продлить до …» holds a date, and a dialog that starts with a kind word and names the device.
      const renewTo = `${words.renew} ${words.until.toLowerCase()} ${addDays(texts.subscriptionEnd, 365)}`;
      const confirm = `${texts.kindWord} ${texts.product} ${EXTRA_WORDS[rendering.language].unlinkConfirm} ${texts.deviceId ?? ''}`;
      return `${button}<ul role="menu" hidden><li role="menuitem">${escapeHtml(words.unlink)}</li><li role="menuitem">${escapeHtml(renewTo)}</li></ul>`
        + `<dialog><p>${escapeHtml(confirm)}</p><p>${escapeHtml(texts.statusWord)} ${escapeHtml(texts.date)}</p></dialog>`;
    }
    case 'order':
      return text(pen, `${pen.random.next() < 0.5 ? '№ ' : ''}2026-${String(pen.random.int(1, 9999)).padStart(4, '0')}-${pen.random.int(1000, 9999)}`);
    case 'activated':
      return text(pen, addDays(texts.date, pen.random.int(1, 40)));
    case 'note':
      return text(pen, pen.random.pick(EXTRA_WORDS[rendering.language].notes));
  }
}

function deviceCell(pen: Pen, texts: DeviceTexts, field: DeviceField): string {
  const { rendering } = pen;
  switch (field) {
    case 'select':
      return `<input type="checkbox" name="device" value="${escapeHtml(texts.id)}" aria-label="${escapeHtml(pen.words.select)}">`;
    case 'name':
      return `<strong>${text(pen, texts.name, { invisible: true })}</strong>`;
    case 'id':
      return `<code>${text(pen, shownId(texts.id, rendering.deviceAt), { invisible: true })}</code>`;
    case 'database':
      return text(pen, texts.database, { invisible: true });
    case 'connection':
      return text(pen, rendering.connectionForm === 'phrase' ? texts.databaseKindWord : texts.databaseKindWord.split(' ')[0]!);
    case 'seen':
      return text(pen, rendering.seenForm === 'date-time' ? texts.lastConnection : texts.lastConnection.slice(0, 10));
    case 'serial':
      return text(pen, `${pen.random.next() < 0.5 ? 'S/N ' : ''}${pen.random.chars('0123456789', 14)}`);
    case 'version':
      return text(pen, pen.random.pick(['Mobile SMARTS 3.4.12', 'Android 11', '3.2.0.1']));
    case 'added':
      return text(pen, addDays(texts.lastConnection.slice(0, 10), -pen.random.int(30, 400)));
  }
}

/** A cell's fields put together: kind and product (or status and device) apart by a space, or a line break. */
function cellOf<Field extends string>(pen: Pen, fields: readonly Field[], draw: (field: Field) => string): string {
  const parts = fields.map(draw).filter((part) => part !== '');
  return parts.join(pen.rendering.br ? '<br>' : inner(pen));
}

interface DrawnRows {
  headers: string[];
  rows: string[][];
  /** Each row's group heading, when the rendering groups rows: a heading opens each run of rows with the same one. */
  groups?: string[];
}

const GROUP_TITLES = {
  ru: { cloud: 'Облачные лицензии', main: 'Основные лицензии', cloudDatabases: 'Облачные базы', localDatabases: 'Локальные базы' },
  en: { cloud: 'Cloud licenses', main: 'Main licenses', cloudDatabases: 'Cloud databases', localDatabases: 'Local databases' },
};

/** The rows cut where their group changes: [heading, rows][]; one untitled group when the rendering does not group. */
function grouped(rows: readonly string[][], groups: readonly string[] | undefined): Array<[string | undefined, string[][]]> {
  if (!groups) return [[undefined, [...rows]]];
  const runs: Array<[string, string[][]]> = [];
  rows.forEach((row, index) => {
    const title = groups[index]!;
    if (runs.at(-1)?.[0] !== title) runs.push([title, []]);
    runs.at(-1)![1].push(row);
  });
  return runs;
}

/** The list around its rows, in the rendering's structure: header, rows, cells. */
function structureHtml(pen: Pen, list: 'licenses' | 'devices', { headers, rows: allRows, groups }: DrawnRows): string {
  const { rendering } = pen;
  const sep = rendering.spacing === 'newlines' ? '\n' : rendering.spacing === 'spaces' ? ' ' : '';
  const c = (name: string) => className(pen, `${list}-${name}`);
  const runs = grouped(allRows, groups);
  /** The rows, each group's heading (made by `heading`) before its rows (made by `row`). */
  const withHeadings = (row: (cells: string[]) => string, heading: (title: string) => string) =>
    runs.flatMap(([title, rows]) => [...(title === undefined ? [] : [heading(title)]), ...rows.map(row)]);
  const headerCells = (tag: string, attributes = '') => headers.map((header) => `<${tag}${attributes}>${escapeHtml(header)}</${tag}>`).join(sep);
  const columns = `grid-template-columns:repeat(${headers.length},auto)`;
  switch (rendering.structure) {
    case 'table': {
      // Each group in a <tbody> of its own, opened by a row that names it.
      const bodies = runs.map(([title, rows], index) => {
        const named = title === undefined ? [] : [`<tr class="${c('group')}"><td colspan="${headers.length}"><b>${escapeHtml(title)}</b></td></tr>`];
        const firstRow = index === 0 && rendering.header === 'body-th-row' ? [`<tr>${headerCells('th', ' scope="col"')}</tr>`] : [];
        const body = rows.map((cells) => `<tr class="${c('row')}">${sep}${cells.map((cell) => `<td>${cell}</td>`).join(sep)}${sep}</tr>`);
        return `<tbody>\n${[...firstRow, ...named, ...body].join('\n')}\n</tbody>`;
      });
      const head = rendering.header === 'thead' ? `<thead><tr>${headerCells('th')}</tr></thead>` : '';
      return `<table class="${c('table')}">${head}${bodies.join('')}</table>`;
    }
    case 'list': {
      const tag = rendering.listTag;
      const items = withHeadings((cells) => `<li class="${c('item')}">${sep}${cells.map((cell) => `<div>${cell}</div>`).join(sep)}${sep}</li>`,
        (title) => `<li class="${c('group')}"><h3>${escapeHtml(title)}</h3></li>`);
      const spans = `<span>${headers.map(escapeHtml).join(`</span>${sep}<span>`)}</span>`;
      const inside = rendering.header === 'spans-inside' ? [`<li class="${c('head')}" aria-hidden="true">${spans}</li>`] : [];
      const before = rendering.header === 'spans-before' ? `<div class="${c('head')}">${spans}</div>\n` : '';
      return `${before}<${tag} class="${c('list')}">\n${[...inside, ...items].join('\n')}\n</${tag}>`;
    }
    case 'div-grid':
    case 'div-flex': {
      const layout = rendering.structure === 'div-grid' ? `display:grid;${columns}` : 'display:flex;gap:8px';
      const cellTag = rendering.structure === 'div-grid' ? 'div' : 'span';
      const items = withHeadings((cells) => `<div class="${c('row')}" style="${layout}">${sep}${cells.map((cell) => `<${cellTag}>${cell}</${cellTag}>`).join(sep)}${sep}</div>`,
        (title) => `<h3 class="${c('group')}">${escapeHtml(title)}</h3>`);
      const spans = `<div class="${c('head')}" style="${layout}">${headers.map((header) => `<span>${escapeHtml(header)}</span>`).join(sep)}</div>`;
      const inside = rendering.header === 'spans-inside' ? [spans] : [];
      const before = rendering.header === 'spans-before' ? `${spans}\n` : '';
      return `${before}<div class="${c('rows')}">\n${[...inside, ...items].join('\n')}\n</div>`;
    }
    case 'aria-grid': {
      // An interactive grid of gridcells, or a static table of cells.
      const [container, cellRole] = pen.random.next() < 0.5 ? ['grid', 'gridcell'] : ['table', 'cell'];
      const head = rendering.header === 'columnheaders'
        ? `<div role="rowgroup"><div role="row" class="${c('head')}">${headerCells('div', ' role="columnheader"')}</div></div>` : '';
      const body = withHeadings((cells) => `<div role="row" class="${c('row')}">${cells.map((cell) => `<div role="${cellRole}">${cell}</div>`).join(sep)}</div>`,
        (title) => `<div role="row" class="${c('group')}"><div role="rowheader" aria-colspan="${headers.length}">${escapeHtml(title)}</div></div>`);
      return `<div role="${container}" aria-label="${list}" class="${c('grid')}">${head}<div role="rowgroup">\n${body.join('\n')}\n</div></div>`;
    }
    case 'dl-cards': {
      const cards = withHeadings((cells) => {
        const labelled = cells.map((cell, index) => (headers[index] ? `<dt>${escapeHtml(headers[index]!)}</dt>${sep}<dd>${cell}</dd>` : '')).join(sep);
        const loose = cells.filter((_, index) => !headers[index]).map((cell) => `<div>${cell}</div>`).join(sep);
        return `<article class="${c('card')}">${loose}${sep}<dl>${labelled}</dl></article>`;
      }, (title) => `<h3>${escapeHtml(title)}</h3>`);
      return `<div class="${c('cards')}">\n${cards.join('\n')}\n</div>`;
    }
    case 'label-cards': {
      const cards = withHeadings((cells) => {
        const parts = cells.map((cell, index) => {
          const header = headers[index];
          if (!header) return `<div>${cell}</div>`;
          return rendering.labelForm === 'element' ? `<p><b>${escapeHtml(header)}:</b> ${cell}</p>` : `<p>${escapeHtml(header)}: ${cell}</p>`;
        });
        return `<div class="${c('card')}">${sep}${parts.join(sep)}${sep}</div>`;
      }, (title) => `<div class="${c('group')}"><h3>${escapeHtml(title)}</h3></div>`);
      return `<div class="${c('cards')}">\n${cards.join('\n')}\n</div>`;
    }
  }
}

/** What must not be read as rows, around a list: a filter of status words, JSON in a script, a row template, a noscript copy. */
function decoys(pen: Pen, list: 'licenses' | 'devices', sample: string): string {
  const { words } = pen;
  const json = JSON.stringify({ sample, status: words.status, kind: words.kind, day: '17.04.2019' }).replace(/</g, '\\u003c');
  const select = list === 'licenses'
    ? `<label>${escapeHtml(words.statusFilter)} <select name="status"><option value="">${escapeHtml(words.allStatuses)}</option>${(['free', 'activated', 'expired'] as const).map((status) => `<option>${escapeHtml(words.status[status])}</option>`).join('')}</select></label>`
    : '';
  return `${select}\n<script type="application/json" class="state">${json}</script>\n<template class="${className(pen, 'row-template')}"><div>${escapeHtml(sample)}</div></template>\n<noscript><p>${escapeHtml(sample)}</p></noscript>`;
}

/**
 * A list whose rows are drawn by script a moment after load: the rows wait
 * in a `<template>` (which nothing reads), a loading line stands in their
 * place, and the script puts them there after `delayMs`.
 */
function drawnLater(pen: Pen, list: string, delayMs: number): string {
  return `<div class="${className(pen, 'loading')}" aria-busy="true">${escapeHtml(EXTRA_WORDS[pen.rendering.language].loading)}</div>`
    + `<template>${list}</template>`
    + `<script>(() => { const script = document.currentScript; const template = script.previousElementSibling; const loading = template.previousElementSibling;`
    + ` setTimeout(() => { loading.replaceWith(template.content.cloneNode(true)); }, ${delayMs}); })();</script>`;
}

/** Does what drawnLater's script does, for a document where scripts do not run (unit tests). */
export function drawScriptedRows(doc: Document): void {
  for (const template of doc.querySelectorAll('template')) {
    const loading = template.previousElementSibling;
    if (template.nextElementSibling?.localName === 'script' && loading?.getAttribute('aria-busy') === 'true') {
      loading.replaceWith(template.content.cloneNode(true));
    }
  }
}

export interface ListOptions {
  /** Seeds the small random choices (class names, which wording); the same seed draws the same markup. */
  seed?: number;
  /** How long the script waits before it draws the rows, when the rendering draws them later. */
  delayMs?: number;
}

function emptyLine(pen: Pen, list: 'licenses' | 'devices'): string {
  const words = EXTRA_WORDS[pen.rendering.language];
  return `<p class="${className(pen, 'empty')}">${escapeHtml(pen.random.pick(list === 'licenses' ? words.empty : words.emptyDevices))}</p>`;
}

/** The Лицензии list in this rendering (its header, rows and whatever goes around them). */
export function licenseListHtml(licenses: readonly LicenseTexts[], words: Words, rendering: Rendering, options: ListOptions = {}): string {
  const pen: Pen = { rendering, words, random: mulberry32(options.seed ?? 1) };
  const headers = rendering.licenseCells.map((cell) => licenseHeader(cell, rendering));
  const rows = licenses.map((texts) => rendering.licenseCells.map((cell) => cellOf(pen, cell, (field) => licenseCell(pen, texts, field))));
  const titles = GROUP_TITLES[rendering.language];
  const groups = rendering.groups ? licenses.map((texts) => titles[texts.kind]) : undefined;
  const list = licenses.length === 0 ? emptyLine(pen, 'licenses') : structureHtml(pen, 'licenses', { headers, rows, groups });
  const sample = licenses[0] ? `${licenses[0].kindWord} ${licenses[0].product} ${licenses[0].statusWord} ${licenses[0].date}` : '';
  const around = rendering.decoys ? `${decoys(pen, 'licenses', sample)}\n` : '';
  return around + (rendering.drawnLater && licenses.length > 0 ? drawnLater(pen, list, options.delayMs ?? 800) : list);
}

export function deviceListHtml(devices: readonly DeviceTexts[], words: Words, rendering: Rendering, options: ListOptions = {}): string {
  const pen: Pen = { rendering, words, random: mulberry32(options.seed ?? 2) };
  const headers = rendering.deviceCells.map((cell) => deviceHeader(cell, rendering));
  const rows = devices.map((texts) => rendering.deviceCells.map((cell) => cellOf(pen, cell, (field) => deviceCell(pen, texts, field))));
  const titles = GROUP_TITLES[rendering.language];
  const groups = rendering.groups ? devices.map((texts) => (texts.databaseKind === 'cloud' ? titles.cloudDatabases : titles.localDatabases)) : undefined;
  const list = devices.length === 0 ? emptyLine(pen, 'devices') : structureHtml(pen, 'devices', { headers, rows, groups });
  const sample = devices[0] ? `${devices[0].name} ${devices[0].id} ${devices[0].database} ${devices[0].databaseKindWord} ${devices[0].lastConnection}` : '';
  const around = rendering.decoys ? `${decoys(pen, 'devices', sample)}\n` : '';
  return around + (rendering.drawnLater && devices.length > 0 ? drawnLater(pen, list, options.delayMs ?? 800) : list);
}
