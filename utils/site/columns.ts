/**
 * Headers are evidence when present: a list's column headers (`<th>`, ARIA
 * column headers, a row of short texts above the rows) and the labels inside
 * a row (`<dt>Статус</dt>`, «Подписка до:») say what a cell holds. Where they
 * say it, that decides (a date under «Дата активации» is never the
 * subscription's end); where they say nothing we know, the cell is read by
 * the shape of what it holds.
 */
import { DATE_TOKEN, HEADER_TEXT_MAX, columnOf } from './words';
import { normalise } from './texts';

export type HeaderWords<Column> = ReadonlyArray<readonly [RegExp, Column]>;

/** Each header cell's text, a cell spanning n columns n times. */
function headerTexts(header: Element): string[] {
  const texts: string[] = [];
  for (const cell of header.children) {
    const text = normalise(cell.textContent ?? '');
    const span = Number(cell.getAttribute('colspan')) || 1;
    for (let i = 0; i < Math.min(span, 20); i++) texts.push(text);
  }
  return texts;
}

/** A header row: as many cells as the row, each short and dateless, and at least two of them words we know. */
function asColumns<Column>(texts: readonly string[] | undefined, row: Element, headers: HeaderWords<Column>): (Column | undefined)[] | undefined {
  if (!texts || texts.length !== row.childElementCount) return undefined;
  if (texts.some((text) => text.length > HEADER_TEXT_MAX || DATE_TOKEN.test(text))) return undefined;
  const columns = texts.map((text) => (text ? columnOf(headers, text) : undefined));
  return columns.filter((column) => column !== undefined).length >= 2 ? columns : undefined;
}

/** Whether every cell of an element is a header cell. */
function isHeaderRow(candidate: Element): boolean {
  const cells = candidate.children;
  if (cells.length === 0) return false;
  for (const cell of cells) if (cell.localName !== 'th' && cell.getAttribute('role') !== 'columnheader') return false;
  return true;
}

/**
 * What each cell of the rows beside `row` holds, by the list's headers, or
 * undefined when it has none we can read: a table's `<thead>` or a first row
 * of `<th>`; an ARIA grid's column headers; else a row of short texts just
 * before the rows (inside their list, or just before it), as many as a row
 * has cells.
 */
export function columnsOf<Column>(row: Element, headers: HeaderWords<Column>): (Column | undefined)[] | undefined {
  const table = row.localName === 'tr' ? row.closest('table') : null;
  if (table) {
    const head = table.tHead?.rows;
    if (head && head.length > 0) return asColumns(headerTexts(head[head.length - 1]!), row, headers);
    for (const candidate of table.rows) {
      if (candidate === row) break;
      if (isHeaderRow(candidate)) return asColumns(headerTexts(candidate), row, headers);
    }
    return undefined;
  }
  if (row.getAttribute('role') === 'row') {
    const grid = row.closest('[role="grid"], [role="table"], [role="treegrid"]');
    const header = grid?.querySelector('[role="columnheader"]')?.parentElement;
    return header ? asColumns(headerTexts(header), row, headers) : undefined;
  }
  // A row of spans above the rows: the nearest element before the first row, inside the list or just before it.
  const first = row.parentElement?.firstElementChild;
  const candidates = [first !== row ? first : null, row.parentElement?.previousElementSibling, row.parentElement?.parentElement?.previousElementSibling];
  for (const candidate of candidates) {
    if (!candidate || candidate.contains(row)) continue;
    const columns = asColumns(headerTexts(candidate), row, headers);
    if (columns) return columns;
  }
  return undefined;
}

/** Labels are short: a word or three, no digits («Подписка до», «Дата активации»). */
const LABEL = /^[^\d:]{1,40}$/;
const LABEL_WORDS_MAX = 3;

const wordCount = (text: string) => text.split(' ').length;

/**
 * What a label text names, when the text is a label: the text of a `<dt>`
 * in the row, or one that ends with a colon («Статус:»). (A `<th>` in a row
 * is more often the row's own name than a label: it is read as a value.)
 */
export function labelOf<Column>(text: string, parent: Element | null, headers: HeaderWords<Column>): Column | undefined {
  const colon = text.endsWith(':');
  if (!colon && parent?.localName !== 'dt') return undefined;
  const words = colon ? text.slice(0, -1).trim() : text;
  if (!LABEL.test(words) || wordCount(words) > LABEL_WORDS_MAX) return undefined;
  return columnOf(headers, words);
}

/**
 * A label and its value in one text («Подписка до: 17.04.2019»): what the
 * label names and the value, or undefined when the text is no such thing.
 */
export function inlineLabel<Column>(text: string, headers: HeaderWords<Column>): { column: Column; value: string } | undefined {
  const colon = text.indexOf(': ');
  if (colon < 1 || colon > HEADER_TEXT_MAX) return undefined;
  const words = text.slice(0, colon);
  if (!LABEL.test(words) || wordCount(words) > LABEL_WORDS_MAX) return undefined;
  const column = columnOf(headers, words);
  return column === undefined ? undefined : { column, value: text.slice(colon + 2) };
}
