import type { ExtensionMessage } from '@webext-core/messaging';
import { isListOf, loadList, saveList } from '@/utils/list-cache';
import { onMessage } from '@/utils/messaging';
import { isVendorUrl } from '@/utils/vendor-hosts';

export default defineBackground(() => {
  // Lists are kept per account, and the account's origin is taken from the tab
  // that sent the message, never from the message itself.
  const accountOf = (sender: ExtensionMessage['sender'], account: unknown) => {
    if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || typeof account !== 'string') return undefined;
    return `${new URL(sender.url!).origin} ${account.slice(0, 200)}`;
  };

  onMessage('saveList', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    if (!account || !isListOf(data.list, data.items)) return;
    await saveList(account, data.list, data.items);
  });

  onMessage('loadList', async ({ data, sender }) => {
    const account = accountOf(sender, data.account);
    if (!account || (data.list !== 'licenses' && data.list !== 'devices')) return undefined;
    return loadList(account, data.list);
  });
});
