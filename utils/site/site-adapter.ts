/**
 * Every assumption the extension makes about the Cleverence personal account
 * (личный кабинет) lives in this file: its words, its text shapes and the few
 * structural hints we lean on. Nobody outside Cleverence knows the account's
 * markup (see shared/domain/DOMAIN.md), so rows are recognised by what they
 * say — a kind word, a status word, a `dd.MM.yyyy` date, a device id — and
 * never by class names, which change without notice.
 *
 * Evidence: the help article "Что делать, если лицензия не отображается в
 * списке?" (cleverence.ru/support/357081), which reproduces a license row as
 * `☐ Основная Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ... Свободная 17.04.2019 До 17.04.2019 Продлить ...`.
 */
import { isActivationCode } from '../upload/activation-code';
import { parseAccountDate } from '../shared/dates';
import { createSlicer, ROWS_PER_CLOCK_LOOK } from '../shared/main-thread';
import type { AccountDate, Device, DeviceConnection, License, LicenseKind, LicenseStatus } from '../shared/records';

// ---------------------------------------------------------------------------
// The account's words, in its Russian UI and its English one.

/** The tab names, exactly as the account's navigation shows them. */
const TAB_NAMES = {
  licenses: ['Лицензии', 'Licenses'],
  devices: ['Устройства', 'Devices'],
} as const;
export type AccountTab = keyof typeof TAB_NAMES;

/** A row starts with its kind: «Основная …» or «Облачная ОБЛАКО …» (article). */
const KIND_WORDS: Record<string, LicenseKind> = {
  основная: 'main',
  облачная: 'cloud',
  main: 'main',
  cloud: 'cloud',
};

/** The three statuses the article names: свободная, активирована, истекла. */
const STATUS_WORDS: Record<string, Exclude<LicenseStatus, 'unknown'>> = {
  свободная: 'free',
  активирована: 'activated',
  истекла: 'expired',
  free: 'free',
  activated: 'activated',
  expired: 'expired',
};

/**
 * Looks up a (normalised) text's first word in one of the tables above,
 * whatever its case. It runs on every text of every row: a text that does not
 * start with one of the words is told by one regex test, taken apart only
 * when it does, and the usual spellings (as the table has it, Capitalised,
 * UPPER) need no lowercasing.
 */
function firstWordLookup<T>(table: Record<string, T>): { test(text: string): boolean; of(text: string): T | undefined } {
  const first = new RegExp(`^(?:${Object.keys(table).join('|')})(?= |$)`, 'i');
  const spellings = new Map<string, T>();
  for (const [word, value] of Object.entries(table)) {
    for (const spelling of [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]) spellings.set(spelling, value);
  }
  return {
    test: (text) => first.test(text),
    of(text) {
      if (!first.test(text)) return undefined;
      const space = text.indexOf(' ');
      const word = space < 0 ? text : text.slice(0, space);
      return spellings.get(word) ?? table[word.toLowerCase()];
    },
  };
}
const KIND_FIRST = firstWordLookup(KIND_WORDS);
const STATUS_FIRST = firstWordLookup(STATUS_WORDS);

/** The subscription end is written «До 17.04.2019» beside «Продлить». */
const SUBSCRIPTION_END = /(?:^|\s)(?:До|Until)\s+(\d{2}\.\d{2}\.\d{4})/i;

/** Any `dd.MM.yyyy`, possible or not (`31.02.2026` is read, then judged unknown). */
const DATE_TOKEN = /(?:^|[^\d.])(\d{2}\.\d{2}\.\d{4})(?![\d.])/;

/** Cloud rows offer this link; its words are never part of the product. */
const SHOW_CODE = /^(?:Показать код активации|Show activation code)$/i;
const SHOW_CODE_LENGTHS = new Set(['Показать код активации', 'Show activation code'].map((words) => words.length));
/** The link's words at the end of a text that also holds the product (one text node, or one cell read as one). */
const SHOW_CODE_AFTER = / (?:Показать код активации|Show activation code)$/i;

/**
 * Device ids as the account shows them after a status word and on the
 * Устройства tab: Windows devices `WIN-H-<hex>` and Android ones
 * `@MAKER-MODEL-…` (article: `WIN-H-4A5F39F0…`, `@XIAOMI-M2010J19SY-O-AXI15A6…`).
 */
const DEVICE_ID = /^(?:WIN-[A-Z]-[0-9A-F]{8,}|@[A-Z0-9]+(?:-[A-Z0-9]+)+)$/i;
const DEVICE_ID_IN_TEXT = /(?:^|\s)(WIN-[A-Z]-[0-9A-F]{8,}|@[A-Z0-9]+(?:-[A-Z0-9]+)+)(?=\s|$)/i;


/** The Устройства tab names each device's database type. */
const CONNECTION_WORDS: Record<string, DeviceConnection> = {
  облачная: 'cloud',
  облачный: 'cloud',
  облако: 'cloud',
  локальная: 'local',
  локальный: 'local',
  cloud: 'cloud',
  local: 'local',
};
const CONNECTION_IN_TEXT = /(?:^|[\s(])(облачная|облачный|облако|локальная|локальный|cloud|local)(?=[\s).,]|$)/i;
/**
 * A cell that is nothing but the database type: «Облачная база», «Локальная
 * база», "Cloud database", or the bare word. A device's or database's own
 * name may hold a connection word too («Облачный склад», "Cloud POS 1").
 */
const CONNECTION_PHRASE = /^\(?(облачная|облачный|облако|локальная|локальный|cloud|local)(?:\s+(?:база(?:\s+данных)?|бд|database|db))?\)?$/i;

/** Page-size links offer «Все» / «All»; plain numbers are sizes too. */
const ALL_SIZES = /^(?:Все|All)$/i;

/** Who is logged in: the header shows the account's e-mail. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

// ---------------------------------------------------------------------------
// Recognising the page.

/** Whitespace other than single plain spaces between words (`\s` covers no-break and thin spaces too). */
const COLLAPSIBLE = /\s\s|[^\S ]/;
const WHITESPACE_RUN = /\s+/g;

/** A text trimmed, each run of whitespace as one space: the account pads cells with no-break and thin spaces. */
function normalise(text: string): string {
  const trimmed = text.trim();
  // Most texts have nothing to collapse; they are read without a regex replace (10,000 rows hold ~100,000 texts).
  return COLLAPSIBLE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

function firstWord(text: string): [word: string, rest: string] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

/** No tab name is longer; a longer text (a row's link, a sentence) is not read further. */
const TAB_TEXT_MAX = 40;
const TAB_COUNT = Object.keys(TAB_NAMES).length;

function mayBeTabLink(element: Element): boolean {
  const name = element.localName;
  return name === 'a' || name === 'button' || element.getAttribute('role') === 'tab';
}

/**
 * The account's tab links («Лицензии», «Устройства»): the first link, button
 * or ARIA tab whose whole text is each tab name. Elements are visited in page
 * order and the search ends once both are found: the navigation comes before
 * the list, so a 10,000-row page's own 25,000 links and buttons are never
 * gathered.
 */
function tabLinks(doc: Document): Map<AccountTab, HTMLElement> {
  const found = new Map<AccountTab, HTMLElement>();
  if (!doc.documentElement) return found;
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_ELEMENT);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    const element = node as HTMLElement;
    if (!mayBeTabLink(element)) continue;
    const raw = element.textContent ?? '';
    if (raw.length > TAB_TEXT_MAX && raw.trim().length > TAB_TEXT_MAX) continue;
    const text = normalise(raw);
    for (const tab of Object.keys(TAB_NAMES) as AccountTab[]) {
      if (!found.has(tab) && (TAB_NAMES[tab] as readonly string[]).includes(text)) found.set(tab, element);
    }
    if (found.size === TAB_COUNT) break;
  }
  return found;
}

function isCurrentTab(link: HTMLElement, location: URL): boolean {
  if (link.getAttribute('aria-current') === 'page' || link.getAttribute('aria-selected') === 'true') return true;
  const href = link.getAttribute('href');
  if (!href || href.startsWith('#') && href.length === 1) return false;
  const target = new URL(href, location);
  return target.origin === location.origin && target.pathname === location.pathname;
}

/**
 * Which account tab this page is, or undefined when it is not the account.
 * Both tab names must stand as navigation (the vendor's articles mention
 * «Лицензии» only inside sentences, and its shop has no «Устройства»), and one
 * of them must be the current page.
 */
export function recogniseAccountTab(doc: Document, location: URL): AccountTab | undefined {
  const links = tabLinks(doc);
  const licenses = links.get('licenses');
  const devices = links.get('devices');
  if (!licenses || !devices) return undefined;
  // Both tabs in one navigation: their nearest shared ancestor is close to them.
  if (!sharesNavigation(licenses, devices)) return undefined;
  if (isCurrentTab(licenses, location)) return 'licenses';
  if (isCurrentTab(devices, location)) return 'devices';
  return undefined;
}

function sharesNavigation(a: Element, b: Element): boolean {
  let ancestor: Element | null = a.parentElement;
  for (let depth = 0; ancestor && depth < 4; depth++, ancestor = ancestor.parentElement) {
    if (ancestor.contains(b)) return true;
  }
  return false;
}

/** Where the other tab lives (from its navigation link), to fetch its list. */
export function tabUrl(doc: Document, tab: AccountTab, location: URL): URL | undefined {
  const link = tabLinks(doc).get(tab);
  return link && sameOriginTarget(link, location);
}

/** Where a link leads, when it leads to a page of this site (not to `#`, a script or another site). */
function sameOriginTarget(link: Element, location: URL): URL | undefined {
  const href = link.getAttribute('href');
  if (!href || href.startsWith('#') || href.startsWith('javascript:')) return undefined;
  const url = new URL(href, location);
  return url.origin === location.origin ? url : undefined;
}

/** The first link under `root` whose whole text matches `words` and that leads to a page of this site. */
function linkSaying(root: ParentNode, words: RegExp, location: URL): URL | undefined {
  for (const link of root.querySelectorAll('a[href]')) {
    if (!words.test(normalise(link.textContent ?? ''))) continue;
    const url = sameOriginTarget(link, location);
    if (url) return url;
  }
  return undefined;
}

/** Who is logged in, as the account's header shows it (an e-mail), or '' when it shows none. */
export function accountLogin(doc: Document): string {
  const header = doc.querySelector('header') ?? doc.body;
  return (header && EMAIL.exec(header.textContent ?? '')?.[0]?.toLowerCase()) || '';
}

// ---------------------------------------------------------------------------
// Finding rows: each starts from a text that only a row has (a kind word, a
// device id) and grows to the smallest element that also holds the rest of a
// row (a date and a status, a database type). The rows beside it, siblings of
// the same tag, are then read directly: a 10,000-row list is walked once.

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

/** A row's texts, cell by cell (each text node normalised, empty ones left out), in reading order, with their nodes. */
interface Segments {
  texts: string[];
  nodes: Text[];
}

/** A row says a few dozen things at most; an element saying more is a whole list, and is not read through. */
const ROW_TEXTS_MAX = 200;

/**
 * The row's texts in one walk; the nodes say where a marker goes without
 * walking again. Script and style texts are left out (`mayHoldCode` false:
 * the caller knows the row has none). Undefined when there are too many to
 * be one row.
 */
function rowSegments(row: Element, mayHoldCode: boolean): Segments | undefined {
  const texts: string[] = [];
  const nodes: Text[] = [];
  const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = normalise((node as Text).data);
    if (!text) continue;
    if (texts.length === ROW_TEXTS_MAX) return undefined;
    if (mayHoldCode) {
      const parent = node.parentElement;
      if (parent && (parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE')) continue;
    }
    texts.push(text);
    nodes.push(node as Text);
  }
  return { texts, nodes };
}

/** Texts that are not the page's words; a run of rows without them is walked without asking each text's parent. */
const CODE = 'script, style';

/** Where a row's marker goes, found when asked: beside the text it names, else in the row itself. */
function slotFinder(node: Text | undefined, row: HTMLElement): () => HTMLElement {
  return () => node?.parentElement ?? row;
}

/**
 * A row's texts cell by cell: each child element's whole text as one. From
 * the isolated world this costs about half of visiting every text node,
 * but texts the markup does not part with a space run together
 * («Активирована@HONEYWELL-…»), so it is only used where it reads the same
 * (see readRows). Text directly in the row, outside its cells, is not read.
 */
function cellTexts(row: Element): { texts: string[]; cells: Element[] } {
  const texts: string[] = [];
  const cells: Element[] = [];
  for (let cell = row.firstElementChild; cell; cell = cell.nextElementSibling) {
    const text = normalise(cell.textContent ?? '');
    if (!text) continue;
    texts.push(text);
    cells.push(cell);
  }
  return { texts, cells };
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

/** An element's texts read as exactly one row: two kind words or ids mean it holds more than one. */
function readOne<Item>(kind: RowKind<Item, PageRow>, texts: readonly string[]): RowReading<Item> | undefined {
  return countUpTo(texts, kind.isAnchor, 1) === 1 ? kind.read(texts) : undefined;
}

/** The row read text node by text node: what the reading means, and where its marker goes. */
function rowOf<Item, Row extends PageRow>(kind: RowKind<Item, Row>, element: Element, { texts, nodes }: Segments): Row | undefined {
  const reading = kind.read(texts);
  return reading && kind.row(element as HTMLElement, reading.item, slotFinder(nodes[reading.slotIndex], element as HTMLElement));
}

/**
 * Where the marker of a row read from whole texts goes: beside the first
 * text in `cell` that names the status (or id), which is the one a
 * node-by-node reading finds; without such a cell (or text), where a
 * node-by-node reading of the row puts it.
 */
function slotOf<Item>(kind: RowKind<Item, PageRow>, row: HTMLElement, cell: Element | undefined): HTMLElement {
  if (cell) {
    const walker = row.ownerDocument.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (kind.namesSlot(normalise((node as Text).data))) return node.parentElement ?? row;
    }
  }
  const segments = rowSegments(row, true);
  const walked = segments && kind.read(segments.texts);
  return (walked && segments.nodes[walked.slotIndex]?.parentElement) ?? row;
}

/** The cell holding a reading's slot text, unless it holds the kind word too (then the row is walked: see slotOf). */
function slotCell(kind: RowKind<unknown, PageRow>, texts: readonly string[], cells: readonly Element[], slotIndex: number): Element | undefined {
  return kind.isAnchor(texts[slotIndex] ?? '') ? undefined : cells[slotIndex];
}

/** Whole texts (cells, lines) read as exactly one row that shows no sign of texts run together. */
function readTrusted<Item>(kind: RowKind<Item, PageRow>, texts: readonly string[]): RowReading<Item> | undefined {
  const reading = readOne(kind, texts);
  return reading && kind.trustsWholeTexts(reading.item) ? reading : undefined;
}

/** The row read cell by cell, when that reading can be trusted; its marker's place is found only if asked. */
function rowByCells<Item, Row extends PageRow>(kind: RowKind<Item, Row>, element: Element): Row | undefined {
  const { texts, cells } = cellTexts(element);
  const reading = readTrusted(kind, texts);
  if (!reading) return undefined;
  const row = element as HTMLElement;
  // Worked out now, so that the finder holds on to one cell, not to the row's texts (10,000 rows' worth, until marked).
  const cell = slotCell(kind, texts, cells, reading.slotIndex);
  return kind.row(row, reading.item, () => slotOf(kind, row, cell));
}

/** The row read line by line, when it makes as many lines as the run's first row and the reading can be trusted. */
function rowByLines<Item, Row extends PageRow>(kind: RowKind<Item, Row>, element: Element, lines: number): Row | undefined {
  const read = lineTexts(element);
  if (read.lines !== lines) return undefined;
  const reading = readTrusted(kind, read.texts);
  if (!reading) return undefined;
  const row = element as HTMLElement;
  return kind.row(row, reading.item, () => {
    const { texts, cells } = cellTexts(row);
    const byCells = readOne(kind, texts);
    return slotOf(kind, row, byCells && slotCell(kind, texts, cells, byCells.slotIndex));
  });
}

/**
 * How the rows beside a run's first row are read: line by line, or cell by
 * cell, when the first row reads the same that way as node by node (so do
 * the rows beside it, made from the same markup); undefined: node by node.
 */
function siblingReader<Item, Row extends PageRow>(
  kind: RowKind<Item, Row>, element: Element, segments: Segments,
): ((sibling: Element) => Row | undefined) | undefined {
  const byNodes = kind.read(segments.texts);
  if (!byNodes) return undefined;
  const same = (texts: readonly string[]) => {
    const reading = readTrusted(kind, texts);
    return reading !== undefined && JSON.stringify(reading.item) === JSON.stringify(byNodes.item);
  };
  const { texts, lines } = lineTexts(element);
  if (same(texts)) return (sibling) => rowByLines(kind, sibling, lines);
  if (same(cellTexts(element).texts)) return (sibling) => rowByCells(kind, sibling);
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

/**
 * The row around an anchor text: the smallest element, at most a few levels
 * up, whose text holds the whole of a row and reads as exactly one.
 */
function rowAt<Item, Row extends PageRow>(anchor: Text, kind: RowKind<Item, Row>, verdicts: Verdicts): { row: Row; segments: Segments } | undefined {
  let element = anchor.parentElement;
  for (let depth = 0; element && depth < 8; depth++, element = element.parentElement) {
    if (element === element.ownerDocument.body) return undefined;
    const verdict = verdicts.get(element);
    if (verdict === 'rejected') return undefined;
    if (verdict === 'incomplete') continue;
    // A whole list (its 10,000 rows as children) is not made into one text to learn that it is no row.
    if (element.childElementCount > ROW_TEXTS_MAX) {
      verdicts.set(element, 'rejected');
      return undefined;
    }
    if (kind.complete(element.textContent ?? '')) {
      const segments = rowSegments(element, true);
      // Two kind words or ids: we grew past the row.
      if (!segments || countUpTo(segments.texts, kind.isAnchor, 1) !== 1) {
        verdicts.set(element, 'rejected');
        return undefined;
      }
      const row = rowOf(kind, element, segments);
      if (row !== undefined) return { row, segments };
    }
    verdicts.set(element, 'incomplete');
  }
  return undefined;
}

function isLicenseKind(text: string): boolean {
  return KIND_FIRST.test(text);
}

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

function licenseKindOf(text: string): LicenseKind | undefined {
  return KIND_FIRST.of(text);
}

function statusOf(text: string): Exclude<LicenseStatus, 'unknown'> | undefined {
  return STATUS_FIRST.of(text);
}

/** How many of the texts satisfy `test`, counting no further than `most` + 1. */
function countUpTo(texts: readonly string[], test: (text: string) => unknown, most: number): number {
  let count = 0;
  for (const text of texts) if (test(text) && ++count > most) break;
  return count;
}

const isShowCode = (text: string) => SHOW_CODE_LENGTHS.has(text.length) && SHOW_CODE.test(text);

/** «До» ending a text: its date may stand in the next text. */
const ENDS_WITH_UNTIL = /(?:^|\s)(?:До|Until)$/i;

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
    end = SUBSCRIPTION_END.exec(segment);
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
  const end = SUBSCRIPTION_END.exec(text);
  // The row's own date is the first date that is not the «До …» one.
  const date = DATE_TOKEN.exec(end ? text.replace(end[0], ' ') : text)?.[1];
  return { date, end: end?.[1] };
}

/**
 * Reads one license row's texts into a record, or undefined when it is not
 * one. A row has a kind word, a date, and a status word or a «До» date: a
 * device row's «Облачная база» starts with a kind word too, and has neither.
 */
export function readLicense(segments: readonly string[]): { license: License; statusIndex: number } | undefined {
  const kindIndex = segments.findIndex(isLicenseKind);
  if (kindIndex < 0) return undefined;
  const kindSegment = segments[kindIndex]!;
  const kind = licenseKindOf(kindSegment)!;
  let product = firstWord(kindSegment)[1];
  let next = kindIndex + 1;
  if (!product && next < segments.length && !statusOf(segments[next]!)) product = segments[next++]!;
  // The product's cell may run on into the link's words or into the code they revealed.
  if (SHOW_CODE_AFTER.test(product)) product = product.replace(SHOW_CODE_AFTER, '');
  let activationCode: string | undefined;
  const lastSpace = product.lastIndexOf(' ');
  const lastWord = product.slice(lastSpace + 1);
  if (lastSpace > 0 && isActivationCode(lastWord) && !DEVICE_ID.test(lastWord)) {
    activationCode = lastWord;
    product = product.slice(0, lastSpace);
  }

  let status: LicenseStatus = 'unknown';
  let deviceId: string | undefined;
  let statusIndex = -1;
  for (let index = next; index < segments.length; index++) {
    const segment = segments[index]!;
    const found = statusOf(segment);
    if (found) {
      status = found;
      statusIndex = index;
      // The bound device's id: the next word, in the status's text or the next one.
      const [id] = firstWord(firstWord(segment)[1] || segments[index + 1] || '');
      if (DEVICE_ID.test(id)) deviceId = id;
      break;
    }
    // An activation code once «Показать код активации» has revealed it (utils/upload/activation-code.ts).
    if (isActivationCode(segment) && !DEVICE_ID.test(segment)) activationCode = segment;
  }

  const { date, end } = datesOf(segments);
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

/** Reads one device row's texts into a record, or undefined when it is not one. */
export function readDevice(segments: readonly string[]): Device | undefined {
  const idIndex = segments.findIndex((segment) => DEVICE_ID_IN_TEXT.test(segment));
  if (idIndex < 0) return undefined;
  const id = DEVICE_ID_IN_TEXT.exec(segments[idIndex]!)![1]!;
  const connectionIndex = connectionIndexOf(segments, idIndex);
  if (connectionIndex < 0) return undefined;
  const connectionSegment = segments[connectionIndex]!;
  const connectionWord = (CONNECTION_PHRASE.exec(connectionSegment) ?? CONNECTION_IN_TEXT.exec(connectionSegment))![1]!.toLowerCase();

  const name = joinUndated(segments, 0, idIndex);
  // The database's name stands between the id and its type, or shares the type's cell («Склад (облако)»).
  const database = joinUndated(segments, idIndex + 1, connectionIndex) || connectionSegment;
  let lastSeen: string | undefined;
  for (let index = connectionIndex; index < segments.length && !lastSeen; index++) lastSeen = DATE_TOKEN.exec(segments[index]!)?.[1];

  return {
    id,
    name: name || id,
    database,
    connection: CONNECTION_WORDS[connectionWord]!,
    lastSeen: lastSeen ? dateOf(lastSeen) : 'unknown',
  };
}

/** segments[from..to) without the ones holding a date, joined by spaces. */
function joinUndated(segments: readonly string[], from: number, to: number): string {
  let text = '';
  for (let index = from; index < to; index++) {
    const segment = segments[index]!;
    if (!DATE_TOKEN.test(segment)) text = text ? `${text} ${segment}` : segment;
  }
  return text;
}

/** The last node inside an element, in document order: a walker set there goes on past the element. */
function lastDescendant(node: Node): Node {
  while (node.lastChild) node = node.lastChild;
  return node;
}

/*
 * Whether an element's whole text may hold a whole row: a row grows until it
 * does. textContent runs cells together («Свободная17.04.2019», "Shop 1Local
 * database"), so these look for words without their boundaries; they only
 * tell where to try reading, and the reading (text node by text node) decides.
 */
const DATE_SOMEWHERE = /\d{2}\.\d{2}\.\d{4}/;
const STATUS_SOMEWHERE = new RegExp(Object.keys(STATUS_WORDS).join('|'), 'i');
const SUBSCRIPTION_END_SOMEWHERE = /(?:До|Until)\s*\d{2}\.\d{2}\.\d{4}/i;
const DEVICE_ID_SOMEWHERE = /WIN-[A-Z]-[0-9A-F]{8}|@[A-Z0-9]+-[A-Z0-9]/i;
const CONNECTION_SOMEWHERE = new RegExp(Object.keys(CONNECTION_WORDS).join('|'), 'i');

/** A row's record, and which of its texts holds the word its marker goes beside. */
interface RowReading<Item> {
  item: Item;
  slotIndex: number;
}

/** How one kind of row is found and read. */
interface RowKind<Item, Row extends PageRow> {
  /** A text (normalised) that only this kind of row has, once. */
  isAnchor(text: string): boolean;
  /** Whether an element's whole text (textContent, cells run together) may hold the whole of a row. */
  complete(text: string): boolean;
  /** A row's texts (one anchor among them) read as its record, or undefined. */
  read(texts: readonly string[]): RowReading<Item> | undefined;
  /**
   * Whether a record read from whole texts (cells, lines) shows no sign of
   * texts run together: a row that fails this is read node by node.
   */
  trustsWholeTexts(item: Item): boolean;
  /** Whether a text is the one the marker goes beside (the status word, the id). */
  namesSlot(text: string): boolean;
  /** The row as the page shows it: its element, its record, and how to find where its marker goes. */
  row(element: HTMLElement, item: Item, findSlot: () => HTMLElement): Row;
}

/**
 * Walks the page's text once. At each anchor text it grows the row around
 * it, reads it, and then reads the row's following siblings of the same tag
 * directly (each must read as exactly one row; the first that does not ends
 * the run), and moves the walk past them, so their texts are not visited
 * again. When the run's first row reads the same line by line or cell by
 * cell, its siblings are read so (see siblingReader), each one that does
 * not read as a trusted row that way being read node by node. Page order is
 * kept. A 10,000-row page is read in slices, never one long task.
 */
async function readRows<Item, Row extends PageRow>(root: ParentNode & Node, kind: RowKind<Item, Row>): Promise<Row[]> {
  const rows: Row[] = [];
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const verdicts: Verdicts = new Map();
  const slice = createSlicer({ every: ROWS_PER_CLOCK_LOOK });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const pause = slice();
    if (pause) await pause;
    const text = normalise((node as Text).data);
    if (!text || !kind.isAnchor(text)) continue;
    const found = rowAt(node as Text, kind, verdicts);
    if (found === undefined) continue;
    const { row } = found;
    rows.push(row);
    const { element } = row;
    let last: Element = element;
    // Siblings of a row inside the page (or fetched page) read are very likely the other rows.
    const parent = element.parentElement;
    if (parent && element !== root && root.contains(element)) {
      const mayHoldCode = parent.querySelector(CODE) !== null;
      // A script's text would be a cell's text too.
      const readSibling = mayHoldCode ? undefined : siblingReader(kind, element, found.segments);
      for (let sibling = element.nextElementSibling; sibling && sibling.tagName === element.tagName; sibling = sibling.nextElementSibling) {
        let next = readSibling?.(sibling);
        if (next === undefined) {
          const segments = rowSegments(sibling, mayHoldCode);
          next = segments && countUpTo(segments.texts, kind.isAnchor, 1) === 1 ? rowOf(kind, sibling, segments) : undefined;
        }
        if (next === undefined) break;
        rows.push(next);
        last = sibling;
        const rest = slice();
        if (rest) await rest;
      }
    }
    walker.currentNode = lastDescendant(last);
  }
  return rows;
}

/** The link's words inside a product read from whole texts: they ran together with it. */
const SHOW_CODE_INSIDE = /Показать код активации|Show activation code/i;

const licenseRows: RowKind<License, LicenseRow> = {
  isAnchor: isLicenseKind,
  complete: (text) => DATE_SOMEWHERE.test(text) && (STATUS_SOMEWHERE.test(text) || SUBSCRIPTION_END_SOMEWHERE.test(text)),
  read(texts) {
    const read = readLicense(texts);
    return read && { item: read.license, slotIndex: read.statusIndex };
  },
  // A status word run together with the device id («Активирована@…») is no status; a bound license names its device.
  trustsWholeTexts: (license) => license.status !== 'unknown' && (license.status === 'free' || license.deviceId !== undefined)
    && !SHOW_CODE_INSIDE.test(license.product),
  namesSlot: (text) => statusOf(text) !== undefined,
  row: (element, license, findSlot) => new LicenseRow(element, license, findSlot),
};

const deviceRows: RowKind<Device, DeviceRow> = {
  isAnchor: (text) => DEVICE_ID_IN_TEXT.test(text),
  complete(text) {
    // A database type after the (first) id: a device's name may hold a connection word too.
    const id = DEVICE_ID_SOMEWHERE.exec(text);
    return id !== null && CONNECTION_SOMEWHERE.test(text.slice(id.index + id[0].length));
  },
  read(texts) {
    const device = readDevice(texts);
    return device && { item: device, slotIndex: texts.findIndex((text) => DEVICE_ID_IN_TEXT.test(text)) };
  },
  // An id or database type run together with a neighbour is not found, and the row is read node by node. A name run
  // together with a neighbour's text would not be noticed here: the run's first row, read both ways, shows whether the markup does that.
  trustsWholeTexts: () => true,
  namesSlot: (text) => DEVICE_ID_IN_TEXT.test(text),
  row: (element, device, findSlot) => new DeviceRow(element, device, findSlot),
};

/** Every license row on the page (or in a fetched page), in page order. */
export function readLicenseRows(root: ParentNode & Node): Promise<LicenseRow[]> {
  return readRows(root, licenseRows);
}

/** Every device row on the page (or in a fetched page), in page order. */
export function readDeviceRows(root: ParentNode & Node): Promise<DeviceRow[]> {
  return readRows(root, deviceRows);
}

/**
 * Whether the page shows a list we could not read: table body rows, ARIA
 * rows or row checkboxes (every license row has one, per the article) with
 * none of them recognised. An empty page has none of these; a client-rendered
 * page before its rows arrive has none either, and is waited for.
 */
export function showsRowsWeCannotRead(doc: Document): boolean {
  return doc.querySelector('tbody tr, [role="row"], input[type="checkbox"]') !== null;
}

// ---------------------------------------------------------------------------
// Fetching a whole list: the other tab's rows come from its own pages.

/** The list's query parameters: `?page=N` and `?size=20|50|100|all`. */
const PAGE_PARAM = /^(?:page|p|pagenum|page_?number)$/i;
const SIZE_PARAM = /size|limit|per/i;
const PAGE_NUMBER = /^\d+$/;
/** A pager's or page-size link's text is short: a number or «Все». */
const PAGER_TEXT_MAX = 20;

/**
 * All the pages of a list, from its first page: the «Все» / "All" page size
 * when it is offered (one request), else every page up to the highest page
 * number linked (pagination may elide the middle: «1 2 3 … 100»).
 */
export function listPageUrls(doc: Document, first: URL): URL[] {
  let pageKey: string | undefined;
  let lastPage = 1;
  // In page order, one link at a time (document.links is live: nothing is gathered up front), and only a
  // number or «Все» is parsed as a URL: not the rows' own 10,000 «Продлить». The page-size links come before
  // the list, so with «Все» offered the rows' links are never reached.
  const links = doc.links;
  for (let index = 0, link = links.item(0); link; link = links.item(++index)) {
    if (link.localName !== 'a') continue;
    const raw = link.textContent ?? '';
    if (raw.length > PAGER_TEXT_MAX && raw.trim().length > PAGER_TEXT_MAX) continue;
    const text = normalise(raw);
    const all = ALL_SIZES.test(text);
    if (!all && !PAGE_NUMBER.test(text)) continue;
    let url: URL;
    try {
      url = new URL(link.getAttribute('href')!, first);
    } catch {
      continue;
    }
    if (url.origin !== first.origin || url.pathname !== first.pathname) continue;

    if (all) {
      const sizeKey = [...url.searchParams.keys()].find((key) => SIZE_PARAM.test(key));
      if (sizeKey) return url.searchParams.get(sizeKey) === first.searchParams.get(sizeKey) ? [first] : [url];
      continue;
    }
    const key = [...url.searchParams.keys()].find((name) => PAGE_PARAM.test(name) && url.searchParams.get(name) === text);
    if (!key) continue;
    pageKey = key;
    lastPage = Math.max(lastPage, Number(text));
  }
  if (!pageKey) return [first];
  const pages: URL[] = [];
  for (let page = 1; page <= lastPage; page++) {
    const url = new URL(first);
    url.searchParams.set(pageKey, String(page));
    pages.push(url);
  }
  return pages;
}

// ---------------------------------------------------------------------------
// «Загрузить лицензии»: the upload page's two forms and the site's answers.

/** The Лицензии tab's link to the upload page (article: «Загрузить лицензии»). */
const UPLOAD_LINK = /^(?:Загрузить лицензии|Upload licenses)$/i;

/** A code field says what it takes: «Код активации» / "Activation code" in its label, name or placeholder. */
const CODE_FIELD_HINT = /код|code|XXXXX/i;

/**
 * The site's answer to one code or file, by its words. Refusals first: «не
 * найден», «неверный формат», «не удалось прочитать», «это не файл лицензии»
 * contain no word of success, but a refusal may still mention adding. Then
 * "already in the account" (a refusal the preview learns from), then success.
 */
const ANSWER_REFUSED = /не найден|неверн|не удалось|не является|это не файл|ошибк|не (?:был[аио]? )?(?:добавлен|загружен)|not found|invalid|could not|not a license|error|not (?:been )?(?:added|uploaded)/i;
const ANSWER_PRESENT = /уже (?:есть|добавлен|загружен)|already/i;
const ANSWER_ADDED = /добавлен|загружен|added|uploaded/i;

/** Answers are short sentences; a longer text is a block holding several. */
const ANSWER_TEXT_MAX = 400;

const PASSWORD_FIELD = 'input[type="password"]';

/** A log-in form where an account page should be: the session ended. */
export function isLogInPage(doc: Document): boolean {
  return doc.querySelector(PASSWORD_FIELD) !== null;
}

/** Where «Загрузить лицензии» leads from this page; this page itself when it holds the upload forms. */
export function uploadPageUrl(doc: Document, location: URL): URL | undefined {
  if (uploadForm(doc, 'code') || uploadForm(doc, 'file')) return location;
  return linkSaying(doc, UPLOAD_LINK, location);
}

export interface UploadForm {
  form: HTMLFormElement;
  field: HTMLInputElement;
}

/**
 * The form of one way in: «Добавить код активации» is a form with one text
 * field for the code; «Загрузить файлы защиты» a form with a file field. The
 * article shows both on one page, each opened by its link (hidden until then,
 * which does not matter to a form's fields).
 */
export function uploadForm(doc: Document, way: 'code' | 'file'): UploadForm | undefined {
  for (const form of doc.forms) {
    if (isLoginForm(form)) continue;
    const inputs = [...form.querySelectorAll('input')];
    const file = inputs.find((input) => input.type === 'file');
    if (way === 'file') {
      if (file) return { form, field: file };
      continue;
    }
    if (file) continue;
    const text = inputs.filter((input) => input.type === 'text' || input.type === 'search');
    const field = text.find((input) => CODE_FIELD_HINT.test(`${input.name} ${input.placeholder} ${input.labels?.[0]?.textContent ?? ''}`))
      ?? (text.length === 1 ? text[0] : undefined);
    if (field) return { form, field };
  }
  return undefined;
}

function isLoginForm(form: HTMLFormElement): boolean {
  return form.querySelector(PASSWORD_FIELD) !== null;
}

/** Characters a code or a file name is made of: the item named must not be part of a longer one (`a.xml` in `data.xml`). */
const NAME_CHARACTER = /[\p{L}\p{N}_.-]/u;

/** Where `wanted` stands in `text` as a whole name, not inside a longer one; -1 when it does not. */
function nameAt(text: string, wanted: string): number {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    const before = at > 0 ? lower[at - 1]! : '';
    const after = lower.slice(at + wanted.length, at + wanted.length + 2);
    // A full stop right after the name ends the sentence, unless more of a name follows it.
    const continues = after !== '' && NAME_CHARACTER.test(after[0]!) && !(after[0] === '.' && !NAME_CHARACTER.test(after[1] ?? ' '));
    if (!(before && NAME_CHARACTER.test(before)) && !continues) return at;
  }
  return -1;
}

/** An element's text with a space between its text nodes: a table row's cells are not run together. */
function spacedText(element: Node): string {
  const walker = element.ownerDocument!.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? '');
  return normalise(parts.join(' '));
}

type UploadAnswerRead = { kind: 'added' | 'rejected'; message: string; present?: boolean };

/** What a text says of the item, its own name taken out first (a file may be called `error-fixed.xml`). */
function verdictOf(text: string, at: number, length: number): Omit<UploadAnswerRead, 'message'> | undefined {
  const said = `${text.slice(0, at)} ${text.slice(at + length)}`;
  if (ANSWER_REFUSED.test(said)) return { kind: 'rejected' };
  if (ANSWER_PRESENT.test(said)) return { kind: 'rejected', present: true };
  if (ANSWER_ADDED.test(said)) return { kind: 'added' };
  return undefined;
}

/**
 * The site's answer about one item on the page it sent back: the shortest
 * text that names the item (its code, or its file's name) and says what
 * became of it — a sentence, a list item, or a results table's row. Forms are
 * not read (a field may repeat the code). Undefined when the page names it
 * nowhere, or in words we do not know: the item's fate is then unknown, and it
 * is looked up in the list.
 */
export function readUploadAnswer(doc: Document, item: string): UploadAnswerRead | undefined {
  const wanted = item.trim().toLowerCase();
  if (!wanted || !doc.body) return undefined;
  let best: UploadAnswerRead | undefined;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => ((node as Element).closest('form, script, style, template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = node.textContent ?? '';
    if (raw.length > ANSWER_TEXT_MAX || (best && raw.length >= best.message.length)) continue;
    const text = spacedText(node);
    const at = nameAt(text, wanted);
    if (at < 0) continue;
    const verdict = verdictOf(text, at, wanted.length);
    if (verdict && (!best || text.length < best.message.length)) best = { ...verdict, message: text };
  }
  return best;
}

/** A row's «Показать код активации» link, when it leads to a page (not only to a script). */
export function codeLinkOf(row: Element, location: URL): URL | undefined {
  return linkSaying(row, SHOW_CODE, location);
}

/** Letters, digits and dashes: a code stands between spaces, quotes, brackets, a colon or a full stop. */
const CODE_TOKEN = /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g;

/** The activation code a «Показать код активации» page shows: the first code-shaped text on it. */
export function activationCodeOnPage(doc: Document): string | undefined {
  if (!doc.body) return undefined;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const [token] of (node.nodeValue ?? '').matchAll(CODE_TOKEN)) if (isActivationCode(token)) return token;
  }
  return undefined;
}
