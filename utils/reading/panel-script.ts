/**
 * The background's side of the summary panel's script (see panel-loader.ts):
 * it is put into the frame that asks, only for our own content script on the
 * vendor's pages.
 */
import type { Browser } from 'wxt/browser';
import { isVendorUrl } from '../site/vendor-hosts';

/** The unlisted script WXT builds from entrypoints/summary-panel.ts. */
const PANEL_SCRIPT = '/summary-panel.js';

export async function loadPanel(sender: Browser.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || tabId === undefined) return false;
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: [PANEL_SCRIPT] });
    return true;
  } catch {
    return false;
  }
}
