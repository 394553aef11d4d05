// The vendor's support request form (utils/site/support-form.ts) on markup
// nobody here drew: found by its fields' words and roles (labels for and
// around, accessible names, placeholders, aria-labelledby, English), in a
// form that says it is a request; never a log-in, a search, a forum's reply,
// a newsletter or a review. Filled as a person types, the e-mail and the
// category only where empty, a file attached, and never sent. And the link
// that leads to a new request.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillSupportForm, supportForm, supportRequestLink, type SupportForm } from '@/utils/site/support-form';

const byId = <Element extends HTMLElement>(id: string) => document.getElementById(id) as Element;

/** The page, as the tab shows it: its body's markup. */
function page(markup: string): void {
  document.body.innerHTML = markup;
}

beforeEach(() => {
  document.title = '';
});

afterEach(() => {
  document.body.innerHTML = '';
});

/** The demo's field structure (demo-site/vendor/support-page.ts): labels with `for`, odd names. */
const DEMO = `<h1>Новое обращение в техподдержку</h1>
<p>Опишите, что случилось: какой кабинет, какое устройство, что вы ожидали увидеть. Ответ придёт на указанную почту.</p>
<form id="demo" class="support-form" method="post" action="/support/request/send" enctype="multipart/form-data">
  <p><label for="f-kind">Категория</label><br>
    <select id="f-kind" name="f1" required>
      <option value="">— выберите —</option>
      <option value="10">Установка и обновление</option>
      <option value="20">Лицензии и личный кабинет</option>
      <option value="30">Облачная база</option>
      <option value="40">Другое</option>
    </select></p>
  <p><label for="f-title">Тема обращения</label><br><input id="f-title" name="f2" type="text" size="80" required></p>
  <p><label for="f-text">Опишите вопрос</label><br><textarea id="f-text" name="f3" rows="14" cols="80" required></textarea></p>
  <p><label for="f-mail">Ваш e-mail</label><br><input id="f-mail" name="f4" type="email" required></p>
  <p><label for="f-phone">Телефон для связи</label><br><input id="f-phone" name="f5" type="tel"></p>
  <p><label for="f-files">Файлы (скриншоты, списки)</label><br><input id="f-files" name="f6" type="file" multiple></p>
  <p><button type="submit">Отправить обращение</button></p>
</form>
<p class="support-hours">Техподдержка бесплатна: по будням с 9:00 до 18:00 по Москве.</p>`;

/** The fields found, by their ids: what a person would point at. */
const ids = (found: SupportForm | undefined) => found && {
  form: found.form.id,
  subject: found.subject.id,
  message: found.message.id,
  email: found.email?.id,
  phone: found.phone?.id,
  category: found.category?.id,
  files: found.files?.id,
};

describe('the demo\'s form', () => {
  it('is found, each field the right one', () => {
    page(DEMO);
    expect(ids(supportForm(document))).toEqual({
      form: 'demo', subject: 'f-title', message: 'f-text', email: 'f-mail', phone: 'f-phone', category: 'f-kind', files: 'f-files',
    });
  });
});

describe('forms nobody drew yet', () => {
  it('labels wrapping their fields', () => {
    page(`<h1>Техническая поддержка</h1>
<form id="f" action="/tickets/new" method="post">
  <label>Раздел <select id="c" name="section"><option value="">—</option><option value="a">Лицензии</option></select></label>
  <label>Тема <input id="s" name="a1"></label>
  <label>Текст обращения <textarea id="m" name="a2"></textarea></label>
  <label>Электронная почта <input id="e" name="a3" type="email"></label>
  <label>Телефон <input id="p" name="a4" type="tel"></label>
  <label>Вложения <input id="x" name="a5" type="file"></label>
  <button>Отправить</button>
</form>`);
    expect(ids(supportForm(document))).toEqual({ form: 'f', subject: 's', message: 'm', email: 'e', phone: 'p', category: 'c', files: 'x' });
  });

  it('accessible names only', () => {
    page(`<form id="f" aria-label="Новое обращение">
  <input id="s" aria-label="Тема обращения">
  <textarea id="m" aria-label="Опишите проблему"></textarea>
  <input id="e" aria-label="Ваша почта">
  <input id="p" aria-label="Телефон">
  <select id="c" aria-label="Категория"><option value="">—</option><option value="1">Личный кабинет</option></select>
  <button aria-label="Отправить"></button>
</form>`);
    expect(ids(supportForm(document))).toEqual({ form: 'f', subject: 's', message: 'm', email: 'e', phone: 'p', category: 'c', files: undefined });
  });

  it('placeholders only', () => {
    page(`<h2>Служба поддержки</h2><form id="f">
  <input id="e" name="q1" placeholder="E-mail для ответа">
  <input id="s" name="q2" placeholder="Тема">
  <textarea id="m" name="q3" placeholder="Опишите, что случилось"></textarea>
  <input id="p" name="q4" placeholder="Телефон (необязательно)">
  <button>Создать обращение</button>
</form>`);
    expect(ids(supportForm(document))).toEqual({ form: 'f', subject: 's', message: 'm', email: 'e', phone: 'p', category: undefined, files: undefined });
  });

  it('aria-labelledby', () => {
    page(`<h1>Обращение</h1><form id="f">
  <div><span id="l-s">Заголовок</span> <span id="l-s2">обращения</span><input id="s" aria-labelledby="l-s l-s2"></div>
  <div><span id="l-m">Сообщение</span><textarea id="m" aria-labelledby="l-m"></textarea></div>
  <div><span id="l-c">Тип обращения</span><select id="c" aria-labelledby="l-c"><option value="">—</option><option value="9">Лицензии</option></select></div>
  <button>Отправить</button>
</form>`);
    expect(ids(supportForm(document))).toEqual({ form: 'f', subject: 's', message: 'm', email: undefined, phone: undefined, category: 'c', files: undefined });
  });

  it('English labels', () => {
    page(`<h1>Submit a request</h1>
<form id="f" action="/hc/en-us/requests" method="post">
  <label for="c">Category</label><select id="c" name="ticket[category]"><option value="">-</option><option value="g">General question</option><option value="l">Licensing and account</option></select>
  <label for="s">Subject</label><input id="s" name="ticket[subject]" type="text">
  <label for="m">Message</label><textarea id="m" name="ticket[body]"></textarea>
  <label for="e">Email</label><input id="e" name="ticket[mail]" type="text">
  <label for="p">Phone</label><input id="p" name="ticket[tel]" type="text">
  <label for="x">Attachments</label><input id="x" name="ticket[files]" type="file">
  <input type="submit" value="Submit">
</form>`);
    expect(ids(supportForm(document))).toEqual({ form: 'f', subject: 's', message: 'm', email: 'e', phone: 'p', category: 'c', files: 'x' });
  });

  it('the message before the subject', () => {
    page(`<h1>Новое обращение</h1><form id="f">
  <label for="m">Сообщение</label><textarea id="m"></textarea>
  <label for="e">Почта</label><input id="e" type="email">
  <label for="s">Тема</label><input id="s">
  <button>Отправить</button>
</form>`);
    expect(ids(supportForm(document))).toEqual({ form: 'f', subject: 's', message: 'm', email: 'e', phone: undefined, category: undefined, files: undefined });
  });

  it('hidden inputs, a honeypot, a read-only and a disabled field saying «Тема», a disabled message box', () => {
    page(`<h1>Обращение в техподдержку</h1><form id="f">
  <input type="hidden" name="subject" value="web-form">
  <input type="hidden" name="csrf_token" value="0a1b2c">
  <input name="title_hp" aria-label="Тема" aria-hidden="true" tabindex="-1">
  <label>Тема (прошлое обращение) <input name="old_subject" value="Старая тема" disabled></label>
  <label>Тема из шаблона <input name="tpl_subject" value="Шаблон" readonly></label>
  <label>Прошлое сообщение <textarea name="old_message" disabled>…</textarea></label>
  <label>Тема <input id="s" name="subject_line"></label>
  <label>Сообщение <textarea id="m" name="text"></textarea></label>
  <button>Отправить</button>
</form>`);
    expect(ids(supportForm(document))).toMatchObject({ form: 'f', subject: 's', message: 'm' });
  });

  it('a select whose options say «Тема»: the options are not its label', () => {
    page(`<h1>Новое обращение</h1><form id="f">
  <label>Продукт <select id="product" name="product">
    <option value="">—</option><option value="ms">Mobile SMARTS</option><option value="t">Тема вопроса: лицензии</option>
  </select></label>
  <label>Категория <select id="c" name="kind"><option value="">—</option><option value="1">Тема: лицензии и личный кабинет</option><option value="2">Тема: установка</option></select></label>
  <label>Тема <input id="s" name="s"></label>
  <label>Сообщение <textarea id="m" name="m"></textarea></label>
  <button>Отправить</button>
</form>`);
    const found = supportForm(document);
    expect(ids(found)).toMatchObject({ form: 'f', subject: 's', message: 'm', category: 'c' });
    // Filled, the product stays as it was: it is no category.
    fillSupportForm(found!, { subject: 'Тема', message: 'Текст' });
    expect(byId<HTMLSelectElement>('product').value).toBe('');
    expect(byId<HTMLSelectElement>('c').value).toBe('1');
  });

  it('a select that says «Тема вопроса» in its options only is no category', () => {
    page(`<h1>Новое обращение</h1><form id="f">
  <label>Продукт <select id="product" name="product"><option value="">—</option><option value="t">Тема вопроса: лицензии</option></select></label>
  <label>Тема <input id="s" name="s"></label>
  <label>Сообщение <textarea id="m" name="m"></textarea></label>
</form>`);
    expect(supportForm(document)?.category).toBeUndefined();
  });

  it('a form whose only clue is the page\'s heading «Обращение в поддержку»', () => {
    page(`<h1>Обращение в поддержку</h1>
<form id="f"><label>Тема <input id="s"></label><label>Сообщение <textarea id="m"></textarea></label><button>Отправить</button></form>`);
    expect(ids(supportForm(document))).toMatchObject({ form: 'f', subject: 's', message: 'm' });
  });

  it('a field «Операционная система» before the subject is not the subject', () => {
    page(`<h1>Новое обращение в техподдержку</h1><form id="f">
  <label>Операционная система <input id="os" name="os"></label>
  <label>Тема обращения <input id="s" name="s"></label>
  <label>Опишите вопрос <textarea id="m" name="m"></textarea></label>
  <button>Отправить</button>
</form>`);
    expect(ids(supportForm(document))).toMatchObject({ form: 'f', subject: 's', message: 'm' });
  });

  it('the request form after a log-in form and a search on the same page', () => {
    page(`<h1>Техподдержка</h1>
<form id="login" action="/login"><label>Тема оформления <input name="theme"></label><label>Логин <input name="login"></label>
  <input type="password" name="password"><textarea name="note" aria-label="Сообщение"></textarea><button>Войти</button></form>
<form id="search" role="search"><input type="search" name="q" placeholder="Поиск по теме"></form>
${DEMO}`);
    expect(supportForm(document)?.form.id).toBe('demo');
  });
});

describe('forms that never take a request', () => {
  it.each([
    ['a log-in form on the support site', `<h1>Вход в техподдержку</h1><form><label>E-mail <input type="email" name="email"></label>
      <label>Пароль <input type="password" name="password"></label><button>Войти</button></form>`],
    ['a log-in form with a subject and a message box beside the password', `<h1>Техподдержка: войдите, чтобы создать обращение</h1><form>
      <label>Тема <input name="subject"></label><label>Сообщение <textarea name="message"></textarea></label>
      <label>Пароль <input type="password" name="password"></label><button>Войти и отправить</button></form>`],
    ['a search form', `<h1>База знаний техподдержки</h1><form role="search" action="/search">
      <input type="search" name="q" placeholder="Тема или вопрос"><button>Найти</button></form>`],
    ['a forum reply form: one box and a button, no subject', `<h1>Форум поддержки: лицензия не видна</h1><form action="/forum/reply">
      <textarea name="message" placeholder="Ваш ответ"></textarea><button>Ответить</button></form>`],
    ['a newsletter form: an e-mail only', `<h1>Новости поддержки</h1><form action="/subscribe">
      <label>E-mail <input type="email" name="email"></label><button>Подписаться</button></form>`],
    ['a review form with a subject and a message, nothing saying it is a request', `<h1>Оставить отзыв о товаре</h1><form action="/reviews">
      <label>Заголовок отзыва <input name="title"></label><label>Текст отзыва <textarea name="text"></textarea></label>
      <label>Ваша почта <input type="email" name="email"></label><button>Опубликовать</button></form>`],
  ])('%s', (_, markup) => {
    page(markup);
    expect(supportForm(document)).toBeUndefined();
  });

  it('a page with no form at all', () => {
    page('<h1>Обращение в поддержку</h1><p>Позвоните нам.</p>');
    expect(supportForm(document)).toBeUndefined();
  });
});

describe('fillSupportForm', () => {
  const SUBJECT = 'Нет облачной лицензии у устройства @XIAOMI-1 — ООО "Ромашка" (typical@example.ru)';
  const MESSAGE = 'Здравствуйте!\n\nЛичный кабинет: ООО "Ромашка" (typical@example.ru), https://lk.cleverence.ru.\n1. ТСД — @XIAOMI-1';

  /** Every input and change event that reached the form, as "event:id". */
  function heard(form: HTMLFormElement): string[] {
    const events: string[] = [];
    for (const type of ['input', 'change']) {
      form.addEventListener(type, (event) => events.push(`${type}:${(event.target as HTMLElement).id}`));
    }
    return events;
  }

  it('types the subject and the message in, with input and change events that bubble to the form', () => {
    page(DEMO);
    const found = supportForm(document)!;
    const events = heard(found.form);
    const filled = fillSupportForm(found, { subject: SUBJECT, message: MESSAGE });
    expect(byId<HTMLInputElement>('f-title').value).toBe(SUBJECT);
    expect(byId<HTMLTextAreaElement>('f-text').value).toBe(MESSAGE);
    expect(events).toEqual(expect.arrayContaining(['input:f-title', 'change:f-title', 'input:f-text', 'change:f-text']));
    expect(filled).toEqual(expect.arrayContaining(['subject', 'message']));
  });

  it('fills an empty e-mail', () => {
    page(DEMO);
    const found = supportForm(document)!;
    const events = heard(found.form);
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE, email: 'typical@example.ru' })).toContain('email');
    expect(byId<HTMLInputElement>('f-mail').value).toBe('typical@example.ru');
    expect(events).toEqual(expect.arrayContaining(['input:f-mail', 'change:f-mail']));
  });

  it('keeps an e-mail the person typed', () => {
    page(DEMO);
    const found = supportForm(document)!;
    byId<HTMLInputElement>('f-mail').value = 'boss@romashka.ru';
    const events = heard(found.form);
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE, email: 'typical@example.ru' })).not.toContain('email');
    expect(byId<HTMLInputElement>('f-mail').value).toBe('boss@romashka.ru');
    expect(events.filter((event) => event.endsWith(':f-mail'))).toEqual([]);
  });

  it('chooses the category about licenses and the personal account when none is chosen', () => {
    page(DEMO);
    const found = supportForm(document)!;
    const events = heard(found.form);
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE })).toContain('category');
    const select = byId<HTMLSelectElement>('f-kind');
    expect(select.value).toBe('20');
    expect(select.selectedOptions[0]?.textContent).toBe('Лицензии и личный кабинет');
    expect(events).toContain('change:f-kind');
  });

  it('keeps the category the person chose', () => {
    page(DEMO);
    const found = supportForm(document)!;
    byId<HTMLSelectElement>('f-kind').value = '40';
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE })).not.toContain('category');
    expect(byId<HTMLSelectElement>('f-kind').value).toBe('40');
  });

  it('chooses no category when none is about licenses or the account', () => {
    page(`<h1>Новое обращение</h1><form><label>Категория <select id="c"><option value="">—</option><option value="1">Установка</option><option value="2">Другое</option></select></label>
      <label>Тема <input id="s"></label><label>Сообщение <textarea id="m"></textarea></label></form>`);
    const found = supportForm(document)!;
    expect(found.category?.id).toBe('c');
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE })).not.toContain('category');
    expect(byId<HTMLSelectElement>('c').value).toBe('');
  });

  it('chooses an English category about licensing', () => {
    page(`<h1>Submit a request</h1><form><label>Category <select id="c"><option value="">-</option><option value="g">General question</option><option value="l">Licensing and account</option></select></label>
      <label>Subject <input id="s"></label><label>Message <textarea id="m"></textarea></label></form>`);
    fillSupportForm(supportForm(document)!, { subject: 'No cloud license', message: 'Hello' });
    expect(byId<HTMLSelectElement>('c').value).toBe('l');
  });

  it('attaches the file given to the form\'s file field', () => {
    page(DEMO);
    const found = supportForm(document)!;
    const events = heard(found.form);
    const csv = new File(['\uFEFFУстройство;Название\r\n'], 'cleverence-support-typical@example.ru-2026-06-15.csv', { type: 'text/csv' });
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE, attachment: csv })).toContain('attachment');
    const input = byId<HTMLInputElement>('f-files');
    expect(input.files).toHaveLength(1);
    expect(input.files?.[0]?.name).toBe('cleverence-support-typical@example.ru-2026-06-15.csv');
    expect(events).toContain('change:f-files');
  });

  it('attaches nothing when no file is given', () => {
    page(DEMO);
    const found = supportForm(document)!;
    expect(fillSupportForm(found, { subject: SUBJECT, message: MESSAGE })).not.toContain('attachment');
    expect(byId<HTMLInputElement>('f-files').files?.length ?? 0).toBe(0);
  });

  it('says what it filled: all of it on an empty demo form', () => {
    page(DEMO);
    const found = supportForm(document)!;
    const filled = fillSupportForm(found, { subject: SUBJECT, message: MESSAGE, email: 'typical@example.ru', attachment: new File(['x'], 'list.csv') });
    expect([...filled].sort()).toEqual(['attachment', 'category', 'email', 'message', 'subject']);
    // The phone is the person's to add.
    expect(byId<HTMLInputElement>('f-phone').value).toBe('');
  });

  it('never sends the form', () => {
    page(DEMO);
    const found = supportForm(document)!;
    const submit = vi.spyOn(found.form, 'submit').mockImplementation(() => undefined);
    const requestSubmit = vi.spyOn(found.form, 'requestSubmit').mockImplementation(() => undefined);
    const submitted = vi.fn((event: Event) => event.preventDefault());
    document.addEventListener('submit', submitted, true);
    try {
      fillSupportForm(found, { subject: SUBJECT, message: MESSAGE, email: 'typical@example.ru', attachment: new File(['x'], 'list.csv') });
    } finally {
      document.removeEventListener('submit', submitted, true);
    }
    expect(submit).not.toHaveBeenCalled();
    expect(requestSubmit).not.toHaveBeenCalled();
    expect(submitted).not.toHaveBeenCalled();
  });
});

describe('supportRequestLink', () => {
  const HERE = new URL('https://support.cleverence.ru/hc/ru/');

  it.each([
    ['«Создать обращение»', '<a href="/hc/ru/requests/new">Создать обращение</a>', 'https://support.cleverence.ru/hc/ru/requests/new'],
    ['"Submit a request"', '<a href="requests/new">Submit a request</a>', 'https://support.cleverence.ru/hc/ru/requests/new'],
    ['«Написать в техподдержку»', '<a href="https://support.cleverence.ru/new?from=kb"> Написать&nbsp;в   техподдержку </a>', 'https://support.cleverence.ru/new?from=kb'],
  ])('finds %s on this site', (_, link, expected) => {
    page(`<nav><a href="/hc/ru/">Справка</a> <a href="/hc/ru/faq">Вопросы</a> ${link}</nav>`);
    expect(supportRequestLink(document, HERE)?.href).toBe(expected);
  });

  it('ignores a link to another site, and takes the one on this site', () => {
    page('<a href="https://evil.example/requests/new">Создать обращение</a>');
    expect(supportRequestLink(document, HERE)).toBeUndefined();
    page('<a href="https://evil.example/requests/new">Создать обращение</a> <a href="/requests/new">Создать обращение</a>');
    expect(supportRequestLink(document, HERE)?.href).toBe('https://support.cleverence.ru/requests/new');
  });

  it('ignores a link whose text merely holds the words in a sentence', () => {
    page('<p><a href="/hc/ru/articles/357081">Если лицензия не видна, вы можете создать обращение в техподдержку</a></p>'
      + '<p><a href="/hc/ru/articles/1">Как написать в техподдержку, чтобы ответили быстро</a></p>');
    expect(supportRequestLink(document, HERE)).toBeUndefined();
  });

  it('ignores a link that goes nowhere', () => {
    page('<a href="#">Создать обращение</a> <a href="javascript:void(0)">Submit a request</a>');
    expect(supportRequestLink(document, HERE)).toBeUndefined();
  });
});
