// The site's answer to one uploaded code or file, read conservatively (issue 15):
// only words that plainly say "added" are added; a refusal in any wording, a
// review still to come, or words we do not know never are. A license read as
// added is reported as in the account and never sent again, so every doubt
// falls on the other side. Pages are built as tests/site/upload-form.test.ts
// builds them: the account's header and tabs, the upload form echoing the item.
import { describe, expect, it } from 'vitest';
import { answerPageMessage, readUploadAnswer, type UploadAnswerRead } from '@/utils/site/upload-form';
import { demoCard } from '../../demo-site/cards';
import { answerText } from '../../demo-site/account/uploads';
import { WORDS } from '../../demo-site/account/words';

const CODE = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q';
const OTHER_CODE = 'Q9P0N-M8L7K-J6H5G-F4E3D-C2B1A';
const FILE = 'license-17.xml';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** The upload page as the account sends it back: header, tabs, the answer, and the form (its field still holding the item). */
const answerPage = (answer: string, item = CODE) => parse(`<!doctype html><html lang="ru"><body>
<header><span>typical@example.ru</span></header>
<nav><a href="/licenses">Лицензии</a> <a href="/devices">Устройства</a></nav>
<main><h1>Загрузка лицензий</h1>${answer}
<form method="post" action="/licenses/upload/code"><label>Код активации <input name="code" value="${item}"></label>
<p class="hint">Введите ${item} ещё раз, если он не добавлен</p><button>Добавить</button></form></main></body></html>`);

type Kind = UploadAnswerRead['kind'] | 'present';

/** Each answer's words with `{item}` where the site names the item. */
const ANSWERS: ReadonlyArray<readonly [words: string, expected: Kind, item?: string]> = [
  // Added, said plainly.
  ['Лицензия с кодом активации {item} добавлена в личный кабинет.', 'added'],
  ['Лицензия «Mobile SMARTS: Склад 15, БАЗОВЫЙ» с кодом активации {item} добавлена в личный кабинет.', 'added'],
  ['Код {item} успешно добавлен', 'added'],
  ['{item}: добавлен', 'added'],
  ['Готово! Лицензия {item} загружена.', 'added'],
  ['Мы добавили лицензию {item} в ваш личный кабинет.', 'added'],
  ['Файл {item} успешно загружен.', 'added', FILE],
  ['Файл «{item}»: лицензия добавлена.', 'added', FILE],
  ['The license with activation code {item} has been added to your account.', 'added'],
  ['License {item} uploaded.', 'added'],
  ['Activation code {item} was added.', 'added'],
  ['Success: license {item} successfully added.', 'added'],
  ['{item} — added', 'added'],
  ['File "{item}" has been uploaded successfully.', 'added', FILE],

  // Refused, in every wording the issue lists.
  ['Код активации {item} не найден. Проверьте, правильно ли он введён.', 'rejected'],
  ['Неверный формат кода активации: «{item}».', 'rejected'],
  ['Не удалось прочитать файл {item}.', 'rejected', FILE],
  ['Файл {item} не является файлом лицензии.', 'rejected', FILE],
  ['Лицензия {item} не может быть добавлена.', 'rejected'],
  ['Код {item}: добавление невозможно.', 'rejected'],
  ['Запрос на добавление лицензии {item} отклонён.', 'rejected'],
  ['Заявка на добавление лицензии {item} отклонена.', 'rejected'],
  ['В добавлении лицензии {item} отказано.', 'rejected'],
  ['Отказ: лицензия {item} не добавлена.', 'rejected'],
  ['Добавление лицензии {item} запрещено.', 'rejected'],
  ['Срок действия кода {item} истёк.', 'rejected'],
  ['Срок действия кода {item} истек, лицензия не загружена', 'rejected'],
  ['Лицензия {item} заблокирована.', 'rejected'],
  ['Код активации {item} недействителен.', 'rejected'],
  ['Ошибка! Код активации {item} не найден.', 'rejected'],
  ['Произошла ошибка при загрузке файла {item}.', 'rejected', FILE],
  ['Лицензия с кодом активации {item} не добавлена.', 'rejected'],
  ['Файл {item} не загружен: повторите попытку.', 'rejected', FILE],
  ['Лицензию {item} нельзя добавить в этот кабинет.', 'rejected'],
  ['Код {item} уже использован в другом кабинете.', 'rejected'],
  ['License {item} cannot be added.', 'rejected'],
  ["License {item} can't be uploaded.", 'rejected'],
  ['License {item} can’t be uploaded.', 'rejected'],
  ['The file {item} could not be read.', 'rejected', FILE],
  ['Unable to add license {item}.', 'rejected'],
  ['The request to add {item} was rejected.', 'rejected'],
  ['Access denied: {item}.', 'rejected'],
  ['Invalid activation code: {item}.', 'rejected'],
  ['Activation code {item} was not found. Check that it is typed correctly.', 'rejected'],
  ['Upload of {item} failed.', 'rejected', FILE],
  ['Error: {item} is not a license file.', 'rejected', FILE],
  ['Adding {item} is not allowed.', 'rejected'],
  ['Activation code {item} has expired.', 'rejected'],
  ['License {item} is blocked.', 'rejected'],
  ['The license {item} was not added.', 'rejected'],
  ['License {item} has not been uploaded.', 'rejected'],
  ["License {item} wasn't added.", 'rejected'],
  ['Code {item} has already been used.', 'rejected'],
  ['Licenses added: 0 ({item})', 'rejected'],
  ['Обработано файлов: 1 ({item}), добавлено лицензий: 0.', 'rejected', FILE],

  // Already in the account: a refusal the preview remembers.
  ['Лицензия с кодом активации {item} уже есть в личном кабинете.', 'present'],
  ['Лицензия {item} уже добавлена.', 'present'],
  ['Лицензия {item} уже загружена ранее', 'present'],
  ['Лицензия {item} не может быть добавлена: она уже есть в кабинете.', 'present'],
  ['A license with activation code {item} is already in your account.', 'present'],
  ['License {item} has already been added.', 'present'],
  ['Error: license {item} already exists.', 'present'],

  // Not added yet: after a review, or awaiting it.
  ['Лицензия {item} будет добавлена после проверки.', 'pending'],
  ['Заявка на добавление лицензии {item} на рассмотрении.', 'pending'],
  ['Лицензия {item} ожидает подтверждения.', 'pending'],
  ['Код {item} принят и будет добавлен в течение часа.', 'pending'],
  ['License {item} is pending review.', 'pending'],
  ['License {item} will be added after verification.', 'pending'],
  ['Your license {item} has been uploaded and is awaiting approval.', 'pending'],
  ['License {item} was submitted for review.', 'pending'],

  // Named, in words that say none of these plainly.
  ['Запрос по коду {item} принят.', 'unclear'],
  ['Код {item} принят в обработку', 'unclear'],
  ['Request received: {item}.', 'unclear'],
  ['Код {item} обработан.', 'unclear'],
  ['OK: {item}', 'unclear'],
  ['{item} ✓', 'unclear'],
  ['Лицензия {item} добавлена, но не активирована.', 'unclear'],
  ['Лицензия {item} может быть добавлена позже.', 'unclear'],
  ['License {item} can be added by your administrator.', 'unclear'],
  ['License {item} added. If it does not appear, contact support.', 'unclear'],
  ['Лицензия {item} добавлена? Проверьте список лицензий.', 'unclear'],
];

/** Each answer with the item it names: the code unless the row says a file. */
const CASES = ANSWERS.map(([words, expected, item = CODE]) => ({ words, expected, item, text: words.replaceAll('{item}', item) }));

/** The kind a reading comes to, "present" for a refusal that says the license is already there. */
const kindOf = (read: UploadAnswerRead | undefined) => (read?.kind === 'rejected' && read.present ? 'present' : read?.kind);

describe('an answer, by its words', () => {
  it('holds enough answers to mean something', () => {
    expect(ANSWERS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES)('"$words" is $expected', ({ text, expected, item }) => {
    const read = readUploadAnswer(answerPage(`<div role="alert">${text}</div>`, item), item);
    expect(kindOf(read)).toBe(expected);
    expect(read?.message).toBe(text);
  });

  it.each(CASES)('"$words" is $expected in a results list, the item in bold', ({ words, expected, item }) => {
    // The element holding only the name says nothing: its line is read.
    const read = readUploadAnswer(answerPage(`<ul class="results"><li>${words.replaceAll('{item}', `<strong>${item}</strong>`)}</li></ul>`, item), item);
    expect(kindOf(read)).toBe(expected);
  });

  it('is never added when the words say anything but added', () => {
    const notAdded = CASES.filter(({ expected }) => expected !== 'added');
    expect(notAdded.length).toBeGreaterThan(40);
    for (const { text, item } of notAdded) expect(readUploadAnswer(answerPage(`<p>${text}</p>`, item), item)?.kind, text).not.toBe('added');
  });
});

describe('a page that does not name the item', () => {
  it('has no answer about it: another code named, an empty page, the form\'s own echo', () => {
    expect(readUploadAnswer(answerPage(`<div role="alert">Код ${OTHER_CODE} добавлен в личный кабинет.</div>`), CODE)).toBeUndefined();
    expect(readUploadAnswer(parse(''), CODE)).toBeUndefined();
    expect(readUploadAnswer(parse('<!doctype html><html><body></body></html>'), CODE)).toBeUndefined();
    // The page above names the code only in its form (the field, the hint).
    expect(readUploadAnswer(answerPage(''), CODE)).toBeUndefined();
  });

  it('has no answer in a text too long to be one, nor for an empty item', () => {
    expect(readUploadAnswer(answerPage(`<p>${'Подробности. '.repeat(40)}Код ${CODE} добавлен</p>`), CODE)).toBeUndefined();
    expect(readUploadAnswer(answerPage(`<p>Код ${CODE} добавлен</p>`), '  ')).toBeUndefined();
  });

  it('reads the item as the user typed it: lower case, spaces around it', () => {
    expect(readUploadAnswer(answerPage(`<p>Код ${CODE} добавлен</p>`), ` ${CODE.toLowerCase()} `)).toEqual({ kind: 'added', message: `Код ${CODE} добавлен` });
  });

  it('has no answer about a name that is only part of a longer one', () => {
    expect(readUploadAnswer(answerPage('<p>Файл data.xml добавлен</p>', 'a.xml'), 'a.xml')).toBeUndefined();
    expect(readUploadAnswer(answerPage(`<p>Код ${CODE}-7788 добавлен</p>`), CODE)).toBeUndefined();
  });

  it('reads a bare mention as unclear, with the words of the nearest block that says anything, never as added', () => {
    // The page names the item outside its form, so the site said something about it; what, we cannot tell.
    expect(readUploadAnswer(answerPage(`<p>Код активации: <b>${CODE}</b></p>`), CODE)).toEqual({ kind: 'unclear', message: `Загрузка лицензий Код активации: ${CODE}` });
    expect(readUploadAnswer(answerPage(`<table><tr><td>1.</td><td>${FILE}</td></tr></table>`, FILE), FILE)?.kind).toBe('unclear');
  });
});

describe('a server\'s error page is never an answer of added', () => {
  // The driver reads only pages sent with 200, but a proxy or a framework may send its error page as one.
  const internalError = '<!doctype html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>';
  const nginx = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>';
  const yellowPage = (details: string) => `<!DOCTYPE html><html><head><title>Runtime Error</title><style>body {font-family:"Verdana";}</style></head>
<body bgcolor="white"><span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>
<h2> <i>${details}</i> </h2></span>
<font face="Arial, Helvetica, Geneva, SunSans-Regular, sans-serif ">
<b> Description: </b>An unhandled exception occurred during the execution of the current web request.<br><br>
<b> Exception Details: </b>System.Web.HttpRequestValidationException: ${details}<br><br>
<b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.8.4515.0
</font></body></html>`;

  it('reads nothing about the item from a page that does not name it (undefined: its fate is looked up in the list)', () => {
    expect(readUploadAnswer(parse(internalError), CODE)).toBeUndefined();
    expect(readUploadAnswer(parse('Internal Server Error'), CODE)).toBeUndefined();
    expect(readUploadAnswer(parse(nginx), CODE)).toBeUndefined();
    expect(readUploadAnswer(parse(yellowPage('Runtime Error')), FILE)).toBeUndefined();
  });

  it('reads a refusal when the error names the item in a refusal', () => {
    const notFound = yellowPage(`Could not find file 'C:\\inetpub\\temp\\${FILE}'.`);
    expect(readUploadAnswer(parse(notFound), FILE)?.kind).toBe('rejected');
    const echoed = '<html><body><h1>500 Internal Server Error</h1><p>Ошибка при обработке файла «' + FILE + '».</p></body></html>';
    expect(readUploadAnswer(parse(echoed), FILE)).toEqual({ kind: 'rejected', message: `Ошибка при обработке файла «${FILE}».` });
  });

  it('reads a refusal when it echoes the item under "Server Error" (ASP.NET\'s request validation): the server would refuse it again', () => {
    const page = parse(yellowPage(`A potentially dangerous Request.Form value was detected from the client (code="${CODE}&lt;").`));
    // The sentence alone judges nothing (unclear); the block around it says "Server Error", and a refusal further out is heard.
    expect(readUploadAnswer(page, CODE)).toEqual({
      kind: 'rejected', message: `Server Error in '/' Application. A potentially dangerous Request.Form value was detected from the client (code="${CODE}<").`,
    });
  });
});

describe('the item\'s own name is not read as words', () => {
  it.each([
    ['added.xml', 'Файл «added.xml»: Это не файл лицензии.', 'rejected'],
    ['added.xml', 'Запрос по файлу added.xml принят.', 'unclear'],
    ['uploaded-ok.xml', 'File uploaded-ok.xml could not be read.', 'rejected'],
    ['error-fixed.xml', 'Файл «error-fixed.xml»: лицензия добавлена.', 'added'],
    ['not-added.xml', 'File not-added.xml has been uploaded.', 'added'],
    ['Замена после ошибки.xml', 'Файл «Замена после ошибки.xml»: лицензия добавлена в личный кабинет.', 'added'],
    ['уже есть.xml', 'Файл «уже есть.xml»: Лицензия добавлена.', 'added'],
  ])('%s in "%s" is %s', (name, words, expected) => {
    expect(readUploadAnswer(answerPage(`<p>${words}</p>`, name), name)?.kind).toBe(expected);
  });

  it('takes out every mention of the name, not only the first', () => {
    expect(readUploadAnswer(answerPage('<p>added.xml: файл added.xml не является лицензией</p>', 'added.xml'), 'added.xml')?.kind).toBe('rejected');
  });
});

describe('several answers on one page', () => {
  const results = parse(`<main><p class="upload-summary">Обработано файлов: 4, добавлено лицензий: 1.</p>
<table>
  <thead><tr><th>Файл</th><th>Результат</th></tr></thead>
  <tbody>
    <tr><td>first.xml</td><td>Лицензия добавлена в личный кабинет</td></tr>
    <tr><td>${FILE}</td><td>Ошибка: файл повреждён</td></tr>
    <tr><td>third.xml</td><td>Лицензия уже есть в личном кабинете</td></tr>
    <tr><td>fourth.xml</td><td>Обработан</td></tr>
  </tbody>
</table></main>`);

  it('reads each file from the one row that names it', () => {
    expect(readUploadAnswer(results, FILE)).toEqual({ kind: 'rejected', message: `${FILE} Ошибка: файл повреждён` });
    expect(readUploadAnswer(results, 'first.xml')).toEqual({ kind: 'added', message: 'first.xml Лицензия добавлена в личный кабинет' });
    expect(readUploadAnswer(results, 'third.xml')).toMatchObject({ kind: 'rejected', present: true });
    // The table around all rows says "added" about first.xml, never about fourth.xml.
    expect(readUploadAnswer(results, 'fourth.xml')).toEqual({ kind: 'unclear', message: 'fourth.xml Обработан' });
    expect(readUploadAnswer(results, 'fifth.xml')).toBeUndefined();
  });

  it('does not lend one code\'s answer to another in a list', () => {
    const list = (first: string) => answerPage(`<ul><li>${first}</li><li>${OTHER_CODE}: добавлен</li></ul>`);
    expect(readUploadAnswer(list(`${CODE}: принят`), CODE)).toEqual({ kind: 'unclear', message: `${CODE}: принят` });
    expect(readUploadAnswer(list(CODE), CODE)).toBeUndefined();
    expect(readUploadAnswer(list(`${CODE}: не найден`), OTHER_CODE)).toEqual({ kind: 'added', message: `${OTHER_CODE}: добавлен` });
  });

  it('reads a file\'s line that names its code too, by either', () => {
    const page = answerPage(`<div role="status"><ul><li>Файл «${FILE}»: лицензия с кодом активации ${CODE} добавлена.</li>
      <li>Файл «other.xml»: лицензия с кодом активации ${OTHER_CODE} уже есть в личном кабинете.</li></ul></div>`, FILE);
    expect(readUploadAnswer(page, FILE)?.kind).toBe('added');
    expect(readUploadAnswer(page, CODE)?.kind).toBe('added');
    expect(kindOf(readUploadAnswer(page, OTHER_CODE))).toBe('present');
  });

  it('does not let a success further out overrule the item\'s own unclear words', () => {
    const page = answerPage(`<div class="alert"><p>Запрос по коду ${CODE} принят.</p><p>Лицензии добавлены.</p></div>`);
    expect(readUploadAnswer(page, CODE)).toEqual({ kind: 'unclear', message: `Запрос по коду ${CODE} принят.` });
  });

  it('lets a review or a refusal further out be heard, and a label around the name say nothing', () => {
    const later = answerPage(`<div class="alert"><p>Запрос по коду ${CODE} принят.</p><p>Лицензия будет добавлена после проверки.</p></div>`);
    expect(readUploadAnswer(later, CODE)?.kind).toBe('pending');
    // Text nodes are joined with a space, as a row's cells are.
    expect(readUploadAnswer(answerPage(`<p><b>Файл «${FILE}»</b>: лицензия добавлена</p>`, FILE), FILE)).toEqual({ kind: 'added', message: `Файл «${FILE}» : лицензия добавлена` });
  });

  it('reads a placeholder of the code\'s shape in a hint as no other code', () => {
    const page = answerPage('<p>Неверный формат кода активации: «ABCD-1234». Код активации выглядит так: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.</p>', 'ABCD-1234');
    expect(readUploadAnswer(page, 'ABCD-1234')?.kind).toBe('rejected');
  });
});

describe('the page\'s own message, when it names no item', () => {
  const page = (body: string) => parse(`<!doctype html><html><body><header><span>typical@example.ru</span></header>
<nav class="main-nav"><a href="/licenses">Лицензии</a><span class="notice">3 новых сообщения</span></nav>${body}</body></html>`);

  it.each([
    ['an alert', '<div role="alert"><strong>Ошибка!</strong>   Повторите\u00A0попытку.</div>', 'Ошибка! Повторите попытку.'],
    ['a status region', '<div role="status"><p>Запрос принят.</p></div>', 'Запрос принят.'],
    ['a live region', '<div aria-live="polite">Request received</div>', 'Request received'],
    ['a Bootstrap alert', '<div class="alert alert-danger">Файл не прочитан <button class="close">×</button></div>', 'Файл не прочитан'],
    ['a flash message', '<ul class="flashes"><li class="flash-message">Something went wrong</li></ul>', 'Something went wrong'],
    ['a toast', '<div class="toast"><div class="toast-body">Сохранено</div></div>', 'Сохранено'],
    ['an element whose id says so', '<p id="messages">Загружено с замечаниями</p>', 'Загружено с замечаниями'],
    ['a success text', '<p class="text-success">Готово</p>', 'Готово'],
    ['a validation message beside its field, its value left out',
      '<form action="/licenses/upload/code"><textarea class="error">typed text</textarea><span class="field-validation-error">Поле обязательно</span></form>', 'Поле обязательно'],
  ])('is %s', (_, body, message) => {
    expect(answerPageMessage(page(body))).toBe(message);
  });

  it('prefers an alert to a message named only by its class, wherever it stands', () => {
    expect(answerPageMessage(page('<p class="message">Добро пожаловать</p><main><div role="alert">Сервис недоступен</div></main>'))).toBe('Сервис недоступен');
  });

  it('skips what is hidden, empty, a cookie banner, a link, or the navigation', () => {
    expect(answerPageMessage(page(`
      <div role="alert" hidden>Шаблон ошибки</div>
      <div role="alert"></div>
      <div class="alert" style="display: none">Скрыто</div>
      <div class="alert d-none">Скрыто</div>
      <div class="error" aria-hidden="true">Скрыто</div>
      <div class="cookie-notice">Мы используем cookie</div>
      <a class="messages-link" href="/messages">Сообщения</a>
      <template><div role="alert">Шаблон</div></template>
      <script>var message = "nope";</script>
      <div class="upload-message">Файл получен<span hidden> (скрытая часть)</span></div>`))).toBe('Файл получен');
  });

  it('is cut to one answer\'s length', () => {
    const message = answerPageMessage(page(`<div role="alert">${'Очень длинное сообщение. '.repeat(40)}</div>`));
    expect(message!.length).toBeLessThanOrEqual(401);
    expect(message!.endsWith('…')).toBe(true);
    expect(message!.startsWith('Очень длинное сообщение.')).toBe(true);
  });

  it('is none on a page with no message: a plain page, bare error pages', () => {
    expect(answerPageMessage(page('<main><h1>Загрузка лицензий</h1><p>Если у вас есть неиспользованные лицензионные карточки…</p></main>'))).toBeUndefined();
    expect(answerPageMessage(parse('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>'))).toBeUndefined();
    expect(answerPageMessage(parse('Internal Server Error'))).toBeUndefined();
    expect(answerPageMessage(parse(''))).toBeUndefined();
  });

  it('keeps the site\'s words for an answer in unknown wording that names no item, as the driver uses it', () => {
    const doc = answerPage('<div class="alert alert-info">Ваш запрос зарегистрирован под номером 5521.</div>');
    expect(readUploadAnswer(doc, CODE)).toBeUndefined();
    expect(answerPageMessage(doc)).toBe('Ваш запрос зарегистрирован под номером 5521.');
  });
});

describe('the demo account\'s own answers, for cards whose codes hold words', () => {
  // Found by `npm run chaos`: a file's answer names its code, and groups such as MAY6U, TRYEF or CAN67 were read as
  // "may", "try" and "can", so a license added from a file was reported unclear. Cards 1034, 7363, 12169 and 12719
  // have such codes; the first 3,000 cover the rest of the demo's products and wordings.
  const cards = [1034, 7363, 12169, 12719, ...Array.from({ length: 3_000 }, (_, n) => n)];
  it.each(['ru', 'en'] as const)('reads every added card as added, sent as a code or as a file (%s)', (lang) => {
    const misread: string[] = [];
    for (const n of cards) {
      const card = demoCard(n);
      const file = `Лицензия ${n}.xml`;
      for (const [item, fileName] of [[card.code, undefined], [file, file]] as const) {
        const text = answerText({ verdict: 'added', code: card.code, product: card.product, ...(fileName ? { fileName } : {}) }, WORDS[lang]);
        const read = readUploadAnswer(new DOMParser().parseFromString(`<main><div role="alert">${text}</div></main>`, 'text/html'), item);
        if (read?.kind !== 'added') misread.push(`${n} ${read?.kind}: ${text}`);
      }
    }
    expect(misread).toEqual([]);
  });
});

describe('names in quotes', () => {
  it('a product\'s name in quotes does not hedge a success, while a refusal stays a refusal wherever it stands', () => {
    const added = `Лицензия «Mobile SMARTS: Склад, можно с проверкой марок» с кодом активации ${CODE} добавлена в личный кабинет.`;
    expect(readUploadAnswer(parse(`<main><div role="alert">${added}</div></main>`), CODE)?.kind).toBe('added');
    const refused = `Лицензия с кодом активации ${CODE} «не может быть добавлена».`;
    expect(readUploadAnswer(parse(`<main><div role="alert">${refused}</div></main>`), CODE)?.kind).toBe('rejected');
  });
});
