// Recognising the account's pages (utils/site/page.ts): which tab a page is in
// each way a navigation may say it, and what a page says of its list as a
// whole: empty, still loading, how many rows it shows, narrowed by a filter.
import { describe, expect, it } from 'vitest';
import {
  accountCompany, listIsFiltered, listPageUrls, listWords, pageLanguage, PAGES_AT_MOST, panelDock, recogniseAccountTab, showsAccountNavigation, showsRows, showsWholeList,
  TooManyPages, wholeListUrl,
} from '@/utils/site/page';

const LK = 'https://lk.cleverence.ru';
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('the company the account shows beside its login', () => {
  it.each([
    ['beside the login, with a log-out link', '<header><div><span>ООО "Ромашка"</span> <span>typical@example.ru</span> <a href="/logout">Выйти</a></div></header>', 'ООО "Ромашка"'],
    ['in one text with it, split by a dot', '<header><p>ИП Смирнова Е. В. · smirnova@example.ru <button>Log out</button></p></header>', 'ИП Смирнова Е. В.'],
    ['a box further out', '<header><div class="who"><b>АО "Северный склад"</b><div><span>broken@example.ru</span></div></div></header>', 'АО "Северный склад"'],
    ['markup in its name, as text', '<header><div><span>ООО "&lt;svg onload=alert(1)&gt;"</span> <span>hostile@example.ru</span></div></header>', 'ООО "<svg onload=alert(1)>"'],
  ])('%s', (_, html, company) => {
    expect(accountCompany(parse(html))).toBe(company);
  });

  it.each([
    ['the login alone', '<header><div><span>typical@example.ru</span> <a href="/logout">Выйти</a></div></header>'],
    ['no login at all', '<header><div><span>ООО "Ромашка"</span></div></header>'],
    ['a whole sentence around it', `<header><p>${'Очень длинный текст про лицензии и устройства. '.repeat(4)}typical@example.ru</p></header>`],
  ])('is none where it is %s', (_, html) => {
    expect(accountCompany(parse(html))).toBeUndefined();
  });
});

describe('which language the account speaks on a page', () => {
  it.each([
    ['Russian navigation', '<html lang="ru"><body><nav><a href="/licenses">Лицензии</a><a href="/devices">Устройства</a></nav></body></html>', 'ru'],
    ['English navigation', '<html lang="en"><body><nav><a href="/licenses">Licenses</a><a href="/devices">Devices</a></nav></body></html>', 'en'],
    // A template's lang left at "en" while the page is Russian: the words the user reads decide.
    ['Russian words under lang="en"', '<html lang="en"><body><nav><a href="/licenses">Лицензии</a><a href="/devices">Устройства</a></nav></body></html>', 'ru'],
    ['English words with no lang', '<html><body><nav><button>Licenses</button><button>Devices</button></nav></body></html>', 'en'],
    ['no tab links: lang="ru-RU"', '<html lang="ru-RU"><body><h1>Загрузка лицензий</h1></body></html>', 'ru'],
    ['no tab links: lang="EN-gb"', '<html lang="EN-gb"><body><h1>Upload licenses</h1></body></html>', 'en'],
  ])('%s', (_, html, language) => {
    expect(pageLanguage(parse(html))).toBe(language);
  });

  it.each([
    ['no tab links and no lang', '<html><body><p>Лицензии и устройства</p></body></html>'],
    ['a language the account does not speak', '<html lang="de"><body><h1>Lizenzen</h1></body></html>'],
    ['a lang that only starts like one', '<html lang="rue"><body></body></html>'],
  ])('is unknown: %s', (_, html) => {
    expect(pageLanguage(parse(html))).toBeUndefined();
  });
});

describe('which tab a page is', () => {
  it.each([
    ['ARIA: aria-current', '<nav><a href="/licenses" aria-current="page">Лицензии</a><a href="/devices">Устройства</a></nav>', '/devices', 'licenses'],
    ['ARIA tabs: aria-selected', '<div role="tablist"><a role="tab" href="/licenses" aria-selected="false">Лицензии</a><a role="tab" href="/devices" aria-selected="true">Устройства</a></div>', '/devices', 'devices'],
    ['the link to this very address', '<ul><li class="active"><a href="/devices">Устройства</a></li><li><a href="/licenses">Лицензии</a></li></ul>', '/devices?size=all', 'devices'],
    ['the address with a trailing slash', '<nav><a href="/lk/licenses/">Лицензии</a><a href="/lk/devices/">Устройства</a></nav>', '/lk/licenses', 'licenses'],
    ['a hash route', '<nav><a href="#/licenses">Лицензии</a><a href="#/devices">Устройства</a></nav>', '/#/devices', 'devices'],
    ['buttons with no address: the heading tells', '<nav><button>Лицензии</button><button>Устройства</button></nav><h1>Лицензии</h1>', '/app', 'licenses'],
    ['English', '<nav><a href="/licenses">Licenses</a><a href="/devices" aria-current="page">Devices</a></nav>', '/x', 'devices'],
  ])('%s', (_, html, path, tab) => {
    expect(recogniseAccountTab(parse(html), new URL(path, LK))).toBe(tab);
  });

  it.each([
    ['a page of the account that is neither tab', '<nav><a href="/licenses">Лицензии</a><a href="/devices">Устройства</a></nav><h1>Профиль</h1>', '/profile'],
    ['an article that mentions both words in sentences', '<p>Откройте вкладку Лицензии, затем Устройства.</p><h1>Лицензии</h1>', '/support/357081'],
    ['a heading that another tab link contradicts', '<nav><a href="/licenses">Лицензии</a><a href="/devices">Устройства</a></nav><h1>Лицензии</h1>', '/orders'],
  ])('is no tab: %s', (_, html, path) => {
    expect(recogniseAccountTab(parse(html), new URL(path, LK))).toBeUndefined();
  });

  it('knows a page of the account by its tabs, whichever page it is', () => {
    expect(showsAccountNavigation(parse('<nav><a href="/licenses">Лицензии</a> <a href="/devices">Устройства</a></nav><h1>Профиль</h1>'))).toBe(true);
    expect(showsAccountNavigation(parse('<nav><a href="/shop">Магазин</a> <a href="/licenses">Лицензии</a></nav>'))).toBe(false);
  });
});

describe('what a page says of its list', () => {
  it.each(['Ничего не найдено', 'Лицензий пока нет', 'Устройств нет', 'Список пуст', 'Nothing found', 'No licenses yet', 'No devices found', 'The list is empty'])(
    '«%s» is an empty list',
    (words) => {
      expect(listWords(parse(`<main><p>${words}</p></main>`).body)).toMatchObject({ empty: true, loading: false });
    },
  );

  it('is not empty for words it hides, or that only sound like it', () => {
    const page = parse(`<main><template><p>Ничего не найдено</p></template><select><option>Список пуст</option></select>
      <div hidden>Nothing found</div><p>Лицензии нет смысла продлевать заранее.</p></main>`);
    expect(listWords(page.body).empty).toBe(false);
  });

  it('is loading while it says so, in words or with aria-busy', () => {
    expect(listWords(parse('<main><p>Загрузка…</p></main>').body).loading).toBe(true);
    expect(listWords(parse('<main><div aria-busy="true"></div></main>').body).loading).toBe(true);
    expect(listWords(parse('<main><p>Loading...</p></main>').body).loading).toBe(true);
    expect(listWords(parse('<main><p>Лицензии</p></main>').body).loading).toBe(false);
  });

  it('says how many rows it shows, and of how many', () => {
    expect(listWords(parse('<p>Показаны 21–40 из 40</p>').body)).toMatchObject({ shown: 20, total: 40 });
    expect(listWords(parse('<p>Showing 1–20 of 1\u00a0234</p>').body)).toMatchObject({ shown: 20, total: 1234 });
    expect(listWords(parse('<p>Страница 3</p>').body).shown).toBeUndefined();
  });

  it('looks past the lists it was told to skip', () => {
    const page = parse('<main><ul id="list"><li>Ничего не найдено</li></ul><p>Показаны 1–1 из 1</p></main>');
    expect(listWords(page.body, [page.getElementById('list')!])).toMatchObject({ empty: false, shown: 1 });
  });

  it('tells rows shown (readable or not) from a page with none yet', () => {
    expect(showsRows(parse('<table><tbody><tr><td><img alt=""></td></tr></tbody></table>'))).toBe(true);
    expect(showsRows(parse('<ul><li><input type="checkbox"> ▣ ▣</li></ul>'))).toBe(true);
    expect(showsRows(parse('<table><thead><tr><th>Лицензия</th></tr></thead><tbody></tbody></table><p>Загрузка…</p>'))).toBe(false);
  });

  it.each([
    ['a status chosen in the address', '<main></main>', '/licenses?status=free'],
    ['a status chosen in the filter', '<select><option>Все</option><option selected>Истекла</option><option>Свободная</option></select>', '/licenses'],
    ['a search typed in', '<input type="search" value="ЕГАИС">', '/licenses'],
  ])('is narrowed by %s', (_, html, path) => {
    expect(listIsFiltered(parse(html), new URL(path, LK))).toBe(true);
  });

  it('is not narrowed by a filter left at «Все», an empty search, or a page size', () => {
    const page = parse('<select><option selected>Все</option><option>Истекла</option><option>Свободная</option></select><input type="search" value="">');
    expect(listIsFiltered(page, new URL('/licenses?size=all&page=1', LK))).toBe(false);
  });
});

describe('whether a page shows its whole list', () => {
  const pager = '<nav><a href="?page=1">1</a> <a href="?page=2">2</a></nav>';
  it('does when it says it shows all its rows, and all were read, whatever else its address says', () => {
    expect(showsWholeList(parse('<p>Показаны 1–40 из 40</p>'), new URL('/licenses?layout=x', LK), 40, 40)).toBe(true);
    expect(showsWholeList(parse('<p>Показаны 1–40 из 40</p>'), new URL('/licenses', LK), 39, 40)).toBe(false);
  });

  it('does not when it says it shows a part, when it has more pages, or when it is narrowed', () => {
    expect(showsWholeList(parse('<p>Показаны 1–20 из 40</p>'), new URL('/licenses', LK), 20, 40)).toBe(false);
    expect(showsWholeList(parse(pager), new URL('/licenses', LK), 20, undefined)).toBe(false);
    expect(showsWholeList(parse('<p>Показаны 1–3 из 3</p>'), new URL('/licenses?status=free', LK), 3, 3)).toBe(false);
  });

  it('does, saying nothing, on one page whose address holds nothing but paging', () => {
    expect(showsWholeList(parse('<main></main>'), new URL('/licenses?size=all', LK), 5, undefined)).toBe(true);
    expect(showsWholeList(parse('<main></main>'), new URL('/licenses?q=egais', LK), 5, undefined)).toBe(false);
  });
});

describe('a pager that links more pages than are ever read', () => {
  const pagerTo = (last: number) => parse(`<nav><a href="?page=1">1</a> <a href="?page=2">2</a> … <a href="?page=${last}">${last}</a></nav>`);

  it('is not followed page by page: a page numbered 3000000 throws at once, no three million addresses made', () => {
    const started = performance.now();
    expect(() => listPageUrls(pagerTo(3_000_000), new URL('/devices', LK))).toThrow(TooManyPages);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('stops at the cap, which leaves room for the longest list known (500 pages) and its page itself', () => {
    expect(PAGES_AT_MOST).toBeGreaterThanOrEqual(500);
    expect(listPageUrls(pagerTo(PAGES_AT_MOST), new URL('/devices', LK))).toHaveLength(PAGES_AT_MOST);
    expect(() => listPageUrls(pagerTo(PAGES_AT_MOST + 1), new URL('/devices', LK))).toThrow(TooManyPages);
  });

  it('does not matter where «Все» is offered: the whole list is one request', () => {
    const page = parse('<nav><a href="?page=1">1</a> <a href="?page=3000000">3000000</a></nav><p><a href="?size=all">Все</a></p>');
    expect(listPageUrls(page, new URL('/devices', LK)).map(String)).toEqual([`${LK}/devices?size=all`]);
  });

  it('leaves the page not taken for its whole list', () => {
    expect(showsWholeList(pagerTo(3_000_000), new URL('/licenses?page=1', LK), 20, undefined)).toBe(false);
  });
});

describe('the list\'s whole page («Все»), for a filter with rows on other pages', () => {
  const pager = (current: string, links: string) => parse(`<main><p>Показывать по: ${links}</p><table><tbody><tr><td>…</td></tr></tbody></table></main>`);

  it('is the site\'s «Все» page size, from a page showing part of the list', () => {
    const doc = pager('', '<a href="?size=20">20</a> <a href="?size=50">50</a> <a href="?size=all">Все</a>');
    expect(wholeListUrl(doc, new URL(`${LK}/licenses?page=2`))?.href).toBe(`${LK}/licenses?size=all`);
    expect(wholeListUrl(parse('<a href="/devices?per_page=all">All</a>'), new URL(`${LK}/devices`))?.href).toBe(`${LK}/devices?per_page=all`);
  });

  it('is none on the «Все» page itself, where the site offers none, or where «Все» leads elsewhere', () => {
    const doc = pager('', '<a href="?size=20">20</a> <a href="?size=all">Все</a>');
    expect(wholeListUrl(doc, new URL(`${LK}/licenses?size=all`))).toBeUndefined();
    expect(wholeListUrl(pager('', '<a href="?size=20">20</a> <a href="?size=50">50</a>'), new URL(`${LK}/licenses`))).toBeUndefined();
    expect(wholeListUrl(parse('<a href="https://evil.example/licenses?size=all">Все</a>'), new URL(`${LK}/licenses`))).toBeUndefined();
    expect(wholeListUrl(parse('<a href="javascript:alert(1)//?size=all">Все</a>'), new URL(`${LK}/licenses`))).toBeUndefined();
    expect(wholeListUrl(parse('<a href="/orders?size=all">Все</a>'), new URL(`${LK}/licenses`))).toBeUndefined();
    // A status filter's «Все» is no page size.
    expect(wholeListUrl(parse('<a href="?status=all">Все</a>'), new URL(`${LK}/licenses`))).toBeUndefined();
  });
});

describe('where the panel stands: right before the list, in a box that stacks its children', () => {
  const laid = (html: string) => {
    document.body.innerHTML = html;
    return document.querySelector('[data-rows]')!;
  };

  it('before a table, not among its parts', () => {
    const rows = laid('<main><h1>Лицензии</h1><table id="list"><thead><tr><th>Лицензия</th></tr></thead><tbody data-rows><tr><td>Основная</td></tr></tbody></table></main>');
    expect(panelDock(rows).id).toBe('list');
  });

  it('before an ARIA grid, not its row group', () => {
    const rows = laid('<main><div role="grid" id="list"><div role="row">…</div><div role="rowgroup" data-rows><div role="row">…</div></div></div></main>');
    expect(panelDock(rows).id).toBe('list');
  });

  it('before a list of cards in a column', () => {
    const rows = laid('<main style="display:flex;flex-direction:column"><div class="tools">…</div><ul data-rows id="list"><li>…</li></ul></main>');
    expect(panelDock(rows).id).toBe('list');
  });

  it('before the box holding the list and what stands beside it in a row or a grid, never between them', () => {
    const row = laid('<div id="page"><div id="both" style="display:flex"><nav>…</nav><ul data-rows><li>…</li></ul></div></div>');
    expect(panelDock(row).id).toBe('both');
    const grid = laid('<div id="page"><section id="both" style="display:grid;grid-template-columns:200px 1fr"><aside>…</aside><ul data-rows><li>…</li></ul></section></div>');
    expect(panelDock(grid).id).toBe('both');
  });

  it('at the top of the body, at most', () => {
    const rows = laid('<ul data-rows id="list" style="display:inline-flex"><li>…</li></ul>');
    expect(panelDock(rows).id).toBe('list');
  });
});
