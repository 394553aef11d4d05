// The account's pages as the demo account's `table` markup prints them
// (demo-site/account/layouts/table.ts, list-parts.ts, page.ts), and a stubbed
// server behind `fetch` that serves them: for the tests of reading the other
// tab's whole list (reading/whole-list.test.ts, reading/list-parser.test.ts).
import { vi } from 'vitest';

export const LK = 'https://lk.cleverence.ru';

// ---------------------------------------------------------------------------
// The account's pages

type Tab = 'licenses' | 'devices';

export function accountPage(current: Tab | 'profile', main: string): string {
  const tab = (path: string, name: string) =>
    `<a href="/${path}"${path === current ? ' aria-current="page"' : ''}>${name}</a>`;
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Личный кабинет Клеверенс</title></head>
<body class="account">
<header class="site-header">
  <a class="logo" href="/licenses">Клеверенс</a>
  <div class="who"><span class="who-name">ООО "Ромашка"</span> <span class="who-email">typical@example.ru</span> <a class="logout" href="/logout">Выйти</a></div>
</header>
<nav class="account-tabs" aria-label="Разделы личного кабинета">
  ${tab('licenses', 'Лицензии')}
  ${tab('devices', 'Устройства')}
  ${tab('profile', 'Профиль')}
  ${tab('orders', 'Заказы')}
</nav>
<main class="content">
${main}
</main>
<footer class="site-footer">Техподдержка «Клеверенс»</footer>
</body></html>`;
}

export const deviceId = (n: number) => `@UROVO-RT40-O-${n.toString(16).toUpperCase().padStart(8, '0')}`;

export function deviceRows(numbers: readonly number[]): string {
  const rows = numbers.map((n) => `<tr class="device-row">
<td class="col-device">Urovo RT40 №${n}</td>
<td class="col-device-id">${deviceId(n)}</td>
<td class="col-database">Склад Москва</td>
<td class="col-database-kind">Облачная база</td>
<td class="col-last-connection">27.11.2026 14:05</td>
</tr>`);
  return `<table class="list-table devices-table">
<thead><tr><th>Устройство</th><th>Идентификатор</th><th>База</th><th>Тип базы</th><th>Последнее подключение</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

export const product = (n: number) => `Mobile SMARTS: Склад 15 №${n}`;

export function licenseRows(numbers: readonly number[]): string {
  const rows = numbers.map((n) => `<tr class="license-row">
<td class="col-select"><input type="checkbox" name="license" value="L${n}" aria-label="Выбрать"></td>
<td class="col-license"><span class="kind">Основная</span> <span class="product" title="${product(n)}">${product(n)}</span></td>
<td class="col-status"><span class="status status-free">Свободная</span></td>
<td class="col-date">17.04.2025</td>
<td class="col-until">До 17.04.2026 <a class="renew" href="/licenses/L${n}/renew">Продлить</a></td>
<td class="col-menu"><button type="button" class="row-menu-button" aria-label="Действия с лицензией">...</button></td>
</tr>`);
  return `<table class="list-table licenses-table">
<thead><tr><th class="col-select"></th><th>Лицензия</th><th>Статус</th><th>Дата</th><th>Подписка</th><th class="col-menu"></th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** «‹ 1 2 3 … 7 ›» as the demo's pager prints it: first, last, and two around the current page. */
export function pager(current: number, count: number): string {
  const items: string[] = [];
  let previous = 0;
  for (let n = 1; n <= count; n++) {
    if (n !== 1 && n !== count && Math.abs(n - current) > 2) continue;
    if (n - previous > 1) items.push('<span class="pager-gap">…</span>');
    items.push(n === current ? `<span class="pager-current" aria-current="page">${n}</span>` : `<a href="?page=${n}">${n}</a>`);
    previous = n;
  }
  const previousStep = current > 1 ? `<a class="pager-step" href="?page=${current - 1}" rel="prev">‹</a>` : '<span class="pager-step pager-step-off">‹</span>';
  const nextStep = current < count ? `<a class="pager-step" href="?page=${current + 1}" rel="next">›</a>` : '<span class="pager-step pager-step-off">›</span>';
  return `<nav class="pager" aria-label="Страницы">${previousStep} ${items.join(' ')} ${nextStep}</nav>`;
}

/** «Показывать по: 20 50 100 Все». */
export function pageSizes(current: '20' | 'all'): string {
  const link = (size: string, label: string) =>
    `<a href="?size=${size}"${size === current ? ' class="page-size-current" aria-current="true"' : ''}>${label}</a>`;
  return `<p class="page-size">Показывать по: ${link('20', '20')} ${link('50', '50')} ${link('100', '100')} ${link('all', 'Все')}</p>`;
}

/** Devices 1, 2 on page 1, 3, 4 on page 2, …: two a page keeps the pages short. */
const devicesOnPage = (page: number) => [page * 2 - 1, page * 2];

export function devicesPage(page: number, count: number): string {
  return accountPage('devices', `<h1>Устройства</h1>\n${deviceRows(devicesOnPage(page))}\n${pager(page, count)}`);
}

export const LOGIN_PAGE = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Вход в личный кабинет</title></head>
<body class="account">
<header class="site-header"><a class="logo" href="/licenses">Клеверенс</a></header>
<main class="content">
<form class="login-form" method="post" action="/login">
  <h1>Вход в личный кабинет</h1>
  <input type="hidden" name="next" value="/devices">
  <label>Логин <input name="login" autocomplete="username" required></label>
  <label>Пароль <input name="password" type="password" autocomplete="current-password"></label>
  <button type="submit">Войти</button>
</form>
</main>
</body></html>`;

// ---------------------------------------------------------------------------
// A stubbed server behind `fetch`

export interface Served {
  status?: number;
  body: string;
  /** The body's bytes cut after these byte counts, each piece arriving on its own; `breaksOff`: the last never comes, the answer fails. */
  cuts?: number[];
  breaksOff?: boolean;
  /** Where the request ended up after redirects (Response.url). */
  landedAt?: string;
  /** Milliseconds before the answer comes. */
  delay?: number;
}

export interface FakeServer {
  fetch: ReturnType<typeof vi.fn>;
  /** Addresses asked for, in order. */
  requested: string[];
  /**
   * Who asked, request by request: the list parser sends the session with
   * 'include' (it asks from the extension's origin), the account's page with
   * 'same-origin'.
   */
  askedBy: Array<'parser' | 'page'>;
  /** The most requests that were waiting for an answer at once. */
  mostAtOnce: () => number;
}

/** `toParser`: what the server answers the list parser's requests instead (its session may not reach it). */
export function serve(pages: Record<string, Served | string>, toParser: Record<string, Served | string> = {}): FakeServer {
  const requested: string[] = [];
  const askedBy: FakeServer['askedBy'] = [];
  let waiting = 0;
  let most = 0;
  const fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const address = String(input);
    requested.push(address);
    const parser = init?.credentials === 'include';
    askedBy.push(parser ? 'parser' : 'page');
    const signal = init?.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const page = (parser ? toParser[address] : undefined) ?? pages[address];
    const served: Served = typeof page === 'string' ? { body: page } : page ?? { status: 404, body: 'Not found' };
    waiting++;
    most = Math.max(most, waiting);
    return new Promise<Response>((resolve, reject) => {
      const answer = () => {
        waiting--;
        signal?.removeEventListener('abort', onAbort);
        const response = new Response(served.cuts ? inPieces(served) : served.body, { status: served.status ?? 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
        if (served.landedAt) {
          Object.defineProperty(response, 'url', { value: served.landedAt });
          Object.defineProperty(response, 'redirected', { value: true });
        }
        resolve(response);
      };
      const timer = setTimeout(answer, served.delay ?? 0);
      const onAbort = () => {
        clearTimeout(timer);
        waiting--;
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, requested, askedBy, mostAtOnce: () => most };
}

/** A body that arrives piece by piece, as a long page does over the network. */
export function inPieces({ body, cuts = [], breaksOff = false }: Served): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  const ends = [...cuts, bytes.length];
  let piece = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (breaksOff && piece === ends.length - 1) return controller.error(new TypeError('network error'));
      controller.enqueue(bytes.slice(piece === 0 ? 0 : ends[piece - 1], ends[piece]));
      if (++piece === ends.length) controller.close();
    },
  });
}
