// @vitest-environment node
// (the demo's Hono app needs Node's own Request, FormData and File, and the Host
// header that a browser's Request would drop; pages are parsed by happy-dom below)
/**
 * The site adapter's «Загрузить лицензии» against the demo account's real
 * pages, in Russian (lk.cleverence.ru) and English (lk.cleverence.com): the
 * upload page and its two forms, the log-in page, every answer the account
 * gives to a code or a file, a license added by code and its code page. Then
 * hand-made pages, to show that answers are recognised by what they say.
 */
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isLogInPage } from '@/utils/site/page';
import { readLicenseRows } from '@/utils/site/rows';
import { activationCodeOnPage, codeLinkOf, readUploadAnswer, uploadForm, uploadPageUrl } from '@/utils/site/upload-form';
import { CODE_ALPHABET } from '../../demo-site/catalog';
import { demoCard } from '../../demo-site/cards';
import { licenseFileXml } from '../../demo-site/license-files';
import { type DemoApp, demoApp, type DemoStats } from '../../demo-site/server';

const RU = 'lk.cleverence.ru';
const EN = 'lk.cleverence.com';
type Host = typeof RU | typeof EN;

// The DOM the adapter reads with: happy-dom's parser, and its NodeFilter for the tree walkers.
const window = new Window();
vi.stubGlobal('NodeFilter', window.NodeFilter);
afterAll(async () => {
  vi.unstubAllGlobals();
  await window.happyDOM.close();
});
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;

// ---------------------------------------------------------------------------
// Talking to the demo account, as tests/upload/demo-upload.test.ts does.

interface Demo {
  app: DemoApp;
  stats: DemoStats;
}

function newDemo(): Demo {
  const stats: DemoStats = { requests: new Map(), requestsBySite: new Map(), uploads: [] };
  return { app: demoApp(stats), stats };
}

interface Call {
  method?: string;
  cookie?: string;
  body?: BodyInit;
}

function call(demo: Demo, host: Host, path: string, init: Call = {}): Promise<Response> {
  return Promise.resolve(demo.app.fetch(
    new Request(`https://${host}${path}`, {
      method: init.method ?? 'GET',
      headers: { host, ...(init.cookie ? { cookie: init.cookie } : {}) },
      ...(init.body === undefined ? {} : { body: init.body }),
    }),
  ));
}

async function logIn(demo: Demo, host: Host, login = 'typical'): Promise<string> {
  const response = await call(demo, host, '/login', { method: 'POST', body: new URLSearchParams({ login, next: '/licenses' }) });
  expect(response.status).toBe(303);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function page(demo: Demo, host: Host, path: string, cookie?: string): Promise<Document> {
  const response = await call(demo, host, path, cookie ? { cookie } : {});
  expect(response.status, path).toBe(200);
  return parse(await response.text());
}

async function postCode(demo: Demo, host: Host, cookie: string, code: string): Promise<Document> {
  const response = await call(demo, host, '/licenses/upload/code', { method: 'POST', cookie, body: new URLSearchParams({ code }) });
  expect(response.status).toBe(200);
  return parse(await response.text());
}

interface UploadedFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer> | string;
}

async function postFiles(demo: Demo, host: Host, cookie: string, files: readonly UploadedFile[], query = ''): Promise<Document> {
  const form = new FormData();
  for (const file of files) form.append('file', new File([file.bytes], file.name, { type: 'text/xml' }));
  const response = await call(demo, host, `/licenses/upload/files${query}`, { method: 'POST', cookie, body: form });
  expect(response.status).toBe(200);
  return parse(await response.text());
}

const licenseFile = (n: number, name = `license-${n}.xml`): UploadedFile => ({ name, bytes: licenseFileXml(demoCard(n)) });

/** A well-formed code no card has: one character of a genuine code mistyped (its check character catches it). */
function mistyped(code: string): string {
  const first = code[0]!;
  const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(first) + 1) % CODE_ALPHABET.length]!;
  return other + code.slice(1);
}

/** The site's own sentences, as the demo prints them (demo-site/account/words.ts). */
const SAYS = {
  [RU]: {
    added: (n: number) => `Лицензия «${demoCard(n).product}» с кодом активации ${demoCard(n).code} добавлена в личный кабинет.`,
    present: (code: string) => `Лицензия с кодом активации ${code} уже есть в личном кабинете.`,
    unknown: (code: string) => `Код активации ${code} не найден. Проверьте, правильно ли он введён.`,
    malformed: (typed: string) => `Неверный формат кода активации: «${typed}». Код активации выглядит так: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.`,
    notALicense: 'Это не файл лицензии.',
    unreadable: 'Не удалось прочитать файл.',
    file: (name: string, answer: string) => `Файл «${name}»: ${answer}`,
  },
  [EN]: {
    added: (n: number) => `The license "${demoCard(n).product}" with activation code ${demoCard(n).code} has been added to your account.`,
    present: (code: string) => `A license with activation code ${code} is already in your account.`,
    unknown: (code: string) => `Activation code ${code} was not found. Check that it is typed correctly.`,
    malformed: (typed: string) => `Invalid activation code format: "${typed}". An activation code looks like XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.`,
    notALicense: 'This is not a license file.',
    unreadable: 'The file could not be read.',
    file: (name: string, answer: string) => `File "${name}": ${answer}`,
  },
} as const;

// ---------------------------------------------------------------------------

describe.each([
  { host: RU, language: 'Russian', base: 100 },
  { host: EN, language: 'English', base: 200 },
] as const)('the demo account in $language ($host)', ({ host, base }) => {
  const origin = `https://${host}`;
  const says = SAYS[host];

  describe('finding the upload page and its forms', () => {
    it('finds the code field and the file field on the upload page, in every variant of it', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      for (const path of ['/licenses/upload', '/licenses/upload?multiple=0', '/licenses/upload?multiple=1', '/licenses/upload/code', '/licenses/upload/files?multiple=0']) {
        const doc = await page(demo, host, path, cookie);
        const code = uploadForm(doc, 'code');
        expect(code, path).toBeDefined();
        expect(code!.field.name).toBe('code');
        expect(code!.field.type).toBe('text');
        expect(code!.form.getAttribute('action')).toBe('/licenses/upload/code');
        const file = uploadForm(doc, 'file');
        expect(file, path).toBeDefined();
        expect(file!.field.type).toBe('file');
        expect(file!.field.name).toBe('file');
        expect(file!.form.getAttribute('action')).toMatch(/^\/licenses\/upload\/files(?:\?multiple=[01])?$/);
        expect(file!.field.multiple, path).toBe(!path.includes('multiple=0'));
        expect(isLogInPage(doc)).toBe(false);
        expect(uploadPageUrl(doc, new URL(path, origin))?.href).toBe(new URL(path, origin).href);
      }
    });

    it('is led from the Лицензии tab to the upload page, whose forms it then finds', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const licenses = await page(demo, host, '/licenses', cookie);
      // The tab's own status filter is a form, but no upload form.
      expect(uploadForm(licenses, 'code')).toBeUndefined();
      expect(uploadForm(licenses, 'file')).toBeUndefined();
      const url = uploadPageUrl(licenses, new URL(`${origin}/licenses`));
      expect(url?.href).toBe(`${origin}/licenses/upload`);
      const upload = await page(demo, host, url!.pathname + url!.search, cookie);
      expect(uploadForm(upload, 'code')).toBeDefined();
      expect(uploadForm(upload, 'file')).toBeDefined();
    });

    it('tells the log-in page, and finds no upload form on it', async () => {
      const demo = newDemo();
      // No session: the upload page sends the browser to log in.
      const redirect = await call(demo, host, '/licenses/upload');
      expect(redirect.status).toBe(302);
      const login = await page(demo, host, redirect.headers.get('location')!);
      expect(isLogInPage(login)).toBe(true);
      expect(uploadForm(login, 'code')).toBeUndefined();
      expect(uploadForm(login, 'file')).toBeUndefined();
      expect(uploadPageUrl(login, new URL(`${origin}/login`))).toBeUndefined();
      expect(readUploadAnswer(login, demoCard(base).code)).toBeUndefined();

      const cookie = await logIn(demo, host);
      for (const path of ['/licenses', '/devices', '/licenses/upload', '/profile']) expect(isLogInPage(await page(demo, host, path, cookie)), path).toBe(false);
    });
  });

  describe('reading the answer to a code', () => {
    it('reads a code added, with the site\'s own sentence', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const code = demoCard(base).code;
      const answer = await postCode(demo, host, cookie, code);
      expect(readUploadAnswer(answer, code)).toEqual({ kind: 'added', message: says.added(base) });
      // The code as the user typed it: lower case, spaces around it.
      expect(readUploadAnswer(answer, ` ${code.toLowerCase()} `)).toEqual({ kind: 'added', message: says.added(base) });
    });

    it('reads "already in the account" as a refusal that says so', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const code = demoCard(base + 1).code;
      await postCode(demo, host, cookie, code);
      const answer = await postCode(demo, host, cookie, code.toLowerCase());
      expect(readUploadAnswer(answer, code.toLowerCase())).toEqual({ kind: 'rejected', message: says.present(code), present: true });
    });

    it('reads an unknown code and a malformed one as refusals, not as "already there"', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const unknown = mistyped(demoCard(base + 2).code);
      expect(readUploadAnswer(await postCode(demo, host, cookie, unknown), unknown)).toEqual({ kind: 'rejected', message: says.unknown(unknown) });
      const malformed = 'ABCD-1234';
      expect(readUploadAnswer(await postCode(demo, host, cookie, malformed), malformed)).toEqual({ kind: 'rejected', message: says.malformed(malformed) });
      expect(demo.stats.uploads.map((entry) => entry.outcome)).toEqual(['unknown', 'malformed']);
    });

    it('finds no answer about a code the page does not name', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const answer = await postCode(demo, host, cookie, demoCard(base + 3).code);
      expect(readUploadAnswer(answer, demoCard(base + 4).code)).toBeUndefined();
      expect(readUploadAnswer(await page(demo, host, '/licenses/upload', cookie), demoCard(base + 3).code)).toBeUndefined();
      expect(readUploadAnswer(answer, '')).toBeUndefined();
    });
  });

  describe('reading the answer to files', () => {
    it('reads each file of several sent at once, one of them bad', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      await postCode(demo, host, cookie, demoCard(base + 12).code);
      const answer = await postFiles(demo, host, cookie, [
        licenseFile(base + 10, 'first.xml'),
        licenseFile(base + 11, 'second.xml'),
        { name: 'notes.xml', bytes: '<?xml version="1.0"?><Notes><Note>Позвонить</Note></Notes>' },
        licenseFile(base + 12, 'again.xml'),
      ]);
      expect(readUploadAnswer(answer, 'first.xml')).toEqual({ kind: 'added', message: says.file('first.xml', says.added(base + 10)) });
      expect(readUploadAnswer(answer, 'second.xml')).toEqual({ kind: 'added', message: says.file('second.xml', says.added(base + 11)) });
      expect(readUploadAnswer(answer, 'notes.xml')).toEqual({ kind: 'rejected', message: says.file('notes.xml', says.notALicense) });
      expect(readUploadAnswer(answer, 'again.xml')).toEqual({
        kind: 'rejected', message: says.file('again.xml', says.present(demoCard(base + 12).code)), present: true,
      });
      // A file's answer names its code too.
      expect(readUploadAnswer(answer, demoCard(base + 11).code)?.kind).toBe('added');
      expect(readUploadAnswer(answer, 'other.xml')).toBeUndefined();
    });

    it('reads a file added, one that is no license and one that cannot be read, one at a time (?multiple=0)', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const added = await postFiles(demo, host, cookie, [licenseFile(base + 20)], '?multiple=0');
      expect(uploadForm(added, 'file')!.field.multiple).toBe(false);
      expect(readUploadAnswer(added, `license-${base + 20}.xml`)).toEqual({ kind: 'added', message: says.file(`license-${base + 20}.xml`, says.added(base + 20)) });
      const notALicense = await postFiles(demo, host, cookie, [{ name: 'order.xml', bytes: '<Order><Number>42</Number></Order>' }], '?multiple=0');
      expect(readUploadAnswer(notALicense, 'order.xml')).toEqual({ kind: 'rejected', message: says.file('order.xml', says.notALicense) });
      const cut = await postFiles(demo, host, cookie, [{ name: 'cut.xml', bytes: licenseFileXml(demoCard(base + 21)).slice(0, 120) }], '?multiple=0');
      expect(readUploadAnswer(cut, 'cut.xml')).toEqual({ kind: 'rejected', message: says.file('cut.xml', says.unreadable) });
    });

    it('tells apart files whose names end alike', async () => {
      // "a.xml" is inside "data.xml": the answer about one is not the answer about the other.
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const answer = await postFiles(demo, host, cookie, [licenseFile(base + 30, 'a.xml'), { name: 'data.xml', bytes: '<Data/>' }]);
      expect(readUploadAnswer(answer, 'data.xml')).toEqual({ kind: 'rejected', message: says.file('data.xml', says.notALicense) });
      expect(readUploadAnswer(answer, 'a.xml')).toEqual({ kind: 'added', message: says.file('a.xml', says.added(base + 30)) });
    });

    it('reads a file added even when its name holds a word of refusal', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const name = host === RU ? 'Замена после ошибки.xml' : 'error-fixed.xml';
      const answer = await postFiles(demo, host, cookie, [licenseFile(base + 31, name)]);
      expect(demo.stats.uploads.at(-1)!.outcome).toBe('added');
      expect(readUploadAnswer(answer, name)).toEqual({ kind: 'added', message: says.file(name, says.added(base + 31)) });
    });
  });

  describe('a license added by code, and its code page', () => {
    it('finds the row\'s «Показать код активации» page, and the code on it', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      const { code, product } = demoCard(base + 40);
      await postCode(demo, host, cookie, code);
      const listUrl = new URL(`${origin}/licenses?size=all`);
      const rows = await readLicenseRows((await page(demo, host, listUrl.pathname + listUrl.search, cookie)).body);
      // A license added goes to the end of the list, free, main, with no code on its row.
      const added = rows.at(-1)!;
      expect(added.license).toMatchObject({ kind: 'main', status: 'free' });
      expect(product.startsWith(added.license.product.replace(/\.\.\.$/, ''))).toBe(true);
      expect(added.license.activationCode).toBeUndefined();

      const link = codeLinkOf(added.element, listUrl);
      expect(link?.origin).toBe(origin);
      expect(link?.pathname).toMatch(/^\/licenses\/\d+\/code$/);
      const codePage = await page(demo, host, link!.pathname, cookie);
      expect(activationCodeOnPage(codePage)).toBe(code);

      // The account's own main licenses came some other way: their rows lead to no code page.
      const seededMain = rows.filter((row) => row !== added && row.license.kind === 'main');
      expect(seededMain.length).toBeGreaterThan(0);
      for (const row of seededMain) expect(codeLinkOf(row.element, listUrl)).toBeUndefined();
    });

    it('finds no code on a page that shows none', async () => {
      const demo = newDemo();
      const cookie = await logIn(demo, host);
      expect(activationCodeOnPage(await page(demo, host, '/licenses/upload', cookie))).toBeUndefined();
      expect(activationCodeOnPage(await page(demo, host, '/profile', cookie))).toBeUndefined();
    });
  });
});

describe('hand-made pages: an answer is recognised by what it says, not by its markup', () => {
  const CODE = demoCard(300).code;
  const body = (markup: string) => parse(`<!doctype html><html lang="ru"><head><title>Загрузка</title></head><body>${markup}</body></html>`);

  it('reads an alert with no class names the demo uses', () => {
    const doc = body(`<main><div role="alert"><strong>Ошибка!</strong> Код активации ${CODE} не найден.</div></main>`);
    expect(readUploadAnswer(doc, CODE)).toEqual({ kind: 'rejected', message: `Ошибка! Код активации ${CODE} не найден.` });
  });

  it('reads a toast in English, a success in Russian, and an answer with odd whitespace', () => {
    expect(readUploadAnswer(body(`<div class="x9f"><span>License ${CODE} uploaded.</span></div>`), CODE)).toEqual({ kind: 'added', message: `License ${CODE} uploaded.` });
    expect(readUploadAnswer(body(`<p>Код\u00A0${CODE}\n   успешно добавлен</p>`), CODE)).toEqual({ kind: 'added', message: `Код ${CODE} успешно добавлен` });
    expect(readUploadAnswer(body(`<p>Лицензия ${CODE} уже загружена ранее</p>`), CODE)).toEqual({ kind: 'rejected', message: `Лицензия ${CODE} уже загружена ранее`, present: true });
  });

  it('reads the shortest text that names the item: its own line, not the block around all answers', () => {
    const other = demoCard(301).code;
    const doc = body(`<section><h2>Результат</h2><ul><li>${CODE}: добавлен</li><li>${other}: не найден</li></ul></section>`);
    expect(readUploadAnswer(doc, CODE)).toEqual({ kind: 'added', message: `${CODE}: добавлен` });
    expect(readUploadAnswer(doc, other)).toEqual({ kind: 'rejected', message: `${other}: не найден` });
  });

  it('reads a table of per-file results, the name in one cell and the outcome in the next', () => {
    const doc = body(`<table>
      <thead><tr><th>Файл</th><th>Результат</th></tr></thead>
      <tbody>
        <tr><td>first.xml</td><td>Лицензия добавлена</td></tr>
        <tr><td>notes.xml</td><td>Это не файл лицензии</td></tr>
      </tbody>
    </table>`);
    expect(readUploadAnswer(doc, 'first.xml')?.kind).toBe('added');
    expect(readUploadAnswer(doc, 'notes.xml')?.kind).toBe('rejected');
  });

  it('does not take the form\'s own echo of the item for the answer', () => {
    // The field's text (a <textarea>, a hint) names the code more briefly than the answer above the form.
    const doc = body(`<div class="flash">Код активации ${CODE} не найден.</div>
      <form method="post" action="/licenses/upload/code"><label>Код активации <textarea name="code">${CODE}</textarea></label><button>Добавить</button></form>`);
    expect(readUploadAnswer(doc, CODE)).toEqual({ kind: 'rejected', message: `Код активации ${CODE} не найден.` });
  });

  it('does not read an answer from inside a form, a script or a template', () => {
    // An item named only there is an unknown fate, looked up in the list rather than guessed.
    expect(readUploadAnswer(body(`<form><p>Код ${CODE} добавлен</p><input name="code"></form>`), CODE)).toBeUndefined();
    expect(readUploadAnswer(body(`<script>window.state = { added: "${CODE}" }</script>`), CODE)).toBeUndefined();
    expect(readUploadAnswer(body(`<template><p>Код ${CODE} добавлен</p></template>`), CODE)).toBeUndefined();
  });

  // Taken for added, the item would be reported as in the account and never sent again.
  it.each([
    'Лицензия с кодом активации {code} не добавлена.',
    'Файл с кодом {code} не загружен: повторите попытку.',
    'The license {code} was not added.',
    'License {code} has not been uploaded.',
  ])('never reads a negated success as added: "%s"', (sentence) => {
    const text = sentence.replace('{code}', CODE);
    expect(readUploadAnswer(body(`<div role="alert">${text}</div>`), CODE)?.kind).not.toBe('added');
  });

  it('does not guess from words it does not know (unclear, with them), or from a sentence too long to be one answer', () => {
    expect(readUploadAnswer(body(`<p>Код ${CODE} принят в обработку</p>`), CODE)).toEqual({ kind: 'unclear', message: `Код ${CODE} принят в обработку` });
    expect(readUploadAnswer(body(`<p>${'Подробности. '.repeat(40)}Код ${CODE} добавлен</p>`), CODE)).toBeUndefined();
  });

  it('finds a code-shaped text on a code page however it is marked up, and nothing where there is none', () => {
    expect(activationCodeOnPage(body(`<h1>Код активации</h1><div><span>Ваш код:</span> <b>${CODE}</b></div>`))).toBe(CODE);
    expect(activationCodeOnPage(body('<p>Телефон 662-98-03, дата 28.11.2026</p>'))).toBeUndefined();
  });

  it.each([
    ['after a colon, ending a sentence', `<p>Код активации: ${CODE}.</p>`],
    ['in guillemets', `<p>Ваш код «${CODE}»</p>`],
    ['in brackets', `<p>Код (${CODE}) скопирован</p>`],
  ])('reads the code on a code page when it is written %s', (_how, markup) => {
    expect(activationCodeOnPage(body(markup))).toBe(CODE);
  });

  it('reads a row\'s «Показать код активации» link only when it leads to a page on this site', () => {
    const location = new URL('https://lk.cleverence.ru/licenses');
    const row = (link: string) => body(`<table><tr><td>Основная X</td><td>${link}</td></tr></table>`).querySelector('tr')!;
    expect(codeLinkOf(row('<a href="/licenses/7/code">Показать код активации</a>'), location)?.href).toBe('https://lk.cleverence.ru/licenses/7/code');
    expect(codeLinkOf(row('<a href="#">Показать код активации</a>'), location)).toBeUndefined();
    expect(codeLinkOf(row('<a href="javascript:void(0)">Показать код активации</a>'), location)).toBeUndefined();
    expect(codeLinkOf(row('<a href="https://evil.example/code">Показать код активации</a>'), location)).toBeUndefined();
    expect(codeLinkOf(row('<a href="/licenses/7/renew">Продлить</a>'), location)).toBeUndefined();
  });
});
