/**
 * Messages between the content script and the background. The background
 * owns the extension's IndexedDB (the page's own IndexedDB is the site's, not
 * ours), so the content script asks it to keep and return whole lists.
 *
 * Typed by hand over `runtime.sendMessage`: two messages do not earn a
 * messaging library's 3 kB in a content script with a 60 kB budget.
 */
import type { Browser } from 'wxt/browser';
import type { ListName } from './saved-lists';

/**
 * Lists travel as JSON text: the browser copies a message of 10,000 objects
 * field by field on the page's main thread (100 ms and more), one string at
 * once. The receiving side parses and checks it like any untrusted input.
 */
interface ProtocolMap {
  /**
   * Keep the whole list just read for this account (the origin comes from the
   * sender, not the message). A long list comes in `parts` messages of one `batch`.
   */
  saveList(data: { account: string; list: ListName; items: string; batch: string; part: number; parts: number }): void;
  /** The last whole list kept for this account, if any. */
  loadList(data: { account: string; list: ListName }): { items: string; savedAt: number } | undefined;
}
type MessageType = keyof ProtocolMap;
type DataOf<Type extends MessageType> = Parameters<ProtocolMap[Type]>[0];
type AnswerOf<Type extends MessageType> = ReturnType<ProtocolMap[Type]>;

/** What travels: a tag so other extensions' and our own future messages are told apart. */
interface Envelope {
  clh: MessageType;
  data: unknown;
}

export function sendMessage<Type extends MessageType>(type: Type, data: DataOf<Type>): Promise<AnswerOf<Type>> {
  return browser.runtime.sendMessage({ clh: type, data } satisfies Envelope) as Promise<AnswerOf<Type>>;
}

/**
 * Answers one message type. `data` is typed as the sender promised, but it
 * comes from a content script that reads web pages: handlers check it.
 */
export function onMessage<Type extends MessageType>(
  type: Type,
  handler: (message: { data: DataOf<Type>; sender: Browser.runtime.MessageSender }) => Promise<AnswerOf<Type>> | AnswerOf<Type>,
): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
    const envelope = message as Partial<Envelope> | null;
    if (typeof envelope !== 'object' || envelope === null || envelope.clh !== type) return undefined;
    return Promise.resolve(handler({ data: (envelope.data ?? {}) as DataOf<Type>, sender }));
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
