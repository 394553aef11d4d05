/**
 * The list reader: an offscreen document that fetches and reads the other
 * tab's whole list for the account page. The Устройства list of a partner
 * account is a 3.5 MB page of 5,000 rows: parsing and reading it takes half
 * a second, which in the account's page is taken from the user. Here it runs
 * in the extension's own process, beside the page, which only receives the
 * records. The session is the user's own: the extension's host access sends
 * the site's cookies with its requests. Pages are parsed by DOMParser into
 * inert documents: nothing in them runs or loads.
 *
 * The content script asks the background, which opens the reader when it is
 * not open and hands the request on; the reader answers only the background.
 */
import type { Browser } from 'wxt/browser';
import { onMessage, sendMessage } from './messaging';
import type { AccountTab } from './site-adapter';
import { isVendorUrl } from './vendor-hosts';
import { readWholeListInReader } from './whole-list';

const READER_PATH = '/list-reader.html';

let creating: Promise<void> | undefined;

/** Opens the list reader unless it is open; false when it cannot be (no offscreen documents here). */
async function openListReader(): Promise<boolean> {
  if (!browser.offscreen) return false;
  try {
    if (await browser.offscreen.hasDocument()) return true;
    creating ??= browser.offscreen.createDocument({
      url: browser.runtime.getURL(READER_PATH),
      reasons: [browser.offscreen.Reason.DOM_PARSER],
      justification: 'Reads the account’s license and device lists away from the account page’s thread.',
    }).finally(() => {
      creating = undefined;
    });
    await creating;
    return true;
  } catch {
    return false;
  }
}

const isListRequest = (data: { tab?: unknown; url?: unknown }): data is { tab: AccountTab; url: string } =>
  (data.tab === 'licenses' || data.tab === 'devices') && typeof data.url === 'string' && isVendorUrl(data.url);

/**
 * Background: hands the content script's requests on to the reader. Only our
 * own content script on one of the vendor's sites may ask, and only about a
 * list on that same site: a content script fooled by its page cannot point
 * the reader anywhere else.
 */
export function serveListReading(): void {
  onMessage('readWholeList', async ({ data, sender }) => {
    if (sender.id !== browser.runtime.id || !sender.tab || !isVendorUrl(sender.url) || !isListRequest(data)) return undefined;
    if (new URL(data.url).origin !== new URL(sender.url!).origin) return undefined;
    if (!(await openListReader())) return undefined;
    return sendMessage('readerReadWholeList', { tab: data.tab, url: data.url }).catch(() => undefined);
  });
}

/** The reader: answers the background, and no one else. */
export function readListsForBackground(): void {
  const fromBackground = (sender: Browser.runtime.MessageSender) => sender.id === browser.runtime.id && !sender.tab;
  onMessage('readerReadWholeList', async ({ data, sender }) =>
    (fromBackground(sender) && isListRequest(data) ? readWholeListInReader(data.tab, new URL(data.url)) : { kind: 'unavailable', problem: 'not-the-list' }));
}
