// The other tab's list read in the extension's list parser document
// (utils/reading/list-parser.ts with its service, list-parser-service.ts), both sides
// run here and joined by a port that behaves as Chrome's: messages travel as
// JSON, in order, each in a task of its own; a disconnect is seen by the
// other end only, and a port no document listens for is closed at once,
// unanswered. The pages come from a stubbed `fetch` that tells the
// parser's requests (credentials 'include') from the page's ('same-origin').
// In real Chromium the parser is an offscreen document; the e2e tests read
// every account through it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { accountPage, deviceId, deviceRows, devicesPage, LK, LOGIN_PAGE, pager, pageSizes, serve } from '../account-pages';

type Port = Browser.runtime.Port;
type Listener = (...args: never[]) => unknown;

/** One end of a port; `other` is where its messages go. */
class FakePort {
  other!: FakePort;
  disconnected = false;
  /** Every message this end was sent, as it arrived. */
  received: unknown[] = [];
  private readonly listeners = { message: new Set<Listener>(), disconnect: new Set<Listener>() };
  readonly onMessage = this.event('message');
  readonly onDisconnect = this.event('disconnect');

  constructor(readonly name: string, readonly sender?: Browser.runtime.MessageSender) {}

  private event(kind: 'message' | 'disconnect') {
    const listeners = this.listeners[kind];
    return {
      addListener: (listener: Listener) => void listeners.add(listener),
      removeListener: (listener: Listener) => void listeners.delete(listener),
      hasListener: (listener: Listener) => listeners.has(listener),
    };
  }

  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    const copy: unknown = JSON.parse(JSON.stringify(message));
    const to = this.other;
    setTimeout(() => {
      if (to.disconnected) return;
      to.received.push(copy);
      for (const listener of to.listeners.message) listener(copy as never, to as never);
    });
  }

  disconnect(): void {
    if (this.disconnected) return;
    this.disconnected = this.other.disconnected = true;
    const to = this.other;
    setTimeout(() => {
      for (const listener of to.listeners.disconnect) listener(to as never);
    });
  }
}

const PAGE_URL = `${LK}/licenses?size=all`;
/** Our content script on the account's Лицензии tab. */
const CONTENT_SCRIPT: Browser.runtime.MessageSender = { id: fakeBrowser.runtime.id, url: PAGE_URL, frameId: 0 };

let connectListeners: Set<(port: Port) => void>;
/** The parser's end of every port opened, in order. */
let parserEnds: FakePort[];
/** Who the next port is opened by (the content script's sender, unless a test says otherwise). */
let sender: Browser.runtime.MessageSender;
/** What the background answers when asked to open the parser. */
let parserOpens: boolean;
let openAsked: number;
let closeAsked: number;
let parserIsOpen: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules(); // the content script remembers on a page load whether the parser can be opened: a fresh one per test
  connectListeners = new Set();
  parserEnds = [];
  sender = CONTENT_SCRIPT;
  parserOpens = true;
  openAsked = 0;
  closeAsked = 0;
  parserIsOpen = false;
  Object.assign(fakeBrowser.runtime, {
    connect: ({ name }: { name: string }) => {
      const page = new FakePort(name);
      const parser = new FakePort(name, sender);
      page.other = parser;
      parser.other = page;
      // As in Chrome, a port that no extension page listens for is closed at once, unanswered.
      if (connectListeners.size === 0) {
        parser.disconnect();
        return page;
      }
      parserEnds.push(parser);
      setTimeout(() => {
        for (const listener of connectListeners) listener(parser as unknown as Port);
      });
      return page;
    },
    onConnect: {
      addListener: (listener: (port: Port) => void) => connectListeners.add(listener),
      removeListener: (listener: (port: Port) => void) => connectListeners.delete(listener),
      hasListener: (listener: (port: Port) => void) => connectListeners.has(listener),
    },
  });
  // The background's side (utils/reading/list-parser-document.ts has tests of its own): it opens the parser when it can.
  // fakeBrowser answers through sendResponse.
  fakeBrowser.runtime.onMessage.addListener((message: { clh?: string }, _sender: unknown, sendResponse: (answer: unknown) => void) => {
    if (message.clh === 'closeListParser') closeAsked++;
    if (message.clh !== 'openListParser') return undefined;
    openAsked++;
    void (async () => {
      if (parserOpens) await openParser();
      sendResponse(parserOpens);
    })();
    return true;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** The parser document, opened. */
async function openParser() {
  if (parserIsOpen) return;
  parserIsOpen = true;
  (await import('@/utils/reading/list-parser-service')).serveListParsing();
}

/** The account's page with its content script, and the parser document beside it (open, unless told otherwise). */
async function pageAndParser({ parser = true } = {}) {
  if (parser) await openParser();
  return import('@/utils/reading/whole-list');
}

const devicesUrl = () => new URL(`${LK}/devices`);
const device = (n: number) => ({
  id: deviceId(n), name: `Urovo RT40 №${n}`, database: 'Склад Москва', connection: 'cloud', lastSeen: expect.any(Number) as number,
});
const threePages = () => ({
  [`${LK}/devices`]: devicesPage(1, 3),
  [`${LK}/devices?page=2`]: devicesPage(2, 3),
  [`${LK}/devices?page=3`]: devicesPage(3, 3),
});

describe('the list parser: the other tab\'s list read away from the account\'s page', () => {
  it('fetches and reads every page of the list, and the page itself asks for none', async () => {
    const server = serve(threePages());
    const { fetchWholeList } = await pageAndParser();
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2, 3, 4, 5, 6].map(device));
    expect(server.askedBy).toEqual(['parser', 'parser', 'parser']);
    expect(server.requested).toEqual([`${LK}/devices`, `${LK}/devices?page=2`, `${LK}/devices?page=3`]);
  });

  it('follows the «Все» page size itself: the page asks once and gets the whole list', async () => {
    const server = serve({
      [`${LK}/devices`]: accountPage('devices', `${pageSizes('20')}\n${deviceRows([1, 2])}\n${pager(1, 3)}`),
      [`${LK}/devices?size=all`]: accountPage('devices', `${pageSizes('all')}\n${deviceRows([1, 2, 3, 4, 5])}`),
    });
    const { fetchWholeList } = await pageAndParser();
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2, 3, 4, 5].map(device));
    expect(server.requested).toEqual([`${LK}/devices`, `${LK}/devices?size=all`]);
    expect(server.askedBy).toEqual(['parser', 'parser']);
    expect(parserEnds).toHaveLength(1);
  });

  it('sends the session nowhere but the asking page\'s origin, and reads no other site\'s page as the list', async () => {
    // The first page was redirected to another of the vendor's sites, whose pager links to its own pages.
    const elsewhere = 'https://id.cleverence.ru';
    const server = serve({
      [`${LK}/devices`]: { body: devicesPage(1, 2), landedAt: `${elsewhere}/devices` },
      [`${elsewhere}/devices?page=1`]: devicesPage(1, 2),
      [`${elsewhere}/devices?page=2`]: devicesPage(2, 2),
    });
    const { fetchWholeList } = await pageAndParser();
    // The parser gives up on it, and so does the page when it asks for itself: a list it could not read, not a list.
    await expect(fetchWholeList('devices', devicesUrl(), new AbortController().signal)).rejects.toMatchObject({ problem: 'not-the-list' });
    expect(server.requested).toEqual([`${LK}/devices`, `${LK}/devices`]);
    expect(server.askedBy).toEqual(['parser', 'page']);
  });

  it('takes a long list in parts, and keeps their order', async () => {
    // The parser's own parts come from 1,000 records up (the partner account's 5,000 devices in e2e/partner.test.ts):
    // here happy-dom could not parse a page that long in pieces, so a parser of the test's own answers.
    serve({});
    const { fetchWholeList } = await pageAndParser({ parser: false });
    const numbers = Array.from({ length: 2_500 }, (_, index) => index + 1);
    const records = numbers.map(device).map((record) => ({ ...record, lastSeen: 20_000 }));
    connectListeners.add((port) => port.onMessage.addListener(() => {
      for (let start = 0; start < records.length; start += 1_000) port.postMessage({ items: JSON.stringify(records.slice(start, start + 1_000)) });
      port.postMessage({ done: { count: records.length } });
    }));
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual(records);
  });

  it('when it meets the log-in form, the page asks for itself: the session may reach its request where it does not reach the parser\'s', async () => {
    const server = serve({ [`${LK}/devices`]: accountPage('devices', deviceRows([1, 2])) }, { [`${LK}/devices`]: LOGIN_PAGE });
    const { fetchWholeList } = await pageAndParser();
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2].map(device));
    expect(server.askedBy).toEqual(['parser', 'page']);
  });

  it('when the page meets the log-in form too, the list is "logged-out"', async () => {
    serve({ [`${LK}/devices`]: LOGIN_PAGE });
    const { fetchWholeList, ListUnavailable } = await pageAndParser();
    const error = await fetchWholeList('devices', devicesUrl(), new AbortController().signal).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ListUnavailable);
    expect((error as InstanceType<typeof ListUnavailable>).problem).toBe('logged-out');
  });

  it('asks an open parser straight away, without the background', async () => {
    serve(threePages());
    const { fetchWholeList } = await pageAndParser();
    await fetchWholeList('devices', devicesUrl(), new AbortController().signal);
    expect(openAsked).toBe(0);
  });

  it('when the parser is closed, the background opens it and the page asks it again', async () => {
    const server = serve(threePages());
    const { fetchWholeList } = await pageAndParser({ parser: false });
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2, 3, 4, 5, 6].map(device));
    expect(server.askedBy).toEqual(['parser', 'parser', 'parser']);
    expect(openAsked).toBe(1);
  });

  it('when the parser cannot be opened, the page reads the list itself, and asks the background only once', async () => {
    parserOpens = false;
    const server = serve(threePages());
    const { fetchWholeList } = await pageAndParser({ parser: false });
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2, 3, 4, 5, 6].map(device));
    expect(server.askedBy).toEqual(['page', 'page', 'page']);
    expect(openAsked).toBe(1);
  });

  it('when the parser goes away before it answers, it is opened and asked once more; gone again, the page reads the list itself', async () => {
    const page = accountPage('devices', deviceRows([1, 2]));
    const server = serve({ [`${LK}/devices`]: page }, { [`${LK}/devices`]: { body: page, delay: 50 } });
    const { fetchWholeList } = await pageAndParser();
    const loading = fetchWholeList('devices', devicesUrl(), new AbortController().signal);
    await vi.waitFor(() => expect(server.askedBy).toEqual(['parser']));
    parserEnds[0]!.disconnect(); // the document closed while its request was on its way
    await vi.waitFor(() => expect(server.askedBy).toEqual(['parser', 'parser']));
    expect(openAsked).toBe(1);
    parserEnds[1]!.disconnect();
    expect(await loading).toEqual([1, 2].map(device));
    expect(server.askedBy).toEqual(['parser', 'parser', 'page']);
  });

  it('when the extension was reloaded under the page (no port can be opened), the page reads the list itself', async () => {
    const server = serve(threePages());
    const { fetchWholeList } = await pageAndParser();
    Object.assign(fakeBrowser.runtime, { connect: () => { throw new Error('Extension context invalidated.'); } });
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2, 3, 4, 5, 6].map(device));
    expect(server.askedBy).toEqual(['page', 'page', 'page']);
  });

  it('takes nothing from an answer that is not a list of records: the page reads the list itself', async () => {
    const server = serve({ [`${LK}/devices`]: accountPage('devices', deviceRows([1, 2])) });
    const { fetchWholeList } = await pageAndParser({ parser: false });
    connectListeners.add((port) => port.onMessage.addListener(() => {
      port.postMessage({ items: JSON.stringify([{ id: 5 }, '<img src=x onerror=alert(1)>']) });
      port.postMessage({ done: { count: 2 } });
    }));
    expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1, 2].map(device));
    expect(server.askedBy).toEqual(['page']);
  });

  it('takes nothing from an answer with a part missing, nor from a damaged one or one that is not JSON', async () => {
    const server = serve({ [`${LK}/devices`]: accountPage('devices', deviceRows([1])) });
    const { fetchWholeList } = await pageAndParser({ parser: false });
    const record = device(1);
    const answers = [
      [{ items: '[' }],
      [{ items: JSON.stringify([{ ...record, lastSeen: 20_000 }]) }, { done: { count: 2 } }],
      [{ items: '[]' }, { done: { count: '0' } }],
      [{ done: 'all' }],
    ];
    for (const answer of answers) {
      connectListeners.clear();
      connectListeners.add((port) => port.onMessage.addListener(() => answer.forEach((message) => port.postMessage(message))));
      expect(await fetchWholeList('devices', devicesUrl(), new AbortController().signal)).toEqual([1].map(device));
    }
    expect(server.askedBy).toEqual(answers.map(() => 'page'));
  });

  it('an abort stops the parser\'s request too, and is passed on as it is', async () => {
    const server = serve({}, { [`${LK}/devices`]: { body: devicesPage(1, 1), delay: 1_000 } });
    const { fetchWholeList } = await pageAndParser();
    const controller = new AbortController();
    const loading = fetchWholeList('devices', devicesUrl(), controller.signal).catch((caught: unknown) => caught);
    await vi.waitFor(() => expect(server.askedBy).toEqual(['parser']));
    const parserRequest = server.fetch.mock.calls[0]![1] as RequestInit;
    controller.abort(new DOMException('left the page', 'AbortError'));
    expect(await loading).toMatchObject({ name: 'AbortError', message: 'left the page' });
    await vi.waitFor(() => expect(parserRequest.signal!.aborted).toBe(true));
    expect(server.askedBy).toEqual(['parser']);
  });
});

describe('the list parser: whom it answers', () => {
  /** Opens a port as `from` and asks for `url`; resolves once the parser has had time to answer or hang up. */
  async function ask(from: Browser.runtime.MessageSender, url: string) {
    sender = from;
    (await import('@/utils/reading/list-parser-service')).serveListParsing();
    const port = fakeBrowser.runtime.connect({ name: 'clh-list-parser' }) as unknown as FakePort;
    port.postMessage({ read: { tab: 'devices', url } });
    await vi.waitFor(() => expect(port.disconnected || port.received.length > 0).toBe(true));
    return port;
  }

  it('hangs up on another extension, and on a page outside the vendor\'s sites, and fetches nothing', async () => {
    const server = serve({ [`${LK}/devices`]: devicesPage(1, 1) });
    for (const from of [{ ...CONTENT_SCRIPT, id: 'another-extension' }, { ...CONTENT_SCRIPT, url: 'https://evil.example/licenses' }]) {
      expect((await ask(from, `${LK}/devices`)).received).toEqual([]);
    }
    expect(server.requested).toEqual([]);
  });

  it('fetches nothing but the asking page\'s own origin', async () => {
    const server = serve({});
    for (const url of ['https://www.cleverence.ru/devices', 'https://lk.cleverence.com/devices', 'http://lk.cleverence.ru/devices', 'https://evil.example/devices']) {
      const port = await ask(CONTENT_SCRIPT, url);
      expect(port.disconnected).toBe(true);
      expect(port.received).toEqual([]);
    }
    expect(server.requested).toEqual([]);
  });

  it('reads one list per port: a second request ends it, and is not fetched', async () => {
    const server = serve({ [`${LK}/devices`]: devicesPage(1, 1), [`${LK}/devices?page=2`]: devicesPage(1, 1) });
    const port = await ask(CONTENT_SCRIPT, `${LK}/devices`);
    port.postMessage({ read: { tab: 'devices', url: `${LK}/devices?page=2` } });
    await vi.waitFor(() => expect(port.disconnected).toBe(true));
    expect(server.requested).toEqual([`${LK}/devices`]);
  });

  it('leaves a list the account draws with script to the page, which can show it in a frame of the account', async () => {
    serve({ [`${LK}/devices`]: accountPage('devices', '<h1>Устройства</h1>\n<div id="app" data-loading="true"></div>') });
    const port = await ask(CONTENT_SCRIPT, `${LK}/devices`);
    expect(port.received).toEqual([{ failed: expect.stringContaining('drawn by script') as string }]);
  });

  it('answers a failed request with "failed", which the page takes as a reason to ask itself', async () => {
    serve({ [`${LK}/devices`]: { status: 500, body: 'Internal Server Error' } });
    const port = await ask(CONTENT_SCRIPT, `${LK}/devices`);
    expect(port.received).toEqual([{ failed: 'Error: http: 500' }]);
  });

  it('asks the background to close it once nothing has been read for a minute, not while a list is being read', async () => {
    vi.useFakeTimers();
    serve({ [`${LK}/devices`]: { body: devicesPage(1, 1), delay: 90_000 } });
    (await import('@/utils/reading/list-parser-service')).serveListParsing();
    await vi.advanceTimersByTimeAsync(59_000);
    const port = fakeBrowser.runtime.connect({ name: 'clh-list-parser' }) as unknown as FakePort;
    port.postMessage({ read: { tab: 'devices', url: `${LK}/devices` } });
    await vi.advanceTimersByTimeAsync(61_000);
    expect(closeAsked).toBe(0);
    await vi.advanceTimersByTimeAsync(30_000); // the page is read and sent
    port.disconnect();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(closeAsked).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(closeAsked).toBe(1);
  });
});
