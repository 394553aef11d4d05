/**
 * Messages between the content script and the background. The background
 * owns the extension's IndexedDB (the page's own IndexedDB is the site's, not
 * ours), so the content script asks it to keep and return whole lists.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ListName, SavedList, SavedLists } from './list-cache';

interface ProtocolMap {
  /** Keep the whole list just read for this account (the origin comes from the sender, not the message). */
  saveList(data: { account: string; list: ListName; items: SavedLists[ListName] }): void;
  /** The last whole list kept for this account, if any. */
  loadList(data: { account: string; list: ListName }): SavedList | undefined;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
