/**
 * The other tab's list is fetched and parsed in the extension's own offscreen
 * document (entrypoints/list-parser), not in the account's page. The
 * partner's device list is a 1.6 MB page of 5,000 rows: receiving, parsing
 * and reading it cost the page's main thread ~0.3 s, and its garbage
 * collector more, while the page still lays out and paints its own 10,000
 * rows. The parser does that work in the extension's process and hands the
 * page only the records.
 *
 * It reads the whole list, page after page, as the content script would
 * (whole-list.ts readAllPages): one request of the page, one answer, where a
 * page at a time cost the partner's list a round trip through the busy
 * account page for its first page before its «Все» page could be asked for.
 *
 * The content script keeps the lists an account draws with script, which only
 * a frame of the account itself can show. Whatever the parser cannot read as
 * the list (it is not open, goes away, meets a log-in form, an error, a page
 * without rows) is fetched and read again in the page, by the page's own
 * requests: nothing is lost but that time.
 */
import type { Browser } from 'wxt/browser';
import { isItemsOf, type SavedLists } from './saved-lists';
import { sendMessage } from '../shared/messaging';
import type { AccountTab } from '../site/page';

/** The port's name: the parser document answers only ports of this name. */
export const LIST_PARSER_PORT = 'clh-list-parser';

/** Records per answer message: a few milliseconds to parse on the page's main thread, where 5,000 at once take 20 ms. */
export const RECORDS_PER_MESSAGE = 1_000;

/** Content script → parser: the list to read, from its first page (the tab's link). */
export interface ToParser {
  read: { tab: AccountTab; url: string };
}

/** Parser → content script: the records in `items` parts (JSON text), then `done` with how many there are; or `failed`. */
export type FromParser =
  | { items: string }
  | { done: { count: number } }
  | { failed: string };

/** The background's answer while it opens the parser; shared by the lists asked meanwhile. */
let opening: Promise<boolean> | undefined;
/** The background said it cannot open the parser (no offscreen API here): on this page load, the page reads for itself. */
let cannotOpen = false;

function openParser(): Promise<boolean> {
  opening ??= sendMessage('openListParser', {})
    .then((open) => open === true, () => false)
    .then((open) => {
      cannotOpen = !open;
      opening = undefined;
      return open;
    });
  return opening;
}

/** A port closed unanswered: the parser was not open (never opened, closed when idle, or closed while it read). */
const NOBODY = Symbol('nobody');

/**
 * Has the parser fetch and read `tab`'s whole list, from its first page.
 * Undefined when it could not (cannot be opened, went away, failed); the
 * caller reads the list itself. An abort disconnects the parser, which stops
 * its requests.
 *
 * The parser is asked straight away, not through the background first: it is
 * most often open already (it stays a minute after its last list), and the
 * background's round trip took a loading account page 0.2-0.5 s to get back
 * (measured on the partner's «Все» page). When nobody answers the port, the
 * background opens the parser and it is asked once more.
 */
export async function readListElsewhere<Tab extends AccountTab>(tab: Tab, first: URL, signal: AbortSignal): Promise<SavedLists[Tab] | undefined> {
  if (cannotOpen) return undefined;
  const answer = await ask(tab, first, signal);
  if (answer !== NOBODY) return answer;
  if (!(await openParser())) return undefined;
  const again = await ask(tab, first, signal);
  return again === NOBODY ? undefined : again;
}

function ask<Tab extends AccountTab>(tab: Tab, first: URL, signal: AbortSignal): Promise<SavedLists[Tab] | undefined | typeof NOBODY> {
  if (signal.aborted) return Promise.reject(signal.reason);
  let port: Browser.runtime.Port;
  try {
    port = browser.runtime.connect({ name: LIST_PARSER_PORT });
  } catch {
    return Promise.resolve(undefined); // the extension was reloaded under this page: its old script reaches no parser
  }
  return new Promise((resolve, reject) => {
    const items: unknown[] = [];
    let answered = false;
    const finish = (outcome: () => void) => {
      signal.removeEventListener('abort', onAbort);
      port.disconnect();
      outcome();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    port.onDisconnect.addListener(() => finish(() => resolve(answered ? undefined : NOBODY)));
    port.onMessage.addListener((message: { items?: unknown; done?: { count?: unknown } } | null) => {
      answered = true;
      if (typeof message?.items === 'string') {
        try {
          items.push(...(JSON.parse(message.items) as unknown[]));
          return;
        } catch {
          return finish(() => resolve(undefined));
        }
      }
      // Checked, as anything that crossed a process: every part came, and each is a record of the tab's list.
      const whole = message?.done?.count === items.length && isItemsOf(tab, items);
      finish(() => resolve(whole ? items : undefined));
    });
    try {
      port.postMessage({ read: { tab, url: first.href } } satisfies ToParser);
    } catch {
      finish(() => resolve(NOBODY)); // disconnected already: the parser is not there
    }
  });
}
