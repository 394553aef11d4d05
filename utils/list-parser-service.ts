/**
 * The list parser's side (entrypoints/list-parser, an offscreen document):
 * fetches and reads the pages content scripts ask for and answers with their
 * records. See list-parser.ts for why it exists.
 */
import { LIST_PARSER_PORT, RECORDS_PER_MESSAGE, type FromParser, type ToParser } from './list-parser';
import { sendMessage } from './messaging';
import { isVendorUrl } from './vendor-hosts';
import { fetchPage, listReaders, type Reader } from './whole-list';

/** Idle this long (no page being read), the document asks the background to close it: it holds memory for nothing. */
const IDLE_MS = 60_000;

/** The page a content script may ask for: a tab's list on its own page's origin. */
function requestOf(message: unknown, senderUrl: string): { tab: 'licenses' | 'devices'; url: URL } | undefined {
  const { tab, url } = (message as Partial<ToParser> | null)?.read ?? {};
  if ((tab !== 'licenses' && tab !== 'devices') || typeof url !== 'string' || !isVendorUrl(url)) return undefined;
  const target = new URL(url);
  return target.origin === new URL(senderUrl).origin ? { tab, url: target } : undefined;
}

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
      // One page per port (list-parser.ts readElsewhere): anything more, or anything else, ends it.
      const request = asked ? undefined : requestOf(message, senderUrl!);
      asked = true;
      if (!request) return port.disconnect();
      try {
        const read = listReaders[request.tab] as Reader<unknown>;
        const { reading: { items, ...rest }, url } = await fetchPage(request.url, request.tab, read, aborter.signal, 'include');
        for (let start = 0; start < items.length; start += RECORDS_PER_MESSAGE) {
          answer({ items: JSON.stringify(items.slice(start, start + RECORDS_PER_MESSAGE)) });
        }
        answer({ done: { ...rest, url: url.href } });
      } catch (error) {
        answer({ failed: String(error) });
      }
    });
  });
}
