// The extension's words (utils/shared/i18n.ts): a message filled in as
// Chrome's i18n does, and a page's own language over the browser's.
import { afterEach, describe, expect, it } from 'vitest';
import { days, fillMessage, speakOnPage, speaking, t, type LocaleMessages } from '@/utils/shared/i18n';
import en from '../../public/_locales/en/messages.json';
import ru from '../../public/_locales/ru/messages.json';

describe('a message filled in as Chrome does', () => {
  it('puts substitutions for $1…$9 and placeholders for $name$, and $$ stays a dollar', () => {
    expect(fillMessage({ message: 'Добавлено: $1 из $2' }, ['3', '5'])).toBe('Добавлено: 3 из 5');
    expect(fillMessage({ message: 'Осталось $count$ · $$$1', placeholders: { count: { content: '$2' } } }, ['10', '7'])).toBe('Осталось 7 · $10');
    // Placeholder names are case-blind in Chrome.
    expect(fillMessage({ message: '$Name$!', placeholders: { name: { content: '$1' } } }, ['Ромашка'])).toBe('Ромашка!');
  });

  it('leaves a missing substitution empty and an unknown placeholder as written', () => {
    expect(fillMessage({ message: '$1 и $2' }, ['один'])).toBe('один и ');
    expect(fillMessage({ message: '$nope$' }, [])).toBe('$nope$');
  });

  it('leaves nothing unfilled in any message of either locale', () => {
    for (const messages of [ru, en] as LocaleMessages[]) {
      for (const [name, entry] of Object.entries(messages)) {
        expect(fillMessage(entry, ['A', 'B', 'C', 'D']), name).not.toMatch(/\$(?:[1-9]|[A-Za-z_]+\$)/);
      }
    }
  });
});

describe('the page\'s language', () => {
  afterEach(() => speakOnPage(undefined));

  it('speaks the page\'s English on a page that is English, whatever the browser picked', () => {
    speakOnPage('en', en as LocaleMessages);
    expect(speaking()).toBe('en');
    expect(t('panelTitle')).toBe(en.panelTitle.message);
    expect(days(1)).toBe(en.days_one.message.replace('$1', '1'));
    expect(days(5)).toBe(en.days_other.message.replace('$1', '5'));
  });

  it('counts in Russian again (three plural forms) once the page is the browser\'s language', () => {
    speakOnPage('en', en as LocaleMessages);
    days(2);
    speakOnPage('ru', ru as LocaleMessages);
    expect(days(2)).toBe(ru.days_few.message.replace('$1', '2'));
    expect(days(5)).toBe(ru.days_many.message.replace('$1', '5'));
  });
});
