/**
 * The background's side of the list parser (see list-parser.ts): opens its
 * offscreen document when a content script asks, closes it when it is idle.
 * There is at most one offscreen document per extension, so openings and
 * closings take turns.
 */
import type { Browser } from 'wxt/browser';
import { isVendorUrl } from '../site/vendor-hosts';

const PATH = '/list-parser.html';

let turn: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const done = turn.then(work);
  turn = done.catch(() => undefined);
  return done;
}

async function isOpen(url: string): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType], documentUrls: [url] });
  return contexts.length > 0;
}

/** Opens the parser document unless it is open; false where it cannot be (no offscreen API, or it failed). */
export function openListParser(sender: Browser.runtime.MessageSender): Promise<boolean> {
  if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || !browser.offscreen) return Promise.resolve(false);
  return inTurn(async () => {
    const url = browser.runtime.getURL(PATH);
    if (await isOpen(url)) return true;
    await browser.offscreen.createDocument({
      url,
      reasons: ['DOM_PARSER' as Browser.offscreen.Reason],
      justification: 'Fetches and reads the account\'s list pages beside the account page, so that it stays responsive.',
    });
    return true;
  }).catch(() => false);
}

/** Closes the parser document when it asks (it is idle). */
export function closeListParser(sender: Browser.runtime.MessageSender): Promise<void> {
  const url = browser.runtime.getURL(PATH);
  if (sender.id !== browser.runtime.id || sender.url !== url) return Promise.resolve();
  return inTurn(async () => {
    if (await isOpen(url)) await browser.offscreen.closeDocument();
  }).catch(() => undefined);
}
