// Activation codes in whatever a person pastes into the popup: only the real
// codes, as typed, each with its line; look-alike Cyrillic letters flagged, never fixed.
import { describe, expect, it, vi } from 'vitest';
import { problemText } from '@/utils/upload/item-problems';
import { findPastedCodes, readPastedText } from '@/utils/upload/pasted-codes';

// The browser's i18n, answered from the extension's own messages (tests/locale-messages.ts).
await vi.hoisted(async () => {
  (await import('../locale-messages')).answerFromLocales();
});

const codes = (text: string) => findPastedCodes(text).map((found) => found.activationCode);

describe('codes in a real-looking mail', () => {
  // A partner forwards the vendor's letter with their own reply on top.
  const mail = [
    'Добрый день, Анна!',
    '',
    'Пересылаю коды для склада на Садовой, третий код ещё не активирован:',
    'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q',
    '',
    'Терминал @XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B уже работает, второй ПК — WIN-H-4A5F39F07C114C76B6C958170C940A9D.',
    'Заявка в поддержку № 2026-0412 от 28.11.2026 (2026-11-28), id {3F2504E0-4F89-11D3-9A0C-0305E82C3301}.',
    '',
    '--',
    'С уважением,',
    'Иван Петров, ООО «Склад-Сервис»',
    'Тел.: +7 (495) 662-98-03 доб. 2, моб. 8-916-123-45-67',
    'https://kb.cleverence.ru/support/357081/chto-delat-esli-licenziya-ne-otobrazhaetsya',
    '',
    '28.11.2026, 10:15, sales@cleverence.ru пишет:',
    '> Здравствуйте!',
    '> Ваши коды активации (Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ):',
    '> 1. B2C3D-E4F5G-H6J7K-L8M9N-P0Q1R',
    '> 2. «C3D4E-F5G6H-J7K8L-M9N0P-Q1R2S»',
    '> >> D4E5F-G6H7J-K8L9M-N0P1Q-R2S3T (повтор)',
    '> Подписка на обновления действует до 28-11-2027.',
    '> ИНН 7701234567, КПП 770101001, р/с 40702810400000012345',
  ].join('\n');

  it('finds only the codes, each with its line', () => {
    expect(findPastedCodes(mail)).toEqual([
      { activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', line: 4 },
      { activationCode: 'B2C3D-E4F5G-H6J7K-L8M9N-P0Q1R', line: 18 },
      { activationCode: 'C3D4E-F5G6H-J7K8L-M9N0P-Q1R2S', line: 19 },
      { activationCode: 'D4E5F-G6H7J-K8L9M-N0P1Q-R2S3T', line: 20 },
    ]);
  });

  it('takes no phone number, date, device id, GUID or link for a code', () => {
    const found = codes(mail).join(' ');
    for (const notACode of ['662-98-03', '123-45-67', '2026-11-28', '28-11-2027', 'WIN-H', 'XIAOMI', '3F2504E0', '4F89-11D3', '2026-0412', 'licenziya']) {
      expect(found).not.toContain(notACode);
    }
  });
});

describe('lists people paste', () => {
  it('a spreadsheet column (CRLF, tab-separated columns)', () => {
    const sheet = '№\tКод активации\tПродукт\r\n1\tA1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\tЕГАИС 3\r\n2\tB1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\tСклад 15\r\n';
    expect(findPastedCodes(sheet)).toEqual([
      { activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', line: 2 },
      { activationCode: 'B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', line: 3 },
    ]);
  });

  it('comma, semicolon, space and tab separated, in quotes and brackets', () => {
    const text = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q,B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q; C1B2C-D3E4F-G5H6J-K7L8M-N9P0Q D1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\t'
      + '"E1B2C-D3E4F-G5H6J-K7L8M-N9P0Q" \'F1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\' (G1B2C-D3E4F-G5H6J-K7L8M-N9P0Q) [H1B2C-D3E4F-G5H6J-K7L8M-N9P0Q] '
      + '<J1B2C-D3E4F-G5H6J-K7L8M-N9P0Q> «K1B2C-D3E4F-G5H6J-K7L8M-N9P0Q». Код: L1B2C-D3E4F-G5H6J-K7L8M-N9P0Q!';
    expect(codes(text)).toEqual('ABCDEFGHJKL'.split('').map((letter) => `${letter}1B2C-D3E4F-G5H6J-K7L8M-N9P0Q`));
    expect(findPastedCodes(text).every((found) => found.line === 1)).toBe(true);
  });

  it('keeps repeats: the preview marks them as duplicates', () => {
    expect(codes('A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\nA1B2C-D3E4F-G5H6J-K7L8M-N9P0Q')).toHaveLength(2);
  });

  it('other group sizes a real code may have', () => {
    expect(codes('ABCD-1234-EFGH-5678, 12AB34CD-56EF78GH-9JKL0MNP')).toEqual(['ABCD-1234-EFGH-5678', '12AB34CD-56EF78GH-9JKL0MNP']);
  });
});

describe('what is typed is kept', () => {
  it('keeps the case as typed: nothing is upper-cased', () => {
    expect(codes('a1b2c-d3e4f-g5h6j-k7l8m-n9p0q и A1b2C-d3E4f-G5h6J-k7L8m-N9p0Q')).toEqual(['a1b2c-d3e4f-g5h6j-k7l8m-n9p0q', 'A1b2C-d3E4f-G5h6J-k7L8m-N9p0Q']);
  });

  it('normalises invisible spaces and dash look-alikes, as copying from Word, a PDF or a mail leaves them', () => {
    const dashes = ['\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D'];
    for (const dash of dashes) expect(codes(`A1B2C${dash}D3E4F-G5H6J-K7L8M-N9P0Q`), `U+${dash.charCodeAt(0).toString(16)}`).toEqual(['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q']);
    // Zero-width characters inside a code are dropped; odd spaces around it separate like spaces.
    expect(codes('\uFEFF\u00A0A1B2C\u200B-D3E4F-\u2060G5H6J-K7L8M\u00AD-N9P0Q\u202F;\u2007B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\u3000'))
      .toEqual(['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q']);
  });

  it('joins a code a mail client broke after a dash, quoted or not, and offers it rather than taking it', () => {
    expect(findPastedCodes('Код: A1B2C-D3E4F-\nG5H6J-K7L8M-N9P0Q')).toEqual([{
      activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', line: 1,
      doubt: { code: 'wrapped', typed: 'A1B2C-D3E4F- ⏎ G5H6J-K7L8M-N9P0Q', lastLine: 2 },
    }]);
    expect(findPastedCodes('> A1B2C-D3E4F-G5H6J-\n> K7L8M-N9P0Q, B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q').map(({ activationCode, doubt }) => [activationCode, doubt?.code]))
      .toEqual([['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'wrapped'], ['B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', undefined]]);
  });

  it('takes no piece of a longer run as a code', () => {
    // A code's head hanging on a dash, with nothing after it that completes it.
    expect(codes('A1B2C-D3E4F-G5H6J- и всё')).toEqual([]);
    // Two dashes separate; one dash glues what is around it into one token.
    expect(codes('A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q--B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q')).toEqual(['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q']);
    expect(codes('ID-A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q-2')).toEqual([]);
    // A dash as a list bullet is no part of the code.
    expect(codes('-A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q\n> -B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q')).toEqual(['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q']);
  });
});

describe('Cyrillic look-alike letters', () => {
  it('flags a code typed with Cyrillic letters, and keeps it exactly as typed', () => {
    // «А», «В» and «С» below are Cyrillic; «D», «E», «F» … are Latin.
    const typed = '\u0410\u0412\u0421DE-D3E4F-G5H6J-K7L8M-N9P0Q';
    expect(findPastedCodes(`Код: ${typed}`)).toEqual([
      { activationCode: typed, line: 1, problem: { code: 'cyrillic-look-alike', letters: ['\u0410', '\u0412', '\u0421'] } },
    ]);
    expect(problemText({ code: 'cyrillic-look-alike', letters: ['\u0410', '\u0412', '\u0421'] }))
      .toBe('В коде активации есть русские буквы, похожие на латинские: А, В, С. Наберите их латиницей.');
  });

  it('flags lower-case look-alikes too, each letter once', () => {
    const typed = 'a1b2c-d3e4f-g5h6j-k7l8m-n9p0qa'.replace(/a/g, '\u0430').replace(/c/g, '\u0441');
    expect(findPastedCodes(`${typed} ${typed.replace('\u0441', 'c')}`).map((found) => found.problem)).toEqual([
      { code: 'cyrillic-look-alike', letters: ['\u0430', '\u0441'] },
      { code: 'cyrillic-look-alike', letters: ['\u0430'] },
    ]);
  });

  it('leaves Russian words and codes with other Cyrillic letters alone', () => {
    expect(findPastedCodes('Северо-Западный склад, ООО «Склад-Сервис», ТЕХНО-МАРКЕТ-СЕРВИС, A1B2C-D3Ж4F-G5H6J-K7L8M-N9P0Q')).toEqual([]);
  });
});

describe('what the place of a code-shaped token says', () => {
  const CODE = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q';
  const sure = (text: string) => findPastedCodes(text).filter((found) => !found.doubt && !found.problem).map((found) => found.activationCode);
  const why = (text: string) => readPastedText(text).ignored.map((ignored) => ignored.reason);

  it('takes only the one token right after a word naming another number, on its own line', () => {
    expect(sure(`Заказ № ZK24-0001-A7B9: ${CODE}`)).toEqual([CODE]);
    expect(why(`Заказ № ZK24-0001-A7B9: ${CODE}`)).toEqual([{ code: 'after-word', word: 'Заказ' }]);
    // The codes for an order, on the next line, are codes.
    expect(sure(`Коды по заказу:\n${CODE}`)).toEqual([CODE]);
    // Any form of the word, with number signs and fillers between.
    for (const before of ['заказа', 'по заказу №', 'номер заказа:', 'Order number:', 'order #', 'Invoice No.', 'счёт-фактура №', 'Тел.:', 'phone:']) {
      expect(sure(`${before} ${CODE}`), before).toEqual([]);
    }
  });

  it('keeps a code after words that only look like those: a customer, a license card', () => {
    for (const before of ['Заказчик:', 'Лицензионная карта:', 'Лицензионная карточка', 'License card:', 'Activation card', 'Код:', 'Ключ']) {
      expect(sure(`${before} ${CODE}`), before).toEqual([CODE]);
    }
  });

  it('reads a sheet\'s header only from its first tab-separated line, and never a code column as a number column', () => {
    const sheet = (header: string) => `${header}\n1\tZK24-0001-A7B9\t${CODE}`;
    expect(sure(sheet('№\tЗаказ\tКод активации'))).toEqual([CODE]);
    expect(why(sheet('№\tЗаказ\tКод активации'))).toEqual([{ code: 'column', header: 'Заказ' }]);
    // «Код по заказу» is a column of codes, whatever else it says.
    expect(sure(sheet('№\tКод по заказу\tКод активации'))).toEqual(['ZK24-0001-A7B9', CODE]);
    // Without a header, or after the tabs end, nothing is a number column.
    expect(sure(`1\tZK24-0001-A7B9\t${CODE}`)).toEqual(['ZK24-0001-A7B9', CODE]);
    expect(sure(`№\tЗаказ\n\nZK24-0001-A7B9\t${CODE}`)).toEqual(['ZK24-0001-A7B9', CODE]);
  });
});

describe('codes written otherwise', () => {
  const offered = (text: string) => findPastedCodes(text).filter((found) => found.doubt).map((found) => [found.activationCode, found.doubt!.code]);

  it('offers groups typed with spaces, never groups in a sheet\'s cells, words, numbers or hex', () => {
    expect(offered('B5R0L G0AVF NTUZQ NU080 RBRM3')).toEqual([['B5R0L-G0AVF-NTUZQ-NU080-RBRM3', 'spaced']]);
    expect(offered('B5R0L  G0AVF  NTUZQ')).toEqual([['B5R0L-G0AVF-NTUZQ', 'spaced']]); // two spaces, as a PDF leaves them
    expect(offered('B5R0L\tG0AVF\tNTUZQ\tNU080\tRBRM3')).toEqual([]); // cells of a sheet
    expect(offered('this will take some time, 4276 3801 2345 6789, DEAD BEEF 1234 CAFE')).toEqual([]);
    // A word before the groups is no group of the code.
    expect(offered('Code B5R0L G0AVF NTUZQ NU080 RBRM3')).toEqual([['B5R0L-G0AVF-NTUZQ-NU080-RBRM3', 'spaced']]);
    // Two codes in one run of groups.
    expect(offered('B5R0L G0AVF NTUZQ NU080 RBRM3 H7T2M Q9XWE 4LK8P ZR3NV Y6D1C'))
      .toEqual([['B5R0L-G0AVF-NTUZQ-NU080-RBRM3', 'spaced'], ['H7T2M-Q9XWE-4LK8P-ZR3NV-Y6D1C', 'spaced']]);
  });

  it('offers a run with no separators cut into groups of the usual size, and no hash', () => {
    expect(offered('B5R0LG0AVFNTUZQNU080RBRM3')).toEqual([['B5R0L-G0AVF-NTUZQ-NU080-RBRM3', 'unseparated']]);
    expect(offered('AB12CD34EF56GH78')).toEqual([['AB12-CD34-EF56-GH78', 'unseparated']]);
    expect(offered('4A5F39F07C114C76B6C958170C940A9D d41d8cd98f00b204e9800998ecf8427e')).toEqual([]);
  });

  it('never joins two codes one a line, nor a word or a number to a code', () => {
    expect(offered('ABCD-1234-EFGH\nIJKL-5678-MNOP')).toEqual([]);
    expect(offered('-ABCD-1234-EFGH\n-IJKL-5678-MNOP')).toEqual([]);
    expect(offered('Keys\nABCD-1234-EFGH-5678')).toEqual([]);
    expect(offered('до 28.11.2026\nABCD-1234-EFGH-5678')).toEqual([]);
    expect(offered('Склад 15\n-ABCD-1234-EFGH')).toEqual([]);
  });
});

describe('text with no codes', () => {
  it('gives an empty list', () => {
    expect(findPastedCodes('')).toEqual([]);
    expect(findPastedCodes('   \n\t\n')).toEqual([]);
    expect(findPastedCodes('Здравствуйте! Когда придут коды? Тел. +7 (495) 662-98-03, 28.11.2026. state-of-the-art long-term-support')).toEqual([]);
  });

  it('reads a large paste quickly', () => {
    const lines = Array.from({ length: 5000 }, (_, n) => `${n + 1};A${String(n).padStart(4, '0')}-D3E4F-G5H6J-K7L8M-N9P0Q;Mobile SMARTS: Склад 15;28.11.2026`);
    const started = performance.now();
    expect(findPastedCodes(lines.join('\n'))).toHaveLength(5000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
