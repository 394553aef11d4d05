/**
 * The extension's words, from `public/_locales` (Russian by default, English
 * second). Extension pages (the popup) speak as the browser's i18n picks for
 * the user's language. What the extension writes on the account's own page
 * (marks, panel, upload progress) speaks the page's language instead: an
 * English browser on the Russian account must say «Продлить», as the page
 * does, not "Renew". The content script fetches that language's messages
 * (`usePageLanguage`, in reading/page-language.ts) and leaves them under
 * PAGE_WORDS in its isolated world, where the panel's and the upload
 * driver's scripts (separate bundles, the same world) find them too; pages
 * cannot reach that world.
 */
/** A message's name in `public/_locales`. */
export type MessageName = Parameters<typeof browser.i18n.getMessage>[0];

/** The account's languages, and the extension's. */
export type Language = 'ru' | 'en';
export const LANGUAGES: readonly Language[] = ['ru', 'en'];

/** One entry of a `messages.json`, as Chrome reads it. */
export interface LocaleMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type LocaleMessages = Record<string, LocaleMessage>;

/** Where the page's words live in the content scripts' isolated world. */
export const PAGE_WORDS = '__clhPageWords';
type Scope = typeof globalThis & { [PAGE_WORDS]?: { language: Language; messages: LocaleMessages } };

/** Speak this language on this page from now on (undefined: the browser's again). */
export function speakOnPage(language: Language | undefined, messages?: LocaleMessages): void {
  const scope = globalThis as Scope;
  if (language === undefined || messages === undefined) delete scope[PAGE_WORDS];
  else scope[PAGE_WORDS] = { language, messages };
}

/**
 * A message filled in as Chrome's i18n does: `$name$` is its placeholder's
 * content, `$1`…`$9` the substitutions, `$$` a dollar sign.
 */
export function fillMessage(entry: LocaleMessage, substitutions: readonly string[]): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole);
  return named.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : substitutions[Number(which) - 1] ?? ''));
}

export function t(name: MessageName, ...substitutions: Array<string | number>): string {
  const page = (globalThis as Scope)[PAGE_WORDS]?.messages[name];
  return page ? fillMessage(page, substitutions.map(String)) : browser.i18n.getMessage(name, substitutions.map(String));
}

/** Which of our locales the browser picked for its user (one we have, else the default, Russian); it cannot change while a page lives. */
let browserPick: Language | undefined;
export function browserLanguage(): Language {
  browserPick ??= browser.i18n.getMessage('language') === 'en' ? 'en' : 'ru';
  return browserPick;
}

/** The language `t` speaks here: the page's, where it is set, else the browser's pick. */
export function speaking(): Language {
  return (globalThis as Scope)[PAGE_WORDS]?.language ?? browserLanguage();
}

/** Made when first asked: loading the language's rules (about a millisecond) is no work for the content script's first task, its longest. */
let plural: Intl.PluralRules | undefined;

/** «3 дня», «5 дней», «1 day»: Russian needs three plural forms, which the browser's i18n does not do. */
export function days(count: number): string {
  const language = speaking();
  if (plural?.resolvedOptions().locale !== language) plural = new Intl.PluralRules(language);
  switch (plural.select(count)) {
    case 'one': return t('days_one', count);
    case 'few': return t('days_few', count);
    case 'many': return t('days_many', count);
    default: return t('days_other', count);
  }
}
