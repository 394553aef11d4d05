import type { Browser } from 'wxt/browser';
import { isItemsOf, isListOf, loadList, saveList } from '@/utils/list-cache';
import { onMessage } from '@/utils/messaging';
import { isVendorUrl } from '@/utils/vendor-hosts';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export default defineBackground(() => {
  // Lists are kept per account, and the account's origin is taken from the tab
  // that sent the message, never from the message itself.
  const accountOf = (sender: Browser.runtime.MessageSender, account: unknown) => {
    if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || typeof account !== 'string') return undefined;
    return `${new URL(sender.url!).origin} ${account.slice(0, 200)}`;
  };

  onMessage('saveList', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    if (!account || typeof data.items !== 'string') return;
    const items = parseJson(data.items);
    if (!isListOf(data.list, items) || !isItemsOf(data.list, items)) return;
    await saveList(account, data.list, items);
  });

  onMessage('loadList', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    if (!account || (data.list !== 'licenses' && data.list !== 'devices')) return undefined;
    const saved = await loadList(account, data.list);
    return saved && { items: JSON.stringify(saved.items), savedAt: saved.savedAt };
  });
});
