/**
 * Reading the other tab's whole list from the page we are on: the Лицензии
 * tab needs every device, the Устройства tab every license. The pages are
 * fetched from the same origin with the user's own session, as the browser
 * would fetch them, and read by the same site adapter as the page itself:
 * in the extension's list parser document when it can (list-parser.ts), else
 * in the page, in slices.
 */
import type { Device, License } from '../shared/records';
import { createSlicer } from '../shared/main-thread';
import type { SavedLists } from './saved-lists';
import { codeKey } from '../upload/activation-code';
import { today } from '../shared/dates';
import { isLogInPage, listPageUrls, listWords, recogniseAccountTab, showsRows, tabUrl, TooManyPages, type AccountTab } from '../site/page';
import { readDeviceList, readLicenseList, type ListReading } from '../site/rows';
import { codeLinkOf } from '../site/upload-form';
import type { LookUpAnswer } from '../upload/upload-job';
import { readListElsewhere } from './list-parser';

export type ListProblem = 'logged-out' | 'not-the-list' | 'too-many-pages' | 'unreadable' | 'http' | 'network';

/** Why a list could not be had, in terms the panel can explain. */
export class ListUnavailable extends Error {
  constructor(readonly problem: ListProblem, detail = '') {
    super(`${problem}${detail ? `: ${detail}` : ''}`);
  }
}

/** A page's records, and how many rows it shows that could not be read. */
export interface ItemsRead<Item> {
  items: Item[];
  unread: number;
  /** The lists the rows were read from: what a page says of its list as a whole is looked for around them. */
  lists?: Element[];
}

const recordsOf = <Row, Item>({ rows, unread, lists }: ListReading<Row>, record: (row: Row) => Item): ItemsRead<Item> =>
  ({ items: rows.map(record), unread, lists });

/** How each tab's rows become records; also used where a fetched page is parsed away from the account's page (list-parser-service.ts). */
export const listReaders: { [Tab in AccountTab]: (root: Document) => Promise<ItemsRead<SavedLists[Tab][number]>> } = {
  licenses: async (root) => recordsOf(await readLicenseList(root.body), (row): License => row.license),
  devices: async (root) => recordsOf(await readDeviceList(root.body), (row): Device => row.device),
};

/** Parallel page requests: enough to overlap the server's latency, few enough to be polite. */
const CONCURRENCY = 4;

/** What one fetched page of a list says, wherever it was parsed. */
export interface PageReading<Item> {
  /** The account tab the page is, if it is one. */
  tab: AccountTab | undefined;
  /** A log-in form stands where the page should be: the session ended. */
  logInPage: boolean;
  items: Item[];
  /** Every page of the list, as this page's pagination tells (addresses). */
  pages: string[];
  /** Rows the page shows that could not be read (a redesign, a row of a shape we do not know): the page is not the list it seems. */
  unread: number;
  /** No row read, and the page says its list is empty («Ничего не найдено»). */
  empty: boolean;
  /** No row read, none said to be loading, and rows shown nonetheless (table cells, row checkboxes): rows we cannot read. */
  showsRows: boolean;
}

/**
 * Rows the page shows but we could not read: those counted unread, or more
 * where the page says how many it shows («Показаны 1–20 из 40») and fewer were read.
 */
export function unreadOf(read: ItemsRead<unknown>, shown: number | undefined): number {
  return Math.max(read.unread, shown === undefined ? 0 : shown - read.items.length);
}

/**
 * Every page of the list, as this page's pager tells. A pager linking more
 * pages than are ever read leaves the list unread, never read in part.
 */
function pagesOf(doc: Document, url: URL): URL[] {
  try {
    return listPageUrls(doc, url);
  } catch (error) {
    if (error instanceof TooManyPages) throw new ListUnavailable('too-many-pages', error.message);
    throw error;
  }
}

/** Reads a parsed page as a page of `tab`'s list; `url` is where it came from (links on it are relative to it). */
async function readListPage<Item>(doc: Document, url: URL, tab: AccountTab, read: Reader<Item>): Promise<PageReading<Item>> {
  const shown = recogniseAccountTab(doc, url);
  if (shown !== tab) return { tab: shown, logInPage: isLogInPage(doc), items: [], pages: [], unread: 0, empty: false, showsRows: false };
  const found = await read(doc, url);
  const words = listWords(doc.body, found.lists);
  return {
    tab,
    logInPage: false,
    items: found.items,
    pages: pagesOf(doc, url).map(String),
    unread: unreadOf(found, words.shown),
    empty: found.items.length === 0 && words.empty,
    showsRows: found.items.length === 0 && !words.loading && showsRows(doc),
  };
}

/** A page read, and where it landed (a redirect). */
export interface FetchedPage<Item> {
  reading: PageReading<Item>;
  url: URL;
}

/**
 * Fetches a page of the account with the user's session and reads it. The
 * list parser runs it too, from the extension's origin: there `credentials`
 * is 'include', which sends the session to the account as its own page does
 * (the parser fetches nothing but the asking page's origin).
 */
export async function fetchPage<Item>(
  url: URL, tab: AccountTab, read: Reader<Item>, signal: AbortSignal, credentials: RequestCredentials = 'same-origin',
): Promise<FetchedPage<Item>> {
  let response: Response;
  try {
    response = await fetch(url, { credentials, signal, headers: { Accept: 'text/html' } });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ListUnavailable('network', String(error));
  }
  const landed = new URL(response.url || url.href);
  // Redirected to another site: whatever it shows is not the account's list (nor its log-in), and is not read.
  if (landed.origin !== url.origin) {
    response.body?.cancel().catch(() => undefined);
    throw new ListUnavailable('not-the-list', `redirected to ${landed.origin}`);
  }
  if (!response.ok) throw new ListUnavailable('http', String(response.status));
  const doc = await parseAsItArrives(response, signal);
  return { reading: await readListPage(doc, landed, tab, read), url: landed };
}

/** Characters handed to the parser at a time: a millisecond or two of parsing each, so a slice ends close to its budget. */
const PARSE_CHUNK = 16_384;

/**
 * Parses a fetched page piece by piece, as its body arrives. A 5,000-row page
 * (1.6 MB) takes the parser ~0.4 s, which in one `DOMParser` call would freeze
 * the account's page; and `response.text()` decodes the whole body at once
 * when its last byte arrives (~20 ms more in one task, measured on 2 cores).
 * Decoded chunk by chunk (UTF-8, as `text()` would), the body never exists as
 * one string, and parsing starts with its first bytes. The document has no
 * browsing context, so nothing in it runs or loads.
 */
async function parseAsItArrives(response: Response, signal: AbortSignal): Promise<Document> {
  const doc = document.implementation.createHTMLDocument('');
  const slice = createSlicer();
  doc.open();
  for await (const text of textAsItArrives(response, signal)) {
    for (let start = 0; start < text.length; start += PARSE_CHUNK) {
      doc.write(text.slice(start, start + PARSE_CHUNK));
      const pause = slice();
      if (pause) await pause;
    }
  }
  doc.close();
  return doc;
}

/**
 * A body's text piece by piece as it arrives, decoded as UTF-8 (as `text()`
 * would): a letter cut between two pieces comes whole. An answer that breaks
 * off halfway is a `network` problem, as one that never came.
 */
export async function* textAsItArrives(response: Response, signal?: AbortSignal): AsyncGenerator<string> {
  // No body (a 204, say) is no text.
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  while (reader) {
    let piece: ReadableStreamReadResult<string>;
    try {
      piece = await reader.read();
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ListUnavailable('network', String(error));
    }
    if (piece.done) return;
    yield piece.value;
  }
}

/**
 * How long a list page that shows no rows is waited for before it is taken
 * as one we cannot read (here, and on the account's own page: account-page.ts).
 * A list drawn by script shows its rows once its data has come, which on an
 * account page takes a second or two (the demo's client layout: 0.6 s and a
 * request); while the page says it is still loading («Загрузка…»,
 * `aria-busy`), a slow connection is given up to LOADING_WAIT_MS. A page that
 * never stops changing (a ticking clock) is read as it is after that too.
 */
export const ROWS_WAIT_MS = 3_000;
export const LOADING_WAIT_MS = 15_000;
/** Rows are read once the page has stopped changing for this long. */
const SETTLE_MS = 150;

/** Reads a page's items; `url` is where the page came from (links on it are relative to it). */
export type Reader<Item> = (root: Document, url: URL) => Promise<ItemsRead<Item>>;

export interface ListPage<Item> {
  items: Item[];
  /** Every page of the list, as this page's pagination tells. */
  pages: URL[];
}

/**
 * Shows a page in a hidden frame and waits for its rows: a client-rendered
 * account sends an empty shell and draws its rows with script, which only a
 * real document runs.
 */
function renderedPage<Item>(read: Reader<Item>, url: URL, signal: AbortSignal): Promise<ListPage<Item>> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position:fixed;width:1px;height:1px;left:-10px;top:-10px;border:0;visibility:hidden';
    let observer: MutationObserver | undefined;
    let settle: ReturnType<typeof setTimeout> | undefined;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    let longest: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: () => void) => {
      observer?.disconnect();
      clearTimeout(settle);
      clearTimeout(quiet);
      clearTimeout(longest);
      frame.remove();
      outcome();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    const readRows = async (doc: Document, final: boolean) => {
      const found = await read(doc, url);
      const words = listWords(doc.body, found.lists);
      if (found.items.length === 0 && !final && !words.empty) return;
      signal.removeEventListener('abort', onAbort);
      // No rows and no word that the list is empty, or fewer rows read than shown: a list we cannot read, not an empty one.
      if ((found.items.length === 0 && !words.empty) || unreadOf(found, words.shown) > 0) {
        return finish(() => reject(new ListUnavailable('unreadable')));
      }
      let pages: URL[];
      try {
        pages = pagesOf(doc, url);
      } catch (error) {
        return finish(() => reject(error));
      }
      finish(() => resolve({ items: found.items, pages }));
    };
    frame.addEventListener('load', (event) => {
      // Only the browser's own: the frame is in the page's document, whose script could say "loaded" before it is.
      if (!event.isTrusted) return;
      const doc = frame.contentDocument;
      if (!doc) return finish(() => reject(new ListUnavailable('not-the-list')));
      // Quiet for ROWS_WAIT_MS with no row: that is the list, unless the page says it is still loading.
      const whenQuiet = () => {
        if (listWords(doc.body).loading) quiet = setTimeout(whenQuiet, ROWS_WAIT_MS);
        else void readRows(doc, true);
      };
      const restart = () => {
        clearTimeout(settle);
        clearTimeout(quiet);
        settle = setTimeout(() => void readRows(doc, false), SETTLE_MS);
        quiet = setTimeout(whenQuiet, ROWS_WAIT_MS);
      };
      longest = setTimeout(() => void readRows(doc, true), LOADING_WAIT_MS);
      observer = new MutationObserver(restart);
      observer.observe(doc, { childList: true, subtree: true, characterData: true });
      restart();
    });
    frame.src = url.href;
    document.documentElement.append(frame);
  });
}

/** Runs `work` over `items` with at most `limit` at a time, keeping the results in order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  // Once one item has failed the result is decided: the other workers must not
  // go on through the rest (a 500-page list would otherwise still be fetched
  // page by page after the caller has given up on it).
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Every item of a tab's list, from all its pages. Throws ListUnavailable.
 * Read in the extension's list parser when it can (list-parser.ts), else
 * here: anything the parser cannot read as the list (a log-in form, an error,
 * a list the account draws with script) is read again by the page's own
 * requests, the ones the site is made for; a session may reach them where it
 * does not reach the parser's.
 */
export async function fetchWholeList<Tab extends AccountTab>(tab: Tab, first: URL, signal: AbortSignal): Promise<SavedLists[Tab]> {
  type Item = SavedLists[Tab][number];
  const elsewhere = await readListElsewhere(tab, first, signal);
  if (elsewhere) return elsewhere;
  const read = listReaders[tab] as Reader<Item>;
  return readAllPages(tab, (url) => fetchPage(url, tab, read, signal), (url) => renderedPage(read, url, signal), first) as Promise<SavedLists[Tab]>;
}

/**
 * Reads every page of a list from its first: `getPage` fetches and reads one,
 * `drawnPage` reads one whose rows the account draws with script (no rows in
 * its HTML). The list parser runs it too, with getPage of its own.
 */
export async function readAllPages<Item>(
  tab: AccountTab, getPage: (url: URL) => Promise<FetchedPage<Item>>, drawnPage: (url: URL) => Promise<ListPage<Item>>, first: URL,
): Promise<Item[]> {
  const readPage = async (url: URL): Promise<ListPage<Item>> => {
    const { reading, url: landed } = await getPage(url);
    // A log-in form where the list should be: the session ended.
    if (reading.tab !== tab) throw new ListUnavailable(reading.logInPage ? 'logged-out' : 'not-the-list');
    // Rows we cannot read (a redesign) are not an empty list, nor is a list we read part of: taken for the list,
    // every license would sit on an "unknown device" (or every cloud device lack its license), and the good list
    // saved earlier would be overwritten.
    if (reading.items.length > 0 && reading.unread > 0) throw new ListUnavailable('unreadable', `${reading.unread} rows not read`);
    if (reading.items.length > 0 || reading.empty) return { items: reading.items, pages: reading.pages.map((page) => new URL(page)) };
    if (reading.showsRows) throw new ListUnavailable('unreadable', 'rows shown, none read');
    // No rows in the HTML, and no word that the list is empty: the account draws them with script, or shows them
    // in a way we cannot read (drawnPage tells the two apart).
    return drawnPage(landed);
  };

  // The tab's link opens page 1 of its list.
  const firstPage = await readPage(first);
  const [onlyPage] = firstPage.pages;
  // «Все» offered: that one page holds the whole list.
  if (firstPage.pages.length === 1 && onlyPage!.href !== first.href) return (await readPage(onlyPage!)).items;
  const rest = firstPage.pages.slice(1);
  const lists = await mapLimited(rest, CONCURRENCY, async (url) => (await readPage(url)).items);
  return [firstPage.items, ...lists].flat();
}

/** Code pages opened at most per look-up (those already read are remembered by the driver and cost nothing). */
const CODE_PAGES_AT_MOST = 500;
/** A license added by code or file is free and dated the day it was added (see the site adapter); a day's slack covers midnight. */
const NEW_LICENSE_DAYS = 1;

/**
 * Looks for a license with this activation code in the account's list: the
 * look-up that must come before an item whose answer was lost is ever sent
 * again. A row shows its code once revealed; otherwise its «Показать код
 * активации» link leads to a page that shows it. Only free rows can be new,
 * and they are opened newest first. When a new-looking row shows no code and
 * has no link, the list cannot tell, and the item is not sent again.
 */
export async function findLicenseWithCode(
  from: Document,
  fromUrl: URL,
  code: string,
  codeOnPage: (url: string) => Promise<string | undefined>,
): Promise<LookUpAnswer> {
  const first = tabUrl(from, 'licenses', fromUrl);
  if (!first) return { kind: 'unreachable', detail: 'no licenses tab link' };
  const wanted = codeKey(code);
  let rows: Array<{ license: License; codeUrl?: string }>;
  try {
    const read: Reader<{ license: License; codeUrl?: string }> = async (doc, pageUrl) => recordsOf(await readLicenseList(doc.body), (row) => {
      const link = codeLinkOf(row.element, pageUrl);
      return link ? { license: row.license, codeUrl: link.href } : { license: row.license };
    });
    const signal = new AbortController().signal;
    rows = await readAllPages('licenses', (url) => fetchPage(url, 'licenses', read, signal), (url) => renderedPage(read, url, signal), first);
  } catch (error) {
    if (error instanceof ListUnavailable && error.problem === 'logged-out') return { kind: 'logged-out' };
    return { kind: 'unreachable', detail: String(error) };
  }
  if (rows.some(({ license }) => license.activationCode && codeKey(license.activationCode) === wanted)) return { kind: 'found' };

  const newest = today() - NEW_LICENSE_DAYS;
  // Newest first; among one day's, the list's later rows first (an account lists new licenses at one end, and
  // the earlier ones of the day are the likelier to have been read in an earlier look-up).
  const candidates = rows
    .map((row, position) => ({ ...row, position }))
    .filter(({ license }) => license.status === 'free' && !license.activationCode)
    .sort((a, b) => dayOf(b.license) - dayOf(a.license) || b.position - a.position);
  let blind = false;
  let opened = 0;
  for (const { license, codeUrl } of candidates) {
    if (!codeUrl) {
      if (dayOf(license) >= newest) blind = true;
      continue;
    }
    if (opened++ >= CODE_PAGES_AT_MOST) return { kind: 'cannot-tell' };
    const shown = await codeOnPage(codeUrl);
    if (shown === undefined) return { kind: 'unreachable', detail: codeUrl };
    if (codeKey(shown) === wanted) return { kind: 'found' };
  }
  return blind ? { kind: 'cannot-tell' } : { kind: 'absent' };
}

const dayOf = (license: License) => (typeof license.date === 'number' ? license.date : -Infinity);
