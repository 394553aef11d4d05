/**
 * One account's lists can be drawn in many markups: nobody here knows the
 * real account's, so the extension's reading is tested against renderings
 * nobody drew by hand. A Rendering is a set of choices (structure, headers,
 * column order, spacing, decoys…); renderingFor(n) makes the n-th one, the
 * same on every machine, for the demo site and the end-to-end tests, and
 * arbitraries.ts draws them for property tests.
 *
 * What a rendering may do depends on the evidence it gives a reader: extra
 * columns, a subscription end with no «До» before it and columns in any
 * order come only with headers or labels that say what each column holds.
 * A person could not read such a list without them either.
 */
import type { Random } from '../../demo-site/random';

/** What one cell of a license row holds. */
export type LicenseField = 'select' | 'kind' | 'product' | 'status' | 'device' | 'date' | 'end' | 'menu' | 'order' | 'activated' | 'note';
/** What one cell of a device row holds. */
export type DeviceField = 'select' | 'name' | 'id' | 'database' | 'connection' | 'seen' | 'serial' | 'version' | 'added';

export type Structure = 'table' | 'list' | 'div-grid' | 'div-flex' | 'aria-grid' | 'dl-cards' | 'label-cards';
/** Column headers: a `<thead>`, a first body row of `<th>`, a row of spans, ARIA column headers, or none. */
export type HeaderStyle = 'thead' | 'body-th-row' | 'spans-before' | 'spans-inside' | 'columnheaders' | 'none';
/** The account's tab navigation: links with aria-current, list items with a class, or ARIA tabs. */
export type Navigation = 'aria-current' | 'active-class' | 'tablist';

export interface Rendering {
  language: 'ru' | 'en';
  structure: Structure;
  header: HeaderStyle;
  /** `ul`, `ol` or `div` around a `list` structure's items. */
  listTag: 'ul' | 'ol';
  /** Cells of a license row, in order, each holding one or more fields. */
  licenseCells: LicenseField[][];
  deviceCells: DeviceField[][];
  /** Which header word each field gets (an index into its choices in markup.ts; taken modulo their number). */
  headerWordChoice: number;
  /** «До 17.04.2019», or a bare date under a header or label that says it is the subscription's end. */
  endForm: 'until-word' | 'bare-date';
  /** «Облачная база», or the bare «Облачная» under a header or label saying it is the database type. */
  connectionForm: 'phrase' | 'word';
  /** `17.04.2019 10:22` or `17.04.2019` for the last connection. */
  seenForm: 'date-time' | 'date';
  /** What stands between cells: a line break, a space, or nothing (inline elements run together). */
  spacing: 'newlines' | 'spaces' | 'none';
  /** Spans (and links) nested around cell texts. */
  wrap: 0 | 1 | 2;
  /** `&nbsp;` between words inside texts. */
  nbsp: boolean;
  /** `<br>` between a status and its device, and between a kind and its product. */
  br: boolean;
  /** A hidden per-row menu (with «Продлить до …» in it) and a closed dialog per row. */
  hiddenMenus: boolean;
  /** Label form in label-cards: `<b>Статус:</b> …` or «Статус: …» in one text. */
  labelForm: 'element' | 'inline';
  /** Long product names cut with «...», the full name in `title`. */
  cut: boolean;
  /** Zero-width and bidi characters inside names and device ids. */
  invisible: boolean;
  /** Whether terminal ids carry their `@` on the Лицензии tab, and on the Устройства tab. */
  licenseAt: boolean;
  deviceAt: boolean;
  /** Class names as a CSS-in-JS build hashes them. */
  hashed: boolean;
  /** Rows kept in a `<template>` and drawn by script a moment after load. */
  drawnLater: boolean;
  /** Text a reader must not take for rows: a status filter `<select>`, a `<script>` of JSON, a `<template>`, a `<noscript>`. */
  decoys: boolean;
  /** Rows in groups, each under a heading inside the list («Облачные лицензии», "Cloud licenses": a kind word starts it). */
  groups: boolean;
  navigation: Navigation;
}

/** Whether a reader can tell what each cell holds from the markup: column headers or labels in each row. */
export function hasEvidence(rendering: Pick<Rendering, 'structure' | 'header'>): boolean {
  return rendering.header !== 'none' || rendering.structure === 'dl-cards' || rendering.structure === 'label-cards';
}

const STRUCTURES: readonly Structure[] = ['table', 'list', 'div-grid', 'div-flex', 'aria-grid', 'dl-cards', 'label-cards'];

/** The header styles each structure can have. */
export const HEADERS_OF: Record<Structure, readonly HeaderStyle[]> = {
  table: ['thead', 'body-th-row', 'none'],
  list: ['spans-before', 'spans-inside', 'none'],
  'div-grid': ['spans-before', 'spans-inside', 'none'],
  'div-flex': ['spans-before', 'none'],
  'aria-grid': ['columnheaders', 'none'],
  'dl-cards': ['none'],
  'label-cards': ['none'],
};

/** The cells as the article shows a license row. */
const ARTICLE_LICENSE: LicenseField[][] = [['select'], ['kind', 'product'], ['status', 'device'], ['date'], ['end'], ['menu']];
const ARTICLE_DEVICE: DeviceField[][] = [['name'], ['id'], ['database'], ['connection'], ['seen']];

/**
 * A license row's cells: kind and product in one cell or two, status and
 * device likewise; with evidence, extra columns and any order. Without it the
 * kind comes first (its word starts the row, as in the article), a device in
 * a cell of its own follows its status, and the rest may come in any order,
 * since each says what it is (a status word, «До», a bare date).
 */
export function licenseCellsFor(random: Random, evidence: boolean, withSelect: boolean): LicenseField[][] {
  const kindProduct: LicenseField[][] = random.next() < 0.6 ? [['kind', 'product']] : [['kind'], ['product']];
  const statusDevice: LicenseField[][] = random.next() < 0.6 ? [['status', 'device']] : [['status'], ['device']];
  let data: LicenseField[][];
  if (evidence) {
    const extras = (['order', 'activated', 'note'] as const).filter(() => random.next() < 0.4).map((field): LicenseField[] => [field]);
    data = random.shuffled([...kindProduct, ...statusDevice, ['date'], ['end'], ...extras]);
  } else {
    const middle = random.shuffled<LicenseField[][]>([statusDevice, [['date']], [['end']]]).flat();
    data = [...kindProduct, ...middle];
  }
  return [...(withSelect ? [['select'] as LicenseField[]] : []), ...data, ['menu']];
}

export function deviceCellsFor(random: Random, evidence: boolean, withSelect: boolean): DeviceField[][] {
  let data: DeviceField[][] = ARTICLE_DEVICE;
  if (evidence) {
    const extras = (['serial', 'version', 'added'] as const).filter(() => random.next() < 0.4).map((field): DeviceField[] => [field]);
    data = random.next() < 0.3 ? [...data, ...extras] : random.shuffled([...data, ...extras]);
  }
  return [...(withSelect ? [['select'] as DeviceField[]] : []), ...data];
}

/** The n-th rendering: the same choices for the same n on every machine. */
export function renderingFor(random: Random): Rendering {
  const structure = random.pick(STRUCTURES);
  const header = random.pick(HEADERS_OF[structure]);
  const evidence = hasEvidence({ structure, header });
  const checkboxes = random.next() < 0.7;
  return {
    language: random.next() < 0.7 ? 'ru' : 'en',
    structure,
    header,
    listTag: random.pick(['ul', 'ol'] as const),
    licenseCells: licenseCellsFor(random, evidence, checkboxes),
    deviceCells: deviceCellsFor(random, evidence, checkboxes && random.next() < 0.3),
    headerWordChoice: random.int(0, 5),
    endForm: evidence && random.next() < 0.4 ? 'bare-date' : 'until-word',
    connectionForm: evidence && random.next() < 0.4 ? 'word' : 'phrase',
    seenForm: random.pick(['date-time', 'date'] as const),
    spacing: random.pick(['newlines', 'spaces', 'none'] as const),
    wrap: random.pick([0, 1, 2] as const),
    nbsp: random.next() < 0.4,
    br: random.next() < 0.3,
    hiddenMenus: random.next() < 0.5,
    labelForm: random.pick(['element', 'inline'] as const),
    cut: random.next() < 0.6,
    invisible: random.next() < 0.3,
    licenseAt: random.next() < 0.7,
    deviceAt: random.next() < 0.5,
    hashed: random.next() < 0.4,
    drawnLater: random.next() < 0.2,
    decoys: random.next() < 0.6,
    groups: random.next() < 0.25,
    navigation: random.pick(['aria-current', 'active-class', 'tablist'] as const),
  };
}

/** The demo's own table, as a Rendering: what the article shows. */
export const ARTICLE_TABLE: Rendering = {
  language: 'ru',
  structure: 'table',
  header: 'thead',
  listTag: 'ul',
  licenseCells: ARTICLE_LICENSE,
  deviceCells: ARTICLE_DEVICE,
  headerWordChoice: 0,
  endForm: 'until-word',
  connectionForm: 'phrase',
  seenForm: 'date-time',
  spacing: 'newlines',
  wrap: 0,
  nbsp: false,
  br: false,
  hiddenMenus: false,
  labelForm: 'element',
  cut: true,
  invisible: false,
  licenseAt: true,
  deviceAt: true,
  hashed: false,
  drawnLater: false,
  decoys: false,
  groups: false,
  navigation: 'aria-current',
};

/** One line naming a rendering's choices, for test titles and failure messages. */
export function describeRendering(rendering: Rendering): string {
  const cells = (cells: string[][]) => cells.map((cell) => cell.join('+')).join('|');
  return [
    rendering.language, rendering.structure, `header:${rendering.header}`, `licenses:${cells(rendering.licenseCells)}`,
    `devices:${cells(rendering.deviceCells)}`, `end:${rendering.endForm}`, `spacing:${rendering.spacing}`,
    ...(['nbsp', 'br', 'hiddenMenus', 'cut', 'invisible', 'hashed', 'drawnLater', 'decoys', 'groups'] as const).filter((flag) => rendering[flag]),
    `@:${rendering.licenseAt ? 'L' : ''}${rendering.deviceAt ? 'D' : ''}`,
  ].join(' ');
}
