/**
 * The list parser's side (entrypoints/list-parser, an offscreen document):
 * fetches and reads the lists content scripts ask for and answers with their
 * records. See list-parser.ts for why it exists.
 */
import { LIST_PARSER_PORT, RECORDS_PER_MESSAGE, type FromParser, type ToParser } from './list-parser';
import { sendMessage } from '../shared/messaging';
import { isVendorUrl } from '../site/vendor-hosts';
import { fetchPage, listReaders, ListUnavailable, readAllPages, type Reader } from './whole-list';

/** Idle this long (no list being read), the document asks the background to close it: it holds memory for nothing. */
const IDLE_MS = 60_000;

/** The list a content script may ask for: a tab's, on its own page's origin. */
function requestOf(message: unknown, senderUrl: string): { tab: 'licenses' | 'devices'; url: URL } | undefined {
  const { tab, url } = (message as Partial<ToParser> | null)?.read ?? {};
  if ((tab !== 'licenses' && tab !== 'devices') || typeof url !== 'string' || !isVendorUrl(url)) return undefined;
  const target = new URL(url);
  return target.origin === new URL(senderUrl).origin ? { tab, url: target } : undefined;
}

/** A list the account draws with script is read in the page, in a frame of the account (whole-list.ts renderedPage). */
const drawnByScript = () => Promise.reject(new ListUnavailable('not-the-list', 'drawn by script: read in the page'));

export function serveListParsing(): void {
  let busy = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const settle = () => {
    clearTimeout(idle);
    if (busy === 0) idle = setTimeout(() => void sendMessage('closeListParser', {}).catch(() => undefined), IDLE_MS);
  };
  settle();

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIST_PARSER_PORT) return;
    const senderUrl = port.sender?.url;
    // Only our own content scripts, on the vendor's pages.
    if (port.sender?.id !== browser.runtime.id || !isVendorUrl(senderUrl)) {
      port.disconnect();
      return;
    }
    busy++;
    settle();
    const aborter = new AbortController();
    port.onDisconnect.addListener(() => {
      aborter.abort();
      busy--;
      settle();
    });
    const answer = (message: FromParser) => {
      try {
        port.postMessage(message);
      } catch {
        aborter.abort(); // the page went away: its disconnect may not have been told yet
      }
    };
    let asked = false;
    port.onMessage.addListener(async (message: unknown) => {
      // One list per port (list-parser.ts readListElsewhere): anything more, or anything else, ends it.
      const request = asked ? undefined : requestOf(message, senderUrl!);
      asked = true;
      if (!request) return port.disconnect();
      const { tab, url: first } = request;
      const read = listReaders[tab] as Reader<unknown>;
      const getPage = (url: URL) => {
        // The session goes with these requests: to the asking page's own origin only, whatever a page links to.
        if (url.origin !== first.origin) return Promise.reject(new ListUnavailable('not-the-list', `a page elsewhere: ${url.origin}`));
        return fetchPage(url, tab, read, aborter.signal, 'include');
      };
      try {
        const items = await readAllPages(tab, getPage, drawnByScript, first);
        for (let start = 0; start < items.length; start += RECORDS_PER_MESSAGE) {
          answer({ items: JSON.stringify(items.slice(start, start + RECORDS_PER_MESSAGE)) });
        }
        answer({ done: { count: items.length } });
      } catch (error) {
        answer({ failed: String(error) });
      }
    });
  });
}
