import type { Browser } from 'wxt/browser';
import { accountOverview, identityOfKey, keepList, loadList } from '@/utils/accounts/account-store';
import { settings } from '@/utils/accounts/settings';
import { closeListParser, openListParser } from '@/utils/reading/list-parser-document';
import { isItemsOf } from '@/utils/reading/saved-lists';
import { onMessage } from '@/utils/shared/messaging';
import { serveUploads } from '@/utils/upload/upload-service';
import { serveSupportRequests } from '@/utils/support/support-service';
import { refreshExpiryBadge, serveExpiryBadge } from '@/utils/badge/expiry-service';
import { isVendorUrl } from '@/utils/site/vendor-hosts';
import { loadPanel } from '@/utils/reading/panel-script';
import { pageMessages } from '@/utils/reading/page-language';
import { LANGUAGES } from '@/utils/shared/i18n';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Parts of one list: 200,000 items (the most a list may hold) in parts of 1,000. */
const MAX_PARTS = 200;
/** Parts of a list that never completes (its tab closed half-way) are dropped after this long. */
const PARTS_WAIT_MS = 60_000;

export default defineBackground(() => {
  serveUploads();
  serveExpiryBadge();
  serveSupportRequests();
  onMessage('openListParser', ({ sender }) => openListParser(sender));
  onMessage('loadPanel', ({ sender }) => loadPanel(sender));
  onMessage('closeListParser', ({ sender }) => closeListParser(sender));
  onMessage('pageMessages', ({ data, sender }) => pageMessages(sender, data.language));

  // Lists are kept per account, and the account's origin is taken from the tab
  // that sent the message, never from the message itself.
  const accountOf = (sender: Browser.runtime.MessageSender, account: unknown) => {
    if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || typeof account !== 'string') return undefined;
    return `${new URL(sender.url!).origin} ${account.slice(0, 200)}`;
  };
  /** What the page showed about its account, as far as it is text of a sane length and an address on the sender's origin. */
  const shownAbout = (sender: Browser.runtime.MessageSender, shown: unknown) => {
    const { company, inn, licensesUrl, language } = (shown && typeof shown === 'object' ? shown : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : undefined);
    const onOrigin = (value: unknown) => {
      const address = text(value);
      return address && isVendorUrl(address) && new URL(address).origin === new URL(sender.url!).origin ? address : undefined;
    };
    return { company: text(company), inn: text(inn), licensesUrl: onOrigin(licensesUrl), language: LANGUAGES.find((known) => known === language) };
  };

  // A long list comes in parts (see keepList in utils/reading/account-page.ts); it is kept once every part is in.
  const arriving = new Map<string, { parts: unknown[][]; received: number; since: number }>();

  onMessage('saveList', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    const { list, part, parts, batch } = data;
    if (!account || typeof data.items !== 'string' || typeof batch !== 'string' || !Number.isInteger(parts)
      || parts < 1 || parts > MAX_PARTS || !Number.isInteger(part) || part < 0 || part >= parts) return;
    const items = parseJson(data.items);
    if (!Array.isArray(items)) return;

    const now = Date.now();
    for (const [key, pending] of arriving) if (now - pending.since > PARTS_WAIT_MS) arriving.delete(key);
    const key = JSON.stringify([account, list, batch.slice(0, 40)]);
    const pending = arriving.get(key) ?? { parts: new Array<unknown[]>(parts), received: 0, since: now };
    if (pending.parts.length !== parts || pending.parts[part]) return;
    pending.parts[part] = items;
    pending.received += 1;
    arriving.set(key, pending);
    if (pending.received < parts) return;

    arriving.delete(key);
    const whole = pending.parts.flat();
    // Also refuses a list name that is neither tab's.
    if (!isItemsOf(list, whole)) return;
    const identity = { ...identityOfKey(account), ...shownAbout(sender, data.shown) };
    await keepList(identity, list, whole, { keepCodes: (await settings.get()).keepCodes });
    await refreshExpiryBadge();
  });

  onMessage('loadList', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    if (!account || (data.list !== 'licenses' && data.list !== 'devices')) return undefined;
    const saved = await loadList(account, data.list);
    return saved && { items: JSON.stringify(saved.items), savedAt: saved.savedAt };
  });

  onMessage('accountChanges', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    if (!account) return undefined;
    return (await accountOverview(account))?.changes;
  });
});
