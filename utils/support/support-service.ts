/**
 * The background's side of a support request: a tab opened on the vendor's
 * support section for it, the request kept for that tab (storage.session: it
 * outlives the worker, not the browser) and the filler put into each page of
 * that tab until the form is found and filled, or the tab closes. Requests
 * come only from the extension's own panel and pages, and are checked like
 * any message: a page's text is in them.
 */
import type { Browser } from 'wxt/browser';
import { onMessage, type SupportPayload } from '../shared/messaging';
import { isVendorUrl, SUPPORT_HOME } from '../site/vendor-hosts';
import { BODY_LIMIT } from './support-request';

const FILLER_SCRIPT = '/support-filler.js';
const KEY = 'supportRequests';
/** Pages of one tab the filler looks through for the form: the support section, and the request page it links to. */
const MOST_PAGES = 2;

type Pending = Record<string, { request: SupportPayload; pages: number }>;

const text = (value: unknown, limit: number) => typeof value === 'string' && value.length > 0 && value.length <= limit;

/** A request as the panel or the overview makes it, and nothing else. */
export function isSupportPayload(value: unknown): value is SupportPayload {
  const request = value as Partial<SupportPayload> | null;
  return !!request && typeof request === 'object' && text(request.subject, 1_000) && text(request.body, BODY_LIMIT + 2_000)
    && text(request.short, 1_000_000)
    && text(request.csv, 5_000_000) && text(request.csvName, 200) && /^[\w.@-]+\.csv$/.test(request.csvName!)
    && typeof request.attach === 'boolean' && (request.email === undefined || text(request.email, 200));
}

const ours = (sender: Browser.runtime.MessageSender) =>
  sender.id === browser.runtime.id && (isVendorUrl(sender.url) || (sender.url ?? '').startsWith(browser.runtime.getURL('/')));

async function pending(): Promise<Pending> {
  return ((await browser.storage.session.get(KEY))[KEY] as Pending | undefined) ?? {};
}
async function keep(change: (now: Pending) => void): Promise<void> {
  const now = await pending();
  change(now);
  await browser.storage.session.set({ [KEY]: now });
}

export function serveSupportRequests(): void {
  onMessage('openSupportRequest', async ({ data, sender }) => {
    if (!ours(sender) || !isSupportPayload(data)) return false;
    const { subject, body, short, csv, csvName, attach, email } = data;
    // Next to the tab it came from, where that is a tab.
    const tab = await browser.tabs.create({ url: SUPPORT_HOME, ...(sender.tab?.index === undefined ? {} : { index: sender.tab.index + 1 }) });
    if (tab.id === undefined) return false;
    await keep((now) => {
      now[tab.id!] = { request: { subject, body, short, csv, csvName, attach, ...(email && { email }) }, pages: 0 };
    });
    return true;
  });

  onMessage('supportPending', async ({ sender }) => {
    const tabId = sender.tab?.id;
    if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || tabId === undefined || sender.frameId !== 0) return undefined;
    const waiting = (await pending())[tabId];
    return waiting && { request: waiting.request, mayFollow: waiting.pages < MOST_PAGES };
  });

  onMessage('supportDone', async ({ sender }) => {
    const tabId = sender.tab?.id;
    if (sender.id !== browser.runtime.id || tabId === undefined) return;
    await keep((now) => {
      delete now[tabId];
    });
  });

  // Each page the tab loads gets the filler, while the request waits and for a few pages at most.
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete' || !isVendorUrl(tab.url)) return;
    void (async () => {
      if (!(await pending())[tabId]) return;
      await keep((now) => {
        if (now[tabId]) now[tabId].pages += 1;
      });
      await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [FILLER_SCRIPT] }).catch(() => undefined);
    })();
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void keep((now) => {
      delete now[tabId];
    });
  });
}
