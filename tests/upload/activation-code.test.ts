// What an activation code looks like (utils/upload/activation-code.ts): the demo
// account's codes and plausible others are codes; what else a customer's text
// is full of is not.
import { describe, expect, it } from 'vitest';
import { ACTIVATION_CODE_SHAPE, cyrillicLookAlikesIn, isActivationCode, normaliseTypedText, withLatinTwins } from '@/utils/upload/activation-code';

/** The demo account's code alphabet (demo-site/catalog.ts): no I and no O. */
const DEMO_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** A seeded generator, so that a failure can be reproduced. */
function demoCodes(count: number, seed = 1): string[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const group = () => Array.from({ length: 5 }, () => DEMO_ALPHABET[Math.floor(next() * DEMO_ALPHABET.length)]).join('');
  return Array.from({ length: count }, () => Array.from({ length: 5 }, group).join('-'));
}

describe('isActivationCode', () => {
  it('takes every code the demo account issues', () => {
    for (const code of demoCodes(5000)) expect(isActivationCode(code), code).toBe(true);
  });

  it('takes other plausible shapes: 3 to 8 groups of 4 to 8 letters or digits, in any case', () => {
    for (const code of ['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'a1b2c-d3e4f-g5h6j-k7l8m-n9p0q', 'ABCD-1234-EFGH', 'ABCD-EFGH-JKLM-NPQR', '12345678-ABCDEFGH-1A2B3C4D', '1234-5678-9012-3456-7890-1234-5678-901A']) {
      expect(isActivationCode(code), code).toBe(true);
    }
  });

  it('takes no date, phone, device id, GUID or dash-joined word', () => {
    const notCodes = [
      '2026-11-28', '28-11-2026', '662-98-03', '8-916-123-45-67', '495-662-9803',
      'WIN-H-4A5F39F07C114C76B6C958170C940A9D', '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', 'XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B',
      '3F2504E0-4F89-11D3-9A0C-0305E82C3301', '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}', '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      'long-term-support', 'read-only-mode', 'Mobile-Smarts-Store',
      'A1B2C-D3E4F', 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q-A1B2C-D3E4F-G5H6J-K7L8M', 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0QRSTU',
      'A1B2C D3E4F G5H6J', 'A1B2C_D3E4F_G5H6J', 'A1B2C-D3E4F-G5H6J-', '-A1B2C-D3E4F-G5H6J', 'A1B2C--D3E4F-G5H6J', '',
      'А1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', // a Cyrillic А
      // Digits alone: numbers of orders, invoices, cards, accounts and phones, which fit the shape.
      '2026-0001-1234', '4276-3801-2345-6789', '1234-5678-9012-3456-7890-1234-5678-9012', '40702810-40000001-23456789',
    ];
    for (const text of notCodes) expect(isActivationCode(text), text).toBe(false);
  });

  it('finds a letter in every code the demo issues: "digits alone" costs no real code', () => {
    expect(demoCodes(20000, 7).filter((code) => !/[A-Z]/.test(code))).toEqual([]);
  });

  it('exports the shape alone for whoever needs a RegExp', () => {
    expect(ACTIVATION_CODE_SHAPE.test('A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q')).toBe(true);
    // The shape is not the whole rule: a word with no digit fits the shape, and is no code.
    expect(ACTIVATION_CODE_SHAPE.test('long-term-support')).toBe(true);
    expect(isActivationCode('long-term-support')).toBe(false);
    // Upper-case letters alone may be a code (about 2 in 10,000 of the demo's have no digit).
    expect(isActivationCode('ABCDE-FGHJK-LMNPQ-RSTUV-WXYZA')).toBe(true);
  });
});

describe('normaliseTypedText', () => {
  it('drops invisible characters, makes odd spaces plain and dash look-alikes `-`, and keeps the rest', () => {
    expect(normaliseTypedText('\uFEFFa1B2c\u200B\u2013D3e4F\u00A0\u2060x\u00ADy\u202Fz\u2212w\r\nЁ')).toBe('a1B2c-D3e4F xy z-w\r\nЁ');
  });

  it('returns a text with nothing to normalise as it is', () => {
    const text = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q; Код — нет';
    expect(normaliseTypedText(text)).toBe('A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q; Код - нет');
    expect(normaliseTypedText('A1B2C-D3E4F')).toBe('A1B2C-D3E4F');
  });
});

describe('withLatinTwins', () => {
  it('gives each Cyrillic look-alike its Latin twin and leaves every other character as it is', () => {
    expect(withLatinTwins('\u0410\u0412\u0421DE-D3E4F-G5H6J-K7L8M-N9P0Q')).toBe('ABCDE-D3E4F-G5H6J-K7L8M-N9P0Q');
    expect(isActivationCode(withLatinTwins('\u0410\u0412\u0421DE-D3E4F-G5H6J-K7L8M-N9P0Q'))).toBe(true);
    expect(withLatinTwins('Ж1ЯDE-D3E4F')).toBe('Ж1ЯDE-D3E4F');
  });
});

describe('cyrillicLookAlikesIn', () => {
  it('names the Cyrillic letters that make a code look right', () => {
    expect(cyrillicLookAlikesIn('\u0410\u0412\u0421DE-D3E4F-G5H6J-K7L8M-N9P0Q')).toEqual(['\u0410', '\u0412', '\u0421']);
    expect(cyrillicLookAlikesIn('A1B2C-D3\u04154F-G5H6J-K7L8M-N9P0Q-\u0415\u0415\u0415\u0415')).toEqual(['\u0415']);
    expect(cyrillicLookAlikesIn('a1b2\u0441-d3e4f-g5h6j')).toEqual(['\u0441']);
  });

  it('says nothing of a clean code, a Russian word or a token no letter swap would make a code', () => {
    expect(cyrillicLookAlikesIn('A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q')).toBeUndefined();
    expect(cyrillicLookAlikesIn('ТЕХНО-МАРКЕТ-СЕРВИС')).toBeUndefined();
    expect(cyrillicLookAlikesIn('СКОР-ТОРС-ХАРЕ')).toBeUndefined(); // look-alikes only, no Latin letter or digit: a word
    expect(cyrillicLookAlikesIn('A1B2C-D3Ж4F-G5H6J-K7L8M-N9P0Q')).toBeUndefined(); // Ж has no Latin twin
    expect(cyrillicLookAlikesIn('А1В2С')).toBeUndefined(); // no code shape, whatever the letters
    expect(cyrillicLookAlikesIn('ВЕКТОР-2000-СЕВЕР')).toBeUndefined(); // Russian words and a number: no Latin letter at all
  });
});
