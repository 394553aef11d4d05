/**
 * The browser's i18n in unit tests, answered from the extension's own
 * `public/_locales` as Chromium answers it ($1…$9 substituted). Call it
 * inside `vi.hoisted`, so that it is in place before utils/shared/i18n.ts is
 * imported (that module asks for the UI language as it loads):
 *
 *   const i18n = await vi.hoisted(async () => (await import('./locale-messages')).answerFromLocales());
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Messages = Record<string, { message: string }>;

const read = (locale: string) =>
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), `../public/_locales/${locale}/messages.json`), 'utf8')) as Messages;

export function answerFromLocales(language = 'ru') {
  const state = {
    /** The UI language the browser reports; a test may switch it. */
    language,
    messages: { ru: read('ru'), en: read('en') } as Record<string, Messages>,
    /** getMessage calls so far. */
    calls: 0,
    /** A message as the locale writes it, placeholders and all. */
    text: (name: string) => state.messages[state.language]![name]!.message,
  };
  const i18n = (globalThis as unknown as { browser: { i18n: Record<string, unknown> } }).browser.i18n;
  i18n.getUILanguage = () => state.language;
  i18n.getMessage = (name: string, substitutions: string[] = []) => {
    state.calls++;
    return (state.messages[state.language]![name]?.message ?? '').replace(/\$(\d)/g, (_match, n: string) => substitutions[Number(n) - 1] ?? '');
  };
  return state;
}
