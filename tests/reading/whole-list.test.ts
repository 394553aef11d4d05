// Reading the other tab's whole list in the account's page: the pages are
// served by a stubbed `fetch` from HTML in the demo account's `table` markup
// (tests/account-pages.ts). The list parser is not open here (no background
// answers); list-parser.test.ts reads the same pages through it.
//
// Not covered here: the client-rendered fallback (a hidden iframe that runs
// the account's script). happy-dom would load the frame's address over its own
// network stack, not through the stubbed `fetch`; the e2e tests cover it on
// the demo's `client` layout in real Chromium. Nor a page parsed from pieces:
// happy-dom parses each document.write() apart, where a browser goes on from
// the last; the partner account's device list (1.6 MB, many pieces) is read
// whole in e2e/partner.test.ts. How the pieces are decoded is tested here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayNumber } from '@/utils/shared/dates';
import { fetchWholeList, ListUnavailable, textAsItArrives, type ListProblem } from '@/utils/reading/whole-list';
import {
  accountPage, deviceId, deviceRows, devicesPage, inPieces, LK, licenseRows, LOGIN_PAGE, pager, pageSizes, product, serve, type Served,
} from '../account-pages';

afterEach(() => {
  vi.unstubAllGlobals();
  // A test that failed may have left the client-rendering frame behind.
  for (const frame of document.querySelectorAll('iframe')) frame.remove();
});

const devicesUrl = () => new URL(`${LK}/devices`);
const licensesUrl = () => new URL(`${LK}/licenses`);
const noAbort = () => new AbortController().signal;

/** The problem a failed fetch names; fails the test when it did not fail with ListUnavailable. */
async function problemOf(loading: Promise<unknown>): Promise<ListProblem> {
  const error: unknown = await loading.then(() => 'no error', (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ListUnavailable);
  return (error as ListUnavailable).problem;
}

// ---------------------------------------------------------------------------

describe('fetchWholeList: every page of the list', () => {
  it('reads a list that fits on one page with that one request', async () => {
    const server = serve({ [`${LK}/devices`]: accountPage('devices', deviceRows([1, 2, 3])) });
    const devices = await fetchWholeList('devices', devicesUrl(), noAbort());
    expect(devices).toEqual([1, 2, 3].map((n) => ({
      id: deviceId(n), name: `Urovo RT40 №${n}`, database: 'Склад Москва', connection: 'cloud', lastSeen: dayNumber(2026, 11, 27),
    })));
    expect(server.requested).toEqual([`${LK}/devices`]);
  });

  it('asks for the pages with the user\'s own session, as HTML', async () => {
    const server = serve({ [`${LK}/devices`]: accountPage('devices', deviceRows([1])) });
    await fetchWholeList('devices', devicesUrl(), noAbort());
    const init = server.fetch.mock.calls[0]![1] as RequestInit;
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('Accept')).toBe('text/html');
  });

  it('fetches every page the pager links and merges them in page order, however fast each answers', async () => {
    const server = serve({
      [`${LK}/devices`]: devicesPage(1, 3),
      // Page 2 answers last: the merged list still follows the pages.
      [`${LK}/devices?page=2`]: { body: devicesPage(2, 3), delay: 30 },
      [`${LK}/devices?page=3`]: devicesPage(3, 3),
    });
    const devices = await fetchWholeList('devices', devicesUrl(), noAbort());
    expect(devices.map((device) => device.id)).toEqual([1, 2, 3, 4, 5, 6].map(deviceId));
    // Page 1 is the tab's own address and is not fetched twice.
    expect(server.requested).toEqual([`${LK}/devices`, `${LK}/devices?page=2`, `${LK}/devices?page=3`]);
  });

  it('also fetches the pages a long pager hides behind «…» («1 2 3 … 7»)', async () => {
    const pages: Record<string, string> = { [`${LK}/devices`]: devicesPage(1, 7) };
    for (let page = 2; page <= 7; page++) pages[`${LK}/devices?page=${page}`] = devicesPage(page, 7);
    const server = serve(pages);
    expect(devicesPage(1, 7)).toContain('<span class="pager-gap">…</span> <a href="?page=7">7</a>');

    const devices = await fetchWholeList('devices', devicesUrl(), noAbort());
    expect(devices).toHaveLength(14);
    expect(devices.map((device) => device.id)).toEqual(Array.from({ length: 14 }, (_, index) => deviceId(index + 1)));
    expect(server.requested).toHaveLength(7);
  });

  it('asks for no more than four pages at a time', async () => {
    const pages: Record<string, Served> = { [`${LK}/devices`]: { body: devicesPage(1, 12) } };
    for (let page = 2; page <= 12; page++) pages[`${LK}/devices?page=${page}`] = { body: devicesPage(page, 12), delay: 5 };
    const server = serve(pages);
    const devices = await fetchWholeList('devices', devicesUrl(), noAbort());
    expect(devices).toHaveLength(24);
    expect(server.mostAtOnce()).toBe(4);
  });

  it('prefers the «Все» page size when offered: the whole list in one more request', async () => {
    const server = serve({
      [`${LK}/licenses`]: accountPage('licenses', `${pageSizes('20')}\n${licenseRows([1, 2])}\n${pager(1, 3)}`),
      [`${LK}/licenses?size=all`]: accountPage('licenses', `${pageSizes('all')}\n${licenseRows([1, 2, 3, 4, 5])}`),
    });
    const licenses = await fetchWholeList('licenses', licensesUrl(), noAbort());
    // The «Все» page alone: page 1's rows are not counted twice, pages 2 and 3 are not asked for.
    expect(licenses.map((license) => license.product)).toEqual([1, 2, 3, 4, 5].map(product));
    expect(licenses[0]).toEqual({
      kind: 'main', product: product(1), status: 'free', date: dayNumber(2025, 4, 17), subscriptionEnd: dayNumber(2026, 4, 17),
    });
    expect(server.requested).toEqual([`${LK}/licenses`, `${LK}/licenses?size=all`]);
  });

  it('reads a tab that already opens on «Все» with that one request', async () => {
    const server = serve({
      [`${LK}/licenses?size=all`]: accountPage('licenses', `${pageSizes('all')}\n${licenseRows([1, 2, 3])}`),
    });
    const licenses = await fetchWholeList('licenses', new URL(`${LK}/licenses?size=all`), noAbort());
    expect(licenses).toHaveLength(3);
    expect(server.requested).toEqual([`${LK}/licenses?size=all`]);
  });
});

describe('fetchWholeList: when the list cannot be had', () => {
  it('says "logged-out" when the list\'s address redirects to the log-in form', async () => {
    serve({ [`${LK}/devices`]: { body: LOGIN_PAGE, landedAt: `${LK}/login?next=%2Fdevices` } });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('logged-out');
  });

  it('says "logged-out" when the log-in form is served at the list\'s own address', async () => {
    serve({ [`${LK}/devices`]: LOGIN_PAGE });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('logged-out');
  });

  it('says "logged-out" when the session ends between pages', async () => {
    serve({
      [`${LK}/devices`]: devicesPage(1, 2),
      [`${LK}/devices?page=2`]: { body: LOGIN_PAGE, landedAt: `${LK}/login?next=%2Fdevices%3Fpage%3D2` },
    });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('logged-out');
  });

  it('says "http" with the status when the server answers 500', async () => {
    serve({ [`${LK}/devices`]: { status: 500, body: '<h1>Internal Server Error</h1>' } });
    const error = await fetchWholeList('devices', devicesUrl(), noAbort()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ListUnavailable);
    expect((error as ListUnavailable).problem).toBe('http');
    expect((error as ListUnavailable).message).toBe('http: 500');
  });

  it('says "network" when the request itself fails', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('network');
  });

  it('says "network" when the answer breaks off halfway, rather than reading the rows that came', async () => {
    const body = accountPage('devices', deviceRows([1, 2, 3, 4, 5, 6]));
    serve({ [`${LK}/devices`]: { body, cuts: [Math.floor(body.length / 2)], breaksOff: true } });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('network');
  });

  it('says "not-the-list" when the address leads to another tab of the account', async () => {
    serve({ [`${LK}/devices`]: { body: accountPage('profile', '<h1>Профиль</h1><p>ООО "Ромашка", ИНН 7700000000</p>'), landedAt: `${LK}/profile` } });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('not-the-list');
  });

  it('says "not-the-list" when the Лицензии list comes back where the Устройства one was asked for', async () => {
    serve({ [`${LK}/devices`]: accountPage('licenses', licenseRows([1])) });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('not-the-list');
  });

  it('says "not-the-list" for a vendor page that only mentions the tabs', async () => {
    serve({ [`${LK}/devices`]: '<html><body><main><h1>Магазин</h1><p>Лицензии и устройства Mobile SMARTS.</p></main></body></html>' });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('not-the-list');
  });

  it('says "unreadable" for a list whose rows it cannot read, rather than taking it for an empty list', async () => {
    // The demo's `broken` markup: rows with checkboxes, bare icons, ISO dates.
    const rows = [1, 2].map((n) => `<li class="b-row"><input type="checkbox" name="device" value="D${n}" aria-label="Выбрать">
<span class="b-name">Urovo RT40</span> <span class="b-ref">${deviceId(n)}</span> <span class="b-name">Склад</span>
<img class="b-icon" src="data:," alt=""> <span class="b-day">2026-11-27 14:05</span></li>`);
    serve({ [`${LK}/devices`]: accountPage('devices', `<ul class="b-list">${rows.join('\n')}</ul>`) });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('unreadable');
    // Decided from the fetched page: no hidden frame was opened to wait for rows.
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('says "unreadable" for a page that reads fewer rows than it says it shows, rather than taking the rest as gone', async () => {
    // Three rows shown, one drawn in a way nothing reads: «Показаны 1–3 из 3».
    const odd = '<tr class="device-row"><td>▣</td><td>▣</td></tr>';
    serve({ [`${LK}/devices`]: accountPage('devices', `${deviceRows([1, 2]).replace('</tbody>', `${odd}</tbody>`)}<p>Показаны 1–3 из 3</p>`) });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('unreadable');
  });

  it('takes a list that says it is empty for an empty list', async () => {
    serve({ [`${LK}/devices`]: accountPage('devices', '<h1>Устройства</h1><p>Ничего не найдено</p>') });
    expect(await fetchWholeList('devices', devicesUrl(), noAbort())).toEqual([]);
    expect(document.querySelector('iframe')).toBeNull();
  });

  it('never reads rows a page keeps in a template, a script or a hidden menu', async () => {
    const decoys = `<template>${deviceRows([7])}</template><script type="application/json">{"id":"${deviceId(8)}","type":"Облачная база"}</script>
<div hidden>${deviceRows([9])}</div>`;
    serve({ [`${LK}/devices`]: accountPage('devices', `${decoys}${deviceRows([1, 2])}`) });
    expect((await fetchWholeList('devices', devicesUrl(), noAbort())).map((device) => device.id)).toEqual([deviceId(1), deviceId(2)]);
  });

  it('says "too-many-pages" for a pager past the most pages ever read, and asks for no page but the first', async () => {
    // A page numbered 3000000: read page by page, three million requests; read in part, passed off as the whole list.
    const server = serve({ [`${LK}/devices`]: devicesPage(1, 3_000_000) });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('too-many-pages');
    expect(server.requested).toEqual([`${LK}/devices`]);
  });

  it('says "not-the-list" for a page redirected to another site, and reads nothing there, however list-like', async () => {
    const elsewhere = 'https://lk.cleverence.example';
    const server = serve({
      [`${LK}/devices`]: { body: devicesPage(1, 2), landedAt: `${elsewhere}/devices` },
      [`${elsewhere}/devices?page=2`]: devicesPage(2, 2),
    });
    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('not-the-list');
    expect(server.requested).toEqual([`${LK}/devices`]);
  });

  it('still reads a page redirected within the account\'s own site', async () => {
    const list = accountPage('devices', deviceRows([1, 2]));
    serve({ [`${LK}/devices`]: { body: list, landedAt: `${LK}/devices?size=all` }, [`${LK}/devices?size=all`]: list });
    expect(await fetchWholeList('devices', devicesUrl(), noAbort())).toHaveLength(2);
  });

  it('fails the whole list when one of its pages fails, and asks for no further pages', async () => {
    const pages: Record<string, Served> = { [`${LK}/devices`]: { body: devicesPage(1, 12) } };
    for (let page = 2; page <= 12; page++) pages[`${LK}/devices?page=${page}`] = { body: devicesPage(page, 12), delay: 10 };
    pages[`${LK}/devices?page=3`] = { status: 500, body: 'Internal Server Error' };
    const server = serve(pages);

    expect(await problemOf(fetchWholeList('devices', devicesUrl(), noAbort()))).toBe('http');
    // Let the pages already asked for finish: none after them is asked for.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requested).toEqual([`${LK}/devices`, ...[2, 3, 4, 5].map((page) => `${LK}/devices?page=${page}`)]);
  });
});

describe('textAsItArrives: a body read as it comes', () => {
  it('gives each letter whole, also one cut between two pieces, and loses nothing', async () => {
    const body = accountPage('devices', deviceRows([1, 2, 3]));
    const bytesBefore = (text: string) => new TextEncoder().encode(body.slice(0, body.indexOf(text))).length;
    // «С» and «№» are two and three bytes in UTF-8: the cuts fall inside them.
    const cuts = [bytesBefore('Склад') + 1, bytesBefore('№2') + 2];
    const pieces: string[] = [];
    for await (const text of textAsItArrives(new Response(inPieces({ body, cuts })))) pieces.push(text);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.join('')).toBe(body);
    expect(pieces.join('')).not.toContain('\uFFFD');
  });

  it('gives nothing for an answer without a body', async () => {
    const pieces: string[] = [];
    for await (const text of textAsItArrives(new Response(null, { status: 204 }))) pieces.push(text);
    expect(pieces).toEqual([]);
  });
});

describe('fetchWholeList: stopping', () => {
  it('stops when its signal aborts: the abort is passed on, not turned into a list problem', async () => {
    const pages: Record<string, Served> = { [`${LK}/devices`]: { body: devicesPage(1, 12) } };
    for (let page = 2; page <= 12; page++) pages[`${LK}/devices?page=${page}`] = { body: devicesPage(page, 12), delay: 1_000 };
    const server = serve(pages);
    const controller = new AbortController();

    const loading = fetchWholeList('devices', devicesUrl(), controller.signal).catch((caught: unknown) => caught);
    await vi.waitFor(() => expect(server.requested).toHaveLength(5));
    controller.abort();
    const error = await loading;

    expect(error).not.toBeInstanceOf(ListUnavailable);
    expect((error as Error).name).toBe('AbortError');
    // The requests waiting were cancelled through the same signal; no page after them was asked for.
    for (const [, init] of server.fetch.mock.calls) expect((init as RequestInit).signal).toBe(controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requested).toHaveLength(5);
  });

  it('passes on an abort that came before it started, not as a network problem', async () => {
    const server = serve({ [`${LK}/devices`]: devicesPage(1, 1) });
    const controller = new AbortController();
    controller.abort();
    const error = await fetchWholeList('devices', devicesUrl(), controller.signal).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ListUnavailable);
    expect((error as Error).name).toBe('AbortError');
    expect(server.requested).toEqual([]); // nor is anything asked for
  });
});
