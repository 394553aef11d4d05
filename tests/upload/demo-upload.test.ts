// @vitest-environment node
// (the demo's Hono app needs Node's own Request, FormData and File, which happy-dom would replace)
/**
 * The demo account's «Загрузить лицензии»: codes and protection files added,
 * refused and answered on the page as the account would, the fault switches
 * the upload job is tested against, and the log that proves nothing was
 * submitted twice. Most requests go straight to `demoApp(stats).fetch`; the
 * dropped connection needs the real HTTPS server.
 */
import { request } from 'node:https';
import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDay, localToday, sameDayNextYear } from '../../demo-site/calendar';
import { cardOf, checkCharacter, demoCard, isGenuineCode, typedCode } from '../../demo-site/cards';
import { readLicenseFile } from '../../demo-site/account/license-file-reader';
import { licenseFileText, licenseFileXml } from '../../demo-site/license-files';
import { seedAccount } from '../../demo-site/seed';
import {
  type DemoApp, demoApp, type DemoOptions, type DemoSite, type DemoStats, PROCESSED_OUTCOMES, startDemoSite,
} from '../../demo-site/server';

const RU = 'lk.cleverence.ru';
const EN = 'lk.cleverence.com';

// ---------------------------------------------------------------------------
// Talking to the demo

interface Demo {
  app: DemoApp;
  stats: DemoStats;
}

const newDemo = (options: DemoOptions = {}): Demo => {
  const stats: DemoStats = { requests: new Map(), requestsBySite: new Map(), uploads: [] };
  return { app: demoApp(stats, options), stats };
};

interface Call {
  method?: string;
  cookie?: string;
  body?: BodyInit;
}

async function call(demo: Demo, host: string, path: string, init: Call = {}): Promise<Response> {
  return demo.app.fetch(
    new Request(`https://${host}${path}`, {
      method: init.method ?? 'GET',
      headers: { host, ...(init.cookie ? { cookie: init.cookie } : {}) },
      ...(init.body === undefined ? {} : { body: init.body }),
    }),
  );
}

async function logIn(demo: Demo, login = 'article', host = RU): Promise<string> {
  const response = await call(demo, host, '/login', { method: 'POST', body: new URLSearchParams({ login, next: '/licenses' }) });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const postCode = (demo: Demo, cookie: string, code: string, host = RU) =>
  call(demo, host, '/licenses/upload/code', { method: 'POST', cookie, body: new URLSearchParams({ code }) });

interface UploadedFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer> | string;
}

function filesForm(files: readonly UploadedFile[]): FormData {
  const form = new FormData();
  for (const file of files) form.append('file', new File([file.bytes], file.name, { type: 'text/xml' }));
  return form;
}

const postFiles = (demo: Demo, cookie: string, files: readonly UploadedFile[], query = '', host = RU) =>
  call(demo, host, `/licenses/upload/files${query}`, { method: 'POST', cookie, body: filesForm(files) });

const window = new Window();
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
const pageOf = async (response: Response) => parse(await response.text());

/** The answer block's lines: the text and the class that carries the message's kind. */
function messages(page: Document): { text: string; kind: string }[] {
  return [...page.querySelectorAll('.upload-answer .upload-message')].map((element) => ({
    text: element.textContent!.trim(),
    kind: [...element.classList].find((name) => name.startsWith('upload-message-'))!.replace('upload-message-', ''),
  }));
}

const today = localToday();
const file = (n: number, name = `license-${n}.xml`) => ({ name, bytes: licenseFileXml(demoCard(n)) });

/** The last row of the whole Лицензии list, where a license just added goes (the list is in id order). */
async function lastLicenseRow(demo: Demo, cookie: string, host = RU): Promise<Element> {
  const page = await pageOf(await call(demo, host, '/licenses?size=all&layout=table', { cookie }));
  const rows = page.querySelectorAll('tr.license-row');
  return rows[rows.length - 1]!;
}

const cellTexts = (row: Element) =>
  [...row.querySelectorAll('td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());

// ---------------------------------------------------------------------------

describe('license cards: genuine codes without a database', () => {
  it('makes the same genuine card for the same n, and a different one for every n', () => {
    expect(demoCard(42)).toEqual(demoCard(42));
    const codes = new Set<string>();
    for (let n = 0; n < 5000; n++) {
      const card = demoCard(n);
      expect(card.code).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
      expect(card.kind).toBe('main');
      expect(isGenuineCode(card.code)).toBe(true);
      codes.add(card.code);
    }
    expect(codes.size).toBe(5000);
    expect(demoCard(0xffff_ffff).code).not.toBe(demoCard(0).code);
    expect(() => demoCard(-1)).toThrow();
  });

  it('checks the last character against the 24 before it (Luhn mod 34)', () => {
    const { code } = demoCard(7);
    const body = code.replaceAll('-', '').slice(0, 24);
    expect(code.endsWith(checkCharacter(body))).toBe(true);
    // Any one mistyped character is caught.
    for (let i = 0; i < 24; i++) {
      const typo = body.slice(0, i) + (body[i] === 'A' ? 'B' : 'A') + body.slice(i + 1) + code.at(-1);
      expect(isGenuineCode(typo.match(/.{5}/g)!.join('-')), `typo at ${i}`).toBe(false);
    }
  });

  it('names the same product for a code however it came', () => {
    const card = demoCard(3);
    expect(cardOf(card.code)).toEqual(card);
    expect(licenseFileText(card)).toContain(`<Product>${card.product}</Product>`);
  });

  it('forgives case and surrounding spaces, nothing else', () => {
    const { code } = demoCard(1);
    expect(typedCode(`  ${code.toLowerCase()}\t`)).toBe(code);
    expect(typedCode(code.replaceAll('-', ''))).toBeUndefined();
    expect(typedCode(code.replace('-', '–'))).toBeUndefined(); // an en dash
    expect(typedCode(`${code.slice(0, -1)}А`)).toBeUndefined(); // a Cyrillic А
    expect(typedCode('12345')).toBeUndefined();
  });
});

describe('«Загрузить лицензии»: the page', () => {
  it('asks for a log-in first, and comes back to the form asked for', async () => {
    const demo = newDemo();
    const response = await call(demo, RU, '/licenses/upload/code');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?next=%2Flicenses%2Fupload%2Fcode');
  });

  it('keeps the help article\'s text and both ways in; the file input takes several files by default', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const page = await pageOf(await call(demo, RU, '/licenses/upload', { cookie }));
    expect(page.querySelector('h1')!.textContent).toBe('Загрузка лицензий');
    expect(page.querySelector('.upload-ways')!.textContent).toContain('Добавить код активации');
    expect(page.querySelector('.upload-ways')!.textContent).toContain('Загрузить файлы защиты');
    expect(page.querySelector('.upload-answer')).toBeNull();
    expect(page.querySelector('#upload-code')!.hasAttribute('hidden')).toBe(true);
    expect(page.querySelector('#upload-files')!.hasAttribute('hidden')).toBe(true);
    expect(page.querySelector('input[type=file][name=file]')!.hasAttribute('multiple')).toBe(true);
    expect(page.querySelector('#upload-files')!.getAttribute('action')).toBe('/licenses/upload/files');
  });

  it('takes one file at a time with ?multiple=0, keeps that on its form, and still accepts several files', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const page = await pageOf(await call(demo, RU, '/licenses/upload?multiple=0', { cookie }));
    expect(page.querySelector('input[type=file]')!.hasAttribute('multiple')).toBe(false);
    expect(page.querySelector('#upload-files label')!.textContent).toContain('Файл защиты (.xml)');
    expect(page.querySelector('#upload-files')!.getAttribute('action')).toBe('/licenses/upload/files?multiple=0');
    const answer = await pageOf(await postFiles(demo, cookie, [file(1), file(2)], '?multiple=0'));
    expect(answer.querySelector('input[type=file]')!.hasAttribute('multiple')).toBe(false);
    expect(messages(answer).map((message) => message.kind)).toEqual(['success', 'success']);
  });

  it('takes one file at a time when the server says so, unless ?multiple=1', async () => {
    const demo = newDemo({ multipleFiles: false });
    const cookie = await logIn(demo);
    const single = await pageOf(await call(demo, RU, '/licenses/upload/files', { cookie }));
    expect(single.querySelector('input[type=file]')!.hasAttribute('multiple')).toBe(false);
    expect(single.querySelector('#upload-files')!.hasAttribute('hidden')).toBe(false);
    const several = await pageOf(await call(demo, RU, '/licenses/upload?multiple=1', { cookie }));
    expect(several.querySelector('input[type=file]')!.hasAttribute('multiple')).toBe(true);
  });
});

describe('«Добавить код активации»', () => {
  it('adds a genuine card: says so on the page and lists it as a free main license for a year', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const card = demoCard(11);
    const response = await postCode(demo, cookie, `  ${card.code.toLowerCase()} `);
    expect(response.status).toBe(200);
    const page = await pageOf(response);
    expect(messages(page)).toEqual([
      { kind: 'success', text: `Лицензия «${card.product}» с кодом активации ${card.code} добавлена в личный кабинет.` },
    ]);
    // Both ways in are still there, the code form open and empty again.
    expect(page.querySelector('.upload-ways')!.textContent).toContain('Загрузить файлы защиты');
    expect(page.querySelector('#upload-code')!.hasAttribute('hidden')).toBe(false);
    expect(page.querySelector<HTMLInputElement>('#upload-code input[name=code]')!.getAttribute('value')).toBeNull();

    const row = await lastLicenseRow(demo, cookie);
    const cells = cellTexts(row);
    expect(cells[1]).toBe(`Основная ${card.product.length > 30 ? `${card.product.slice(0, 30)}...` : card.product} Показать код активации`);
    expect(cells[2]).toBe('Свободная');
    expect(cells[3]).toBe(formatDay(today));
    expect(cells[4]).toBe(`До ${formatDay(sameDayNextYear(today))} Продлить`);
    const codePage = await pageOf(await call(demo, RU, row.querySelector('a.show-code')!.getAttribute('href')!, { cookie }));
    expect(codePage.querySelector('code.activation-code')!.textContent).toBe(card.code);
  });

  it('answers "already in the account" for a card added before and for the account\'s own codes', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const card = demoCard(12);
    await postCode(demo, cookie, card.code);
    expect(messages(await pageOf(await postCode(demo, cookie, card.code)))).toEqual([
      { kind: 'warning', text: `Лицензия с кодом активации ${card.code} уже есть в личном кабинете.` },
    ]);
    const seeded = seedAccount('article', today).licenses[0]!.activationCode;
    expect(messages(await pageOf(await postCode(demo, cookie, seeded.toLowerCase())))[0]!.text).toBe(
      `Лицензия с кодом активации ${seeded} уже есть в личном кабинете.`,
    );
  });

  it('answers "not found" for a well-formed code no card has, and keeps it in the field to correct', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const { code } = demoCard(13);
    const typo = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
    const page = await pageOf(await postCode(demo, cookie, typo));
    expect(messages(page)).toEqual([
      { kind: 'error', text: `Код активации ${typo} не найден. Проверьте, правильно ли он введён.` },
    ]);
    expect(page.querySelector('#upload-code input[name=code]')!.getAttribute('value')).toBe(typo);
  });

  it('answers "malformed" for anything not shaped like a code, naming what was typed', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const typed = 'АBCDE-12345'; // begins with a Cyrillic А
    const page = await pageOf(await postCode(demo, cookie, ` ${typed} `));
    expect(messages(page)).toEqual([
      {
        kind: 'error',
        text: `Неверный формат кода активации: «${typed}». Код активации выглядит так: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.`,
      },
    ]);
  });

  it('speaks English on lk.cleverence.com', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo, 'typical', EN);
    const card = demoCard(14);
    const added = await pageOf(await postCode(demo, cookie, card.code, EN));
    expect(messages(added)[0]!.text).toBe(`The license "${card.product}" with activation code ${card.code} has been added to your account.`);
    expect(messages(await pageOf(await postCode(demo, cookie, card.code, EN)))[0]!.text).toBe(
      `A license with activation code ${card.code} is already in your account.`,
    );
    const typo = `${card.code.slice(0, -1)}${card.code.endsWith('A') ? 'B' : 'A'}`;
    expect(messages(await pageOf(await postCode(demo, cookie, typo, EN)))[0]!.text).toBe(
      `Activation code ${typo} was not found. Check that it is typed correctly.`,
    );
    expect(messages(await pageOf(await postCode(demo, cookie, 'nope', EN)))[0]!.text).toBe(
      'Invalid activation code format: "nope". An activation code looks like XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.',
    );
    const row = cellTexts(await lastLicenseRow(demo, cookie, EN));
    expect(row[2]).toBe('Free');
    expect(row[1]).toContain('Show activation code');
  });

  it('leaves the help article\'s own rows as they were: only the cloud rows show a code', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(15).code);
    const page = await pageOf(await call(demo, RU, '/licenses?layout=table', { cookie }));
    const rows = [...page.querySelectorAll('tr.license-row')].map((row) => cellTexts(row).slice(1, 5).join(' '));
    expect(rows.slice(0, 4)).toEqual([
      'Основная Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ... Свободная 17.04.2019 До 17.04.2019 Продлить',
      'Основная Лицензия ПРОФ на 1 (один) терм... Свободная 01.01.1970 До 01.01.1970 Продлить',
      'Облачная ОБЛАКО Mobile SMARTS: Магазин ... Показать код активации Истекла @XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B 20.10.2022 До 20.10.2022 Продлить',
      'Облачная ОБЛАКО Mobile SMARTS: Магазин ... Показать код активации Активирована WIN-H-4A5F39F07C114C76B6C958170C940A9D 08.11.2022 До 08.11.2022 Продлить',
    ]);
    expect(rows).toHaveLength(5);
  });

  it('shows the code link of an added license in the grid and client layouts too', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(16).code);
    const grid = await pageOf(await call(demo, RU, '/licenses?layout=grid', { cookie }));
    const cards = grid.querySelectorAll('.lic-card');
    expect(cards[cards.length - 1]!.querySelector('a.show-code')).not.toBeNull();
    const api = (await (await call(demo, RU, '/api/licenses', { cookie })).json()) as { rows: { showsCode: boolean; kind: string }[] };
    expect(api.rows.map((row) => row.showsCode)).toEqual(api.rows.map((row, index) => row.kind === 'cloud' || index === 4));
  });
});

describe('«Загрузить файлы защиты»', () => {
  it('adds the license of one file, naming the file', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const card = demoCard(21);
    const page = await pageOf(await postFiles(demo, cookie, [file(21, 'моя лицензия.xml')]));
    expect(page.querySelector('.upload-summary')!.textContent).toBe('Обработано файлов: 1, добавлено лицензий: 1.');
    expect(messages(page)).toEqual([
      { kind: 'success', text: `Файл «моя лицензия.xml»: Лицензия «${card.product}» с кодом активации ${card.code} добавлена в личный кабинет.` },
    ]);
    expect(page.querySelector('#upload-files')!.hasAttribute('hidden')).toBe(false);
    expect(cellTexts(await lastLicenseRow(demo, cookie))[1]).toContain('Показать код активации');
  });

  it('answers every file of several, the bad ones among the good with their reasons', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(30).code);
    const unknown = { ...demoCard(31), code: `${demoCard(31).code.slice(0, -1)}${demoCard(31).code.endsWith('A') ? 'B' : 'A'}` };
    const malformed = { ...demoCard(32), code: '00123' };
    const files: UploadedFile[] = [
      file(33, 'good-utf8.xml'),
      { name: 'good-1251.xml', bytes: licenseFileXml(demoCard(34), { encoding: 'windows-1251' }) },
      { name: 'good-utf16.xml', bytes: licenseFileXml(demoCard(35), { encoding: 'utf-16' }) },
      { name: 'good-utf16be.xml', bytes: licenseFileXml(demoCard(36), { encoding: 'utf-16be' }) },
      { name: 'good-bom.xml', bytes: licenseFileXml(demoCard(37), { bom: true }) },
      file(30, 'already.xml'),
      { name: 'unknown.xml', bytes: licenseFileXml(unknown) },
      { name: 'malformed.xml', bytes: licenseFileXml(malformed) },
      { name: 'order.xml', bytes: '<?xml version="1.0"?><Order><Number>1</Number></Order>' },
      { name: 'photo.xml', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]) },
      { name: 'lies.xml', bytes: licenseFileXml(demoCard(38), { encoding: 'windows-1251', declaredEncoding: 'utf-8' }) },
      { name: 'empty.xml', bytes: '' },
    ];
    const page = await pageOf(await postFiles(demo, cookie, files));
    expect(page.querySelector('.upload-summary')!.textContent).toBe('Обработано файлов: 12, добавлено лицензий: 5.');
    const lines = messages(page);
    expect(lines.map((line) => line.kind)).toEqual([
      'success', 'success', 'success', 'success', 'success', 'warning', 'error', 'error', 'error', 'error', 'error', 'error',
    ]);
    expect(lines[5]!.text).toBe(`Файл «already.xml»: Лицензия с кодом активации ${demoCard(30).code} уже есть в личном кабинете.`);
    expect(lines[6]!.text).toBe(`Файл «unknown.xml»: Код активации ${unknown.code} не найден. Проверьте, правильно ли он введён.`);
    expect(lines[7]!.text).toBe('Файл «malformed.xml»: Неверный формат кода активации: «00123». Код активации выглядит так: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.');
    expect(lines[8]!.text).toBe('Файл «order.xml»: Это не файл лицензии.');
    expect(lines[9]!.text).toBe('Файл «photo.xml»: Не удалось прочитать файл.');
    expect(lines[10]!.text).toBe('Файл «lies.xml»: Не удалось прочитать файл.');
    expect(lines[11]!.text).toBe('Файл «empty.xml»: Не удалось прочитать файл.');
    expect(demo.stats.uploads.slice(1).map((entry) => [entry.fileName, entry.outcome])).toEqual([
      ['good-utf8.xml', 'added'],
      ['good-1251.xml', 'added'],
      ['good-utf16.xml', 'added'],
      ['good-utf16be.xml', 'added'],
      ['good-bom.xml', 'added'],
      ['already.xml', 'present'],
      ['unknown.xml', 'unknown'],
      ['malformed.xml', 'malformed'],
      ['order.xml', 'not-a-license'],
      ['photo.xml', 'unreadable'],
      ['lies.xml', 'unreadable'],
      ['empty.xml', 'unreadable'],
    ]);
  });

  it('prints a hostile file name as text', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const name = '<img src=x onerror=alert(1)>.xml';
    const page = await pageOf(await postFiles(demo, cookie, [{ name, bytes: '<x/>' }]));
    expect(page.querySelector('.upload-answer img')).toBeNull();
    expect(messages(page)[0]!.text).toBe(`Файл «${name}»: Это не файл лицензии.`);
  });

  it('asks for a file when none was chosen', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo);
    const form = new FormData();
    form.append('file', new File([], '', { type: 'application/octet-stream' }));
    const page = await pageOf(await call(demo, RU, '/licenses/upload/files', { method: 'POST', cookie, body: form }));
    expect(messages(page)).toEqual([{ kind: 'error', text: 'Выберите файлы защиты (.xml).' }]);
    expect(demo.stats.uploads).toEqual([]);
  });

  it('speaks English on lk.cleverence.com', async () => {
    const demo = newDemo();
    const cookie = await logIn(demo, 'article', EN);
    const page = await pageOf(await postFiles(demo, cookie, [file(40, 'a.xml'), { name: 'b.xml', bytes: '<x/>' }, { name: 'c.xml', bytes: '<x>' }], '', EN));
    expect(page.querySelector('.upload-summary')!.textContent).toBe('Files processed: 3, licenses added: 1.');
    expect(messages(page).map((line) => line.text)).toEqual([
      `File "a.xml": The license "${demoCard(40).product}" with activation code ${demoCard(40).code} has been added to your account.`,
      'File "b.xml": This is not a license file.',
      'File "c.xml": The file could not be read.',
    ]);
  });
});

describe('reading an uploaded file', () => {
  const reading = (text: string) => readLicenseFile(new TextEncoder().encode(text));

  it('keeps a code as the file has it: leading zeros and exponents are not numbers', () => {
    expect(reading('<LicenseCard><ActivationCode> 00123 </ActivationCode></LicenseCard>')).toEqual({ kind: 'license', code: '00123' });
    expect(reading('<LicenseCard><ActivationCode>1E5</ActivationCode></LicenseCard>')).toEqual({ kind: 'license', code: '1E5' });
  });

  it('reads a namespace prefix and attributes on the code element', () => {
    const { code } = demoCard(50);
    expect(reading(`<lc:LicenseCard xmlns:lc="urn:cleverence:license-card:1"><lc:ActivationCode kind="x">${code}</lc:ActivationCode></lc:LicenseCard>`)).toEqual({ kind: 'license', code });
  });

  it.each([
    ['a DOCTYPE with an entity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><LicenseCard><ActivationCode>&a;</ActivationCode></LicenseCard>'],
    ['an external entity', '<!DOCTYPE x SYSTEM "file:///etc/passwd"><LicenseCard/>'],
    ['two roots', '<LicenseCard/><LicenseCard/>'],
    ['two roots of different names', '<LicenseCard/><Other/>'],
    ['truncated XML', licenseFileText(demoCard(51)).slice(0, 120)],
    ['10,000-deep nesting', `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`],
    ['a <__proto__> element', '<LicenseCard><__proto__><ActivationCode>x</ActivationCode></__proto__></LicenseCard>'],
    ['an unknown encoding', '<?xml version="1.0" encoding="koi8-r"?><LicenseCard/>'],
  ])('refuses %s as unreadable', (_name, text) => {
    expect(reading(text).kind).toBe('unreadable');
  });

  it('refuses a file too big to be a license', () => {
    expect(readLicenseFile(new Uint8Array(65 * 1024).fill(0x20)).kind).toBe('unreadable');
  });

  it('tells a well-formed file that is no license', () => {
    expect(reading('<LicenseCard><Product>x</Product></LicenseCard>')).toEqual({ kind: 'not-a-license' });
    expect(reading('<LicenseCard><ActivationCode>a</ActivationCode><ActivationCode>b</ActivationCode></LicenseCard>')).toEqual({ kind: 'not-a-license' });
    expect(reading('<Licence><ActivationCode>x</ActivationCode></Licence>')).toEqual({ kind: 'not-a-license' });
  });
});

describe('sample license files', () => {
  it('serves the file of demoCard(n) on every host, in the encoding asked for', async () => {
    const demo = newDemo();
    const utf8 = await call(demo, 'www.cleverence.ru', '/demo/license-files/7.xml');
    expect(utf8.status).toBe(200);
    expect(utf8.headers.get('content-disposition')).toBe('attachment; filename="license-7.xml"');
    expect(new Uint8Array(await utf8.arrayBuffer())).toEqual(licenseFileXml(demoCard(7)));
    const cp1251 = await call(demo, RU, '/demo/license-files/7.xml?encoding=windows-1251');
    expect(new Uint8Array(await cp1251.arrayBuffer())).toEqual(licenseFileXml(demoCard(7), { encoding: 'windows-1251' }));
    expect((await call(demo, RU, '/demo/license-files/7.xml?encoding=koi8-r')).status).toBe(404);
    expect((await call(demo, RU, '/demo/license-files/x.xml')).status).toBe(404);
  });

  it('writes the schema the demo account reads', () => {
    const card = demoCard(8);
    const text = licenseFileText(card, { issued: today });
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\r\n<LicenseCard xmlns="urn:cleverence:license-card:1" version="1">\r\n/);
    expect(text).toContain(`  <ActivationCode>${card.code}</ActivationCode>\r\n`);
    expect(text).toContain('  <Kind>main</Kind>\r\n  ');
    expect(text).toContain('<Device id=""/>');
    expect(text).toMatch(/<Signature algorithm="RSA-SHA256">[A-Za-z0-9+/]{342}==<\/Signature>/);
    const utf16 = licenseFileXml(card, { encoding: 'utf-16' });
    expect([...utf16.slice(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
    expect(new TextDecoder('utf-16le').decode(utf16)).toBe(licenseFileText(card, { encoding: 'utf-16' }));
    const cp1251 = licenseFileXml(card, { encoding: 'windows-1251' });
    expect(new TextDecoder('windows-1251').decode(cp1251)).toBe(licenseFileText(card, { encoding: 'windows-1251' }));
    expect(licenseFileText(card, { encoding: 'windows-1251' })).toContain('encoding="windows-1251"');
  });
});

describe('fault switches on the upload POSTs', () => {
  it('delayMs: every upload answer waits', async () => {
    const demo = newDemo({ faults: { delayMs: 150 } });
    const cookie = await logIn(demo);
    const started = performance.now();
    await call(demo, RU, '/licenses/upload', { cookie });
    expect(performance.now() - started).toBeLessThan(150);
    const posted = performance.now();
    expect((await postCode(demo, cookie, demoCard(60).code)).status).toBe(200);
    expect(performance.now() - posted).toBeGreaterThanOrEqual(145);
  });

  it('status500Every: every N-th upload POST is a bare 500 page, and nothing is added', async () => {
    const demo = newDemo({ faults: { status500Every: 2 } });
    const cookie = await logIn(demo);
    expect((await postCode(demo, cookie, demoCard(61).code)).status).toBe(200);
    const failed = await postCode(demo, cookie, demoCard(62).code);
    expect(failed.status).toBe(500);
    const page = await pageOf(failed);
    expect(page.querySelector('form')).toBeNull();
    expect(page.body.textContent).toContain('Внутренняя ошибка сервера');
    // Not added: the same code sent again is added now.
    expect(messages(await pageOf(await postCode(demo, cookie, demoCard(62).code)))[0]!.kind).toBe('success');
    expect(demo.stats.uploads.map((entry) => entry.outcome)).toEqual(['added', 'fault-500', 'added']);
  });

  it('status429Every: every N-th upload POST answers 429 with Retry-After: 1, unprocessed', async () => {
    const demo = newDemo({ faults: { status429Every: 1 } });
    const cookie = await logIn(demo);
    const response = await postFiles(demo, cookie, [file(63), file(64)]);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect((await pageOf(response)).body.textContent).toContain('Слишком много запросов');
    expect(demo.stats.uploads).toEqual([
      { post: 1, login: 'article', way: 'file', fileName: 'license-63.xml', outcome: 'fault-429' },
      { post: 1, login: 'article', way: 'file', fileName: 'license-64.xml', outcome: 'fault-429' },
    ]);
    // Other pages are left alone.
    expect((await call(demo, RU, '/licenses', { cookie })).status).toBe(200);
  });

  it('expireSessionAfter: the next upload POST finds the log-in page instead, once; a new log-in works', async () => {
    const demo = newDemo({ faults: { expireSessionAfter: 2 } });
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(65).code);
    await postCode(demo, cookie, demoCard(66).code);
    expect((await call(demo, RU, '/licenses/upload/code', { cookie })).status).toBe(200);
    const expired = await postCode(demo, cookie, demoCard(67).code);
    expect(expired.status).toBe(302);
    expect(expired.headers.get('location')).toBe('/login?next=%2Flicenses%2Fupload%2Fcode');
    // The session is gone for every page now, as any request without one.
    expect((await call(demo, RU, '/licenses', { cookie })).headers.get('location')).toBe('/login?next=%2Flicenses');
    const login = await pageOf(await call(demo, RU, '/login?next=%2Flicenses%2Fupload%2Fcode'));
    expect(login.querySelector('form.login-form input[name=next]')!.getAttribute('value')).toBe('/licenses/upload/code');

    const again = await logIn(demo);
    const form = await pageOf(await call(demo, RU, '/licenses/upload/code', { cookie: again }));
    expect(form.querySelector('#upload-code')!.hasAttribute('hidden')).toBe(false);
    for (const n of [67, 68, 69]) expect(messages(await pageOf(await postCode(demo, again, demoCard(n).code)))[0]!.kind).toBe('success');
    expect(demo.stats.uploads.map((entry) => `${entry.code === demoCard(67).code ? '67' : '-'} ${entry.outcome}`)).toEqual([
      '- added', '- added', '67 session-expired', '67 added', '- added', '- added',
    ]);
  });

  it('expireSessionAfter: a POST sent beside the one that expires the session meets it closed, and is not processed', async () => {
    const demo = newDemo({ faults: { expireSessionAfter: 1, delayMs: 50 } });
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(72).code);
    // Both are past the log-in check before either is answered, as two requests of a job sent at once are.
    const [first, second] = await Promise.all([postCode(demo, cookie, demoCard(73).code), postCode(demo, cookie, demoCard(74).code)]);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(demo.stats.uploads.map((entry) => entry.outcome)).toEqual(['added', 'session-expired']);
  });

  it('dropBeforeEvery: called directly, the call fails, and nothing was added', async () => {
    const demo = newDemo({ faults: { dropBeforeEvery: 2 } });
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(75).code);
    await expect(postCode(demo, cookie, demoCard(76).code)).rejects.toThrow(/dropped/);
    expect(messages(await pageOf(await postCode(demo, cookie, demoCard(76).code)))[0]!.kind).toBe('success');
    expect(demo.stats.uploads.map((entry) => entry.outcome)).toEqual(['added', 'dropped-unprocessed', 'added']);
  });

  it('chaosSeed: each POST\'s fate drawn from the seed, the same again for the same seed', async () => {
    const run = async (seed: number) => {
      const demo = newDemo({ faults: { chaosSeed: seed } });
      const cookie = await logIn(demo);
      for (let n = 0; n < 60; n++) await postCode(demo, cookie, demoCard(200 + n).code).catch(() => undefined);
      return demo.stats.uploads.map((entry) => entry.outcome);
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    // Every kind of fault turns up in 60 POSTs of this seed, and most are processed.
    expect(new Set(first)).toEqual(new Set(['added', 'fault-500', 'fault-429', 'dropped-after-adding', 'dropped-unprocessed']));
    expect(first.filter((outcome) => outcome === 'added').length).toBeGreaterThan(35);
  }, 30_000);

  it('dropEvery: called directly, the call fails, though the license was added', async () => {
    const demo = newDemo({ faults: { dropEvery: 2 } });
    const cookie = await logIn(demo);
    await postCode(demo, cookie, demoCard(70).code);
    await expect(postCode(demo, cookie, demoCard(71).code)).rejects.toThrow(/dropped/);
    expect(messages(await pageOf(await postCode(demo, cookie, demoCard(71).code)))[0]!.kind).toBe('warning');
    expect(demo.stats.uploads.map((entry) => entry.outcome)).toEqual(['added', 'dropped-after-adding', 'present']);
    expect(demo.stats.uploads[1]!.dropped).toBe(true);
  });

  it('logInElsewhereAs: the next form page served also logs the browser in elsewhere, once; the POST after it lands there', async () => {
    const demo = newDemo({ faults: { logInElsewhereAs: 'typical' } });
    const cookie = await logIn(demo, 'article');
    const form = await call(demo, RU, '/licenses/upload/code', { cookie });
    // The form still names the account it was asked for; the cookie it brings is the other account's.
    expect((await pageOf(form)).querySelector('header')!.textContent).toContain(seedAccount('article', today).email);
    const elsewhere = form.headers.get('set-cookie')!.split(';')[0]!;
    expect(elsewhere).not.toBe(cookie);
    const answer = await pageOf(await postCode(demo, elsewhere, demoCard(75).code));
    expect(answer.querySelector('header')!.textContent).toContain(seedAccount('typical', today).email);
    expect(demo.stats.uploads).toEqual([{ post: 1, login: 'typical', way: 'code', code: demoCard(75).code, outcome: 'added' }]);
    // Once: the next form page sets no cookie, and the first session still works.
    expect((await call(demo, RU, '/licenses/upload/code', { cookie })).headers.get('set-cookie')).toBeNull();
    expect(() => demo.app.setFaults({ logInElsewhereAs: 'nobody' as never })).toThrow(/seeded account/);
  });

  it('unreachable: every request under the path, whoever sends it, fails with no answer until switched off', async () => {
    const demo = newDemo({ faults: { unreachable: '/devices' } });
    const cookie = await logIn(demo);
    await expect(call(demo, RU, '/devices', { cookie })).rejects.toThrow(/dropped/);
    await expect(call(demo, RU, '/devices?size=all', { cookie })).rejects.toThrow(/dropped/);
    expect((await call(demo, RU, '/licenses', { cookie })).status).toBe(200);
    demo.app.setFaults({});
    expect((await call(demo, RU, '/devices', { cookie })).status).toBe(200);
    expect(() => demo.app.setFaults({ unreachable: 'devices' })).toThrow(/path prefix/);
  });

  it('setFaults: new switches, counted afresh', async () => {
    const demo = newDemo({ faults: { status500Every: 2 } });
    const cookie = await logIn(demo);
    expect((await postCode(demo, cookie, demoCard(72).code)).status).toBe(200);
    demo.app.setFaults({ status500Every: 2 });
    expect((await postCode(demo, cookie, demoCard(73).code)).status).toBe(200);
    expect((await postCode(demo, cookie, demoCard(74).code)).status).toBe(500);
    demo.app.setFaults({});
    expect((await postCode(demo, cookie, demoCard(74).code)).status).toBe(200);
    expect(() => demo.app.setFaults({ dropEvery: 0 })).toThrow();
    expect(demo.stats.uploads.map((entry) => entry.post)).toEqual([1, 2, 3, 4]);
  });

  it('with every fault at once, a client that resends only what was not processed adds every card exactly once', async () => {
    const demo = newDemo({ faults: { status500Every: 7, status429Every: 5, expireSessionAfter: 10, dropEvery: 9 } });
    let cookie = await logIn(demo);
    const cards = Array.from({ length: 30 }, (_, index) => demoCard(100 + index));
    for (const card of cards) {
      for (let attempt = 0; attempt < 5; attempt++) {
        let response: Response;
        try {
          response = await postCode(demo, cookie, card.code);
        } catch {
          break; // sent, no answer seen: this client would check the list; the demo says it was added
        }
        if (response.status === 302) cookie = await logIn(demo);
        else if (response.status === 200) break;
      }
    }
    const processed = new Map<string, number>();
    for (const entry of demo.stats.uploads) {
      if (PROCESSED_OUTCOMES.has(entry.outcome)) processed.set(entry.code!, (processed.get(entry.code!) ?? 0) + 1);
    }
    expect([...processed.keys()].sort()).toEqual(cards.map((card) => card.code).sort());
    expect([...processed.values()].every((count) => count === 1)).toBe(true);
    const outcomes = new Set(demo.stats.uploads.map((entry) => entry.outcome));
    expect(outcomes).toEqual(new Set(['added', 'fault-500', 'fault-429', 'session-expired', 'dropped-after-adding']));
  });
});

describe('the real HTTPS server', () => {
  let site: DemoSite | undefined;
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });

  /** One HTTPS request to the demo (self-signed certificate), as a browser at the vendor's host name would send it. */
  function send(host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((done, fail) => {
      const outgoing = request(
        {
          host: '127.0.0.1',
          port: site!.port,
          path,
          method: init.method ?? 'GET',
          servername: host,
          rejectUnauthorized: false,
          headers: { host, ...init.headers },
        },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('end', () => done({ status: incoming.statusCode!, headers: incoming.headers, text }));
          incoming.on('error', fail);
        },
      );
      outgoing.on('error', fail);
      outgoing.end(init.body);
    });
  }

  it('dropEvery: processes the POST, then closes the connection with no answer', async () => {
    site = await startDemoSite({ faults: { dropEvery: 1 } });
    const login = await send(RU, '/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=article&next=%2Flicenses',
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const code = demoCard(80).code;
    const post = () =>
      send(RU, '/licenses/upload/code', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `code=${code}`,
      });
    await expect(post()).rejects.toThrow(/socket hang up|ECONNRESET|Parse Error/);
    expect(site.stats.uploads).toEqual([{ post: 1, login: 'article', way: 'code', code, outcome: 'dropped-after-adding', dropped: true }]);
    // The server lives on, and the license is in the list.
    site.setFaults({});
    const list = await send(RU, '/licenses?size=all', { headers: { cookie } });
    expect(list.status).toBe(200);
    expect(list.text).toContain(`/licenses/100005/code`);
    expect(site.stats.requests.get('/licenses/upload/code')).toBe(1);
  });
});
