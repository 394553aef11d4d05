/**
 * The account page feature: read the tab's rows, get both whole lists,
 * cross-check them, then mark the rows and show the summary. It re-runs when
 * the page's list changes (client-rendered rows, paging without a page load).
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { usePageLanguage } from './page-language';
import { speaking, t } from '../shared/i18n';
import type { ReportContext } from '../checks/report';
import { crossCheckInSteps, formatCounts, type CrossCheck, type LicenseCheck, type LicenseFinding } from '../checks/checks';
import { today } from '../shared/dates';
import { deviceSentences, licenseSentences } from '../checks/finding-text';
import { findingGroups, groupsByCheck, NOTE_COLOR, type FindingGroup } from '../checks/finding-groups';
import { forgetFilter, keepFilter, keptFilter } from './kept-filter';
import { isItemsOf, type SavedLists } from './saved-lists';
import { createSlicer, inSlices, ROWS_PER_CLOCK_LOOK, yieldToPage } from '../shared/main-thread';
import { sendMessage, type ShownAbout } from '../shared/messaging';
import type { AccountChanges } from '../accounts/changes';
import { applyMarks, filterRows, isOurs, MARKER_ELEMENTS_UP_TO, removeMarks, type RowMark } from './page-marks';
import type { Device, License } from '../shared/records';
import type { DeviceCheck } from '../checks/checks';
import { deviceKey } from '../site/device-id';
import {
  accountCompany, accountInn, accountLogin, listWords, recogniseAccountTab, rowActionsLeft, showsAccountNavigation, showsWholeList, tabUrl, wholeListUrl, type AccountTab,
} from '../site/page';
import { readDeviceList, readLicenseList, type DeviceRow, type LicenseRow, type ListReading } from '../site/rows';
import { fetchWholeList, ListUnavailable, LOADING_WAIT_MS, ROWS_WAIT_MS, unreadOf, type ListProblem } from './whole-list';

/** Where a whole list came from, for the panel to say how fresh its findings are. */
export type ListSource<Tab extends AccountTab = AccountTab> =
  | { tab: Tab; state: 'fresh'; items: SavedLists[Tab] }
  | { tab: Tab; state: 'saved'; items: SavedLists[Tab]; savedAt: number; problem: ListProblem }
  | { tab: Tab; state: 'missing'; problem: ListProblem };

/** «Только проблемные», or one group of findings (checks/finding-groups.ts GroupKey) on the tab shown. */
export type RowFilter = 'problems' | string;

/** A group of findings, and how many of its rows this page shows (the rest are on the list's other pages). */
export interface GroupOnPage {
  group: FindingGroup;
  onPage: number;
}

export interface AnalysedPage {
  tab: AccountTab;
  check: CrossCheck;
  sources: { licenses: ListSource<'licenses'>; devices: ListSource<'devices'> };
  /** Every group of findings over the whole account, in the panel's order. */
  groups: GroupOnPage[];
  /** Rows with a finding on this tab: those the page shows, and those in its whole list. */
  problemRows: { onPage: number; inList: number };
  /** The row this page shows a check's record in, if it shows it. */
  rowOf: (entry: LicenseCheck | DeviceCheck) => HTMLElement | undefined;
  /** The site's own page of the whole list («Все»), when this page shows a part of it and the site has one. */
  wholeListUrl?: string;
  /** Each tab's address, for a count whose rows are on the other one. */
  tabUrls: Partial<Record<AccountTab, string>>;
  /** Rows this page shows that could not be read (a few: more, and the page is not taken as read at all). */
  unread: number;
  /** Whose account, and when it was checked: what the copied text and the CSV say first. */
  report: ReportContext;
  /** What changed since the visit before the last change (accounts/changes.ts), once the background says. */
  changes?: AccountChanges;
}

/** Why a page that is clearly the tab was not read: no row could be, or far fewer than it shows. */
export type Unreadable = { why: 'no-rows' } | { why: 'few-rows'; read: number; shown: number };

/** What the panel can do to the page: filter its rows, show one of them, or the other tab's rows of a group. */
export interface PanelView {
  filter: RowFilter | undefined;
  setFilter(filter: RowFilter | undefined): void;
  /** Scrolls to the row of a check and lights it up; false when this page does not show it. */
  reveal(entry: LicenseCheck | DeviceCheck): boolean;
  /** Opens the other tab with its rows filtered to a group. */
  openFiltered(tab: AccountTab, filter: RowFilter): void;
}

/**
 * Where the panel goes: in the page's flow right above the list (site/page.ts
 * panelDock), where it covers nothing; or, over a list of thousands of rows,
 * floating at the bottom left, no further right than the rows' actions begin.
 * Measured on the partner's 10,000 rows in Chromium: any element put before
 * the list moves all of it, and the browser lays out and repaints it whole,
 * a frame of 300-430 ms (110-170 ms for one put anywhere else in the page),
 * where a popover in the top layer costs 25-30 ms.
 */
export type PanelPlace = { list: Element } | { leftOf: number };

export interface AccountPageUi {
  /** Gets the panel ready (its code may come apart: panel-loader.ts); asked once the page is known to be a tab. */
  load(): Promise<void>;
  /** Draws the summary; a panel not on the page yet is drawn off it, until show(). */
  draw(page: AnalysedPage, view: PanelView): void;
  /** Puts the drawn panel on the page, where `place` says. */
  show(place: PanelPlace | undefined): void;
  showUnrecognized(tab: AccountTab, reason: Unreadable): void;
  /** Opens the vendor's support form in a new tab, filled with a request about these devices of the page's account. */
  support(page: AnalysedPage, devices: readonly DeviceCheck[]): void;
  remove(): void;
}


/** A page showing more rows than this share unread is not taken as read: its findings would be about a part of it. */
const UNREAD_SHARE_MAX = 0.1;

/** Records per message: a few milliseconds to write out and send, where 10,000 at once take 200 ms. */
const RECORDS_PER_PART = 1_000;

/** Hands a whole list to the background to keep, in parts between which the page gets the main thread back. */
async function keepList(account: string, list: AccountTab, items: readonly (License | Device)[], shown: ShownAbout): Promise<void> {
  const parts = Math.max(1, Math.ceil(items.length / RECORDS_PER_PART));
  const batch = `${Date.now()}-${Math.random()}`;
  for (let part = 0; part < parts; part++) {
    const chunk = items.slice(part * RECORDS_PER_PART, (part + 1) * RECORDS_PER_PART);
    await sendMessage('saveList', { account, list, items: JSON.stringify(chunk), batch, part, parts, shown }).catch(() => undefined);
  }
}

/** Loads a whole list once per page load, falling back to the last one saved for this account. */
async function loadWholeList<Tab extends AccountTab>(tab: Tab, account: string, first: URL | undefined, signal: AbortSignal): Promise<ListSource<Tab>> {
  try {
    if (!first) throw new ListUnavailable('not-the-list', 'no tab link');
    const items = await fetchWholeList(tab, first, signal);
    return { tab, state: 'fresh', items };
  } catch (error) {
    if (signal.aborted) throw error;
    const problem: ListProblem = error instanceof ListUnavailable ? error.problem : 'network';
    const saved = await sendMessage('loadList', { account, list: tab }).catch(() => undefined);
    let items: unknown;
    try {
      items = saved && JSON.parse(saved.items);
    } catch {
      items = undefined; // a damaged saved list is no list
    }
    if (saved && isItemsOf(tab, items)) return { tab, state: 'saved', items, savedAt: saved.savedAt, problem };
    return { tab, state: 'missing', problem };
  }
}

/** One license record's identity, to find its check again (a row's record and the whole list's are equal, not identical). */
const licenseKey = (license: License) =>
  `${license.kind}\u0001${license.product}\u0001${license.status}\u0001${license.deviceId === undefined ? '' : deviceKey(license.deviceId)}\u0001${license.date}\u0001${license.subscriptionEnd}`;

/** Whether a finding is shown beside its row: all but the status «Истекла», which the row shows itself. */
const isMarked = (finding: LicenseFinding) => finding !== 'license-expired';

/** A list's size and ends: enough to tell a list from the one kept before it (rows that came later, a row unlinked). */
const listSignature = (items: readonly unknown[]) => `${items.length} ${JSON.stringify(items[0])} ${JSON.stringify(items.at(-1))}`;

/** Checks the lists and turns the findings into marks for the visible rows, in slices (10,000 rows). */
async function analyse(
  tab: AccountTab, visible: LicenseRow[] | DeviceRow[],
  licenses: ListSource<'licenses'>, devices: ListSource<'devices'>, unread: number,
  support: (entry: DeviceCheck) => RowMark['support'],
): Promise<{ page: AnalysedPage; marks: RowMark[] }> {
  const licenseItems = 'items' in licenses ? licenses.items : undefined;
  const deviceItems = 'items' in devices ? devices.items : undefined;
  // Without the licenses no device can be judged: every cloud device would look unlicensed.
  // The check and the marks each start in a task of their own: the lists arrive at the end of another slice of work.
  await yieldToPage();
  const checkedOn = today();
  const check = await inSlices(crossCheckInSteps(licenseItems ?? [], licenseItems ? deviceItems : undefined, checkedOn));
  await yieldToPage();
  const slice = createSlicer({ every: ROWS_PER_CLOCK_LOOK });
  const marks: RowMark[] = [];
  const groups = findingGroups(check);
  const groupsOf = groupsByCheck(groups);
  const rowByCheck = new Map<LicenseCheck | DeviceCheck, HTMLElement>();
  /** The groups' keys and the first one's colour: most rows are in none, and share these two. */
  const NONE = { groups: [] as string[], color: NOTE_COLOR };
  const kindOf = (entry: LicenseCheck | DeviceCheck | undefined) => {
    const of = entry && groupsOf.get(entry);
    return of ? { groups: of.map((group) => group.key), color: of[0]!.color } : NONE;
  };

  if (tab === 'licenses') {
    const rows = visible as LicenseRow[];
    // The page is the whole list (see showsWholeList): its rows and their checks come in one order.
    const inOrder = licenseItems?.length === rows.length && rows.every((row, index) => row.license === licenseItems[index]);
    const byRecord = new Map<string, LicenseCheck>();
    for (const entry of inOrder ? [] : check.licenses) {
      byRecord.set(licenseKey(entry.license), entry);
      const pause = slice();
      if (pause) await pause;
    }
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index]!;
      const pause = slice();
      if (pause) await pause;
      const entry = inOrder ? check.licenses[index] : byRecord.get(licenseKey(row.license));
      const flags = entry?.flags ?? [];
      if (entry && !rowByCheck.has(entry)) rowByCheck.set(entry, row.element);
      marks.push({
        element: row.element,
        markerSlot: () => row.markerSlot,
        flags,
        ...kindOf(entry),
        // A row whose only finding is its own «Истекла» gets no marker: the row says so already (it is flagged, counted
        // and filtered as expired). On the partner's list that leaves 600 status words to the site instead of colouring them.
        sentences: entry && entry.findings.some(isMarked) ? licenseSentences(entry) : [],
        attributes: {
          'data-clh-license': row.license.status,
          'data-clh-flags': flags.join(' '),
          'data-clh-days-left': entry?.daysLeft === undefined ? undefined : String(entry.daysLeft),
        },
      });
    }
  } else {
    const byId = new Map(check.devices.map((entry) => [deviceKey(entry.device.id), entry]));
    for (const row of visible as DeviceRow[]) {
      const pause = slice();
      if (pause) await pause;
      const entry = byId.get(deviceKey(row.device.id));
      const flags = entry?.flags ?? [];
      if (entry && !rowByCheck.has(entry)) rowByCheck.set(entry, row.element);
      marks.push({
        element: row.element,
        markerSlot: () => row.markerSlot,
        flags,
        ...kindOf(entry),
        sentences: entry && flags.length > 0 ? deviceSentences(entry) : [],
        attributes: { 'data-clh-device-flags': flags.join(' ') },
        ...(entry && (flags.includes('missing-cloud-license') || flags.includes('cloud-license-expired')) && { support: support(entry) }),
      });
    }
  }

  const groupRows = new Map<string, number>();
  let problemsOnPage = 0;
  for (const mark of marks) {
    for (const group of mark.groups) groupRows.set(group, (groupRows.get(group) ?? 0) + 1);
    if (mark.flags.length > 0) problemsOnPage++;
  }
  const entries: readonly (LicenseCheck | DeviceCheck)[] = tab === 'licenses' ? check.licenses : check.devices;
  const problemsInList = entries.reduce((sum, entry) => sum + (entry.flags.length > 0 ? 1 : 0), 0);
  const counts = deviceItems && !licenseItems ? { ...check.counts, devices: deviceItems.length } : check.counts;
  const here = new URL(location.href);
  const tabUrls: AnalysedPage['tabUrls'] = {};
  for (const each of ['licenses', 'devices'] as const) tabUrls[each] = tabUrl(document, each, here)?.href;
  return {
    page: {
      tab, check: { ...check, counts }, sources: { licenses, devices }, unread,
      groups: groups.map((group) => ({ group, onPage: groupRows.get(group.key) ?? 0 })),
      problemRows: { onPage: problemsOnPage, inList: Math.max(problemsOnPage, problemsInList) },
      rowOf: (entry) => rowByCheck.get(entry),
      wholeListUrl: wholeListUrl(document, here)?.href,
      tabUrls,
      report: { login: accountLogin(document), company: accountCompany(document), origin: location.origin, checkedOn },
    },
    marks,
  };
}

/**
 * Ends this copy of the content script when the extension itself goes, and
 * on nothing a page can send. An extension reloaded or updated under an open
 * page leaves its old copy running, orphaned: its runtime is gone. A newer
 * copy says it started with a DOM event, on which WXT's context ends any
 * other copy (wxt/utils/content-script-context, `listenForNewerScripts`,
 * listening on `document`). That event is a page's to send as well: its name
 * is made of our extension's id, which is public. So it is caught on its
 * way down, before it reaches `document`, and this copy ends on it only once
 * its own runtime is gone; the same is looked at when the tab is shown again
 * (the extension reloaded from another tab, with no newer copy to say so).
 */
export function endWithTheExtension(ctx: ContentScriptContext): void {
  const ifGone = () => {
    if (browser.runtime?.id == null) ctx.abort('the extension was reloaded or updated');
  };
  // WXT's own name for the event (private in its types, which is why it is looked up so).
  addEventListener(ContentScriptContext['SCRIPT_STARTED_MESSAGE_TYPE'], (event) => {
    // Not stopImmediatePropagation: a copy orphaned by an earlier reload listens here too, and must hear it.
    event.stopPropagation();
    ifGone();
  }, { capture: true, signal: ctx.signal });
  ctx.addEventListener(document, 'visibilitychange', ifGone);
}

/** Runs the feature on this page for as long as the content script lives. */
export function watchAccountPage(ctx: ContentScriptContext, ui: AccountPageUi): void {
  const html = document.documentElement;
  const loads = new Map<AccountTab, Promise<ListSource>>();
  const aborter = new AbortController();
  let marks: RowMark[] = [];
  let filter: RowFilter | undefined;
  let lastPage: AnalysedPage | undefined;
  /** Where the panel stands: above the list, or beside a long one's actions. */
  let place: PanelPlace | undefined;
  let running = false;
  let rerun = false;
  /** The lists kept on this page load, by their signature: a list is kept again only when it changed. */
  const kept = new Map<AccountTab, string>();
  /** Since when the page has shown no rows, and the timer that looks again once the wait is over. */
  let emptySince: number | undefined;
  let emptyTimer: number | undefined;
  /** The address the last reading began at. */
  let readAt: string | undefined;

  /** Everything this copy wrote on the page, taken back: the extension is gone, and a newer copy draws its own. */
  const takeBack = () => {
    filterRows(marks, undefined);
    removeMarks(marks);
    html.removeAttribute('data-clh');
    html.removeAttribute('data-clh-counts');
    ui.remove();
  };
  ctx.onInvalidated(() => {
    aborter.abort();
    takeBack();
  });

  const wholeList = <Tab extends AccountTab>(tab: Tab, account: string): Promise<ListSource<Tab>> => {
    let load = loads.get(tab);
    if (!load) {
      load = loadWholeList(tab, account, tabUrl(document, tab, new URL(location.href)), aborter.signal);
      loads.set(tab, load);
    }
    return load as Promise<ListSource<Tab>>;
  };

  const view = (): PanelView => ({ filter, setFilter, reveal, openFiltered });
  const redraw = () => {
    if (!lastPage) return;
    ui.draw(lastPage, view());
    ui.show(place);
  };

  /** Shows only the rows of a group (or with any finding), on this page and, kept for this tab, on the next pages of the list. */
  function setFilter(next: RowFilter | undefined): void {
    filter = next;
    if (lastPage) keepFilter(lastPage.tab, next);
    filterRows(marks, next === undefined ? undefined : (mark) => (next === 'problems' ? mark.flags.length > 0 : mark.groups.includes(next)));
    redraw();
  }

  function reveal(entry: LicenseCheck | DeviceCheck): boolean {
    const row = lastPage?.rowOf(entry);
    if (!row?.isConnected) return false;
    // A row the filter hides is shown again with all the others: the user asked for that one.
    if (row.hasAttribute('data-clh-filtered')) setFilter(undefined);
    // Floating over a long list, the panel holds the bottom of the window: the row goes to its top.
    row.scrollIntoView({ block: place && 'leftOf' in place ? 'start' : 'center', behavior: 'smooth' });
    // An animation, not the row's style: the filter owns that attribute, and the site's own styles stay as they were.
    row.animate([{ outline: '3px solid #1f6feb', outlineOffset: '-3px' }, { outline: '3px solid transparent', outlineOffset: '-3px' }], { duration: 2_500, easing: 'ease-in' });
    row.setAttribute('data-clh-revealed', '');
    ctx.setTimeout(() => row.removeAttribute('data-clh-revealed'), 2_500);
    return true;
  }

  function openFiltered(tab: AccountTab, next: RowFilter): void {
    const address = lastPage?.tabUrls[tab];
    if (!address) return;
    keepFilter(tab, next);
    location.assign(address);
  }

  const run = async () => {
    const url = new URL(location.href);
    readAt = url.href;
    const tab = recogniseAccountTab(document, url);
    if (!tab) {
      // Another page of the account (its upload page, say): what the upload driver writes here speaks the page's language.
      if (showsAccountNavigation(document)) void usePageLanguage(document);
      // Not the account (or no longer): leave no trace.
      forgetFilter();
      html.removeAttribute('data-clh');
      html.removeAttribute('data-clh-counts');
      ui.remove();
      return;
    }
    // The panel's code, and the words of the page's language where it is not the browser's, come while the rows are read.
    const wordsReady = usePageLanguage(document);
    const panelLoaded = Promise.all([ui.load(), wordsReady]);
    const account = accountLogin(document);
    // What changed at an earlier visit is known already; what this visit changes is asked again once its lists are kept.
    const changesKnown = sendMessage('accountChanges', { account }).catch(() => undefined);
    // The other tab's list is fetched while this one is read.
    const otherList = wholeList(tab === 'licenses' ? 'devices' : 'licenses', account);
    otherList.catch(() => undefined);
    // The script's own start (compiling it, finding the tab, sending the request) is one task already; reading begins
    // in the next. Not before: the browser's own tasks that come first (100-270 ms of them) would hold the request back.
    await yieldToPage();
    const reading: ListReading<LicenseRow | DeviceRow> = tab === 'licenses' ? await readLicenseList(document.body) : await readDeviceList(document.body);
    const visible = reading.rows as LicenseRow[] | DeviceRow[];
    const words = listWords(document.body, reading.lists);
    const unread = unreadOf({ items: visible, unread: reading.unread }, words.shown);
    const unreadable = async (reason: Unreadable) => {
      await panelLoaded;
      if (aborter.signal.aborted) return;
      // Fail loudly, harm nothing: one attribute and our own notice; marks of an earlier reading are taken back.
      filterRows(marks, undefined);
      removeMarks(marks);
      marks = [];
      lastPage = undefined;
      html.setAttribute('data-clh', 'unrecognized');
      html.removeAttribute('data-clh-counts');
      ui.showUnrecognized(tab, reason);
    };
    if (visible.length === 0 && !words.empty) {
      // No row, and no word that the list is empty: its rows may be on their way (drawn by script), else we cannot read
      // them (whole-list.ts says how long it waits, and why). Rows that come later still make the page read: it is watched.
      emptySince ??= Date.now();
      const waited = Date.now() - emptySince;
      const wait = (words.loading ? LOADING_WAIT_MS : ROWS_WAIT_MS) - waited;
      if (wait > 0) {
        clearTimeout(emptyTimer);
        emptyTimer = ctx.setTimeout(schedule, wait);
        return;
      }
      return unreadable({ why: 'no-rows' });
    }
    emptySince = undefined;
    if (unread > (visible.length + unread) * UNREAD_SHARE_MAX) return unreadable({ why: 'few-rows', read: visible.length, shown: visible.length + unread });

    const visibleItems = tab === 'licenses' ? (visible as LicenseRow[]).map((row) => row.license) : (visible as DeviceRow[]).map((row) => row.device);
    let thisList: Promise<ListSource>;
    if (unread === 0 && showsWholeList(document, url, visible.length, words.total)) {
      // The page is the whole list: it is kept below as this account's last one seen, as a fetched one is.
      thisList = Promise.resolve({ tab, state: 'fresh', items: visibleItems } as ListSource);
    } else {
      thisList = wholeList(tab, account);
    }
    const [licenses, devices] = (await Promise.all(
      tab === 'licenses' ? [thisList, otherList] : [otherList, thisList],
    )) as [ListSource<'licenses'>, ListSource<'devices'>];

    await wordsReady;
    // A marked device's own support request, made by the panel's script for the page shown when it is asked.
    const support = (entry: DeviceCheck): RowMark['support'] => ({
      label: t('supportFillOne'),
      run: () => lastPage && ui.support(lastPage, [entry]),
    });
    const { page, marks: nextMarks } = await analyse(tab, visible, licenses, devices, unread, support);
    if (aborter.signal.aborted) return;
    page.changes = (await changesKnown) ?? undefined;
    filterRows(marks, undefined);
    // A filter chosen on another page of this tab's list (or for it, from the other tab) holds here too.
    if (filter === undefined || lastPage?.tab !== tab) filter = keptFilter(tab);
    marks = nextMarks;
    lastPage = page;
    // Read before anything is written: the page is laid out, and the rows' boxes cost nothing to ask.
    place = marks.length > MARKER_ELEMENTS_UP_TO
      ? { leftOf: rowActionsLeft(reading.rows) ?? innerWidth }
      : reading.lists[0] && { list: reading.lists[0] };
    // The panel is drawn in a task of its own, put on the page in the next, and the marks are written after it: on a
    // 10,000-row list each of the three and the frames that paint them take up to 35 ms of the main thread, where
    // drawing, showing and marking in one go made one frame about four times as long (the same trace for both).
    await panelLoaded;
    await yieldToPage();
    ui.draw(page, view());
    await yieldToPage();
    ui.show(place);
    await applyMarks(marks, aborter.signal);
    // Gone while the marks were written: those written since are taken back too.
    if (aborter.signal.aborted) return takeBack();
    if (filter !== undefined) setFilter(filter);
    html.setAttribute('data-clh-counts', formatCounts(page.check.counts));
    html.setAttribute('data-clh', 'ready');
    // Whole lists read fresh are kept as this account's last ones seen, once the page is marked: 10,000 records take
    // a while to write out, and the user is waiting for the marks, not for them. A list kept on this page load is kept
    // again only when it changed (rows drawn later, a license unlinked).
    const toKeep = ([licenses, devices] as ListSource[]).filter((source): source is Extract<ListSource, { state: 'fresh' }> => {
      if (source.state !== 'fresh') return false;
      const signature = listSignature(source.items);
      if (kept.get(source.tab) === signature) return false;
      kept.set(source.tab, signature);
      return true;
    });
    if (toKeep.length === 0) return;
    const shown: ShownAbout = { company: page.report.company, inn: accountInn(document), licensesUrl: page.tabUrls.licenses, language: speaking() };
    ctx.setTimeout(() => void (async () => {
      // Both at once: each list's first part is on its way within this task, so a page left at once still keeps them.
      await Promise.all(toKeep.map((source) => keepList(account, source.tab, source.items, shown)));
      // What this visit changed, said in the panel of the page that is still shown.
      const changes = await sendMessage('accountChanges', { account }).catch(() => undefined);
      if (lastPage !== page || aborter.signal.aborted || JSON.stringify(changes) === JSON.stringify(page.changes)) return;
      page.changes = changes ?? undefined;
      redraw();
    })(), 0);
  };

  // One analysis at a time; changes that arrive meanwhile make one more run.
  function schedule(): void {
    if (running) {
      rerun = true;
      return;
    }
    running = true;
    run()
      .catch((error: unknown) => {
        if (!aborter.signal.aborted) console.error('[License Helper]', error);
      })
      .finally(() => {
        running = false;
        if (rerun && !aborter.signal.aborted) {
          rerun = false;
          schedule();
        }
      });
  }

  // Rows that arrive later (client rendering, paging without a page load) are
  // noticed as they come; our own markers are not a change of the list.
  let pending: number | undefined;
  const observer = new MutationObserver((records) => {
    const theirs = records.some((record) =>
      [...record.addedNodes, ...record.removedNodes].some((node) => !isOurs(node)) || record.type === 'characterData');
    if (!theirs) return;
    clearTimeout(pending);
    pending = ctx.setTimeout(schedule, 100);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  // WXT's event for an address changed without a page load (paging in a single-page app) is a script's, as a page's
  // own would be: it counts only when the address did change since the last reading. It comes as the navigation
  // begins, with the old address still in place: the address is looked at in the next task.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    ctx.setTimeout(() => {
      if (location.href !== readAt) schedule();
    }, 0);
  });
  schedule();
}
