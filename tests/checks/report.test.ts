// The summary as text (for a support request) and as CSV (for a spreadsheet).
import { describe, expect, it, vi } from 'vitest';
import { crossCheck } from '@/utils/checks/checks';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';
import { reportCsv, reportFileName, reportText, TEXT_LINES_PER_KIND, type ReportContext } from '@/utils/checks/report';

// The browser's i18n, answered from the extension's own messages (tests/locale-messages.ts).
const { text: ru } = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

const TODAY = dayNumber(2026, 6, 15)!;

function license(fields: Partial<License> = {}): License {
  return { kind: 'main', product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ', status: 'free', date: TODAY - 100, subscriptionEnd: TODAY + 200, ...fields };
}

function device(id: string, connection: Device['connection'], fields: Partial<Device> = {}): Device {
  return { id, name: id, database: connection === 'cloud' ? 'Облако' : 'Склад на ПК', connection, lastSeen: TODAY, ...fields };
}

/** Reads CSV back as a spreadsheet would: `;` between fields, RFC 4180 quotes, CRLF between rows. */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const char = csv[i]!;
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ';') {
      row.push(field);
      field = '';
    } else if (char === '\r' && csv[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const XIAOMI = '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B';
const WIN_H = 'WIN-H-4A5F39F07C114C76B6C958170C940A9D';
const CONTEXT: ReportContext = { login: 'typical@example.ru', company: 'ООО "Ромашка"', origin: 'https://lk.cleverence.ru', checkedOn: TODAY };
const HEAD = ['Лицензии «Клеверенс»: что требует внимания', 'Кабинет: typical@example.ru · ООО "Ромашка" · https://lk.cleverence.ru', 'Проверено: 15.06.2026'];

describe('reportText', () => {
  it('names the account, the company and the day, then each kind of finding in words with its count: devices first, then licenses', () => {
    const check = crossCheck(
      [
        license({ status: 'activated', deviceId: WIN_H, subscriptionEnd: dayNumber(2026, 6, 5)! }),
        license({ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин 15, БАЗОВЫЙ, 1 месяц', status: 'activated', deviceId: '@ZEBRA-TC21-0001', activationCode: 'AB1CD-EF2GH-JK3LM-NP4QR-ST5UV' }),
      ],
      [device(XIAOMI, 'cloud', { name: 'Xiaomi Redmi', database: 'Склад Москва', lastSeen: dayNumber(2026, 6, 14)! }), device(WIN_H, 'local')],
      TODAY,
    );
    expect(reportText(check, CONTEXT)).toBe([
      ...HEAD,
      '',
      'Нет облачной лицензии (1):',
      `- Xiaomi Redmi, ${XIAOMI}, база «Склад Москва», последнее подключение 14.06.2026: Устройство облачной базы без облачной лицензии: обратитесь в техподдержку «Клеверенс».`,
      '',
      'Истекла или закончилась (1):',
      `- Mobile SMARTS: Склад 15, ПОЛНЫЙ, ${WIN_H}, до 05.06.2026: Подписка на обновление закончилась 05.06.2026: продлите её ссылкой «Продлить».`,
      '',
      'Неизвестное устройство (1):',
      '- ОБЛАКО Mobile SMARTS: Магазин 15, БАЗОВЫЙ, 1 месяц, @ZEBRA-TC21-0001, код AB1CD-EF2GH-JK3LM-NP4QR-ST5UV, до 01.01.2027: Лицензия привязана к устройству @ZEBRA-TC21-0001, которого нет во вкладке «Устройства».',
    ].join('\n'));
  });

  it('says nothing needs attention, with whose account and when, when nothing does', () => {
    const check = crossCheck([license({ status: 'activated', deviceId: WIN_H })], [device(WIN_H, 'local')], TODAY);
    expect(reportText(check, CONTEXT)).toBe([...HEAD, '', ru('reportNothing')].join('\n'));
  });

  it('leaves out a company the account does not show', () => {
    const check = crossCheck([license()], [device(WIN_H, 'local')], TODAY);
    expect(reportText(check, { ...CONTEXT, company: undefined }).split('\n')[1]).toBe('Кабинет: typical@example.ru · https://lk.cleverence.ru');
  });

  it('sums a long list up: the first ones of each kind, then how many more the CSV has', () => {
    const devices = Array.from({ length: 600 }, (_, n) => device(`@UROVO-DT50-O-${String(n).padStart(6, '0')}`, 'cloud'));
    const text = reportText(crossCheck([], devices, TODAY), CONTEXT);
    const lines = text.split('\n');
    expect(lines[4]).toBe('Нет облачной лицензии (600):');
    expect(lines.filter((line) => line.startsWith('- '))).toHaveLength(TEXT_LINES_PER_KIND);
    expect(lines.at(-1)).toBe(ru('reportMore').replace('$1', String(600 - TEXT_LINES_PER_KIND)));
    expect(text.length).toBeLessThan(3_000);
  });

  it('keeps a device name that is markup as the same text', () => {
    const check = crossCheck([], [device(XIAOMI, 'cloud', { name: '<img src=x onerror=alert(1)>', database: 'Магазин "Ёлки & <i>Палки</i>"' })], TODAY);
    expect(reportText(check, CONTEXT).split('\n')[5]).toBe(`- <img src=x onerror=alert(1)>, ${XIAOMI}, база «Магазин "Ёлки & <i>Палки</i>"», последнее подключение 15.06.2026: ${ru('findingMissingCloud')}`);
  });
});

describe('reportCsv', () => {
  const missingCloud = (fields: Partial<Device>) => reportCsv(crossCheck([], [device(XIAOMI, 'cloud', fields)], TODAY), CONTEXT);

  it('starts with a byte-order mark and the header, and ends every row with CRLF', () => {
    const csv = missingCloud({ name: 'Urovo RT40', database: 'Склад' });
    expect(csv.startsWith(`\uFEFF${ru('csvHeader')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3); // header, one row, and the empty rest after the last CRLF
    expect(ru('csvHeader').split(';')).toEqual([
      'Кабинет', 'Компания', 'Проверено', 'Что', 'Лицензия или устройство', 'Идентификатор устройства', 'База', 'Код активации',
      'Дата активации', 'До (подписка или оплаченный срок)', 'Последнее подключение', 'Пояснение',
    ]);
  });

  it('puts one finding a row, each naming its account, in words, with each date in its own column', () => {
    const check = crossCheck(
      [license({ status: 'activated', deviceId: WIN_H, date: dayNumber(2025, 6, 25)!, subscriptionEnd: dayNumber(2026, 6, 25)! })],
      [device(WIN_H, 'local', { name: 'Касса 1', database: 'Магазин', lastSeen: dayNumber(2026, 6, 1)! })],
      TODAY,
    );
    const [, row] = readCsv(reportCsv(check, CONTEXT).slice(1));
    expect(row).toEqual([
      'typical@example.ru', 'ООО "Ромашка"', '15.06.2026', 'Подписка кончается', 'Mobile SMARTS: Склад 15, ПОЛНЫЙ', WIN_H, '', '',
      '25.06.2025', '25.06.2026', '', 'Подписка на обновление заканчивается через 10 дней — до 25.06.2026.',
    ]);
  });

  it('gives a device its database and last connection, and no license dates', () => {
    const [, row] = readCsv(missingCloud({ name: 'Urovo RT40', database: 'Склад', lastSeen: dayNumber(2026, 6, 10)! }).slice(1));
    expect(row).toEqual(['typical@example.ru', 'ООО "Ромашка"', '15.06.2026', 'Нет облачной лицензии', 'Urovo RT40', `'${XIAOMI}`, 'Склад', '', '', '', '10.06.2026', ru('findingMissingCloud')]);
  });

  it('names which free license could go on which unlicensed local device, a line each, in the text and in the CSV', () => {
    const check = crossCheck(
      [license({ product: 'Mobile SMARTS: Кировка', activationCode: 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY' })],
      [device(WIN_H, 'local', { name: 'Касса 2', database: 'Магазин', lastSeen: dayNumber(2026, 6, 2)! })],
      TODAY,
    );
    const [, row] = readCsv(reportCsv(check, CONTEXT).slice(1));
    expect(row).toEqual([
      'typical@example.ru', 'ООО "Ромашка"', '15.06.2026', ru('flag_free_license'), 'Mobile SMARTS: Кировка', WIN_H, 'Магазин',
      'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY', '', '', '02.06.2026', ru('findingFreeLicenseFor').replace('$1', 'Касса 2').replace('$2', WIN_H),
    ]);
    expect(reportText(check, CONTEXT)).toContain(`${ru('flag_free_license')} (1):\n- Mobile SMARTS: Кировка, ${WIN_H}`);
  });

  it('quotes fields holding `;`, `"` or a line break, doubling the quotes', () => {
    const csv = missingCloud({ name: 'ТСД "Склад"; смена 2', database: 'Склад\r\nМосква' });
    expect(csv).toContain('"ТСД ""Склад""; смена 2"');
    const [, row] = readCsv(csv.slice(1));
    expect(row!.slice(4, 7)).toEqual(['ТСД "Склад"; смена 2', `'${XIAOMI}`, 'Склад\r\nМосква']);
  });

  it.each([
    ['=', '=HYPERLINK("https://example.com","Открыть")'],
    ['+', '+7 (495) 662-98-03'],
    ['-', '-2+3+cmd|\' /C calc\'!A0'],
    ['@', '@SUM(1+1)'],
    ['a tab', '\t=1+1'],
    ['a carriage return', '\r=1+1'],
  ])('keeps a spreadsheet from running a cell starting with %s as a formula', (_what, name) => {
    const [, row] = readCsv(missingCloud({ name, database: 'Склад' }).slice(1));
    expect(row![4]).toBe(`'${name}`);
  });

  it('neutralises an Android device id, which starts with "@", the same way', () => {
    const [, row] = readCsv(missingCloud({ name: 'Xiaomi', database: 'Склад' }).slice(1));
    expect(row![5]).toBe(`'${XIAOMI}`);
  });

  it('leaves "=" and "@" alone inside a field', () => {
    const [, row] = readCsv(missingCloud({ name: 'Склад A=B', database: 'info@example.ru' }).slice(1));
    expect(row!.slice(4, 7)).toEqual(['Склад A=B', `'${XIAOMI}`, 'info@example.ru']);
  });

  it('keeps a device name that is markup as the same text', () => {
    const [, row] = readCsv(missingCloud({ name: '<img src=x onerror=alert(1)>', database: '<b>Склад</b>' }).slice(1));
    expect(row!.slice(4, 7)).toEqual(['<img src=x onerror=alert(1)>', `'${XIAOMI}`, '<b>Склад</b>']);
  });

  it('is only the header when nothing needs attention', () => {
    expect(reportCsv(crossCheck([license({ status: 'activated', deviceId: WIN_H })], [device(WIN_H, 'local')], TODAY), CONTEXT)).toBe(`\uFEFF${ru('csvHeader')}\r\n`);
  });
});

describe('reportFileName', () => {
  it('names the account and the day', () => {
    expect(reportFileName(CONTEXT)).toBe('cleverence-typical@example.ru-2026-06-15.csv');
  });

  it('keeps to characters every file system takes', () => {
    expect(reportFileName({ ...CONTEXT, login: 'a/b\\c:d*e?"f<g>h|i@example.ru' })).toBe('cleverence-a_b_c_d_e_f_g_h_i@example.ru-2026-06-15.csv');
    expect(reportFileName({ ...CONTEXT, login: '' })).toBe('cleverence-account-2026-06-15.csv');
  });
});
