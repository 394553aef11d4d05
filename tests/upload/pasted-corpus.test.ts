// What people paste into the popup, as they paste it: mails from the vendor and
// from partners with their signatures, spreadsheets copied with tabs, payment
// notices, support tickets, links. For each text, exactly which codes are
// taken, which only look like codes (offered unticked), which are flagged, and
// which code-shaped texts are ignored, and why. Nothing else may be found.
import { describe, expect, it } from 'vitest';
import { readPastedText, type IgnoredReason, type PastedCodeDoubt } from '@/utils/upload/pasted-codes';

// Codes of the real form: 5 groups of 5 capitals and digits.
const K1 = 'B5R0L-G0AVF-NTUZQ-NU080-RBRM3';
const K2 = 'H7T2M-Q9XWE-4LK8P-ZR3NV-Y6D1C';
const K3 = 'M3PQ8-WX2RT-L9KV4-A7ZN6-F1HGD';
const K4 = '7Y4KC-TN2WE-R8QZM-5HJX1-PV3LB';
const K5 = 'QW8E2-RT5Y7-UP3A9-SD4F6-GH1J0';
const K6 = 'Z9X8C-V7B6N-M5L4K-J3H2G-F1D0S';
const K7 = 'ACD2F-9KLMN-PR7TU-VW3XY-4BE6H';
const K8 = 'N4V7X-2QK9R-8TZ3M-W6P1Y-C5L0J';

const spaced = (code: string) => code.replaceAll('-', ' ');
const unseparated = (code: string) => code.replaceAll('-', '');

interface Case {
  name: string;
  text: string;
  /** Taken as they are (ticked in the preview), in reading order. */
  codes: string[];
  /** Offered as "looks like a code": the code that would be sent, and why. */
  maybe?: Array<[code: string, doubt: PastedCodeDoubt['code']]>;
  /** Typed with Cyrillic look-alike letters, as typed. */
  flagged?: string[];
  /** Code-shaped texts that are no codes, and why. */
  ignored?: Array<[text: string, reason: IgnoredReason['code']]>;
}

const CORPUS: Case[] = [
  {
    name: 'the vendor\'s mail with an order, an invoice, a phone and a link',
    text: `Здравствуйте, Анна Сергеевна!

По заказу № 2026-0001-1234 от 28.11.2026 высылаем коды активации Mobile SMARTS: Склад 15, ПОЛНЫЙ:

1. ${K1}
2. ${K2}

Счёт № SC26-0419-KL77 оплачен 27.11.2026, спасибо.
Инструкция: https://kb.cleverence.ru/support/357081/kak-aktivirovat-licenziyu/

--
С уважением,
Отдел продаж «Клеверенс»
Тел.: +7 (495) 662-98-03 доб. 2, 8-800-555-35-35
sales@cleverence.ru | www.cleverence.ru`,
    codes: [K1, K2],
    ignored: [['2026-0001-1234', 'digits'], ['SC26-0419-KL77', 'after-word']],
  },
  {
    name: 'a partner\'s reply on top of the vendor\'s quoted mail, with the partner\'s signature',
    text: `Добрый день, коллеги!

Пересылаю коды для склада на Садовой. Третий уже активирован на ТСД @ZEBRA-TC21-E-21045B5C3D.

Иван Петров | ООО «Склад-Сервис» | ivan-2024-sklad@sklad-service.ru
моб. +7 916 123-45-67, тел. 8 (812) 300-40-50

28.11.2026, 10:15, sales@cleverence.ru пишет:
> Здравствуйте!
> Ваши коды активации (заказ ZK24-7781-MS15):
> ${K3}
> ${K4}
> >> ${K5} (повтор)
> Подписка на обновления действует до 28-11-2027.
> ИНН 7701234567, КПП 770101001, р/с 40702810400000012345`,
    codes: [K3, K4, K5],
    ignored: [['ivan-2024-sklad', 'email'], ['ZK24-7781-MS15', 'after-word']],
  },
  {
    name: 'a card payment notice',
    text: `Оплата картой 4276 3801 2345 6789 прошла успешно.
Карта: 4276-3801-2345-6789, держатель IVAN PETROV, срок 12/27.
Номер операции 5521-0098-7711, код авторизации A1B2C3.
Card **** 6789. Payment ID: PAY1-2345-ABCD`,
    codes: [],
    ignored: [['4276-3801-2345-6789', 'digits'], ['5521-0098-7711', 'digits'], ['PAY1-2345-ABCD', 'after-word']],
  },
  {
    name: 'a spreadsheet copied with tabs, its header naming an order and a phone column',
    text: [
      '№\tНомер заказа\tДата\tКод активации\tКонтактный телефон',
      `1\tZK24-0001-A7B9\t28.11.2026\t${K6}\t8-916-123-45-67`,
      `2\tZK24-0002-B8C1\t28.11.2026\t${K7}\t+7 (495) 662-98-03`,
      `3\tZK24-0003-C9D2\t29.11.2026\t${K8}\tTEL1-2345-6789`,
      '',
      `Итого: 3 лицензии. Ещё один код отдельно: ${K1}`,
    ].join('\r\n'),
    codes: [K6, K7, K8, K1],
    ignored: [['ZK24-0001-A7B9', 'column'], ['ZK24-0002-B8C1', 'column'], ['ZK24-0003-C9D2', 'column'], ['TEL1-2345-6789', 'column']],
  },
  {
    name: 'a column of codes copied from a sheet with no header, products beside them',
    text: `${K1}\tMobile SMARTS: Склад 15\t1 шт.\n${K2}\tMobile SMARTS: Магазин 15\t1 шт.\n${K3}\tЕГАИС 3\t2 шт.`,
    codes: [K1, K2, K3],
  },
  {
    name: 'links and addresses holding code-shaped pieces',
    text: `Заказ в кабинете: https://lk.cleverence.ru/orders/ABCD-1234-EFGH
Без протокола: lk.cleverence.ru/licenses?code=${K2}
Скачать: www.cleverence.ru/downloads/MS25-1234-ABCD.zip
Пишите на A1B2-C3D4-E5F6@partner.ru или support@cleverence.ru.
А это сам код: ${K1}.`,
    codes: [K1],
    ignored: [['ABCD-1234-EFGH', 'link'], [K2, 'link'], ['MS25-1234-ABCD', 'link'], ['A1B2-C3D4-E5F6', 'email']],
  },
  {
    name: 'codes wrapped across lines by a narrow mail client',
    text: `Коды:
> ${K1.slice(0, 12)}
> ${K1.slice(12)}
${K2.slice(0, 11)}
-${K2.slice(12)}
${K3.slice(0, 15)}
${K3.slice(15)}
${K4.slice(0, 6)}
${K4.slice(6, 12)}
${K4.slice(12)}`,
    codes: [],
    maybe: [
      [K1, 'wrapped'], // broken after a dash, quoted
      [K2, 'wrapped'], // the dash went to the next line: its head is kept
      [K2.slice(12), 'wrapped-part'], // …and the tail, a code shape alone, is offered too
      [K3, 'wrapped'], // broken inside a group
      [K4, 'wrapped'], // over three lines
    ],
  },
  {
    name: 'a code wrapped where the dash was lost, its head a code alone',
    text: `Ключ: ${K5.slice(0, 17)}\n${K5.slice(18)}\nС уважением, Ольга`,
    codes: [],
    maybe: [[K5, 'wrapped'], [K5.slice(0, 17), 'wrapped-part']],
  },
  {
    name: 'codes typed with spaces or without separators',
    text: `Код активации: ${spaced(K1)}
${unseparated(K2)}
и ещё ${spaced(K3).toLowerCase()} — набран маленькими
Серийник ПК 4A5F39F07C114C76B6C958170C940A9D, MD5 d41d8cd98f00b204e9800998ecf8427e.`,
    codes: [],
    maybe: [[K1, 'spaced'], [K2, 'unseparated'], [K3.toLowerCase(), 'spaced']],
  },
  {
    name: 'a code cut short by a dash at the end of a line',
    text: `Код: ${K6.slice(0, 23)}-\n\nОстальное потерялось при копировании.`,
    codes: [],
    maybe: [[K6.slice(0, 23), 'cut']],
  },
  {
    name: 'Cyrillic look-alike letters typed on a Russian layout',
    // «С», «В», «Е», «К», «М», «Н», «Р», «Т», «Х» below are Cyrillic.
    text: `Код 1: ${K7.replace('C', 'С')}\nКод 2: ${K8.replace('K', 'К').replace('M', 'М')}\nКод 3: ${K1}\nООО «ТЕХНО-МАРКЕТ-СЕРВИС», склад ВЕКТОР-2000-СЕВЕР`,
    codes: [K1],
    flagged: [K7.replace('C', 'С'), K8.replace('K', 'К').replace('M', 'М')],
  },
  {
    name: 'an English mail from a partner with an invoice number, a phone and a card',
    text: `Hi team,

Please find the license keys for invoice INV1-2026-0042 below:
  - ${K2}
  - ${K4}
Order number: ORD7-7781-XK21. License card: ${K6}

Phone: +1 (415) 555-0132 / cell 415-555-0199
Paid by card 4242-4242-4242-4242.

Best regards,
John Smith, Acme Logistics`,
    codes: [K2, K4, K6],
    ignored: [['INV1-2026-0042', 'after-word'], ['ORD7-7781-XK21', 'after-word'], ['4242-4242-4242-4242', 'digits']],
  },
  {
    name: 'a support ticket, device ids, GUIDs, versions and dates',
    text: `Заявка SR12-3456-AB78 от 2026-11-28T10:15:00
Устройство WIN-H-4A5F39F07C114C76B6C958170C940A9D, терминал @XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B
База {3F2504E0-4F89-11D3-9A0C-0305E82C3301}, версия Mobile SMARTS 3.3.1234.56789
Договор ДГ-2026/15 от 01.12.2026; трек 1Z999AA10123456784
Лицензионная карта: ${K3}`,
    codes: [K3],
    // A parcel's number after «трек» would otherwise be offered as a code written without dashes.
    ignored: [['SR12-3456-AB78', 'after-word'], ['1Z999AA10123456784', 'after-word']],
  },
  {
    name: 'a list separated by commas and semicolons, in quotes and brackets, with a repeat',
    text: `«${K1}», "${K2}"; (${K3}) [${K4}], ${K1}!`,
    codes: [K1, K2, K3, K4, K1],
  },
];

describe('the corpus of pasted texts', () => {
  it.each(CORPUS)('$name', ({ text, codes, maybe = [], flagged = [], ignored = [] }) => {
    const reading = readPastedText(text);
    expect(reading.codes.filter((found) => !found.doubt && !found.problem).map((found) => found.activationCode), 'codes').toEqual(codes);
    expect(reading.codes.filter((found) => found.doubt).map((found) => [found.activationCode, found.doubt!.code]), 'looks like a code').toEqual(maybe);
    expect(reading.codes.filter((found) => found.problem).map((found) => found.activationCode), 'flagged').toEqual(flagged);
    expect(reading.ignored.map((text) => [text.text, text.reason.code]), 'ignored').toEqual(ignored);
  });

  it('never takes a number of the corpus for a code, nor a code for a number', () => {
    const taken = CORPUS.flatMap(({ text }) => readPastedText(text).codes.map((found) => found.activationCode));
    for (const number of ['2026-0001-1234', '4276-3801-2345-6789', 'ABCD-1234-EFGH', 'ivan-2024-sklad', '662-98-03', '123-45-67', 'ZK24-0001-A7B9']) {
      expect(taken).not.toContain(number);
    }
  });

  it('says where each ignored text stands, and why', () => {
    const { ignored } = readPastedText(CORPUS[0]!.text);
    expect(ignored).toEqual([
      { text: '2026-0001-1234', line: 3, reason: { code: 'digits' } },
      { text: 'SC26-0419-KL77', line: 8, reason: { code: 'after-word', word: 'Счёт' } },
    ]);
    expect(readPastedText(CORPUS[3]!.text).ignored[0]).toEqual({ text: 'ZK24-0001-A7B9', line: 2, reason: { code: 'column', header: 'Номер заказа' } });
  });

  it('keeps how a look-alike code was written, for the user to compare', () => {
    const [spacedCode, unseparatedCode] = readPastedText(CORPUS[8]!.text).codes;
    expect(spacedCode).toEqual({ activationCode: K1, line: 1, doubt: { code: 'spaced', typed: spaced(K1) } });
    expect(unseparatedCode).toEqual({ activationCode: K2, line: 2, doubt: { code: 'unseparated', typed: unseparated(K2) } });
    const [wrapped] = readPastedText(CORPUS[6]!.text).codes;
    expect(wrapped).toEqual({ activationCode: K1, line: 2, doubt: { code: 'wrapped', typed: `${K1.slice(0, 12)} ⏎ ${K1.slice(12)}`, lastLine: 3 } });
  });
});
