// The background keeps whole lists for the content script. It answers only
// the extension's own content scripts on the vendor's HTTPS pages, and keeps
// each list under the origin of the page that sent it: the account named in a
// message is only ever looked up within the sender's own origin.
import { openDB } from 'idb';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import background from '@/entrypoints/background';
import { dayNumber } from '@/utils/shared/dates';
import type { SavedList } from '@/utils/accounts/account-store';
import type { ListName } from '@/utils/reading/saved-lists';
import type { Device, License } from '@/utils/shared/records';

type Sender = Browser.runtime.MessageSender;

const DAY = dayNumber(2026, 6, 15)!;
const LICENSES: License[] = [{ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин ...', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', date: DAY - 10, subscriptionEnd: DAY + 300 }];
const DEVICES: Device[] = [{ id: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', name: 'Касса 1', database: 'Магазин', connection: 'cloud', lastSeen: DAY }];

/** A content script of this extension on a page of the account. */
const tabAt = (url: string | undefined, id: string | undefined = fakeBrowser.runtime.id): Sender => ({ id, url, frameId: 0 });
const LK = tabAt('https://lk.cleverence.ru/licenses?page=2');

/** Sends a message as utils/shared/messaging.ts does, from `sender`, and waits for the answer. */
async function send(type: 'saveList' | 'loadList', data: unknown, sender: Sender): Promise<{ res?: unknown; err?: unknown }> {
  try {
    const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger({ clh: type, data }, sender, () => undefined);
    return { res: answers.find((answer) => answer !== undefined) };
  } catch (err) {
    return { err };
  }
}

let batches = 0;
async function save(sender: Sender, account: string, list: ListName, items: unknown): Promise<void> {
  // Lists travel as JSON text (see utils/shared/messaging.ts); junk that is not JSON-able is sent as it is.
  const text = typeof items === 'object' && items !== null ? JSON.stringify(items) : items;
  const answer = await send('saveList', { account, list, items: text, batch: `b${++batches}`, part: 0, parts: 1 }, sender);
  expect(answer.err).toBeUndefined();
}

async function load(sender: Sender, account: string, list: unknown): Promise<SavedList | undefined> {
  const answer = await send('loadList', { account, list }, sender);
  expect(answer.err).toBeUndefined();
  const res = answer.res as { items: string; savedAt: number } | undefined;
  return res && { account, list, items: JSON.parse(res.items), savedAt: res.savedAt } as SavedList;
}

/** Every list kept, read straight from the extension's database. */
async function everythingKept(): Promise<unknown[]> {
  const db = await openDB('license-helper');
  try {
    return db.objectStoreNames.contains('snapshots') ? await db.getAll('snapshots') : [];
  } finally {
    db.close();
  }
}

/** Each test its own login, so that what one keeps is not seen by another. */
let logins = 0;
const newLogin = () => `user${++logins}@example.ru`;

beforeAll(() => {
  // The background's own setup: its message handlers are registered on the fake browser.
  void background.main();
});

describe('keeping and giving back lists', () => {
  it('gives a page back the list it saved for its account', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    const saved = await load(tabAt('https://lk.cleverence.ru/devices'), login, 'devices');
    expect(saved?.items).toEqual(DEVICES);
    expect(saved?.list).toBe('devices');
    expect(saved?.savedAt).toBeTypeOf('number');
  });

  it('keeps the two lists of one account apart', async () => {
    const login = newLogin();
    await save(LK, login, 'licenses', LICENSES);
    await save(LK, login, 'devices', DEVICES);
    expect((await load(LK, login, 'licenses'))?.items).toEqual(LICENSES);
    expect((await load(LK, login, 'devices'))?.items).toEqual(DEVICES);
  });

  it('accepts the vendor\'s .com domain too', async () => {
    const login = newLogin();
    const com = tabAt('https://lk.cleverence.com/devices');
    await save(com, login, 'devices', DEVICES);
    expect((await load(com, login, 'devices'))?.items).toEqual(DEVICES);
  });

  it('does not keep a list whose records are not what the content script sends, nor let it replace a good one', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    await save(LK, login, 'devices', [{ id: '<img src=x onerror=alert(1)>' }]);
    await save(LK, login, 'devices', 'everything');
    await save(LK, login, 'orders' as ListName, []);
    expect((await load(LK, login, 'devices'))?.items).toEqual(DEVICES);
    expect(await load(LK, login, 'orders')).toBeUndefined();
  });
});

describe('who may save and read', () => {
  const refusedPages: Array<[string, string | undefined]> = [
    ['another site', 'https://evil.example/licenses'],
    ['a site that only starts with the vendor\'s name', 'https://lk.cleverence.ru.evil.example/licenses'],
    ['a site whose name ends like the vendor\'s', 'https://notcleverence.ru/licenses'],
    ['the vendor over plain HTTP', 'http://lk.cleverence.ru/licenses'],
    ['an extension page', 'chrome-extension://test-extension-id/popup.html'],
    ['a sender with no address', undefined],
  ];

  it.each(refusedPages)('refuses to save for %s', async (_what, url) => {
    const login = newLogin();
    const before = (await everythingKept()).length;
    await save(tabAt(url), login, 'devices', DEVICES);
    expect(await everythingKept()).toHaveLength(before);
  });

  it.each(refusedPages)('gives nothing to %s, even for an account saved on the vendor\'s page', async (_what, url) => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    expect(await load(tabAt(url), login, 'devices')).toBeUndefined();
  });

  it('refuses messages from another extension, or from no extension', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    const before = (await everythingKept()).length;
    const stranger = tabAt('https://lk.cleverence.ru/devices', 'another-extension-id');
    await save(stranger, newLogin(), 'devices', DEVICES);
    expect(await everythingKept()).toHaveLength(before);
    expect(await load(stranger, login, 'devices')).toBeUndefined();
    expect(await load({ url: 'https://lk.cleverence.ru/devices', frameId: 0 }, login, 'devices')).toBeUndefined();
  });

  it('does not give one login\'s list to a page asking for another login', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    expect(await load(LK, newLogin(), 'devices')).toBeUndefined();
  });

  it('does not give a list saved on the account\'s site to another of the vendor\'s sites, whatever login it names', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    const forum = tabAt('https://forum.cleverence.ru/topic/1');
    expect(await load(forum, login, 'devices')).toBeUndefined();
    // Naming the account's origin in the message does not reach the account's lists either.
    expect(await load(forum, `https://lk.cleverence.ru ${login}`, 'devices')).toBeUndefined();
  });

  it('keeps a list saved by another of the vendor\'s sites away from the account\'s site', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    await save(tabAt('https://forum.cleverence.ru/topic/1'), login, 'devices', []);
    expect((await load(LK, login, 'devices'))?.items).toEqual(DEVICES);
  });

  it('refuses an account that is not a string', async () => {
    const before = (await everythingKept()).length;
    const answer = await send('saveList', { account: { toString: () => 'x' }, list: 'devices', items: DEVICES }, LK);
    expect(answer.err).toBeUndefined();
    expect(await everythingKept()).toHaveLength(before);
  });

  it('refuses a list that is not JSON text, and keeps the good one it had', async () => {
    const login = newLogin();
    await save(LK, login, 'devices', DEVICES);
    for (const items of ['[{"id": "WIN-H-1"', 'null', '{}']) {
      const answer = await send('saveList', { account: login, list: 'devices', items, batch: `bad${++batches}`, part: 0, parts: 1 }, LK);
      expect(answer.err).toBeUndefined();
    }
    expect((await load(LK, login, 'devices'))?.items).toEqual(DEVICES);
  });

  it('keeps a list sent in parts once every part is in, and never mixes parts of two tabs', async () => {
    const login = newLogin();
    const part = (sender: Sender, index: number, items: unknown[]) =>
      send('saveList', { account: login, list: 'devices', items: JSON.stringify(items), batch: 'one', part: index, parts: 3 }, sender);
    const three = [0, 1, 2].map((n) => ({ ...DEVICES[0]!, id: `WIN-H-00000000000000000000000000000${n}`, name: `Касса ${n + 1}` }));
    const [first, second, third] = three.map((device) => [device]);
    await part(LK, 0, first!);
    await part(LK, 2, third!);
    expect(await load(LK, login, 'devices')).toBeUndefined();
    // The same batch name from another vendor site is another list.
    await part(tabAt('https://forum.cleverence.ru/topic/1'), 1, second!);
    expect(await load(LK, login, 'devices')).toBeUndefined();
    await part(LK, 1, second!);
    expect((await load(LK, login, 'devices'))?.items).toEqual(three);
  });
});
