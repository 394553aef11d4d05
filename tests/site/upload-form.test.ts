// «Загрузить лицензии» on markup nobody here drew: the code field and the file
// field are found by what they say (labels, accessible names, placeholders,
// the form's own words), on a page of the account alone; a forum's reply box,
// a search, a log-in or a promo-code field is never taken for them.
import { describe, expect, it } from 'vitest';
import { uploadForm, uploadPageUrl } from '@/utils/site/upload-form';

const LK = 'https://lk.cleverence.ru';
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** A page of the account: its header with the e-mail, its tabs, and `main`. */
const accountPage = (main: string, email = 'typical@example.ru') => parse(`<!doctype html><html><body>
<header><span>${email}</span></header>
<nav><a href="/licenses">Лицензии</a> <a href="/devices">Устройства</a> <a href="/profile">Профиль</a></nav>
<main>${main}</main></body></html>`);

describe('the code form, found by its words', () => {
  it.each([
    ['a label around the field', '<form action="/add"><label>Код активации <input name="value"></label><button>Добавить</button></form>'],
    ['a label for the field', '<form action="/add"><label for="k">Код активации</label><input id="k" name="k"><button>OK</button></form>'],
    ['an accessible name', '<form action="/add"><input aria-label="Код активации лицензии"><button>Добавить</button></form>'],
    ['an aria-labelledby', '<form action="/add"><span id="l">Activation code</span><input aria-labelledby="l"><button>Add</button></form>'],
    ['a placeholder of the code\'s shape', '<form action="/add"><input name="v" placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"><button>+</button></form>'],
    ['a name that says so', '<form action="/add"><input name="activation_code"><button>Добавить</button></form>'],
    ['the form\'s heading, its one field saying nothing', '<h2>Добавить код активации</h2><form action="/add"><input name="value"><button>Добавить</button></form>'],
    ['a form in a dialog, hidden until opened', '<dialog><form action="/add" method="post"><label>Код активации <input name="c"></label><button>Добавить</button></form></dialog>'],
  ])('%s', (_, main) => {
    const found = uploadForm(accountPage(main), 'code');
    expect(found?.form.getAttribute('action')).toBe('/add');
    expect(found?.field.localName).toBe('input');
  });

  it.each([
    ['a forum\'s reply box', '<form action="/forum/reply"><input name="message" placeholder="Ваш ответ"><button>Ответить</button></form>'],
    ['a site search', '<form action="/search" role="search"><input type="search" name="q" placeholder="Код активации или название"></form>'],
    ['a search whose field says «код активации»', '<form action="/find"><input type="search" name="q" aria-label="Найти по коду активации"></form>'],
    ['a log-in form', '<form action="/login"><label>Код активации <input name="code"></label><input type="password" name="p"></form>'],
    ['a promo code', '<form action="/cart"><label>Промокод <input name="promo"></label><button>Применить</button></form>'],
    ['a confirmation code', '<form action="/confirm"><label>Код подтверждения из SMS <input name="sms"></label></form>'],
  ])('is not %s', (_, main) => {
    expect(uploadForm(accountPage(main), 'code')).toBeUndefined();
  });
});

describe('the file form, found by its words', () => {
  it.each([
    ['a field that takes .xml', '<form action="/files" enctype="multipart/form-data"><input type="file" name="f" accept=".xml"><button>Загрузить</button></form>'],
    ['a label that says protection files', '<form action="/files"><label>Файлы защиты <input type="file" name="f"></label><button>OK</button></form>'],
    ['the form\'s heading', '<h3>Загрузить файлы защиты</h3><form action="/files"><input type="file" name="f"><button>OK</button></form>'],
  ])('%s', (_, main) => {
    expect(uploadForm(accountPage(main), 'file')?.form.getAttribute('action')).toBe('/files');
  });

  it('is not an avatar picture field', () => {
    expect(uploadForm(accountPage('<form action="/avatar"><label>Фото профиля <input type="file" accept="image/*"></label></form>'), 'file')).toBeUndefined();
  });
});

describe('where the upload page is', () => {
  const upload = '<a href="/licenses/upload">Загрузить лицензии</a>';

  it('is the page its «Загрузить лицензии» link leads to, on a page of the account that names who is logged in', () => {
    expect(uploadPageUrl(accountPage(upload), new URL(`${LK}/licenses`))?.href).toBe(`${LK}/licenses/upload`);
  });

  it('is this page when it holds the forms', () => {
    const doc = accountPage('<form action="/add"><label>Код активации <input name="c"></label></form>');
    expect(uploadPageUrl(doc, new URL(`${LK}/licenses/upload`))?.href).toBe(`${LK}/licenses/upload`);
  });

  it('is nowhere on a page that is not the account, or that shows no one logged in, whatever forms it holds', () => {
    const forum = parse(`<header><span>typical@example.ru</span></header><main>${upload}<form action="/add"><label>Код активации <input name="c"></label></form></main>`);
    expect(uploadPageUrl(forum, new URL(`${LK}/forum`))).toBeUndefined();
    expect(uploadPageUrl(accountPage(upload, ''), new URL(`${LK}/licenses`))).toBeUndefined();
  });

  it('leads nowhere off the account\'s own site', () => {
    expect(uploadPageUrl(accountPage('<a href="https://evil.example/upload">Загрузить лицензии</a>'), new URL(`${LK}/licenses`))).toBeUndefined();
  });
});
