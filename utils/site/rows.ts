/**
 * Reading the account's lists into records: licenses on the Лицензии tab,
 * devices on the Устройства tab, whatever markup draws them (table, cards,
 * ARIA grid, definition lists, in Russian or English).
 *
 * A row is found from a text only a row has (a kind word, a device id): the
 * row is the smallest element around it that holds the rest of a row (a
 * date and a status, a database type), widened to the item of the list it
 * belongs to (the list is what holds it and the next row). Every other item
 * of that list is then read directly, so a 10,000-row list is walked once,
 * and an item that holds a row's anchor but cannot be read is counted, not
 * dropped: the page can say how many rows it could not read.
 *
 * What a cell holds is read from its shape (a status word, «До» and a date,
 * a device id) unless the list's headers or the row's labels say it
 * (columns.ts). Text the page does not show is never read: scripts,
 * templates, form options, hidden menus and dialogs (page.ts NOT_SHOWN).
 */
import { isActivationCode } from '../upload/activation-code';
import { parseAccountDate } from '../shared/dates';
import { createSlicer, ROWS_PER_CLOCK_LOOK, yieldToPage } from '../shared/main-thread';
import type { AccountDate, Device, DeviceConnection, License, LicenseKind, LicenseStatus } from '../shared/records';
import { columnsOf, inlineLabel, labelOf, type HeaderWords } from './columns';
import { DEVICE_ID, DEVICE_ID_IN_TEXT, DEVICE_ID_SOMEWHERE, deviceIdIn } from './device-id';
import { NOT_SHOWN } from './page';
import { countUpTo, firstWord, firstWordLookup, hasInvisible, normalise, withoutInvisible } from './texts';
import {
  CONNECTION_IN_TEXT, CONNECTION_PHRASE, CONNECTION_WORDS, CUT_NAME, DATE_TOKEN, DEVICE_HEADERS, ENDS_WITH_UNTIL, KIND_WORDS, LICENSE_HEADERS,
  ROW_CONTROL, SHOW_CODE_WORDS, STATUS_WORDS, UNTIL, type DeviceColumn, type LicenseColumn,
} from './words';

const KIND_FIRST = firstWordLookup(KIND_WORDS);
const STATUS_FIRST = firstWordLookup(STATUS_WORDS);

const SHOW_CODE = new RegExp(`^(?:${SHOW_CODE_WORDS.join('|')})$`, 'i');
const SHOW_CODE_LENGTHS = new Set(SHOW_CODE_WORDS.map((words) => words.length));
/** The link's words at the end of a text that also holds the product (one text node, or one cell read as one). */
const SHOW_CODE_AFTER = new RegExp(` (?:${SHOW_CODE_WORDS.join('|')})$`, 'i');
/** The link's words inside a product read from whole texts: they ran together with it. */
const SHOW_CODE_INSIDE = new RegExp(SHOW_CODE_WORDS.join('|'), 'i');
const isShowCode = (text: string) => SHOW_CODE_LENGTHS.has(text.length) && SHOW_CODE.test(text);

/*
 * Whether an element's whole text may hold a whole row: a row grows until it
 * does. textContent runs cells together («Свободная17.04.2019», "Shop 1Local
 * database"), so these look for words without their boundaries; they only
 * tell where to try reading, and the reading (text node by text node) decides.
 */
const DATE_SOMEWHERE = /\d{2}\.\d{2}\.\d{4}/;
const STATUS_SOMEWHERE = new RegExp(Object.keys(STATUS_WORDS).join('|'), 'i');
const UNTIL_SOMEWHERE = /(?:До|Until)\s*\d{2}\.\d{2}\.\d{4}/i;
const CONNECTION_SOMEWHERE = new RegExp(Object.keys(CONNECTION_WORDS).join('|'), 'i');

// ---------------------------------------------------------------------------
// Rows as the page shows them.

/**
 * A row read from the page. Where its marker goes is found only when one is
 * placed: most rows get none, and from a content script's isolated world
 * every DOM access costs several times what it does from the page's own
 * scripts (the element of each of 10,000 rows' status word: 0.1 s).
 */
abstract class PageRow {
  private slot: HTMLElement | undefined;
  constructor(readonly element: HTMLElement, private readonly findSlot: () => HTMLElement) {}
  /** The element our marker goes into: the one holding the status word (licenses) or the id (devices). */
  get markerSlot(): HTMLElement {
    return (this.slot ??= this.findSlot());
  }
}

export class LicenseRow extends PageRow {
  constructor(element: HTMLElement, readonly license: License, findSlot: () => HTMLElement) {
    super(element, findSlot);
  }
}

export class DeviceRow extends PageRow {
  constructor(element: HTMLElement, readonly device: Device, findSlot: () => HTMLElement) {
    super(element, findSlot);
  }
}

/** What a page gave: the rows read, how many items of its lists hold a row that could not be read, and the lists. */
export interface ListReading<Row> {
  rows: Row[];
  unread: number;
  lists: Element[];
}

// ---------------------------------------------------------------------------
// A row's texts.

/** A row's texts (each normalised, empty ones left out) in reading order, with their nodes and what a header or label says each holds. */
interface Segments<Column> {
  texts: string[];
  nodes: Text[];
  /** Present when a header or label said something: the column of each text. */
  roles: (Column | undefined)[] | undefined;
}

/** Node.ELEMENT_NODE and Node.TEXT_NODE, by value: a document parsed away from a window (the list parser, tests) has no global Node. */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** A row says a few dozen things at most; an element saying more is a whole list, and is not read through. */
const ROW_TEXTS_MAX = 200;

/** Whether a node is inside something the page does not show (NOT_SHOWN), up to and including `within`. */
function notShown(node: Node, within: Element): boolean {
  const hidden = node.parentElement?.closest(NOT_SHOWN);
  return !!hidden && (hidden === within || within.contains(hidden));
}

/** How a row's texts are read: what its list's headers say of its cells, and whether it may hold text the page does not show. */
interface Reading<Column> {
  headers: HeaderWords<Column>;
  /** By cell index; undefined when the list has no headers we read. */
  columns: readonly (Column | undefined)[] | undefined;
  mayHide: boolean;
}

/**
 * The row's texts in one walk, cell by cell, with labels taken out and what
 * they (or the list's headers) say each holds; the nodes say where a marker
 * goes without walking again. Undefined when there are too many to be one row.
 */
function rowSegments<Column>(row: Element, reading: Reading<Column>): Segments<Column> | undefined {
  const texts: string[] = [];
  const nodes: Text[] = [];
  let roles: (Column | undefined)[] | undefined;
  const doc = row.ownerDocument;
  let cell = -1;
  /** What the last label named: the texts after it, in its cell or the next one (`<dt>` then `<dd>`), hold that. */
  let labelled: Column | undefined;
  /** Whether the cell so far held more than a label. */
  let cellHeldValue = false;
  const add = (node: Text) => {
    let text = normalise(node.data);
    if (!text) return true;
    if (reading.mayHide && notShown(node, row)) return true;
    if (texts.length === ROW_TEXTS_MAX) return false;
    let role = labelled ?? reading.columns?.[cell];
    const label = labelOf(text, node.parentElement, reading.headers);
    if (label !== undefined) {
      labelled = label;
      return true;
    }
    cellHeldValue = true;
    const inline = text.includes(': ') ? inlineLabel(text, reading.headers) : undefined;
    if (inline) {
      role = labelled = inline.column;
      text = inline.value;
    }
    if (role !== undefined) (roles ??= new Array<Column | undefined>(texts.length))[texts.length] = role;
    else if (roles) roles[texts.length] = undefined;
    texts.push(text);
    nodes.push(node);
    return true;
  };
  for (let child = row.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      if (!add(child as Text)) return undefined;
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    cell++;
    // A label names what follows it in its own cell, or the next cell when its own held nothing else (a `<dt>`).
    if (cellHeldValue) labelled = undefined;
    cellHeldValue = false;
    const walker = doc.createTreeWalker(child, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!add(node as Text)) return undefined;
  }
  return { texts, nodes, roles };
}

/** Where a row's marker goes, found when asked: beside the text it names, else in the row itself. */
function slotFinder(node: Text | undefined, row: HTMLElement): () => HTMLElement {
  return () => node?.parentElement ?? row;
}

/**
 * A row's texts cell by cell: each child element's whole text as one. From
 * the isolated world this costs about half of visiting every text node,
 * but texts the markup does not part with a space run together
 * («Активирована@HONEYWELL-…»), so it is only used where it reads the same
 * (see siblingReader). Text directly in the row, outside its cells, is not read.
 */
function cellTexts<Column>(row: Element, columns: readonly (Column | undefined)[] | undefined): { texts: string[]; cells: Element[]; roles: (Column | undefined)[] | undefined } {
  const texts: string[] = [];
  const cells: Element[] = [];
  const roles = columns ? [] as (Column | undefined)[] : undefined;
  let index = 0;
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling, index++) {
    const text = normalise(cell.textContent ?? '');
    if (!text) continue;
    texts.push(text);
    cells.push(cell);
    roles?.push(columns![index]);
  }
  return { texts, cells, roles };
}

/**
 * A row's texts line by line: its whole text in one read, cut where the
 * markup breaks lines. A server that writes each cell on a line of its own
 * (the demo account's table and grid do) parts the cells so, at a third of
 * the cost of reading them cell by cell (23 against 70 ms on 10,000 rows).
 * `lines` is how many pieces the text made, empty ones included: rows made
 * from the same markup make as many.
 */
function lineTexts(row: Element): { texts: string[]; lines: number } {
  const pieces = (row.textContent ?? '').split('\n');
  const texts: string[] = [];
  for (const piece of pieces) {
    const text = normalise(piece);
    if (text) texts.push(text);
  }
  return { texts, lines: pieces.length };
}

// ---------------------------------------------------------------------------
// Rows of one kind, found and read.

/** A row's record, and which of its texts holds the word its marker goes beside. */
interface RowReading<Item> {
  item: Item;
  slotIndex: number;
}

/** How one kind of row is found and read. */
interface RowKind<Item, Row extends PageRow, Column> {
  /** A text (normalised) that only this kind of row has, once. */
  isAnchor(text: string): boolean;
  /** Whether an element's whole text (textContent, cells run together) may hold the whole of a row. */
  complete(text: string): boolean;
  /** A row's texts (one anchor among them) read as its record, or undefined. */
  read(texts: readonly string[], roles: readonly (Column | undefined)[] | undefined): RowReading<Item> | undefined;
  /** Whether a record read from whole texts (cells, lines) shows no sign of texts run together: a row that fails this is read node by node. */
  trustsWholeTexts(item: Item): boolean;
  /** Whether a text is the one the marker goes beside (the status word, the id). */
  namesSlot(text: string): boolean;
  /** What this list's headers and labels may call its columns, and the column that holds none of the record. */
  headers: HeaderWords<Column>;
  other: Column;
  /** The row as the page shows it: its element, its record, and how to find where its marker goes. */
  row(element: HTMLElement, item: Item, findSlot: () => HTMLElement): Row;
}

/**
 * How many of a row's texts are anchors, counting no further than `most` + 1.
 * A text in a column the headers call something else (an order, a comment
 * saying "Main terminal") is none.
 */
function anchorsIn<Column>(kind: RowKind<unknown, PageRow, Column>, texts: readonly string[], roles: readonly (Column | undefined)[] | undefined, most: number): number {
  if (!roles) return countUpTo(texts, kind.isAnchor, most);
  let count = 0;
  for (let index = 0; index < texts.length; index++) if (roles[index] !== kind.other && kind.isAnchor(texts[index]!) && ++count > most) break;
  return count;
}

/** An element's texts read as exactly one row: two kind words or ids mean it holds more than one. */
function readOne<Item, Column>(kind: RowKind<Item, PageRow, Column>, texts: readonly string[], roles?: readonly (Column | undefined)[]): RowReading<Item> | undefined {
  return anchorsIn(kind, texts, roles, 1) === 1 ? kind.read(texts, roles) : undefined;
}

/** The row read text node by text node: what the reading means, and where its marker goes. */
function rowOf<Item, Row extends PageRow, Column>(kind: RowKind<Item, Row, Column>, element: Element, { texts, nodes, roles }: Segments<Column>): Row | undefined {
  const reading = readOne(kind, texts, roles);
  return reading && kind.row(element as HTMLElement, reading.item, slotFinder(nodes[reading.slotIndex], element as HTMLElement));
}

/**
 * Where the marker of a row read from whole texts goes: beside the first
 * text in `cell` that names the status (or id), which is the one a
 * node-by-node reading finds; without such a cell (or text), where a
 * node-by-node reading of the row puts it.
 */
function slotOf<Item, Column>(kind: RowKind<Item, PageRow, Column>, row: HTMLElement, cell: Element | undefined, reading: Reading<Column>): HTMLElement {
  if (cell) {
    const walker = row.ownerDocument.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (kind.namesSlot(normalise((node as Text).data))) return node.parentElement ?? row;
    }
  }
  const segments = rowSegments(row, reading);
  const walked = segments && kind.read(segments.texts, segments.roles);
  return (walked && segments.nodes[walked.slotIndex]?.parentElement) ?? row;
}

/** The cell holding a reading's slot text, unless it holds the kind word too (then the row is walked: see slotOf). */
function slotCell<Column>(kind: RowKind<unknown, PageRow, Column>, texts: readonly string[], cells: readonly Element[], slotIndex: number): Element | undefined {
  return kind.isAnchor(texts[slotIndex] ?? '') ? undefined : cells[slotIndex];
}

/** Whole texts (cells, lines) read as exactly one row that shows no sign of texts run together. */
function readTrusted<Item, Column>(kind: RowKind<Item, PageRow, Column>, texts: readonly string[], roles?: readonly (Column | undefined)[]): RowReading<Item> | undefined {
  const reading = readOne(kind, texts, roles);
  return reading && kind.trustsWholeTexts(reading.item) ? reading : undefined;
}

/** The row read cell by cell, when that reading can be trusted; its marker's place is found only if asked. */
function rowByCells<Item, Row extends PageRow, Column>(kind: RowKind<Item, Row, Column>, element: Element, reading: Reading<Column>): Row | undefined {
  const { texts, cells, roles } = cellTexts(element, reading.columns);
  const read = readTrusted(kind, texts, roles);
  if (!read) return undefined;
  const row = element as HTMLElement;
  // Worked out now, so that the finder holds on to one cell, not to the row's texts (10,000 rows' worth, until marked).
  const cell = slotCell(kind, texts, cells, read.slotIndex);
  return kind.row(row, read.item, () => slotOf(kind, row, cell, reading));
}

/** The row read line by line, when it makes as many lines as the run's first row and the reading can be trusted. */
function rowByLines<Item, Row extends PageRow, Column>(kind: RowKind<Item, Row, Column>, element: Element, lines: number, reading: Reading<Column>): Row | undefined {
  const read = lineTexts(element);
  if (read.lines !== lines) return undefined;
  const trusted = readTrusted(kind, read.texts);
  if (!trusted) return undefined;
  const row = element as HTMLElement;
  return kind.row(row, trusted.item, () => {
    const { texts, cells, roles } = cellTexts(row, reading.columns);
    const byCells = readOne(kind, texts, roles);
    return slotOf(kind, row, byCells && slotCell(kind, texts, cells, byCells.slotIndex), reading);
  });
}

/**
 * How the rows beside a run's first row are read: line by line, or cell by
 * cell, when the first row reads the same that way as node by node (so do
 * the rows beside it, made from the same markup); undefined: node by node.
 * A list that may hold text the page does not show is always read node by
 * node: a whole text would take a hidden menu's words in. Nor is a list with
 * a column its headers call none of the record's read line by line: what
 * such a column holds differs from row to row (a comment «продлить до …»),
 * and only cells know their column.
 */
function siblingReader<Item, Row extends PageRow, Column>(
  kind: RowKind<Item, Row, Column>, element: Element, segments: Segments<Column>, reading: Reading<Column>,
): ((sibling: Element) => Row | undefined) | undefined {
  if (reading.mayHide) return undefined;
  const byNodes = kind.read(segments.texts, segments.roles);
  if (!byNodes) return undefined;
  const same = (texts: readonly string[], roles?: readonly (Column | undefined)[]) => {
    const read = readTrusted(kind, texts, roles);
    return read !== undefined && JSON.stringify(read.item) === JSON.stringify(byNodes.item);
  };
  if (!reading.columns?.includes(kind.other)) {
    const { texts, lines } = lineTexts(element);
    if (same(texts)) return (sibling) => rowByLines(kind, sibling, lines, reading);
  }
  const byCells = cellTexts(element, reading.columns);
  if (same(byCells.texts, byCells.roles)) return (sibling) => rowByCells(kind, sibling, reading);
  return undefined;
}

/**
 * What one reading has learnt about elements: `incomplete` ones lack part of
 * a row (so does the same text for any other anchor inside them), `rejected`
 * ones hold more than one row or are a whole list (and so is anything
 * larger). Without this, every anchor on the wrong tab would read the whole
 * list's text again.
 */
type Verdicts = Map<Element, 'incomplete' | 'rejected'>;

/** Reading an element on its own: what its list's headers say of its cells (if it is an item of the list), labels read, hidden text left out. */
function readingOf<Column>(element: Element, kind: RowKind<unknown, PageRow, Column>): Reading<Column> {
  return { headers: kind.headers, columns: columnsOf(element, kind.headers), mayHide: true };
}

/**
 * An element read as exactly one row: the row and its texts; `more` when it
 * holds more than one row's anchor (or too many texts to be one row);
 * undefined when it holds one but does not read as a row.
 */
function readAsRow<Item, Row extends PageRow, Column>(element: Element, kind: RowKind<Item, Row, Column>): { row: Row; segments: Segments<Column> } | 'more' | undefined {
  const segments = rowSegments(element, readingOf(element, kind));
  if (!segments || anchorsIn(kind, segments.texts, segments.roles, 1) > 1) return 'more';
  const row = rowOf(kind, element, segments);
  return row && { row, segments };
}

/**
 * The row around an anchor text: the smallest element, at most a few levels
 * up, whose text holds the whole of a row and reads as exactly one.
 */
function rowAt<Item, Row extends PageRow, Column>(anchor: Text, kind: RowKind<Item, Row, Column>, verdicts: Verdicts, root: Node): { row: Row; segments: Segments<Column> } | undefined {
  let element = anchor.parentElement;
  for (let depth = 0; element && depth < 8; depth++, element = element.parentElement) {
    // Never past what is being read (a fetched page's body, or one element of the page).
    if (element === element.ownerDocument.body || !root.contains(element)) return undefined;
    const verdict = verdicts.get(element);
    if (verdict === 'rejected') return undefined;
    if (verdict === 'incomplete') continue;
    // A whole list (its 10,000 rows as children) is not made into one text to learn that it is no row.
    if (element.childElementCount > ROW_TEXTS_MAX) {
      verdicts.set(element, 'rejected');
      return undefined;
    }
    if (kind.complete(element.textContent ?? '')) {
      const read = readAsRow(element, kind);
      // Two kind words or ids: we grew past the row.
      if (read === 'more') {
        verdicts.set(element, 'rejected');
        return undefined;
      }
      if (read !== undefined) return read;
    }
    verdicts.set(element, 'incomplete');
  }
  return undefined;
}

/** An anchor text the page shows, among the next few texts after `after` (the next row's, when there is one). */
function nextAnchor<Column>(after: Element, kind: RowKind<unknown, PageRow, Column>, root: Node): Text | undefined {
  const doc = after.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  walker.currentNode = lastDescendant(after);
  for (let node = walker.nextNode(), seen = 0; node && seen < NEXT_ANCHOR_WITHIN; node = walker.nextNode(), seen++) {
    if (kind.isAnchor(normalise((node as Text).data)) && !node.parentElement?.closest(NOT_SHOWN)) return node as Text;
  }
  return undefined;
}
/** A row's texts and the furniture between two rows (a group's heading, a divider) are fewer than this. */
const NEXT_ANCHOR_WITHIN = 400;

/** Items of a list that are a row when nothing else tells: table rows, list items, ARIA rows, articles. */
const ROW_LIKE = 'tr, li, [role="row"], [role="listitem"], article';

/**
 * The item of the list a row belongs to: the child, on the way to the row, of
 * what holds both this row and the next one (a card's whole element, where
 * the smallest complete element may be a part of it), but never past a table
 * row, list item or ARIA row (a `<tbody>` of one row and a group's heading is
 * no item); with no next row, the nearest such element around it. Only an
 * element that still reads as exactly one row is taken.
 */
function listItemOf<Item, Row extends PageRow, Column>(
  smallest: { row: Row; segments: Segments<Column> }, kind: RowKind<Item, Row, Column>, root: Node,
): { row: Row; segments: Segments<Column> } | undefined {
  const { row } = smallest;
  let item: Element | null = null;
  const next = nextAnchor(row.element, kind, root);
  if (next && !row.element.matches(ROW_LIKE)) {
    let holder: Element | null = row.element.parentElement;
    while (holder && !holder.contains(next)) holder = holder.parentElement;
    for (item = row.element; item && item.parentElement !== holder && !item.matches(ROW_LIKE); item = item.parentElement);
  } else if (!next) {
    const around = row.element.parentElement?.closest(ROW_LIKE);
    item = around && row.element.parentElement !== null && depthBetween(around, row.element) <= 3 ? around : null;
  }
  if (item && item !== row.element && root.contains(item) && item !== root) {
    const read = readAsRow(item, kind);
    if (read && read !== 'more') return read;
  }
  return smallest;
}

function depthBetween(ancestor: Element, node: Element): number {
  let depth = 0;
  for (let element: Element | null = node; element && element !== ancestor; element = element.parentElement) depth++;
  return depth;
}

/**
 * Whether an item of a list that did not read as a row is a row we could not
 * read: made like the rows (the same element, with about as many parts) and
 * holding a row's anchor. A group's heading inside the list («Cloud
 * licenses») starts with a kind word too, but is made otherwise.
 */
function isUnreadRow<Column>(item: Element, like: Element, kind: RowKind<unknown, PageRow, Column>, segments?: Segments<Column>): boolean {
  if (item.tagName !== like.tagName || item.childElementCount * 2 < like.childElementCount) return false;
  const texts = segments ?? rowSegments(item, { headers: kind.headers, columns: undefined, mayHide: true });
  return texts === undefined || anchorsIn(kind, texts.texts, texts.roles, 0) > 0;
}

/**
 * Walks the page's text once. At each anchor text it finds the row around
 * it and the list that row is an item of, then reads every item of that list
 * directly (see siblingReader for how) and moves the walk past the list, so
 * its texts are not visited again. An item holding an anchor that does not
 * read as a row is counted as unread. Page order is kept. A 10,000-row page
 * is read in slices, never one long task.
 */
async function readRows<Item, Row extends PageRow, Column>(root: ParentNode & Node, kind: RowKind<Item, Row, Column>): Promise<ListReading<Row>> {
  const rows: Row[] = [];
  const lists: Element[] = [];
  let unread = 0;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const verdicts: Verdicts = new Map();
  const slice = createSlicer({ every: ROWS_PER_CLOCK_LOOK });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const pause = slice();
    if (pause) await pause;
    const text = normalise((node as Text).data);
    if (!text || !kind.isAnchor(text) || node.parentElement?.closest(NOT_SHOWN)) continue;
    const smallest = rowAt(node as Text, kind, verdicts, root);
    if (smallest === undefined) continue;
    const found = listItemOf(smallest, kind, root);
    if (!found) continue;
    const { row: first, segments } = found;
    const element = first.element;
    const list = element.parentElement;
    // Whether the list holds text the page does not show is one query over all of it: on 10,000 rows, 15-30 ms in
    // one go, so it starts a task of its own.
    if (list && list.childElementCount > LONG_LIST) await yieldToPage();
    const reading: Reading<Column> = {
      headers: kind.headers,
      columns: columnsOf(element, kind.headers),
      mayHide: list !== null && list.querySelector(NOT_SHOWN) !== null,
    };
    if (!list || list === root || !root.contains(list)) {
      rows.push(first);
      walker.currentNode = lastDescendant(element);
      continue;
    }
    // Items before the first row that read (the walk passed them): any holding an anchor is a row we could not read.
    for (let before = element.previousElementSibling; before; before = before.previousElementSibling) {
      if (reading.mayHide && before.matches(NOT_SHOWN)) continue;
      if (isUnreadRow(before, element, kind)) unread++;
    }
    rows.push(first);
    lists.push(list);
    const readSibling = siblingReader(kind, element, segments, reading);
    let last: Element = element;
    for (let sibling = element.nextElementSibling; sibling; sibling = sibling.nextElementSibling) {
      last = sibling;
      if (reading.mayHide && sibling.matches(NOT_SHOWN)) continue;
      let next = sibling.tagName === element.tagName ? readSibling?.(sibling) : undefined;
      if (next === undefined) {
        const siblingSegments = rowSegments(sibling, reading);
        next = siblingSegments ? rowOf(kind, sibling, siblingSegments) : undefined;
        if (next === undefined && isUnreadRow(sibling, element, kind, siblingSegments)) unread++;
      }
      if (next !== undefined) rows.push(next);
      const rest = slice();
      if (rest) await rest;
    }
    walker.currentNode = lastDescendant(last);
  }
  return { rows, unread, lists };
}

/** A list this long is scanned for hidden text in a task of its own. */
const LONG_LIST = 500;

/** The last node inside an element, in document order: a walker set there goes on past the element. */
function lastDescendant(node: Node): Node {
  while (node.lastChild) node = node.lastChild;
  return node;
}

// ---------------------------------------------------------------------------
// A license row.

/**
 * Dates read so far: a 10,000-row list holds a few hundred distinct days, each
 * parsed once. Held across readings (bounded), as the lists are read again on
 * every change of the page.
 */
const readDates = new Map<string, AccountDate>();
const READ_DATES_MAX = 5_000;

function dateOf(text: string): AccountDate {
  let date = readDates.get(text);
  if (date === undefined) {
    if (readDates.size >= READ_DATES_MAX) readDates.clear();
    date = parseAccountDate(text);
    readDates.set(text, date);
  }
  return date;
}

function isLicenseKind(text: string): boolean {
  return KIND_FIRST.test(text);
}

function statusOf(text: string): Exclude<LicenseStatus, 'unknown'> | undefined {
  return STATUS_FIRST.of(text);
}

/**
 * A row's «До …» date and its own date (the first other one), as read from
 * its texts joined by spaces, links' words left out. Each text is searched
 * on its own, which finds the same: joining them first makes a copy of every
 * row's text (a fifth of the garbage 10,000 rows leave). Only a «До» at the
 * end of a text, its date in the next, needs them joined.
 */
function datesOf(segments: readonly string[]): { date?: string; end?: string } {
  let end: RegExpExecArray | null = null;
  let endIndex = -1;
  for (let index = 0; index < segments.length && !end; index++) {
    const segment = segments[index]!;
    if (isShowCode(segment)) continue;
    end = UNTIL.exec(segment);
    if (end) endIndex = index;
    else if (ENDS_WITH_UNTIL.test(segment)) return datesOfJoined(segments);
  }
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if (isShowCode(segment)) continue;
    const date = DATE_TOKEN.exec(index === endIndex ? segment.replace(end![0], ' ') : segment)?.[1];
    if (date) return { date, end: end?.[1] };
  }
  return { end: end?.[1] };
}

function datesOfJoined(segments: readonly string[]): { date?: string; end?: string } {
  let text = '';
  for (const segment of segments) if (!isShowCode(segment)) text = text ? `${text} ${segment}` : segment;
  const end = UNTIL.exec(text);
  // The row's own date is the first date that is not the «До …» one.
  const date = DATE_TOKEN.exec(end ? text.replace(end[0], ' ') : text)?.[1];
  return { date, end: end?.[1] };
}

/**
 * The dates of a row whose headers or labels say what some texts hold: the
 * end is the date of the text they call the subscription's end, else a «До»
 * date; the row's own date that of the text they call «Дата», else the first
 * date no header claims. A date under any other header (activation, order,
 * comment) is neither.
 */
function datesByRole(texts: readonly string[], roles: readonly (LicenseColumn | undefined)[]): { date?: string; end?: string } {
  let end: string | undefined;
  let endAt = -1;
  let date: string | undefined;
  const hasEnd = roles.includes('end');
  const hasDate = roles.includes('date');
  for (let index = 0; index < texts.length && end === undefined; index++) {
    const role = roles[index];
    if (hasEnd ? role !== 'end' : role !== undefined && role !== 'status') continue;
    const until = UNTIL.exec(texts[index]!);
    end = until?.[1] ?? (hasEnd ? DATE_TOKEN.exec(texts[index]!)?.[1] : undefined);
    if (end === undefined && !hasEnd && ENDS_WITH_UNTIL.test(texts[index]!) && roles[index + 1] === undefined) end = DATE_TOKEN.exec(texts[index + 1] ?? '')?.[1];
    if (end !== undefined) endAt = index;
  }
  for (let index = 0; index < texts.length && date === undefined; index++) {
    const role = roles[index];
    if (hasDate ? role !== 'date' : role !== undefined) continue;
    if (isShowCode(texts[index]!)) continue;
    const text = index === endAt ? texts[index]!.replace(UNTIL, ' ') : texts[index]!;
    if (index === endAt + 1 && !hasEnd && ENDS_WITH_UNTIL.test(texts[endAt] ?? '')) continue;
    date = DATE_TOKEN.exec(text)?.[1];
  }
  return { date, end };
}

/** A text that is one more piece of the product's name, when the name stands in texts of its own after the kind word. */
function isProductPiece(text: string): boolean {
  return !statusOf(text) && !DATE_TOKEN.test(text) && !deviceIdIn(text) && !ROW_CONTROL.test(text) && !ENDS_WITH_UNTIL.test(text)
    && !UNTIL.test(text) && !isActivationCode(text);
}

/**
 * Reads one license row's texts into a record, or undefined when it is not
 * one. A row has a kind word, a date, and a status word or a «До» date: a
 * device row's «Облачная база» starts with a kind word too, and has neither.
 * `roles`: what the list's headers or the row's labels say each text holds.
 */
export function readLicense(
  segments: readonly string[], roles?: readonly (LicenseColumn | undefined)[],
): { license: License; statusIndex: number } | undefined {
  const roleOf = (index: number) => roles?.[index];
  let kindIndex = -1;
  for (let index = 0; index < segments.length; index++) {
    const role = roleOf(index);
    if (role !== 'other' && role !== 'date' && role !== 'end' && isLicenseKind(segments[index]!)) {
      kindIndex = index;
      break;
    }
  }
  if (kindIndex < 0) return undefined;
  const kindSegment = segments[kindIndex]!;
  const kind: LicenseKind = KIND_FIRST.of(kindSegment)!;
  let product = firstWord(kindSegment)[1];
  let next = kindIndex + 1;
  let activationCode: string | undefined;
  // The product: where the headers say it is, else after the kind word (in its text, or in the texts after it).
  const productByColumn = roles !== undefined && roles.some((role, index) => role === 'product' && index !== kindIndex);
  if (productByColumn) {
    for (let index = 0; index < segments.length; index++) {
      if (index === kindIndex || roleOf(index) !== 'product') continue;
      const segment = segments[index]!;
      if (isShowCode(segment) || ROW_CONTROL.test(segment)) continue;
      if (isActivationCode(segment) && !DEVICE_ID.test(segment)) activationCode = segment;
      else product = product ? `${product} ${segment}` : segment;
    }
  } else if (!product) {
    while (next < segments.length && roleOf(next) === undefined && isProductPiece(segments[next]!)) {
      product = product ? `${product} ${segments[next]}` : segments[next]!;
      next++;
    }
  }
  // The product's cell may run on into the link's words or into the code they revealed.
  if (SHOW_CODE_AFTER.test(product)) product = product.replace(SHOW_CODE_AFTER, '');
  const lastSpace = product.lastIndexOf(' ');
  const lastWord = product.slice(lastSpace + 1);
  if (lastSpace > 0 && isActivationCode(lastWord) && !DEVICE_ID.test(lastWord)) {
    activationCode = lastWord;
    product = product.slice(0, lastSpace);
  }

  let status: LicenseStatus = 'unknown';
  let deviceId: string | undefined;
  let statusIndex = -1;
  // With headers or labels the status may stand anywhere; without, it follows the kind and product (as in the article).
  const from = roles ? 0 : next;
  for (let index = from; index < segments.length; index++) {
    const role = roleOf(index);
    if (index === kindIndex || (role !== undefined && role !== 'status' && role !== 'device')) continue;
    const segment = segments[index]!;
    const found = statusOf(segment);
    if (found) {
      status = found;
      statusIndex = index;
      // The bound device's id: the next word, in the status's text or the next one.
      const [id] = firstWord(firstWord(segment)[1] || (roleOf(index + 1) === undefined || roleOf(index + 1) === 'device' ? segments[index + 1] ?? '' : ''));
      if (DEVICE_ID.test(id)) deviceId = id;
      break;
    }
    // An activation code once «Показать код активации» has revealed it (upload/activation-code.ts).
    if (isActivationCode(segment) && !DEVICE_ID.test(segment)) activationCode = segment;
  }
  // A device in a column of its own, anywhere in the row: the one id the row holds outside its name.
  if (deviceId === undefined && status !== 'free') {
    const byColumn = roles?.includes('device');
    for (let index = from; index < segments.length && deviceId === undefined; index++) {
      const role = roleOf(index);
      if (index === kindIndex || (byColumn ? role !== 'device' : role !== undefined && role !== 'status')) continue;
      deviceId = deviceIdIn(segments[index]!);
    }
  }

  const { date, end } = roles ? datesByRole(segments, roles) : datesOf(segments);
  if (statusIndex < 0 && !end) return undefined;
  if (!date && !end) return undefined;

  const license: License = {
    kind,
    product,
    status,
    date: date ? dateOf(date) : 'unknown',
    subscriptionEnd: end ? dateOf(end) : 'unknown',
  };
  if (deviceId) license.deviceId = deviceId;
  if (activationCode) license.activationCode = activationCode;
  return { license, statusIndex };
}

/** A «Лицензия: Основная …» text: a label, then a kind word. */
const LABELLED_KIND = /^[^:\d]{1,40}: /;

/**
 * The product as the account names it: the list cuts a long name
 * («…Склад 15, РАСШИ...») and keeps the whole one in the title of the
 * element that shows it, where a mouse-over shows it too; a title that
 * begins as the cut name does is that name whole. Only cut names are looked
 * up, in their own row.
 */
function wholeProduct(row: Element, license: License): License {
  if (!CUT_NAME.test(license.product)) return license;
  const stem = license.product.replace(CUT_NAME, '');
  for (const titled of row.querySelectorAll('[title]')) {
    const title = normalise(titled.getAttribute('title') ?? '');
    if (title.length > stem.length && title.startsWith(stem)) return { ...license, product: title };
  }
  return license;
}

const licenseRows: RowKind<License, LicenseRow, LicenseColumn> = {
  isAnchor: (text) => isLicenseKind(text) || (LABELLED_KIND.test(text) && isLicenseKind(text.slice(text.indexOf(': ') + 2))),
  complete: (text) => DATE_SOMEWHERE.test(text) && (STATUS_SOMEWHERE.test(text) || UNTIL_SOMEWHERE.test(text)),
  read(texts, roles) {
    const read = readLicense(texts, roles);
    return read && { item: read.license, slotIndex: read.statusIndex };
  },
  // A status word run together with the device id («Активирована@…») is no status; a bound license names its device.
  trustsWholeTexts: (license) => license.status !== 'unknown' && (license.status === 'free' || license.deviceId !== undefined)
    && !SHOW_CODE_INSIDE.test(license.product),
  namesSlot: (text) => statusOf(text) !== undefined,
  headers: LICENSE_HEADERS,
  other: 'other',
  row: (element, license, findSlot) => new LicenseRow(element, wholeProduct(element, license), findSlot),
};

// ---------------------------------------------------------------------------
// A device row.

/**
 * Where a device row names its database type: after the id, a cell that is
 * only the type («Облачная база»), else the last text after the id holding a
 * connection word («Склад (облако)»). The name before the id and the
 * database's own name may hold such words too («Cloud POS 1», «Облачный склад»).
 */
function connectionIndexOf(segments: readonly string[], idIndex: number): number {
  let lastMention = -1;
  for (let index = segments.length - 1; index > idIndex; index--) {
    const segment = segments[index]!;
    if (CONNECTION_PHRASE.test(segment)) return index;
    if (lastMention < 0 && CONNECTION_IN_TEXT.test(segment)) lastMention = index;
  }
  return lastMention;
}

/** segments[from..to) that are neither dates nor the row's controls (nor in a column the headers call something else), joined by spaces. */
function joinUndated(segments: readonly string[], from: number, to: number, roles?: readonly (DeviceColumn | undefined)[]): string {
  let text = '';
  for (let index = from; index < to; index++) {
    const segment = segments[index]!;
    if (roles?.[index] !== undefined || DATE_TOKEN.test(segment) || ROW_CONTROL.test(segment)) continue;
    text = text ? `${text} ${segment}` : segment;
  }
  return text;
}

/** The texts the headers say hold `column`, joined by spaces. */
function joinColumn(segments: readonly string[], roles: readonly (DeviceColumn | undefined)[], column: DeviceColumn): string {
  let text = '';
  for (let index = 0; index < segments.length; index++) {
    if (roles[index] === column && !ROW_CONTROL.test(segments[index]!)) text = text ? `${text} ${segments[index]}` : segments[index]!;
  }
  return text;
}

/** A device id under a header that says so may be any one token: the rule (device-id.ts) is for finding ids where nothing says. */
const ID_UNDER_HEADER = /^@?[A-Z0-9][A-Z0-9_.:-]{5,}$/i;

/** Reads one device row's texts into a record, or undefined when it is not one. */
export function readDevice(segments: readonly string[], roles?: readonly (DeviceColumn | undefined)[]): { device: Device; idIndex: number } | undefined {
  const has = (column: DeviceColumn) => roles !== undefined && roles.includes(column);
  let idIndex = -1;
  let id: string | undefined;
  if (has('id')) {
    idIndex = roles!.indexOf('id');
    const text = segments[idIndex]!;
    id = deviceIdIn(text) ?? (ID_UNDER_HEADER.test(text) ? text : undefined);
  }
  if (id === undefined) {
    idIndex = segments.findIndex((segment, index) => (roles?.[index] === undefined || roles[index] === 'id') && DEVICE_ID_IN_TEXT.test(segment));
    if (idIndex < 0) return undefined;
    id = deviceIdIn(segments[idIndex]!)!;
  }

  let connectionIndex = -1;
  if (has('connection')) {
    connectionIndex = segments.findIndex((segment, index) => roles![index] === 'connection' && (CONNECTION_PHRASE.test(segment) || CONNECTION_IN_TEXT.test(segment)));
  }
  if (connectionIndex < 0) connectionIndex = roles ? segments.findIndex((segment, index) => roles[index] === undefined && CONNECTION_PHRASE.test(segment)) : -1;
  if (connectionIndex < 0) connectionIndex = connectionIndexOf(segments, idIndex);
  if (connectionIndex < 0) return undefined;
  const connectionSegment = segments[connectionIndex]!;
  const connectionWord = (CONNECTION_PHRASE.exec(connectionSegment) ?? CONNECTION_IN_TEXT.exec(connectionSegment))![1]!.toLowerCase();

  const name = has('name') ? joinColumn(segments, roles!, 'name') : joinUndated(segments, 0, idIndex, roles);
  // The database's name stands between the id and its type, or shares the type's cell («Склад (облако)»).
  const database = has('database') ? joinColumn(segments, roles!, 'database')
    : joinUndated(segments, idIndex + 1, connectionIndex, roles) || connectionSegment;
  let lastSeen: string | undefined;
  if (has('seen')) {
    for (let index = 0; index < segments.length && !lastSeen; index++) if (roles![index] === 'seen') lastSeen = DATE_TOKEN.exec(segments[index]!)?.[1];
  }
  for (let index = connectionIndex; index < segments.length && !lastSeen; index++) {
    if (roles?.[index] === undefined || roles[index] === 'connection') lastSeen = DATE_TOKEN.exec(segments[index]!)?.[1];
  }

  return {
    device: {
      id,
      name: name || id,
      database,
      connection: CONNECTION_WORDS[connectionWord]! satisfies DeviceConnection,
      lastSeen: lastSeen ? dateOf(lastSeen) : 'unknown',
    },
    idIndex,
  };
}

const deviceRows: RowKind<Device, DeviceRow, DeviceColumn> = {
  isAnchor: (text) => DEVICE_ID_IN_TEXT.test(text),
  complete(text) {
    // A device id and a database type, in any order: cells run together here, and an id may carry invisible characters.
    const plain = hasInvisible(text) ? withoutInvisible(text) : text;
    return DEVICE_ID_SOMEWHERE.test(plain) && CONNECTION_SOMEWHERE.test(plain);
  },
  read(texts, roles) {
    const read = readDevice(texts, roles);
    return read && { item: read.device, slotIndex: read.idIndex };
  },
  // An id or database type run together with a neighbour is not found, and the row is read node by node. A name run
  // together with a neighbour's text would not be noticed here: the run's first row, read both ways, shows whether the markup does that.
  trustsWholeTexts: () => true,
  namesSlot: (text) => DEVICE_ID_IN_TEXT.test(text),
  headers: DEVICE_HEADERS,
  other: 'other',
  row: (element, device, findSlot) => new DeviceRow(element, device, findSlot),
};

/** Every license row on the page (or in a fetched page), in page order, and how many rows it shows that could not be read. */
export function readLicenseList(root: ParentNode & Node): Promise<ListReading<LicenseRow>> {
  return readRows(root, licenseRows);
}

export function readDeviceList(root: ParentNode & Node): Promise<ListReading<DeviceRow>> {
  return readRows(root, deviceRows);
}

/** Every license row on the page (or in a fetched page), in page order. */
export async function readLicenseRows(root: ParentNode & Node): Promise<LicenseRow[]> {
  return (await readLicenseList(root)).rows;
}

/** Every device row on the page (or in a fetched page), in page order. */
export async function readDeviceRows(root: ParentNode & Node): Promise<DeviceRow[]> {
  return (await readDeviceList(root)).rows;
}

