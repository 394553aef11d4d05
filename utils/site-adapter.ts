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
import { parseAccountDate } from './dates';
import { createSlicer } from './main-thread';
import type { Device, DeviceConnection, License, LicenseKind, LicenseStatus } from './records';

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

/** The subscription end is written «До 17.04.2019» beside «Продлить». */
const SUBSCRIPTION_END = /(?:^|\s)(?:До|Until)\s+(\d{2}\.\d{2}\.\d{4})/i;

/** Any `dd.MM.yyyy`, possible or not (`31.02.2026` is read, then judged unknown). */
const DATE_TOKEN = /(?:^|[^\d.])(\d{2}\.\d{2}\.\d{4})(?![\d.])/;

/** Cloud rows offer this link; its words are never part of the product. */
const SHOW_CODE = /^(?:Показать код активации|Show activation code)$/i;

/**
 * Device ids as the account shows them after a status word and on the
 * Устройства tab: Windows devices `WIN-H-<hex>` and Android ones
 * `@MAKER-MODEL-…` (article: `WIN-H-4A5F39F0…`, `@XIAOMI-M2010J19SY-O-AXI15A6…`).
 */
const DEVICE_ID = /^(?:WIN-[A-Z]-[0-9A-F]{8,}|@[A-Z0-9]+(?:-[A-Z0-9]+)+)$/i;
const DEVICE_ID_IN_TEXT = /(?:^|\s)(WIN-[A-Z]-[0-9A-F]{8,}|@[A-Z0-9]+(?:-[A-Z0-9]+)+)(?=\s|$)/i;

/**
 * An activation code once «Показать код активации» has revealed it. Its exact
 * form is not public; codes seen are groups of letters and digits joined by
 * dashes, which no device id or product name looks like.
 */
const ACTIVATION_CODE = /^[A-Z0-9]{4,}(?:-[A-Z0-9]{4,}){2,}$/i;

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

/** Page-size links offer «Все» / «All»; plain numbers are sizes too. */
const ALL_SIZES = /^(?:Все|All)$/i;

/** Who is logged in: the header shows the account's e-mail. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

// ---------------------------------------------------------------------------
// Recognising the page.

function normalise(text: string): string {
  // The account pads cells with no-break and thin spaces.
  return text.replace(/[\s\u00a0\u2009\u202f]+/g, ' ').trim();
}

function firstWord(text: string): [word: string, rest: string] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

/** The account's tab links («Лицензии», «Устройства»): links, buttons or ARIA tabs whose whole text is a tab name. */
function tabLinks(doc: Document): Map<AccountTab, HTMLElement> {
  const found = new Map<AccountTab, HTMLElement>();
  for (const element of doc.querySelectorAll<HTMLElement>('a, button, [role="tab"]')) {
    const text = normalise(element.textContent ?? '');
    for (const tab of Object.keys(TAB_NAMES) as AccountTab[]) {
      if (!found.has(tab) && (TAB_NAMES[tab] as readonly string[]).includes(text)) found.set(tab, element);
    }
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
  const href = tabLinks(doc).get(tab)?.getAttribute('href');
  if (!href || href.startsWith('#') || href.startsWith('javascript:')) return undefined;
  const url = new URL(href, location);
  return url.origin === location.origin ? url : undefined;
}

/** Who is logged in, as the account's header shows it (an e-mail), or '' when it shows none. */
export function accountLogin(doc: Document): string {
  const header = doc.querySelector('header') ?? doc.body;
  return (header && EMAIL.exec(header.textContent ?? '')?.[0]?.toLowerCase()) || '';
}

// ---------------------------------------------------------------------------
// Finding rows: each starts from a text that only a row has (a kind word, a
// device id) and grows to the smallest element that also holds a date.

export interface LicenseRow {
  element: HTMLElement;
  license: License;
  /** The element our marker goes into: the one holding the status word. */
  markerSlot: HTMLElement;
}

export interface DeviceRow {
  element: HTMLElement;
  device: Device;
  markerSlot: HTMLElement;
}

/** The row around an anchor text: the smallest element whose text satisfies `complete`, at most a few levels up. */
function rowAround(anchor: Text, complete: (text: string) => boolean): HTMLElement | undefined {
  let element = anchor.parentElement;
  for (let depth = 0; element && depth < 8; depth++, element = element.parentElement) {
    if (element === element.ownerDocument.body) return undefined;
    if (complete(element.textContent ?? '')) return element;
  }
  return undefined;
}

/** The texts of a row, cell by cell (each text node trimmed), in reading order. */
function rowSegments(row: HTMLElement): string[] {
  const segments: string[] = [];
  const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && (parent.tagName === 'SCRIPT' || parent.tagName === 'STYLE')) continue;
    const text = normalise(node.nodeValue ?? '');
    if (text) segments.push(text);
  }
  return segments;
}

function licenseKindOf(text: string): LicenseKind | undefined {
  return KIND_WORDS[firstWord(text)[0].toLowerCase()];
}

function statusOf(text: string): Exclude<LicenseStatus, 'unknown'> | undefined {
  return STATUS_WORDS[firstWord(text)[0].toLowerCase()];
}

/** Reads one license row's texts into a record, or undefined when it is not one. */
export function readLicense(segments: readonly string[]): { license: License; statusIndex: number } | undefined {
  const kindIndex = segments.findIndex((segment) => licenseKindOf(segment));
  if (kindIndex < 0) return undefined;
  const kindSegment = segments[kindIndex]!;
  const kind = licenseKindOf(kindSegment)!;
  let product = firstWord(kindSegment)[1];
  let next = kindIndex + 1;
  if (!product && next < segments.length && !statusOf(segments[next]!)) product = segments[next++]!;

  let status: LicenseStatus = 'unknown';
  let deviceId: string | undefined;
  let activationCode: string | undefined;
  let statusIndex = -1;
  for (let index = next; index < segments.length; index++) {
    const segment = segments[index]!;
    const found = statusOf(segment);
    if (found) {
      status = found;
      statusIndex = index;
      const rest = firstWord(segment)[1] || segments[index + 1] || '';
      const id = DEVICE_ID_IN_TEXT.exec(` ${rest}`)?.[1];
      if (id && rest.startsWith(id)) deviceId = id;
      break;
    }
    if (ACTIVATION_CODE.test(segment) && !DEVICE_ID.test(segment)) activationCode = segment;
  }

  const text = segments.filter((segment) => !SHOW_CODE.test(segment)).join(' ');
  const end = SUBSCRIPTION_END.exec(text);
  // The row's own date is the first date that is not the «До …» one.
  const withoutEnd = end ? text.replace(end[0], ' ') : text;
  const date = DATE_TOKEN.exec(withoutEnd)?.[1];
  if (!date && !end) return undefined;

  const license: License = {
    kind,
    product,
    status,
    date: date ? parseAccountDate(date) : 'unknown',
    subscriptionEnd: end ? parseAccountDate(end[1]!) : 'unknown',
  };
  if (deviceId) license.deviceId = deviceId;
  if (activationCode) license.activationCode = activationCode;
  return { license, statusIndex };
}

/** Reads one device row's texts into a record, or undefined when it is not one. */
export function readDevice(segments: readonly string[]): Device | undefined {
  const idIndex = segments.findIndex((segment) => DEVICE_ID_IN_TEXT.test(segment));
  if (idIndex < 0) return undefined;
  const id = DEVICE_ID_IN_TEXT.exec(segments[idIndex]!)![1]!;
  const connectionIndex = segments.findIndex((segment, index) => index !== idIndex && CONNECTION_IN_TEXT.test(segment));
  if (connectionIndex < 0) return undefined;
  const connectionWord = CONNECTION_IN_TEXT.exec(segments[connectionIndex]!)![1]!.toLowerCase();

  const isDate = (segment: string) => DATE_TOKEN.test(segment);
  const name = segments.slice(0, idIndex).filter((segment) => !isDate(segment)).join(' ');
  // The database's name stands between the id and its type, or shares the type's cell («Склад (облако)»).
  const between = segments.slice(idIndex + 1, connectionIndex).filter((segment) => !isDate(segment));
  const database = between.length > 0 ? between.join(' ') : segments[connectionIndex]!;
  const lastSeen = segments.slice(connectionIndex).map((segment) => DATE_TOKEN.exec(segment)?.[1]).find(Boolean);

  return {
    id,
    name: name || id,
    database,
    connection: CONNECTION_WORDS[connectionWord]!,
    lastSeen: lastSeen ? parseAccountDate(lastSeen) : 'unknown',
  };
}

/**
 * Walks the page's text and yields each text node that starts a row, so that
 * a 10,000-row page is read in slices instead of one long task.
 */
async function* anchors(root: ParentNode & Node, isAnchor: (text: string) => boolean): AsyncGenerator<Text> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const slice = createSlicer();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (text && text.trim() && isAnchor(normalise(text))) yield node as Text;
    const pause = slice();
    if (pause) await pause;
  }
}

function markerSlotFor(row: HTMLElement, segmentText: string | undefined): HTMLElement {
  if (segmentText) {
    const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (normalise(node.nodeValue ?? '') === segmentText && node.parentElement) return node.parentElement;
    }
  }
  return row;
}

/** Every license row on the page (or in a fetched page), in page order. */
export async function readLicenseRows(root: ParentNode & Node): Promise<LicenseRow[]> {
  const rows: LicenseRow[] = [];
  const seen = new Set<HTMLElement>();
  for await (const anchor of anchors(root, (text) => licenseKindOf(text) !== undefined)) {
    const element = rowAround(anchor, (text) => DATE_TOKEN.test(text));
    if (!element || seen.has(element)) continue;
    const segments = rowSegments(element);
    // A row holds one license: two kind words mean we grew past the row.
    if (segments.filter((segment) => licenseKindOf(segment)).length !== 1) continue;
    const read = readLicense(segments);
    if (!read) continue;
    seen.add(element);
    rows.push({ element, license: read.license, markerSlot: markerSlotFor(element, segments[read.statusIndex]) });
  }
  return rows;
}

/** Every device row on the page (or in a fetched page), in page order. */
export async function readDeviceRows(root: ParentNode & Node): Promise<DeviceRow[]> {
  const rows: DeviceRow[] = [];
  const seen = new Set<HTMLElement>();
  for await (const anchor of anchors(root, (text) => DEVICE_ID_IN_TEXT.test(text))) {
    const element = rowAround(anchor, (text) => CONNECTION_IN_TEXT.test(normalise(text)));
    if (!element || seen.has(element)) continue;
    const segments = rowSegments(element);
    if (segments.filter((segment) => DEVICE_ID_IN_TEXT.test(segment)).length !== 1) continue;
    const device = readDevice(segments);
    if (!device) continue;
    seen.add(element);
    const idSegment = segments.find((segment) => DEVICE_ID_IN_TEXT.test(segment));
    rows.push({ element, device, markerSlot: markerSlotFor(element, idSegment) });
  }
  return rows;
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

/**
 * All the pages of a list, from its first page: the «Все» / "All" page size
 * when it is offered (one request), else every page up to the highest page
 * number linked (pagination may elide the middle: «1 2 3 … 100»).
 */
export function listPageUrls(doc: Document, first: URL): URL[] {
  const links = [...doc.querySelectorAll<HTMLAnchorElement>('a[href]')]
    .map((link) => ({ text: normalise(link.textContent ?? ''), url: new URL(link.getAttribute('href')!, first) }))
    .filter(({ url }) => url.origin === first.origin && url.pathname === first.pathname);

  for (const { text, url } of links) {
    const sizeKey = [...url.searchParams.keys()].find((key) => SIZE_PARAM.test(key));
    if (sizeKey && ALL_SIZES.test(text)) return url.searchParams.get(sizeKey) === first.searchParams.get(sizeKey) ? [first] : [url];
  }

  let pageKey: string | undefined;
  let lastPage = 1;
  for (const { text, url } of links) {
    if (!/^\d+$/.test(text)) continue;
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
