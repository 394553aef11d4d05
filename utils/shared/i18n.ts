/**
 * The extension's words, from `public/_locales` (Russian by default, English
 * second), as the browser's own i18n picks them for the user's language.
 */
/** A message's name in `public/_locales`. */
export type MessageName = Parameters<typeof browser.i18n.getMessage>[0];

export function t(name: MessageName, ...substitutions: Array<string | number>): string {
  return browser.i18n.getMessage(name, substitutions.map(String));
}

/** Made when first asked: loading the language's rules (about a millisecond) is no work for the content script's first task, its longest. */
let plural: Intl.PluralRules | undefined;

/** «3 дня», «5 дней», «1 day»: Russian needs three plural forms, which the browser's i18n does not do. */
export function days(count: number): string {
  plural ??= new Intl.PluralRules(browser.i18n.getUILanguage?.() || 'ru');
  switch (plural.select(count)) {
    case 'one': return t('days_one', count);
    case 'few': return t('days_few', count);
    case 'many': return t('days_many', count);
    default: return t('days_other', count);
  }
}
