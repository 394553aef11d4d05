/**
 * Recognising the account's pages: which tab a page is, who is logged in,
 * where the other tab and the list's other pages are, and what a page says
 * about its list as a whole (empty, still loading, how many rows it shows).
 */
import { ALL_SIZES, EMAIL, LIST_IS_EMPTY, LOADING, ROW_ACTION, SHOWN_RANGE, TAB_NAMES, type AccountTab } from './words';
import { normalise } from './texts';
import { LANGUAGES, type Language } from '../shared/i18n';

export type { AccountTab } from './words';

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

const withoutTrailingSlash = (path: string) => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/** Whether a tab link says it is the current page: ARIA, else its address is this page's (a hash route's hash included). */
function isCurrentTab(link: HTMLElement, location: URL): boolean | undefined {
  if (link.getAttribute('aria-current') === 'page' || link.getAttribute('aria-selected') === 'true') return true;
  if (link.getAttribute('aria-selected') === 'false') return false;
  const href = link.getAttribute('href');
  if (!href || href === '#' || href.startsWith('javascript:')) return undefined;
  let target: URL;
  try {
    target = new URL(href, location);
  } catch {
    return undefined;
  }
  if (target.origin !== location.origin || withoutTrailingSlash(target.pathname) !== withoutTrailingSlash(location.pathname)) return false;
  return !target.hash.startsWith('#/') || target.hash === location.hash;
}

/** The page's main heading, when it is one of the tab names. */
function headingTab(doc: Document): AccountTab | undefined {
  const text = normalise(doc.querySelector('h1')?.textContent ?? '');
  return (Object.keys(TAB_NAMES) as AccountTab[]).find((tab) => (TAB_NAMES[tab] as readonly string[]).includes(text));
}

/**
 * Which account tab this page is, or undefined when it is not the account.
 * Both tab names must stand as navigation (the vendor's articles mention
 * «Лицензии» only inside sentences, and its shop has no «Устройства»), and
 * the page must be one of them: the link that says so (ARIA, or the link to
 * this very address), else the page's heading.
 */
export function recogniseAccountTab(doc: Document, location: URL): AccountTab | undefined {
  const links = tabLinks(doc);
  const licenses = links.get('licenses');
  const devices = links.get('devices');
  if (!licenses || !devices) return undefined;
  // Both tabs in one navigation: their nearest shared ancestor is close to them.
  if (!sharesNavigation(licenses, devices)) return undefined;
  const onLicenses = isCurrentTab(licenses, location);
  const onDevices = isCurrentTab(devices, location);
  if (onLicenses === true) return 'licenses';
  if (onDevices === true) return 'devices';
  // Neither link tells (buttons with no address, no ARIA): the heading does, unless a link says this is another page.
  const heading = headingTab(doc);
  if (heading === 'licenses' && onLicenses === undefined) return heading;
  if (heading === 'devices' && onDevices === undefined) return heading;
  return undefined;
}

function sharesNavigation(a: Element, b: Element): boolean {
  let ancestor: Element | null = a.parentElement;
  for (let depth = 0; ancestor && depth < 4; depth++, ancestor = ancestor.parentElement) {
    if (ancestor.contains(b)) return true;
  }
  return false;
}

/**
 * The language the account speaks on this page: the words of its own
 * navigation («Лицензии» or "Licenses"), which are what the user reads;
 * `<html lang>` only where they do not tell (site templates often leave it
 * at "en" whatever the page says). Undefined when neither is Russian or English.
 */
export function pageLanguage(doc: Document): Language | undefined {
  const link = tabLinks(doc).get('licenses');
  const spoken = link ? (TAB_NAMES.licenses as readonly string[]).indexOf(normalise(link.textContent ?? '')) : -1;
  if (spoken === 0) return 'ru';
  if (spoken === 1) return 'en';
  const declared = (doc.documentElement?.lang ?? '').toLowerCase();
  return LANGUAGES.find((language) => declared === language || declared.startsWith(`${language}-`));
}

/** Whether the page shows the account's tabs, both in one navigation: a page of the account, whichever it is. */
export function showsAccountNavigation(doc: Document): boolean {
  const links = tabLinks(doc);
  const licenses = links.get('licenses');
  const devices = links.get('devices');
  return !!licenses && !!devices && sharesNavigation(licenses, devices);
}

/** Where the other tab lives (from its navigation link), to fetch its list. */
export function tabUrl(doc: Document, tab: AccountTab, location: URL): URL | undefined {
  const link = tabLinks(doc).get(tab);
  return link && sameOriginTarget(link, location);
}

/** Where a link leads, when it leads to a page of this site (not to `#`, a script or another site). */
export function sameOriginTarget(link: Element, location: URL): URL | undefined {
  const href = link.getAttribute('href');
  if (!href || href.startsWith('#') || href.startsWith('javascript:')) return undefined;
  let url: URL;
  try {
    url = new URL(href, location);
  } catch {
    return undefined;
  }
  return url.origin === location.origin ? url : undefined;
}

/** The first link under `root` whose whole text matches `words` and that leads to a page of this site. */
export function linkSaying(root: ParentNode, words: RegExp, location: URL): URL | undefined {
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

/** ИНН beside the account's name: 10 digits for a company, 12 for a sole trader. */
const INN = /(?:ИНН|INN|TIN)\s*[:№#]?\s*(\d{10}(?:\d{2})?)(?!\d)/i;

/** The ИНН the account's header shows about it, if it shows one; never guessed from a number alone. */
export function accountInn(doc: Document): string | undefined {
  const header = doc.querySelector('header') ?? doc.body;
  return (header && INN.exec(normalise(header.textContent ?? ''))?.[1]) || undefined;
}

const PASSWORD_FIELD = 'input[type="password"]';

/** A log-in form where an account page should be: the session ended. */
/** No company name is longer; a longer text beside the login is a sentence, a menu, the page. */
const COMPANY_MAX = 120;

/**
 * The company the account shows beside its login («ООО "Ромашка"
 * typical@example.ru Выйти»): the words of the login's own small box, less
 * the login and its links and buttons (the log-out), looked for up to three
 * boxes out. Undefined where the account shows none: it is never guessed.
 */
export function accountCompany(doc: Document): string | undefined {
  const header = doc.querySelector('header') ?? doc.body;
  const login = accountLogin(doc);
  if (!header || !login) return undefined;
  const walker = doc.createTreeWalker(header, NodeFilter.SHOW_TEXT);
  let box: Element | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.textContent ?? '').toLowerCase().includes(login)) {
      box = node.parentElement;
      break;
    }
  }
  for (let depth = 0; box && depth < 3 && header.contains(box); depth++, box = box.parentElement) {
    const words: string[] = [];
    const texts = doc.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (node.parentElement?.closest(`a, button, ${NOT_SHOWN}`)) continue;
      words.push(node.textContent ?? '');
    }
    const company = normalise(words.join(' ').replace(new RegExp(login.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' '))
      .replace(/^[\s·|,—–-]+|[\s·|,—–-]+$/g, '');
    if (company.length > COMPANY_MAX) return undefined;
    if (/\p{L}/u.test(company)) return company;
  }
  return undefined;
}

export function isLogInPage(doc: Document): boolean {
  return doc.querySelector(PASSWORD_FIELD) !== null;
}

/** Whether a form is a log-in form. */
export function isLoginForm(form: HTMLFormElement): boolean {
  return form.querySelector(PASSWORD_FIELD) !== null;
}

// ---------------------------------------------------------------------------
// What a page says about its list as a whole.

/**
 * Elements whose text is not what the page shows as its list: code, data
 * and templates, form options (a status filter lists the status words),
 * hidden elements, closed dialogs and menus (a row's «...» menu may say
 * «Продлить до …», a confirmation dialog may repeat the row).
 */
export const NOT_SHOWN = 'script, style, template, noscript, select, datalist, textarea, dialog:not([open]), [hidden], [aria-hidden="true"], '
  + '[role="menu"], [role="dialog"], [role="tooltip"], '
  // Hidden by an inline style, unless by the extension's own filter (reading/page-marks.ts), which hides rows it has read.
  + '[style*="display:none"]:not([data-clh-filtered]), [style*="display: none"]:not([data-clh-filtered])';

/** The page's shown texts outside `skip`, one at a time, normalised, until `each` returns true. */
function forEachShownText(root: Node, skip: readonly Element[], each: (text: string) => boolean | void): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const skipped = skip.find((element) => element.contains(node));
    if (skipped) {
      // On past the list: its rows were read already.
      let last: Node = skipped;
      while (last.lastChild) last = last.lastChild;
      walker.currentNode = last;
      continue;
    }
    const text = normalise((node as Text).data);
    if (!text || node.parentElement?.closest(NOT_SHOWN)) continue;
    if (each(text) === true) return;
  }
}

/** Pages we look through for "empty" or "loading" are list pages with no rows read: short. */
const TEXTS_LOOKED_AT = 2_000;

export interface ListWords {
  /** The page says its list has no rows («Ничего не найдено»). */
  empty: boolean;
  /** The page says its list is still loading («Загрузка…», or `aria-busy`). */
  loading: boolean;
  /** How many rows the page says it shows («Показаны 1–20 из 40»: 20), and how many the list holds (40), when it says. */
  shown?: number;
  total?: number;
}

/** What a page says about its list, in words, outside the lists read from it (`lists`). */
export function listWords(root: ParentNode & Node, lists: readonly Element[] = []): ListWords {
  const words: ListWords = { empty: false, loading: root.querySelector('[aria-busy="true"]') !== null };
  let looked = 0;
  forEachShownText(root, lists, (text) => {
    if (LIST_IS_EMPTY.test(text)) words.empty = true;
    if (LOADING.test(text)) words.loading = true;
    const range = SHOWN_RANGE.exec(text);
    if (range && words.shown === undefined) {
      const [from, to, total] = [range[1], range[2], range[3]].map((digits) => Number(digits!.replace(/\D/g, '')));
      if (from! <= to! && to! <= total!) {
        words.shown = to! - from! + 1;
        words.total = total;
      }
    }
    return ++looked >= TEXTS_LOOKED_AT;
  });
  return words;
}

/**
 * Whether a page shows rows of a list, readable or not: table body cells,
 * ARIA cells, row checkboxes (every license row has one, per the article).
 * A page that shows these but no row we can read is a list we cannot read;
 * a page the account fills with script sends none of them (its rows come
 * later), and is shown in a frame before anything is concluded.
 */
export function showsRows(doc: Document): boolean {
  return doc.querySelector('tbody tr td, [role="row"] [role="gridcell"], [role="row"] [role="cell"], input[type="checkbox"]') !== null;
}

/** A status word, in a filter's option or the address. */
const STATUS_CHOICE = /^(?:свободная|активирована|истекла|free|activated|expired)$/i;

/**
 * Whether the list is narrowed to part of it: a status filter set to a
 * status (a `<select>` whose options are the status words), a search typed
 * in, or a status in the address (`?status=free`). Such a page is never
 * taken for the whole list.
 */
export function listIsFiltered(doc: Document, url: URL): boolean {
  if ([...url.searchParams.values()].some((value) => STATUS_CHOICE.test(value))) return true;
  for (const select of doc.querySelectorAll('select')) {
    const options = [...select.options].filter((option) => STATUS_CHOICE.test(normalise(option.text)));
    if (options.length >= 2 && STATUS_CHOICE.test(normalise(select.selectedOptions[0]?.text ?? ''))) return true;
  }
  return [...doc.querySelectorAll<HTMLInputElement>('input[type="search"]')].some((input) => input.value.trim() !== '');
}

// ---------------------------------------------------------------------------
// The pages of a list.

/** A list's address may carry its page and page size, and nothing that narrows it. */
const PAGING_PARAM = /size|limit|per|page/i;

/**
 * Whether the page shows its whole list: nothing narrows it (a status filter,
 * a search), and it says it shows all of it («Показаны 1–40 из 40», `read`
 * rows all read) or, saying nothing, it is one page with no query but paging.
 */
export function showsWholeList(doc: Document, url: URL, read: number, total: number | undefined): boolean {
  if (listIsFiltered(doc, url)) return false;
  if (total !== undefined) return total === read;
  let pages: URL[];
  try {
    pages = listPageUrls(doc, url);
  } catch (error) {
    if (error instanceof TooManyPages) return false;
    throw error;
  }
  return pages.length === 1 && pages[0]!.href === url.href && [...url.searchParams.keys()].every((key) => PAGING_PARAM.test(key));
}

/** The list's query parameters: `?page=N` and `?size=20|50|100|all`. */
const PAGE_PARAM = /^(?:page|p|pagenum|page_?number)$/i;
const SIZE_PARAM = /size|limit|per/i;
const PAGE_NUMBER = /^\d+$/;
/** A pager's or page-size link's text is short: a number or «Все». */
const PAGER_TEXT_MAX = 20;
/**
 * The most pages a list is read in, one request each. The longest list known,
 * a partner's 10,000 licenses, is 500 pages at the smallest page size (20),
 * and it offers «Все» (one request) besides; twice that is room enough. A
 * pager linking a page beyond it («3000000») is not followed: three million
 * addresses would freeze the tab, and reading only the first pages would
 * pass part of the list off as all of it.
 */
export const PAGES_AT_MOST = 1_000;

/** A pager links more pages than are ever read (PAGES_AT_MOST): the list cannot be read whole. */
export class TooManyPages extends Error {
  constructor(readonly lastPage: number) {
    super(`the pager links page ${lastPage}, more than the ${PAGES_AT_MOST} pages read`);
  }
}

/**
 * The links of a list's pager and page sizes (a number or «Все», to the list's
 * own address), in page order. One link at a time (document.links is live:
 * nothing is gathered up front), and only a number or «Все» is parsed as a
 * URL: not the rows' own 10,000 «Продлить». The page-size links come before
 * the list, so a caller done at «Все» never reaches the rows' links.
 */
function* pagerLinks(doc: Document, list: URL): Generator<{ text: string; url: URL }> {
  const links = doc.links;
  for (let index = 0, link = links.item(0); link; link = links.item(++index)) {
    if (link.localName !== 'a') continue;
    const raw = link.textContent ?? '';
    if (raw.length > PAGER_TEXT_MAX && raw.trim().length > PAGER_TEXT_MAX) continue;
    const text = normalise(raw);
    if (!ALL_SIZES.test(text) && !PAGE_NUMBER.test(text)) continue;
    let url: URL;
    try {
      url = new URL(link.getAttribute('href')!, list);
    } catch {
      continue;
    }
    if (url.origin === list.origin && url.pathname === list.pathname) yield { text, url };
  }
}

/**
 * All the pages of a list, from its first page: the «Все» / "All" page size
 * when it is offered (one request), else every page up to the highest page
 * number linked (pagination may elide the middle: «1 2 3 … 100»).
 * @throws TooManyPages when there is no «Все» and the pager links a page past PAGES_AT_MOST.
 */
export function listPageUrls(doc: Document, first: URL): URL[] {
  let pageKey: string | undefined;
  let lastPage = 1;
  for (const { text, url } of pagerLinks(doc, first)) {
    if (ALL_SIZES.test(text)) {
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
  if (lastPage > PAGES_AT_MOST) throw new TooManyPages(lastPage);
  const pages: URL[] = [];
  for (let page = 1; page <= lastPage; page++) {
    const url = new URL(first);
    url.searchParams.set(pageKey, String(page));
    pages.push(url);
  }
  return pages;
}

/**
 * The list shown whole on one page, the site's own «Все» page size, when this
 * page shows a part of it: where the panel sends a user whose filter has rows
 * on other pages. Undefined when the site offers no such page, or this is it.
 */
export function wholeListUrl(doc: Document, url: URL): URL | undefined {
  for (const { text, url: all } of pagerLinks(doc, url)) {
    const sizeKey = ALL_SIZES.test(text) ? [...all.searchParams.keys()].find((key) => SIZE_PARAM.test(key)) : undefined;
    if (sizeKey) return all.searchParams.get(sizeKey) === url.searchParams.get(sizeKey) ? undefined : all;
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Where the panel goes.

/** Parts of a table or grid: nothing of ours can stand among them. */
const LIST_PART = /^(?:table-|contents$)/;

/**
 * The element the panel is put right before, in the page's flow: the list
 * itself (its table, grid or card container, not a part of it), or the
 * nearest box around it that stacks its children one under another. Laid out
 * there, the panel takes its own room above the list and covers none of its
 * rows, links or buttons at any width, where a panel floating over the page
 * hid «Продлить» on narrow windows. A list set beside something else (a flex
 * row, a grid) is not split: the panel goes before the box that holds both.
 */
export function panelDock(list: Element): Element {
  const view = list.ownerDocument.defaultView;
  const body = list.ownerDocument.body;
  let dock = list.closest('table, [role="grid"], [role="table"], [role="treegrid"]') ?? list;
  while (dock.parentElement && dock !== body && dock.parentElement !== body) {
    const parent = dock.parentElement;
    const own = view?.getComputedStyle(dock).display ?? '';
    const around = view?.getComputedStyle(parent);
    const display = around?.display ?? '';
    const sideBySide = /(?:^|-)(?:grid|flex)$/.test(display) && !(display.endsWith('flex') && around!.flexDirection.startsWith('column'));
    if (!LIST_PART.test(own) && !sideBySide && !/^inline/.test(display)) break;
    dock = parent;
  }
  return dock;
}

/** Rows whose actions are measured: a list's columns line up, and each row asked for is a layout read. */
const ROWS_MEASURED = 5;

/**
 * Where the rows' own actions («Продлить», «…») begin, from the viewport's
 * left, read from the first rows: what the panel floating over a list too
 * long to move (account-page.ts) stays left of. Undefined when they show none.
 */
export function rowActionsLeft(rows: readonly { element: Element }[]): number | undefined {
  let left: number | undefined;
  for (const { element: row } of rows.slice(0, ROWS_MEASURED)) {
    for (const control of row.querySelectorAll('a, button, [role="button"]')) {
      if (!ROW_ACTION.test(normalise(control.textContent ?? ''))) continue;
      const box = control.getBoundingClientRect();
      if (box.width > 0) left = Math.min(left ?? Infinity, box.left);
    }
  }
  return left;
}
