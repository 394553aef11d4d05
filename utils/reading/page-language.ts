/**
 * What the extension writes on an account page speaks the page's language
 * (shared/i18n.ts says why and how). The content script asks the background
 * for that language's messages only where it differs from the browser's;
 * the background reads them from the extension's own package.
 */
import type { Browser } from 'wxt/browser';
import { browserLanguage, LANGUAGES, speakOnPage, speaking, type Language, type LocaleMessages } from '../shared/i18n';
import { sendMessage } from '../shared/messaging';
import { pageLanguage } from '../site/page';
import { isVendorUrl } from '../site/vendor-hosts';

/** Content script: speak this page's language from now on; the browser's where the page's is unknown or the same, or cannot be had. */
export async function usePageLanguage(doc: Document): Promise<void> {
  const language = pageLanguage(doc);
  if (language === undefined || language === browserLanguage()) return speakOnPage(undefined);
  if (speaking() === language) return;
  const messages = await sendMessage('pageMessages', { language }).catch(() => undefined);
  speakOnPage(messages ? language : undefined, messages ?? undefined);
}

/** Background: the messages of one of our languages, for our own content script on the vendor's pages only. */
export async function pageMessages(sender: Browser.runtime.MessageSender, language: unknown): Promise<LocaleMessages | undefined> {
  if (sender.id !== browser.runtime.id || !isVendorUrl(sender.url) || !LANGUAGES.includes(language as Language)) return undefined;
  try {
    const answer = await fetch(browser.runtime.getURL(`/_locales/${language as Language}/messages.json` as Parameters<typeof browser.runtime.getURL>[0]));
    return (await answer.json()) as LocaleMessages;
  } catch {
    return undefined;
  }
}
