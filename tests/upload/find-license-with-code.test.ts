// @vitest-environment node
// (the demo's Hono app needs Node's own Request and the Host header a browser's
// Request would drop; pages are parsed by happy-dom below)
/**
 * The look-up before an item whose answer was lost is ever sent again:
 * `findLicenseWithCode` reads the demo account's real Лицензии list and opens
 * the «Показать код активации» pages of new-looking rows, all through a
 * `fetch` that reaches the demo app with the user's session, as the browser
 * would on lk.cleverence.ru.
 */
import { Window } from 'happy-dom';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activationCodeOnPage } from '@/utils/site/upload-form';
import { findLicenseWithCode } from '@/utils/reading/whole-list';
import { demoCard } from '../../demo-site/cards';
import { type DemoApp, demoApp, type DemoStats } from '../../demo-site/server';

const HOST = 'lk.cleverence.ru';
const ORIGIN = `https://${HOST}`;

// The DOM the extension reads with, from happy-dom: its parser, its NodeFilter
// for tree walkers, and a document to build long fetched pages in.
const window = new Window({ url: `${ORIGIN}/licenses/upload` });
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
beforeEach(() => {
  vi.stubGlobal('NodeFilter', window.NodeFilter);
  vi.stubGlobal('DOMParser', window.DOMParser);
  vi.stubGlobal('document', window.document);
});
afterEach(() => {
  vi.unstubAllGlobals();
});
afterAll(async () => {
  await window.happyDOM.close();
});

// ---------------------------------------------------------------------------
// The account, and the browser's same-origin fetch with the user's cookie.

interface Account {
  app: DemoApp;
  stats: DemoStats;
  cookie: string;
  /** Every URL the extension fetched, in order. */
  fetched: string[];
}

/** What the server does instead of answering, when a test says so. */
type Trouble = undefined | { status: number } | 'network';

function demoRequest(app: DemoApp, url: URL, init: { method?: string; cookie?: string; body?: BodyInit } = {}): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(url, {
    method: init.method ?? 'GET',
    headers: { host: url.host, ...(init.cookie ? { cookie: init.cookie } : {}) },
    ...(init.body === undefined ? {} : { body: init.body }),
  })));
}

async function openAccount(login: 'typical' | 'article' = 'article'): Promise<Account> {
  const stats: DemoStats = { requests: new Map(), requestsBySite: new Map(), uploads: [] };
  const app = demoApp(stats);
  const response = await demoRequest(app, new URL(`${ORIGIN}/login`), { method: 'POST', body: new URLSearchParams({ login, next: '/licenses' }) });
  expect(response.status).toBe(303);
  return { app, stats, cookie: response.headers.get('set-cookie')!.split(';')[0]!, fetched: [] };
}

/**
 * `fetch` as the browser runs it for the content script on the account's page:
 * same origin only, the session cookie sent along, redirects followed, and the
 * address it landed on in `response.url`.
 */
function serveAccount(account: Account, trouble: () => Trouble = () => undefined, rewrite: (html: string) => string = (html) => html) {
  const fetch = vi.fn(async (input: URL | string, init?: RequestInit): Promise<Response> => {
    expect(init?.credentials).toBe('same-origin');
    let url = new URL(String(input), ORIGIN);
    account.fetched.push(url.href);
    const now = trouble();
    if (now === 'network') throw new TypeError('Failed to fetch');
    if (now) return new Response('<!doctype html><h1>Внутренняя ошибка сервера</h1>', { status: now.status });
    expect(url.origin).toBe(ORIGIN);
    for (let hops = 0; hops < 5; hops++) {
      const response = await demoRequest(account.app, url, { cookie: account.cookie });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        continue;
      }
      const landed = new Response(rewrite(await response.text()), { status: response.status, headers: response.headers });
      Object.defineProperty(landed, 'url', { value: url.href });
      return landed;
    }
    throw new TypeError('Too many redirects');
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/** The upload page the job runs from, as the account shows it. */
async function uploadPage(account: Account): Promise<{ doc: Document; url: URL }> {
  const url = new URL(`${ORIGIN}/licenses/upload`);
  const response = await demoRequest(account.app, url, { cookie: account.cookie });
  expect(response.status).toBe(200);
  return { doc: parse(await response.text()), url };
}

async function addCode(account: Account, code: string): Promise<void> {
  const response = await demoRequest(account.app, new URL(`${ORIGIN}/licenses/upload/code`), {
    method: 'POST', cookie: account.cookie, body: new URLSearchParams({ code }),
  });
  expect(response.status).toBe(200);
  expect(account.stats.uploads.at(-1)).toMatchObject({ code, outcome: 'added' });
}

/** The code a «Показать код активации» page shows, read as the upload driver reads it. */
const codeOnPage = vi.fn(async (url: string): Promise<string | undefined> => {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (!response.ok) return undefined;
  return activationCodeOnPage(parse(await response.text()));
});
afterEach(() => codeOnPage.mockClear());

// ---------------------------------------------------------------------------

describe('findLicenseWithCode on the demo account', () => {
  it('finds a code added earlier, by opening the new row\'s code page', async () => {
    const account = await openAccount();
    const { code } = demoCard(500);
    await addCode(account, code);
    const from = await uploadPage(account);
    serveAccount(account);
    expect(await findLicenseWithCode(from.doc, from.url, code, codeOnPage)).toEqual({ kind: 'found' });
    expect(codeOnPage).toHaveBeenCalled();
    expect(codeOnPage.mock.calls.at(-1)![0]).toMatch(new RegExp(`^${ORIGIN}/licenses/\\d+/code$`));
    // The list was read from the Лицензии tab's link, every page of it, with the user's session.
    expect(account.fetched[0]).toBe(`${ORIGIN}/licenses`);
  });

  it('finds it whatever the case and the invisible characters of the code asked about', async () => {
    const account = await openAccount();
    const { code } = demoCard(501);
    await addCode(account, code);
    const from = await uploadPage(account);
    serveAccount(account);
    expect(await findLicenseWithCode(from.doc, from.url, ` ${code.toLowerCase()}\u200B`, codeOnPage)).toEqual({ kind: 'found' });
  });

  it('finds the one asked about among several added the same day', async () => {
    const account = await openAccount();
    for (const n of [510, 511, 512]) await addCode(account, demoCard(n).code);
    const from = await uploadPage(account);
    serveAccount(account);
    expect(await findLicenseWithCode(from.doc, from.url, demoCard(510).code, codeOnPage)).toEqual({ kind: 'found' });
  });

  it('follows a row\'s code link written relative to the list page', async () => {
    // The same list, its «Показать код активации» links written `licenses/<id>/code`:
    // from /licenses that is /licenses/<id>/code, whatever page the look-up started from.
    const account = await openAccount();
    const { code } = demoCard(503);
    await addCode(account, code);
    const from = await uploadPage(account);
    serveAccount(account, undefined, (html) => html.replace(/href="\/(licenses\/\d+\/code)"/g, 'href="$1"'));
    expect(await findLicenseWithCode(from.doc, from.url, code, codeOnPage)).toEqual({ kind: 'found' });
    expect(codeOnPage.mock.calls.map(([url]) => url)).toEqual([expect.stringMatching(new RegExp(`^${ORIGIN}/licenses/\\d+/code$`))]);
  });

  it('says absent for a code never added, after looking at the new rows\' codes', async () => {
    const account = await openAccount();
    await addCode(account, demoCard(520).code);
    await addCode(account, demoCard(519).code);
    const from = await uploadPage(account);
    serveAccount(account);
    expect(await findLicenseWithCode(from.doc, from.url, demoCard(521).code, codeOnPage)).toEqual({ kind: 'absent' });
    // Both rows added today were opened and shown to hold other codes.
    expect(codeOnPage).toHaveBeenCalledTimes(2);
  });

  it('says absent on an account with no license added by code, without opening any code page', async () => {
    const account = await openAccount();
    const from = await uploadPage(account);
    serveAccount(account);
    expect(await findLicenseWithCode(from.doc, from.url, demoCard(522).code, codeOnPage)).toEqual({ kind: 'absent' });
    expect(codeOnPage).not.toHaveBeenCalled();
  });

  it('finds a code added to a longer list, whose page is parsed in slices (typical, 40 rows)', async () => {
    // Chromium parses document.write() pieces as one stream (whatwg/html#3977);
    // happy-dom parses each piece on its own, so here the pieces are gathered
    // and written once at close(), which gives the document Chromium builds.
    const implementation = window.document.implementation;
    const createHTMLDocument = implementation.createHTMLDocument.bind(implementation);
    let streamed = 0;
    const spy = vi.spyOn(implementation, 'createHTMLDocument').mockImplementation(() => {
      const doc = createHTMLDocument();
      const [open, write, close] = [doc.open.bind(doc), doc.write.bind(doc), doc.close.bind(doc)];
      let written = '';
      doc.open = () => doc;
      doc.write = (...text: string[]) => {
        written += text.join('');
      };
      doc.close = () => {
        streamed++;
        open();
        write(written);
        close();
      };
      return doc;
    });
    try {
      const account = await openAccount('typical');
      const { code } = demoCard(502);
      await addCode(account, code);
      const from = await uploadPage(account);
      serveAccount(account);
      expect(await findLicenseWithCode(from.doc, from.url, code, codeOnPage)).toEqual({ kind: 'found' });
      expect(streamed).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('says logged out when the session has ended and the list is the log-in page', async () => {
    const account = await openAccount();
    await addCode(account, demoCard(530).code);
    const from = await uploadPage(account);
    const logout = await demoRequest(account.app, new URL(`${ORIGIN}/logout`), { cookie: account.cookie });
    expect(logout.status).toBe(303);
    serveAccount(account);
    expect(await findLicenseWithCode(from.doc, from.url, demoCard(530).code, codeOnPage)).toEqual({ kind: 'logged-out' });
    expect(account.fetched).toEqual([`${ORIGIN}/licenses`]);
    expect(codeOnPage).not.toHaveBeenCalled();
  });

  it('says unreachable when the server answers with an error', async () => {
    const account = await openAccount();
    const from = await uploadPage(account);
    serveAccount(account, () => ({ status: 500 }));
    const answer = await findLicenseWithCode(from.doc, from.url, demoCard(540).code, codeOnPage);
    expect(answer.kind).toBe('unreachable');
    expect(answer).toMatchObject({ detail: expect.stringContaining('500') });
  });

  it('says unreachable when a later page of the list fails', async () => {
    const account = await openAccount();
    const from = await uploadPage(account);
    let requests = 0;
    serveAccount(account, () => (++requests > 1 ? { status: 502 } : undefined));
    expect((await findLicenseWithCode(from.doc, from.url, demoCard(541).code, codeOnPage)).kind).toBe('unreachable');
    expect(requests).toBeGreaterThan(1);
  });

  it('says unreachable when the network fails', async () => {
    const account = await openAccount();
    const from = await uploadPage(account);
    serveAccount(account, () => 'network');
    expect(await findLicenseWithCode(from.doc, from.url, demoCard(542).code, codeOnPage)).toMatchObject({ kind: 'unreachable' });
  });

  it('says unreachable when a new row\'s code page cannot be opened, rather than absent', async () => {
    const account = await openAccount();
    await addCode(account, demoCard(543).code);
    const from = await uploadPage(account);
    serveAccount(account, () => undefined);
    const answer = await findLicenseWithCode(from.doc, from.url, demoCard(544).code, async () => undefined);
    expect(answer).toMatchObject({ kind: 'unreachable', detail: expect.stringMatching(/\/licenses\/\d+\/code$/) });
  });

  it('says unreachable from a page with no Лицензии tab to start from', async () => {
    const account = await openAccount();
    serveAccount(account);
    const bare = parse('<!doctype html><html><body><p>Загрузка лицензий</p></body></html>');
    expect(await findLicenseWithCode(bare, new URL(`${ORIGIN}/licenses/upload`), demoCard(545).code, codeOnPage)).toMatchObject({ kind: 'unreachable' });
    expect(account.fetched).toEqual([]);
  });
});
