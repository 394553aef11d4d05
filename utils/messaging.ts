/**
 * Messages between the content script and the background. The background
 * owns the extension's IndexedDB (the page's own IndexedDB is the site's, not
 * ours), so the content script asks it to keep and return whole lists.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ListName } from './list-cache';

/**
 * Lists travel as JSON text: the browser copies a message of 10,000 objects
 * field by field on the page's main thread (100 ms and more), one string at
 * once. The receiving side parses and checks it like any untrusted input.
 */
interface ProtocolMap {
  /** Keep the whole list just read for this account (the origin comes from the sender, not the message). */
  saveList(data: { account: string; list: ListName; items: string }): void;
  /** The last whole list kept for this account, if any. */
  loadList(data: { account: string; list: ListName }): { items: string; savedAt: number } | undefined;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
