/**
 * The popup wherever it is opened: in a tab of its own with the account in
 * another tab, on any page of the account, with several accounts open, and
 * with none at all. Reading and previewing always work; only «Отправить»
 * needs the account, and says what is missing until it has one.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoCard } from '../demo-site/cards';
import { licenseFileXml } from '../demo-site/license-files';
import { forgetDraft, launch, localeMessages, logIn, openPopup, settled, type Session } from './harness';
import {
  choose, codeTypedWithSpaces, dropFiles, dropFilesOfType, genuineCodes, jobCounts, jobLines, openAccountTab, previewLines, send, waitForJob,
} from './upload-helpers';

const ru = localeMessages('ru');

let session: Session;

beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});
// What one test chose and did not send would be the next one's draft.
afterEach(async () => {
  await forgetDraft(session);
});

/** The popup's page in a tab of its own, named by no tab: it must find the account itself. */
async function popupInItsOwnTab(): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${new URL(session.worker!.url()).host}/popup.html`);
  await popup.waitForSelector('[data-clh-paste], [data-clh-job]');
  return popup;
}

const xml = (n: number) => new TextDecoder().decode(licenseFileXml(demoCard(n)));

/** An e-mail as a customer forwards it: two codes in quotes, one repeated, one typed with a Cyrillic С, and a signature. */
const mail = () => `Добрый день!
Высылаем коды активации:
«${demoCard(9101).code}», «${demoCard(9102).code}»
Повторно: ${demoCard(9101).code}
${demoCard(9103).code.replace(/C/, 'С')}
--
С уважением, Иван Петров, +7 (495) 662-98-03`;

const sendButton = (popup: Page) => popup.locator('[data-clh-send]');

describe('the popup in a tab of its own', () => {
  let account: Page;

  it('finds the account open on its Устройства tab, and previews dropped files and a pasted e-mail line by line', async () => {
    account = await session.context.newPage();
    await logIn(account, session, 'typical');
    await account.goto(session.url('lk.cleverence.ru', '/devices'));
    await settled(account);

    const popup = await popupInItsOwnTab();
    await popup.waitForSelector('[data-clh-account="typical@example.ru"]');
    await dropFiles(popup, [
      { name: 'first.xml', text: xml(9201) },
      { name: 'same-again.xml', text: xml(9201) },
      { name: 'notes.xml', text: '<?xml version="1.0"?><notes><note>Купить ТСД</note></notes>' },
    ]);
    await popup.fill('textarea[data-clh-paste]', mail());
    await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(7);
    const lines = await previewLines(popup);
    const verdictOf = (label: string) => lines.find((line) => line.label === label)?.state;
    expect(verdictOf('first.xml')).toBe('new');
    expect(verdictOf('same-again.xml')).toBe('duplicate');
    expect(verdictOf('notes.xml')).toBe('unreadable');
    expect(lines.filter((line) => line.state === 'new').map((line) => line.label)).toEqual(['first.xml', demoCard(9101).code, demoCard(9102).code]);
    expect(lines.filter((line) => line.state === 'duplicate').map((line) => line.label)).toEqual(['same-again.xml', demoCard(9101).code]);
    expect(lines.filter((line) => line.state === 'unreadable')).toHaveLength(2);
    // The phone in the signature is no code.
    expect(lines.some((line) => /662-98-03/.test(line.label))).toBe(false);
    expect(await sendButton(popup).isEnabled()).toBe(true);
    await popup.close();
  });

  it('finds the upload page from the account\'s Профиль tab too', async () => {
    await account.goto(session.url('lk.cleverence.ru', '/profile'));
    const popup = await popupInItsOwnTab();
    await popup.waitForSelector('[data-clh-account="typical@example.ru"]');
    await popup.fill('textarea[data-clh-paste]', demoCard(9301).code);
    await expect.poll(() => sendButton(popup).isEnabled()).toBe(true);
    await popup.close();
  });

  it('lets the user pick among several accounts open', async () => {
    const english = await session.context.newPage();
    await logIn(english, session, 'article', 'lk.cleverence.com');
    await account.goto(session.url('lk.cleverence.ru', '/licenses'));
    const popup = await popupInItsOwnTab();
    await popup.waitForSelector('[data-clh-targets]');
    expect(await popup.locator('[data-clh-target]').count()).toBe(2);
    await popup.fill('textarea[data-clh-paste]', demoCard(9401).code);
    await popup.check('[data-clh-target="article@example.ru"]');
    await popup.waitForSelector('[data-clh-account="article@example.ru"]');
    await popup.check('[data-clh-target="typical@example.ru"]');
    await popup.waitForSelector('[data-clh-account="typical@example.ru"]');
    expect(await sendButton(popup).isEnabled()).toBe(true);
    await popup.close();
    await english.close();
  });

  it('asks for a log-in when the account\'s tab shows its log-in form, and takes the user to that tab', async () => {
    await account.goto(session.url('lk.cleverence.ru', '/logout'));
    await account.waitForURL((url) => url.pathname === '/login');
    const popup = await popupInItsOwnTab();
    await popup.waitForSelector('[data-clh-missing="log-in"]');
    expect(await popup.textContent('[data-clh-missing] .notice')).toBe(ru.popupMissingLogIn!.message);
    // The preview works meanwhile; only sending waits.
    await popup.fill('textarea[data-clh-paste]', demoCard(9501).code);
    await expect.poll(() => popup.locator('[data-clh-item="new"]').count()).toBe(1);
    expect(await sendButton(popup).isDisabled()).toBe(true);
    await popup.click('[data-clh-fix]');
    await expect.poll(() => account.evaluate(() => document.visibilityState)).toBe('visible');
    // Logged in again in its tab, the popup sees it and lets the user send.
    await logIn(account, session, 'typical');
    await popup.waitForSelector('[data-clh-account="typical@example.ru"]', { timeout: 15_000 });
    expect(await sendButton(popup).isEnabled()).toBe(true);
    await popup.close();
    await account.close();
  });

  it('with no account open, reads and previews all the same, says to open the account, and opens it', async () => {
    const shop = await session.context.newPage();
    await shop.goto(session.url('www.cleverence.ru', '/shop/'));
    const popup = await popupInItsOwnTab();
    await popup.waitForSelector('[data-clh-missing="open-account"]');
    expect(await popup.textContent('[data-clh-missing] .notice')).toBe(ru.popupMissingAccount!.message);
    await dropFiles(popup, [{ name: 'card.xml', text: xml(9601) }]);
    await popup.fill('textarea[data-clh-paste]', `${demoCard(9602).code}, ${demoCard(9602).code}`);
    await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(3);
    expect((await previewLines(popup)).map((line) => line.state)).toEqual(['new', 'new', 'duplicate']);
    expect(await sendButton(popup).isDisabled()).toBe(true);

    const opened = session.context.waitForEvent('page');
    await popup.click('[data-clh-fix]');
    const accountTab = await opened;
    await accountTab.waitForURL((url) => url.host.startsWith('lk.cleverence.ru'));
    // Still logged in from before: it lands on the account, and the popup can send there.
    await popup.waitForSelector('[data-clh-account="typical@example.ru"]', { timeout: 15_000 });
    expect(await sendButton(popup).isEnabled()).toBe(true);
    expect((await previewLines(popup)).map((line) => line.state)).toEqual(['new', 'new', 'duplicate']);
  });
});

/**
 * What the popup takes in (issue 15): a pasted mail's order number is no code, a code typed with spaces is
 * offered for the user to confirm, any line can be unticked, and a `.txt` of codes reads as pasted text.
 * What the account got is judged on the demo server's own log.
 */
describe('what the popup takes in', () => {
  let tabId: number;
  const uploaded = () => session.demo.stats.uploads.map((entry) => entry.code);

  beforeAll(async () => {
    ({ tabId } = await openAccountTab(session));
  });

  /** After a job, «Новая загрузка» gives the form back. */
  async function putAway(popup: Page): Promise<void> {
    await popup.click('[data-clh-new]');
    await popup.waitForSelector('[data-clh-paste]');
    await popup.close();
  }

  it('leaves an order number out, and offers a code typed with spaces unticked until the user confirms it', async () => {
    const popup = await openPopup(session, tabId);
    const order = 'ZK26-0412-A7B9'; // an order number of the code's shape
    const plain = demoCard(9701).code;
    const { code: spaced, typed } = codeTypedWithSpaces(9702);
    await popup.fill('textarea[data-clh-paste]', [
      'Добрый день!',
      `По заказу № ${order} от 28.11.2026 высылаем коды активации:`,
      plain,
      typed,
      '--',
      'С уважением, отдел продаж, тел.: +7 (495) 662-98-03',
    ].join('\n'));
    await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(2);
    const lines = await previewLines(popup);
    expect(lines.map((line) => [line.label, line.state])).toEqual([[plain, 'new'], [spaced, 'maybe']]);
    // The order number is no line of the preview; it is listed apart, with why.
    expect(lines.some((line) => line.label.includes(order))).toBe(false);
    expect(await popup.getAttribute('[data-clh-ignored]', 'data-clh-ignored')).toBe('1');
    expect(await popup.textContent('[data-clh-ignored]')).toContain(order);

    // The code typed with spaces: offered as it would be sent, with how it was typed, and not ticked.
    const offered = popup.locator('[data-clh-item="maybe"]');
    expect(await offered.getAttribute('data-clh-doubt')).toBe('spaced');
    expect(lines[1]!.why).toContain(typed);
    expect(await offered.locator('[data-clh-tick]').isChecked()).toBe(false);
    expect(await popup.locator('[data-clh-item="new"] [data-clh-tick]').isChecked()).toBe(true);
    expect(await sendButton(popup).textContent()).toBe(ru.sendItems!.message.replace('$1', '1'));

    // Confirmed, it goes with its dashes put in.
    await offered.locator('[data-clh-tick]').check();
    expect(await sendButton(popup).textContent()).toBe(ru.sendItems!.message.replace('$1', '2'));
    await send(popup);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 2, rejected: 0, failed: 0, skipped: 0 });
    expect(uploaded()).toEqual(expect.arrayContaining([plain, spaced]));
    expect(uploaded().filter((code) => code === order || code === typed)).toEqual([]);
    await putAway(popup);
  });

  it('does not send a new line the user unticked, and says so in the job', async () => {
    const popup = await openPopup(session, tabId);
    const [kept, unticked] = genuineCodes(9711, 2);
    await choose(popup, { text: `${kept}\n${unticked}` }, 2);
    const line = popup.locator(`[data-clh-item="new"][data-clh-key="code:${unticked}"]`);
    expect(await line.locator('[data-clh-tick]').isChecked()).toBe(true);
    await line.locator('[data-clh-tick]').uncheck();
    expect(await sendButton(popup).textContent()).toBe(ru.sendItems!.message.replace('$1', '1'));

    await send(popup);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 1, skipped: 1, failed: 0 });
    const job = await jobLines(popup);
    expect(job.find((item) => item.label === unticked)).toMatchObject({ state: 'skipped', why: ru.notSentUnticked!.message });
    expect(uploaded()).toContain(kept);
    expect(uploaded()).not.toContain(unticked);
    await putAway(popup);
  });

  it('points to a Cyrillic look-alike letter in a code, and puts it right in the pasted text when the user says so', async () => {
    const popup = await openPopup(session, tabId);
    const code = genuineCodes(9731, 1)[0]!;
    // The first Latin letter that has a Cyrillic twin, typed in Cyrillic.
    const at = [...code].findIndex((letter) => 'ACEHKMOPTXY'.includes(letter));
    expect(at).toBeGreaterThanOrEqual(0);
    const twin = 'АСЕНКМОРТХУ'['ACEHKMOPTXY'.indexOf(code[at]!)]!;
    const typed = `${code.slice(0, at)}${twin}${code.slice(at + 1)}`;
    await choose(popup, { text: `Код: ${typed}` }, 1);
    const line = popup.locator('[data-clh-item="unreadable"]');
    expect(await line.locator('mark.look-alike').allTextContents()).toEqual([twin]);
    expect(await line.locator('[data-clh-tick]').isDisabled()).toBe(true);

    const fix = line.locator('[data-clh-fix-look-alike]');
    expect(await fix.textContent()).toBe(ru.fixLookAlike!.message.replace('$1', code));
    await fix.click();
    await expect.poll(() => popup.locator(`[data-clh-item="new"][data-clh-key="code:${code}"]`).count()).toBe(1);
    expect(await popup.inputValue('[data-clh-paste]')).toBe(`Код: ${code}`);
    expect(await popup.locator('[data-clh-item="unreadable"]').count()).toBe(0);
    await popup.close();
  });

  it('reads a dropped .txt of codes as pasted text, each code labelled with the file\'s name', async () => {
    const popup = await openPopup(session, tabId);
    const codes = genuineCodes(9721, 3);
    await dropFilesOfType(popup, [{
      name: 'коды.txt',
      type: 'text/plain',
      text: `Коды активации по счёту № 2417:\r\n${codes[0]}\r\n${codes[1]}; ${codes[2]}\r\n\r\nТел.: +7 (495) 662-98-03\r\n`,
    }]);
    await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(3);
    const lines = await previewLines(popup);
    expect(lines.map((line) => [line.label, line.state])).toEqual(codes.map((code) => [code, 'new']));
    expect(await popup.locator('[data-clh-item][data-clh-source="коды.txt"]').count()).toBe(3);
    expect(lines.map((line) => line.why)).toEqual([2, 3, 3].map((line) => ru.codeFromFile!.message.replace('$1', 'коды.txt').replace('$2', String(line))));

    await send(popup);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 3, skipped: 0, failed: 0 });
    // Sent as codes, one by one: the text file itself never goes to the account.
    const sent = session.demo.stats.uploads.filter((entry) => entry.code !== undefined && codes.includes(entry.code));
    expect(sent.map((entry) => entry.way)).toEqual(['code', 'code', 'code']);
    expect(session.demo.stats.uploads.some((entry) => entry.fileName === 'коды.txt')).toBe(false);
    await putAway(popup);
  });
});

describe('the draft', () => {
  it('keeps what was chosen (text, files, ticks) when the popup closes, until it is sent', async () => {
    const { tabId } = await openAccountTab(session);
    const [first, second] = genuineCodes(9801, 2);
    let popup = await openPopup(session, tabId);
    await dropFiles(popup, [{ name: 'Лицензия 9803.xml', text: xml(9803) }]);
    await choose(popup, { text: `Коды: ${first}, ${second}` }, 3);
    await popup.locator(`[data-clh-key="code:${second}"] [data-clh-tick]`).uncheck();
    const chosen = await previewLines(popup);
    const ticked = () => popup.$$eval('[data-clh-item] [data-clh-tick]', (ticks) => ticks.map((tick) => (tick as HTMLInputElement).checked));
    const ticks = await ticked();
    expect(ticks).toEqual([true, true, false]);
    // Closed as a toolbar popup closes, with a click elsewhere: nothing is said, nothing is sent.
    await popup.waitForTimeout(300);
    await popup.close();

    popup = await openPopup(session, tabId);
    await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(3);
    expect(await previewLines(popup)).toEqual(chosen);
    expect(await ticked()).toEqual(ticks);
    expect(await popup.inputValue('[data-clh-paste]')).toBe(`Коды: ${first}, ${second}`);
    expect(await sendButton(popup).textContent()).toBe(ru.sendItems!.message.replace('$1', '2'));

    // Sent: the draft goes, and the next upload starts empty.
    await send(popup);
    await waitForJob(popup, 'finished');
    await popup.click('[data-clh-new]');
    await popup.waitForSelector('[data-clh-paste]');
    await popup.close();
    popup = await openPopup(session, tabId);
    await popup.waitForTimeout(300);
    expect(await popup.inputValue('[data-clh-paste]')).toBe('');
    expect(await popup.locator('[data-clh-item]').count()).toBe(0);
  });

  it('in the toolbar\'s popup, offers a tab of its own for dropping files, with the same draft in it', async () => {
    await openAccountTab(session);
    const code = genuineCodes(9811, 1)[0]!;
    const toolbar = await popupInItsOwnTab();
    await choose(toolbar, { text: code }, 1);
    const link = toolbar.locator('[data-clh-in-tab] a');
    // The same popup, serving the tab this one serves.
    expect(await link.getAttribute('href')).toMatch(/^chrome-extension:\/\/[a-p]{32}\/popup\.html\?tab=\d+$/);
    const [inTab] = await Promise.all([session.context.waitForEvent('page'), link.click()]);
    await inTab.waitForSelector('[data-clh-paste]');
    await expect.poll(() => inTab.locator('[data-clh-item="new"]').count()).toBe(1);
    expect(await inTab.inputValue('[data-clh-paste]')).toBe(code);
    // In its own tab, it offers no other.
    expect(await inTab.locator('[data-clh-in-tab]').count()).toBe(0);
  });
});

describe('a form on the vendor\'s site that is not the account', () => {
  let own: Session;
  beforeAll(async () => {
    own = await launch();
  });
  afterAll(async () => {
    await own?.close();
  });

  it('is never offered: the popup on a forum topic (its user logged in, a one-field reply form) says to open the account, and sends only there', async () => {
    const forum = await own.context.newPage();
    await forum.goto(own.url('www.cleverence.ru', '/forum/topic/4217'));
    const forumTabId = await own.worker!.evaluate(async () =>
      (await (globalThis as unknown as { chrome: typeof browser }).chrome.tabs.query({ url: 'https://www.cleverence.ru/*' }))[0]!.id!);
    const code = demoCard(9701).code;

    let popup = await openPopup(own, forumTabId);
    await popup.waitForSelector('[data-clh-missing="open-account"]');
    await popup.fill('textarea[data-clh-paste]', code);
    await expect.poll(() => popup.locator('[data-clh-item="new"]').count()).toBe(1);
    expect(await sendButton(popup).isDisabled()).toBe(true);
    // Nor is the forum read as the account.
    expect(await forum.evaluate(() => document.documentElement.dataset.clh ?? null)).toBeNull();
    await popup.close();

    // With the account open beside it, the popup opened on the forum sends to the account.
    const account = await own.context.newPage();
    await logIn(account, own, 'typical');
    popup = await openPopup(own, forumTabId);
    await popup.waitForSelector('[data-clh-account="typical@example.ru"]', { timeout: 15_000 });
    await choose(popup, { text: code }, 1);
    await send(popup);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 1, failed: 0 });
    expect(own.demo.stats.uploads.map((entry) => entry.code)).toEqual([code]);
    expect(own.demo.stats.requests.get('/forum/topic/4217/reply') ?? 0).toBe(0);
  });
});
