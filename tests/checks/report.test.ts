// The summary as text (for a support request) and as CSV (for a spreadsheet).
import { describe, expect, it, vi } from 'vitest';
import { crossCheck } from '@/utils/checks/checks';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';
import { reportCsv, reportText } from '@/utils/checks/report';

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

describe('reportText', () => {
  it('lists devices first, then licenses, each with its id, date and the sentence the marker shows', () => {
    const check = crossCheck(
      [
        license({ status: 'activated', deviceId: WIN_H, subscriptionEnd: dayNumber(2026, 6, 5)! }),
        license({ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин ...', status: 'activated', deviceId: '@ZEBRA-TC21-0001' }),
      ],
      [device(XIAOMI, 'cloud', { name: 'Xiaomi Redmi', database: 'Склад Москва', lastSeen: dayNumber(2026, 6, 14)! }), device(WIN_H, 'local')],
      TODAY,
    );
    expect(reportText(check)).toBe([
      'Лицензии «Клеверенс»: что требует внимания',
      '',
      `- Xiaomi Redmi (Склад Москва), ${XIAOMI}, 14.06.2026: Устройство облачной базы без облачной лицензии: обратитесь в техподдержку «Клеверенс».`,
      `- Mobile SMARTS: Склад 15, ПОЛНЫЙ, ${WIN_H}, 05.06.2026: Подписка на обновление закончилась 05.06.2026: продлите её ссылкой «Продлить».`,
      `- ОБЛАКО Mobile SMARTS: Магазин ..., @ZEBRA-TC21-0001, 01.01.2027: Лицензия привязана к устройству @ZEBRA-TC21-0001, которого нет во вкладке «Устройства».`,
    ].join('\n'));
  });

  it('is only the title when nothing needs attention', () => {
    const check = crossCheck([license()], [device(WIN_H, 'local')], TODAY);
    expect(reportText(check)).toBe(`${ru('reportTitle')}\n`);
  });

  it('keeps a device name that is markup as the same text', () => {
    const check = crossCheck([], [device(XIAOMI, 'cloud', { name: '<img src=x onerror=alert(1)>', database: 'Магазин "Ёлки & <i>Палки</i>"' })], TODAY);
    expect(reportText(check).split('\n')[2]).toBe(`- <img src=x onerror=alert(1)> (Магазин "Ёлки & <i>Палки</i>"), ${XIAOMI}, 15.06.2026: ${ru('findingMissingCloud')}`);
  });
});

describe('reportCsv', () => {
  const missingCloud = (fields: Partial<Device>) => reportCsv(crossCheck([], [device(XIAOMI, 'cloud', fields)], TODAY));

  it('starts with a byte-order mark and the header, and ends every row with CRLF', () => {
    const csv = missingCloud({ name: 'Urovo RT40', database: 'Склад' });
    expect(csv.startsWith(`\uFEFF${ru('csvHeader')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3); // header, one row, and the empty rest after the last CRLF
    expect(ru('csvHeader').split(';')).toEqual(['Что', 'Лицензия или устройство', 'Устройство', 'Дата', 'Пояснение']);
  });

  it('puts one problem a row, fields between `;`: what, subject, device, date, explanation', () => {
    const check = crossCheck(
      [license({ status: 'activated', deviceId: WIN_H, subscriptionEnd: dayNumber(2026, 6, 25)! })],
      [device(WIN_H, 'local', { name: 'Касса 1', database: 'Магазин' })],
      TODAY,
    );
    expect(reportCsv(check)).toBe(
      `\uFEFF${ru('csvHeader')}\r\n`
      + `expiring;Mobile SMARTS: Склад 15, ПОЛНЫЙ;${WIN_H};25.06.2026;Подписка на обновление заканчивается через 10 дней — до 25.06.2026.\r\n`,
    );
  });

  it('quotes fields holding `;`, `"` or a line break, doubling the quotes', () => {
    const csv = missingCloud({ name: 'ТСД "Склад"; смена 2', database: 'Склад\r\nМосква' });
    expect(csv).toContain('"ТСД ""Склад""; смена 2 (Склад\r\nМосква)"');
    const [, row] = readCsv(csv.slice(1));
    expect(row).toEqual(['missing-cloud-license', 'ТСД "Склад"; смена 2 (Склад\r\nМосква)', `'${XIAOMI}`, '15.06.2026', ru('findingMissingCloud')]);
  });

  it('leaves a field without those characters unquoted', () => {
    const csv = missingCloud({ name: 'Urovo RT40', database: 'Склад' });
    expect(csv.split('\r\n')[1]).toBe(`missing-cloud-license;Urovo RT40 (Склад);'${XIAOMI};15.06.2026;${ru('findingMissingCloud')}`);
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
    const subject = row![1]!;
    expect(subject).toBe(`'${name} (Склад)`);
  });

  it('neutralises an Android device id, which starts with "@", the same way', () => {
    const [, row] = readCsv(missingCloud({ name: 'Xiaomi', database: 'Склад' }).slice(1));
    expect(row![2]).toBe(`'${XIAOMI}`);
  });

  it('leaves "=" and "@" alone inside a field', () => {
    const [, row] = readCsv(missingCloud({ name: 'Склад A=B', database: 'info@example.ru' }).slice(1));
    expect(row![1]).toBe('Склад A=B (info@example.ru)');
  });

  it('keeps a device name that is markup as the same text', () => {
    const [, row] = readCsv(missingCloud({ name: '<img src=x onerror=alert(1)>', database: '<b>Склад</b>' }).slice(1));
    expect(row![1]).toBe('<img src=x onerror=alert(1)> (<b>Склад</b>)');
  });

  it('is only the header when nothing needs attention', () => {
    expect(reportCsv(crossCheck([license()], [device(WIN_H, 'local')], TODAY))).toBe(`\uFEFF${ru('csvHeader')}\r\n`);
  });
});
