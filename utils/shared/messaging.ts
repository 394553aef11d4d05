/**
 * Messages between the extension's parts. The background owns the extension's
 * IndexedDB (the page's own IndexedDB is the site's, not ours), so the content
 * script asks it to keep and return whole lists; the popup asks it to run and
 * steer bulk uploads; it asks the upload driver in the account tab to send one
 * item at a time.
 *
 * Typed by hand over `runtime.sendMessage` and `tabs.sendMessage`: a handful
 * of messages do not earn a messaging library's 3 kB in a content script with
 * a 60 kB budget.
 */
import type { Browser } from 'wxt/browser';
import type { Language, LocaleMessages } from './i18n';
import type { JobControl } from '../upload/job-runner';
import type { ListName } from '../reading/saved-lists';
import type { AccountChanges } from '../accounts/changes';
import type { ItemWay, JobState, LookUpAnswer, PauseReason, SiteAnswer } from '../upload/upload-job';

/** What an account page shows about its account besides the login (site/page.ts), and where its Лицензии tab is. */
export interface ShownAbout {
  company?: string;
  inn?: string;
  licensesUrl?: string;
  /** The language the account's pages speak. */
  language?: Language;
}

/** A support request on its way to the vendor's form (support/support-request.ts), as it travels and waits. */
export interface SupportPayload {
  subject: string;
  body: string;
  /** The account and each device by id: for an e-mail draft, which carries little. */
  short: string;
  /** Every device, one a row; attached where the form takes files and the body could not name them all. */
  csv: string;
  csvName: string;
  attach: boolean;
  /** The account's e-mail, for the form's contact field. */
  email?: string;
}

/** What the upload driver sees of the account in its tab. */
export type DriverAccount =
  | { kind: 'account'; origin: string; login: string; uploadUrl: string }
  | { kind: 'logged-out' }
  /** A page of the account whose «Загрузить лицензии» could not be found, here or on the Лицензии tab it links to. */
  | { kind: 'no-upload'; origin: string; login: string; licensesUrl?: string }
  /** A page of the vendor's that is not the account (no account tabs, or no one logged in shown). */
  | { kind: 'not-account' };

/** Where the item goes and whom it is for; the driver checks the page shows that account before sending. */
interface DriverTarget {
  uploadUrl: string;
  login: string;
}

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
  saveList(data: { account: string; list: ListName; items: string; batch: string; part: number; parts: number; shown?: ShownAbout }): void;
  /** What changed in this account between its last two different snapshots (accounts/changes.ts), if anything did. */
  accountChanges(data: { account: string }): AccountChanges | undefined;
  /** The last whole list kept for this account, if any. */
  loadList(data: { account: string; list: ListName }): { items: string; savedAt: number } | undefined;

  /** The panel or the overview → background: open the vendor's support form in a new tab, to be filled with this request there. */
  openSupportRequest(data: SupportPayload): boolean;
  /** The support filler (put into that tab) → background: the request this tab was opened for, if any, and whether a link may still be followed to the form. */
  supportPending(data: Record<string, never>): { request: SupportPayload; mayFollow: boolean } | undefined;
  /** The support filler → background: this tab is done with its request (filled, or shown to copy). */
  supportDone(data: { filled: boolean }): void;

  /** Content script → background: our messages in this language, for words written on an account page of that language (shared/i18n.ts). */
  pageMessages(data: { language: Language }): LocaleMessages | undefined;
  /** Content script → background: put the summary panel's script into this page (reading/panel-loader.ts); whether it did. */
  loadPanel(data: Record<string, never>): boolean;
  /** Content script → background: open the list parser's document (list-parser.ts); whether it is open. */
  openListParser(data: Record<string, never>): boolean;
  /** List parser → background: it is idle, close it. */
  closeListParser(data: Record<string, never>): void;

  /** Popup → background: the job just written to IndexedDB is to run. */
  startJob(data: { jobId: string }): void;
  /** Popup → background: pause, resume, cancel, retry the failed; `tabId` moves the job to that tab. */
  controlJob(data: { jobId: string; action: JobControl; tabId?: number }): void;
  /**
   * Background → popup: a job changed; read it again from IndexedDB. `unsaved`: the change could not be
   * written there (storage full), so the job's state is this, not what IndexedDB still says.
   */
  jobChanged(data: { jobId: string; unsaved?: { state: JobState; pause?: PauseReason; pauseDetail?: string } }): void;

  /** To the upload driver: who is logged in, and where the upload page is. */
  driverAccount(data: Record<string, never>): DriverAccount;
  /**
   * To the upload driver: send one item through the account's form, once per `requestId`, and not after
   * `sendBy` (ms since the epoch). File bytes travel as base64 (messages are JSON).
   */
  driverSubmit(data: DriverTarget & { requestId: string; sendBy: number; way: ItemWay; code: string; fileName?: string; fileBase64?: string }): SiteAnswer;
  /** To the upload driver: what became of this request (`recall`: ask only the page), or is this code in the account's license list? */
  driverLookUp(data: DriverTarget & { code: string; requestId: string; how: 'recall' | 'list' }): LookUpAnswer;
  /** To the upload driver: the job's progress, for the in-page indicator. */
  driverProgress(data: { done: number; total: number; added: number; rejected: number; failed: number; state: string; pause?: string }): void;
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

/** To the content scripts of one tab's top frame (the upload driver). */
export function sendToTab<Type extends MessageType>(tabId: number, type: Type, data: DataOf<Type>): Promise<AnswerOf<Type>> {
  return browser.tabs.sendMessage(tabId, { clh: type, data } satisfies Envelope, { frameId: 0 }) as Promise<AnswerOf<Type>>;
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
