/**
 * Bulk upload (issue 3, section 4 "Proof"), in Chromium with the production
 * build against the demo account: what the user sees in the popup and in the
 * account tab, and what the demo server counted. "Processed twice" is judged
 * on the server's own log (`stats.uploads`, PROCESSED_OUTCOMES), never on
 * what the extension says about itself.
 *
 * Each test gets its own Chromium and demo server (about 1.5 s): a fresh
 * account and no job left running from the test before, which would
 * otherwise keep posting into the next one's counts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCard } from '../demo-site/cards';
import { licenseFileXml } from '../demo-site/license-files';
import { answerText } from '../demo-site/account/uploads';
import { WORDS } from '../demo-site/account/words';
import { PROCESSED_OUTCOMES } from '../demo-site/server';
import { launch, localeMessages, logIn, openPopup, type Session } from './harness';
import { seeded } from './rows';
import {
  choose, dropFiles, expectEachProcessedOnce, genuineCodes, jobCounts, jobLines, jobState, licenseFile, openAccountTab,
  previewLines, processedPerCode, send, unknownCode, waitForAdded, waitForIndicator, waitForJob, xmlFile, type FileToPick,
} from './upload-helpers';

let session: Session;
let tab: Page;
let tabId: number;

beforeEach(async () => {
  session = await launch();
  ({ tab, tabId } = await openAccountTab(session));
});
afterEach(async () => {
  await session?.close();
});

const ru = WORDS.ru;
const uploads = () => session.demo.stats.uploads;
const processed = () => uploads().filter((entry) => PROCESSED_OUTCOMES.has(entry.outcome));
/** Upload POSTs that reached the server, answered or not yet (the request counter runs before the handler). */
const codePostsArrived = () => session.demo.stats.requests.get('/licenses/upload/code') ?? 0;
const sorted = (values: Iterable<string>) => [...values].sort();

/** One code per line: the simplest paste there is, for the tests about faults. */
async function startWithCodes(codes: readonly string[]): Promise<Page> {
  const popup = await openPopup(session, tabId);
  await choose(popup, { text: codes.join('\n') }, codes.length);
  await send(popup);
  return popup;
}

describe('50 pasted codes and 20 files, 5 of them bad', () => {
  // Pasted the way people paste: a mail with quotes, a comma list, a spreadsheet column, a signature.
  const codes = genuineCodes(1000, 50);
  const hasDigit = (code: string) => /\d/.test(code);
  // What a mail client or a word processor does to a code; the account must get the code itself.
  const typed = codes.map((code) => code);
  const variants: Record<number, (code: string) => string> = {
    2: (code) => code.toLowerCase(),
    5: (code) => code.replaceAll('-', '\u2013'), // en dash
    9: (code) => code.replaceAll('-', '-\u200B'), // zero-width space after each dash
    21: (code) => `\u00A0${code.replaceAll('-', '\u2011')}\u00A0`, // no-break spaces and hyphens
    37: (code) => code.toLowerCase(),
  };
  for (const [index, change] of Object.entries(variants)) typed[Number(index)] = change(codes[Number(index)]!);
  /** What the popup shows for a pasted code: invisible characters and dashes normalised, the case kept. */
  const shown = codes.map((code, index) => (index === 2 || index === 37 ? code.toLowerCase() : code));
  const duplicateTyped = codes[0]!.toLowerCase();

  const pasted = [
    'Добрый день!',
    '',
    'Высылаю коды активации по счёту № 2417 от 12.05.2025:',
    ...typed.slice(0, 20).map((code) => `> ${code}`),
    '',
    ...[20, 25, 30].map((start) => typed.slice(start, start + 5).join(', ')),
    '',
    ...typed.slice(35).map((code, row) => `${row + 1}\t${code}\tMobile SMARTS: Склад 15`),
    '',
    `И ещё раз первый, на всякий случай: ${duplicateTyped}`,
    '--',
    'С уважением,',
    'Иван Петров',
    '+7 (495) 662-98-03',
  ].join('\n');

  const goodCards = Array.from({ length: 15 }, (_, i) => demoCard(2000 + i));
  const encodings = [{}, { encoding: 'windows-1251' }, { encoding: 'utf-16' }, { encoding: 'utf-16be' }, { bom: true }] as const;
  const goodFiles = goodCards.map((card, i) => licenseFile(`license-${2000 + i}.xml`, card, encodings[i % encodings.length]));
  const unknown = { code: unknownCode(2100), product: 'Mobile SMARTS: Магазин 15', kind: 'main' as const };
  const malformed = { code: 'A1B2C-D3E4F-G5H6J-K7L8M', product: 'Mobile SMARTS: Магазин 15', kind: 'main' as const };
  const unreadable: FileToPick[] = [
    xmlFile('readme.xml', 'Это не XML, а письмо: коды во вложении.\r\n'),
    xmlFile('bomb.xml', [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>',
      '<LicenseCard><ActivationCode>&lol3;</ActivationCode></LicenseCard>',
    ].join('\r\n')),
    xmlFile('no-code.xml', [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<LicenseCard xmlns="urn:cleverence:license-card:1" version="1">',
      '  <Product>Mobile SMARTS: Склад 15</Product>',
      '  <Kind>main</Kind>',
      '</LicenseCard>',
    ].join('\r\n')),
  ];
  const refused = [licenseFile('unknown-code.xml', unknown), licenseFile('malformed-code.xml', malformed)];
  // Bad files among the good ones, as a folder of a partner's would have them.
  const files = [...goodFiles.slice(0, 4), unreadable[0]!, ...goodFiles.slice(4, 8), refused[0]!, unreadable[1]!,
    ...goodFiles.slice(8, 12), refused[1]!, ...goodFiles.slice(12), unreadable[2]!];
  const unreadableNames = unreadable.map((file) => file.name);

  it('previews each item rightly, adds exactly the good ones once, reports the refused with the site’s words', async () => {
    expect([2, 37].every((index) => hasDigit(codes[index]!))).toBe(true); // a lowercase code needs a digit to be one
    expect(files).toHaveLength(20);
    const popup = await openPopup(session, tabId);
    await choose(popup, { files, text: pasted }, 20 + 50 + 1);

    // The preview: files first, in the order picked, then the codes in the text's order.
    const preview = await previewLines(popup);
    expect(preview.filter((line) => line.state === 'new').map((line) => line.label))
      .toEqual([...files.filter((file) => !unreadableNames.includes(file.name)).map((file) => file.name), ...shown]);
    expect(preview.filter((line) => line.state === 'duplicate').map((line) => line.label)).toEqual([duplicateTyped]);
    expect(preview.filter((line) => line.state === 'present')).toEqual([]);
    const notRead = preview.filter((line) => line.state === 'unreadable');
    expect(notRead.map((line) => line.label)).toEqual(unreadableNames);
    // Each says why, in words a user can act on.
    expect(notRead[0]!.why).toMatch(/XML/);
    expect(notRead[1]!.why).toMatch(/DOCTYPE/);
    expect(notRead[2]!.why).toMatch(/код[а-я]* активации/i);
    expect(await popup.locator('[data-clh-send]').textContent()).toContain('67');

    await send(popup);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toEqual({ added: 65, present: 0, rejected: 2, failed: 0, skipped: 4, queued: 0, sending: 0 });
    // Progress counts what was sent, not the items skipped before sending.
    expect(await popup.textContent('[data-clh-job] [role="status"]')).toBe(localeMessages('ru').jobFinished!.message.replace('$1', '67').replace('$2', '67'));

    const lines = await jobLines(popup);
    // What needs the user's eye comes first: the two refusals head the list.
    expect(lines.slice(0, 2).map((line) => line.state)).toEqual(['rejected', 'rejected']);
    const labelsOf = (outcome: string) => lines.filter((line) => line.state === outcome).map((line) => line.label);
    expect(sorted(labelsOf('added'))).toEqual(sorted([...goodFiles.map((file) => file.name), ...shown]));
    expect(sorted(labelsOf('skipped'))).toEqual(sorted([...unreadableNames, duplicateTyped]));
    // The site's own words: for the added, and for each refusal.
    expect(lines.filter((line) => line.state === 'added').every((line) => line.why.includes('добавлена в личный кабинет'))).toBe(true);
    const rejected = lines.filter((line) => line.state === 'rejected');
    expect(rejected.map(({ label, why }) => ({ label, why }))).toEqual([
      { label: 'unknown-code.xml', why: answerText({ verdict: 'unknown', code: unknown.code, fileName: 'unknown-code.xml' }, ru) },
      { label: 'malformed-code.xml', why: answerText({ verdict: 'malformed', code: malformed.code, fileName: 'malformed-code.xml' }, ru) },
    ]);

    // The server: every good code processed once (the duplicate too, once), the refused once, the unreadable never.
    const goodCodes = [...codes, ...goodCards.map((card) => card.code)];
    expectEachProcessedOnce(uploads(), [...goodCodes, unknown.code, malformed.code]);
    expect(uploads()).toHaveLength(67);
    expect(uploads().filter((entry) => entry.outcome === 'added')).toHaveLength(65);
    expect(uploads().filter((entry) => entry.fileName !== undefined && unreadableNames.includes(entry.fileName))).toEqual([]);
    // Files went as files, with their own bytes: the account read each one's code, whatever its encoding.
    for (const [i, file] of goodFiles.entries()) {
      expect(uploads().filter((entry) => entry.fileName === file.name).map(({ way, code, outcome }) => ({ way, code, outcome })))
        .toEqual([{ way: 'file', code: goodCards[i]!.code, outcome: 'added' }]);
    }
    expect(uploads().filter((entry) => entry.way === 'code')).toHaveLength(50);

    // The report: one line per item, with its outcome and message.
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('[data-clh-report]')]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const rows = csv.trim().split(/\r\n/);
    expect(rows[0]).toBe('Что;Код активации;Итог;Сообщение');
    expect(rows).toHaveLength(1 + 71);
    const row = (label: string) => rows.find((line) => line.startsWith(`${label};`)) ?? '';
    expect(row('unknown-code.xml')).toContain(`;${unknown.code};отклонена;`);
    expect(row('unknown-code.xml')).toContain('не найден');
    expect(row('bomb.xml')).toContain('пропущена');
    expect(row('bomb.xml')).toContain('DOCTYPE');
    expect(row(shown[2]!)).toContain('добавлена');
  });
});

describe('a license already in the account', () => {
  it('is neither added nor refused: «уже в кабинете», counted apart, after the refusals, with the site\'s words', async () => {
    const already = seeded('typical').licenses[0]!.activationCode;
    const [good] = genuineCodes(8200, 1);
    const unknown = unknownCode(8201);
    const popup = await startWithCodes([good!, already, unknown]);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 1, present: 1, rejected: 1, failed: 0 });
    const messages = localeMessages('ru');
    expect(await popup.textContent('[data-clh-job] .summary')).toBe(messages.jobCounts!.message
      .replace('$1', '1').replace('$2', '1').replace('$3', '1').replace('$4', '0').replace('$5', '0'));
    const lines = await popup.locator('[data-clh-outcome]').evaluateAll((items) => items.map((item) => ({
      label: item.querySelector('.label')?.getAttribute('title'),
      present: item.hasAttribute('data-clh-present'),
      verdict: item.querySelector('.verdict')?.textContent,
      why: item.querySelector('.why')?.textContent ?? '',
      colour: getComputedStyle(item.querySelector('.verdict')!).color,
    })));
    // The refusal first; the license already there says so in neutral grey, with the site's own words.
    expect(lines.map((line) => line.label)).toEqual([unknown, good, already]);
    expect(lines[2]).toMatchObject({ present: true, verdict: messages.outcomePresent!.message });
    expect(lines[2]!.why).toContain(already);
    // Grey, as skipped lines are; the refusal in red.
    expect(lines[2]!.colour).toBe('rgb(87, 96, 106)');
    expect(lines[0]!.colour).toBe('rgb(198, 40, 40)');
  });
});

describe('the ways in', () => {
  it('takes a folder: its license files, not the other files in it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'Licenses-'));
    try {
      const cards = [demoCard(8000), demoCard(8001)];
      writeFileSync(join(folder, 'a.xml'), licenseFileXml(cards[0]!));
      mkdirSync(join(folder, 'old'));
      writeFileSync(join(folder, 'old', 'B.XML'), licenseFileXml(cards[1]!, { encoding: 'windows-1251' }));
      writeFileSync(join(folder, 'readme.txt'), 'Лицензии «Клеверенс»');
      const popup = await openPopup(session, tabId);
      await popup.setInputFiles('input[type=file][data-clh-folder]', folder);
      await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(2);
      const preview = await previewLines(popup);
      expect(preview.map((line) => line.state)).toEqual(['new', 'new']);
      expect(sorted(preview.map((line) => line.label.split('/').pop()!))).toEqual(['B.XML', 'a.xml']);
      expect(await popup.textContent('.composer')).toMatch(/не \.xml[^:]*: 1/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('takes files dropped on it', async () => {
    const popup = await openPopup(session, tabId);
    const dropped = [demoCard(8100), demoCard(8101)].map((card, n) => ({ name: `dropped-${n}.xml`, text: new TextDecoder().decode(licenseFileXml(card)) }));
    await dropFiles(popup, dropped);
    await expect.poll(() => popup.locator('[data-clh-item="new"]').count()).toBe(2);
    expect((await previewLines(popup)).map((line) => line.label)).toEqual(['dropped-0.xml', 'dropped-1.xml']);
  });
});

describe('a job that outlives what is around it', () => {
  it('finishes with the popup closed mid-job, and the popup shows it finished when opened again', async () => {
    // Slow enough (two requests out at once) to be far from done when the popup closes.
    const codes = genuineCodes(3000, 20);
    session.demo.setFaults({ delayMs: 200 });
    const popup = await startWithCodes(codes);
    await waitForAdded(popup, 3);
    await popup.close();
    const addedWhenClosed = processed().length;
    expect(addedWhenClosed).toBeLessThan(codes.length);

    // The account tab's indicator is what the user sees meanwhile.
    await waitForIndicator(tab, new RegExp(`завершена: ${codes.length} из ${codes.length}`));
    expect(processed().length).toBe(codes.length);

    const again = await openPopup(session, tabId);
    await expect.poll(() => jobState(again), { timeout: 5_000, message: 'the popup opened again shows the job, finished' }).toBe('finished');
    expect(await jobCounts(again)).toMatchObject({ added: codes.length, rejected: 0, failed: 0, queued: 0, sending: 0 });
    expectEachProcessedOnce(uploads(), codes);
  });

  it('resumes after the account tab is reloaded with a request out, and sends nothing twice', async () => {
    const codes = genuineCodes(4000, 12);
    session.demo.setFaults({ delayMs: 400 });
    const popup = await startWithCodes(codes);
    await waitForAdded(popup, 5);
    // Reload while a POST is at the server and its answer not back. The demo holds the POSTs from here on 900 ms, and
    // the reload waits for one of them with every earlier one answered: the reload is done before that answer (400 ms
    // was too close on a busy machine), so the tab cannot see it. Not longer than the 1 s the job gives a request cut
    // off by a reload to finish on the server (LOST_SETTLE_MS) before it looks in the list.
    session.demo.setFaults({ delayMs: 900 });
    const arrivedHeldShort = codePostsArrived();
    await expect.poll(() => uploads().length >= arrivedHeldShort && codePostsArrived() > uploads().length, { interval: 5, timeout: 10_000 }).toBe(true);
    // The POSTs at the server (one or two: the job keeps two out) are those arrived and not yet answered.
    const answeredBefore = uploads().length;
    const arrivedBefore = codePostsArrived();
    await tab.reload();
    session.demo.setFaults({ delayMs: 400 });

    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: codes.length, rejected: 0, failed: 0, queued: 0, sending: 0 });
    // Their answers never reached the tab: the popup says they were looked up, not sent again.
    const inFlight = uploads().filter((entry) => entry.post > answeredBefore && entry.post <= arrivedBefore).map((entry) => entry.code);
    expect(inFlight.length).toBeGreaterThanOrEqual(1);
    const lines = await jobLines(popup);
    for (const code of inFlight) {
      expect(lines.find((line) => line.label === code)).toMatchObject({ state: 'added', why: expect.stringContaining('нашлась в списке') });
    }
    expectEachProcessedOnce(uploads(), codes);
    // The reloaded tab shows the job's progress again.
    await waitForIndicator(tab, new RegExp(`завершена: ${codes.length} из ${codes.length}`), 5_000);
  });
  it('carries on after the service worker is stopped mid-job, sending nothing twice', async () => {
    const codes = genuineCodes(4500, 20);
    session.demo.setFaults({ delayMs: 300 });
    const popup = await startWithCodes(codes);
    await waitForAdded(popup, 3);
    await popup.close();
    // Chromium stops an extension's service worker as it pleases (idle, an update); here by hand.
    const internals = await session.context.newPage();
    await internals.goto('chrome://serviceworker-internals/');
    await internals.getByText('Stop', { exact: true }).first().click();
    await expect.poll(() => internals.evaluate(() => /Running Status: STOPPED/.test(document.body.innerText)), { timeout: 5_000 }).toBe(true);
    const processedWhenStopped = processed().length;
    await internals.close();

    // Opening the popup wakes the worker, which takes the job up where IndexedDB says it was.
    const again = await openPopup(session, tabId);
    await waitForJob(again, 'finished');
    expect(processedWhenStopped).toBeLessThan(codes.length);
    expect(await jobCounts(again)).toMatchObject({ added: codes.length, rejected: 0, failed: 0, queued: 0, sending: 0 });
    expectEachProcessedOnce(uploads(), codes);
  });
});

describe('what the user does meanwhile', () => {
  it('pauses when the tab shows another account, and goes on once it shows the job\'s account again', async () => {
    // Slow enough that the job is far from done when the other account's log-in lands.
    const codes = genuineCodes(6000, 24);
    session.demo.setFaults({ delayMs: 300 });
    const popup = await startWithCodes(codes);
    await waitForAdded(popup, 2);
    // Another account logged in in the same tab (the same browser session): nothing may go to it.
    await logIn(tab, session, 'article');
    await waitForJob(popup, 'paused');
    expect(await popup.textContent('[data-clh-job] [role="status"]')).toMatch(/другой кабинет/);
    const sentToJobAccount = uploads().length;
    expect(uploads().every((entry) => entry.login === 'typical')).toBe(true);

    await logIn(tab, session, 'typical');
    await waitForJob(popup, 'finished');
    expect(uploads().every((entry) => entry.login === 'typical')).toBe(true);
    expect(uploads().length).toBeGreaterThan(sentToJobAccount);
    expect(await jobCounts(popup)).toMatchObject({ added: codes.length, failed: 0, queued: 0, sending: 0 });
    expectEachProcessedOnce(uploads(), codes);
  });

  it('names the item that went to another account when a log-in elsewhere lands between the form and its POST', async () => {
    const codes = genuineCodes(6500, 8);
    // The first form page served also logs this browser in to «article», as a log-in in another tab would.
    session.demo.setFaults({ logInElsewhereAs: 'article', delayMs: 100 });
    const popup = await startWithCodes(codes);
    await waitForJob(popup, 'paused');
    const article = seeded('article').email;
    expect(await popup.textContent('[data-clh-job] [role="status"]')).toContain(`другой кабинет (${article})`);
    // The other lane's item may still be out when the first answer pauses the job: its answer is awaited.
    await expect.poll(async () => (await jobCounts(popup)).sending, { timeout: 5_000 }).toBe(0);
    // What reached «article» is failed and says where it went; nothing went there after the job saw it.
    const wentElsewhere = uploads().filter((entry) => entry.login === 'article').map((entry) => entry.code!);
    expect(wentElsewhere.length).toBeGreaterThanOrEqual(1);
    expect(wentElsewhere.length).toBeLessThanOrEqual(2);
    const lines = await jobLines(popup);
    for (const code of wentElsewhere) {
      expect(lines.find((line) => line.label === code)).toMatchObject({ state: 'failed', why: expect.stringContaining(`Ушла в другой кабинет (${article})`) });
    }

    // Back in the job's account, the rest goes there; a retry sends the failed ones there too.
    await logIn(tab, session, 'typical');
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: codes.length - wentElsewhere.length, failed: wentElsewhere.length });
    await popup.click('[data-clh-control="retry-failed"]');
    await expect.poll(async () => (await jobCounts(popup)).added, { timeout: 15_000 }).toBe(codes.length);
    expect(uploads().filter((entry) => entry.login === 'article').map((entry) => entry.code)).toEqual(wentElsewhere);
    expectEachProcessedOnce(uploads().filter((entry) => entry.login === 'typical'), codes);
  });

  it('pause stops sending, resume goes on, cancel skips the rest', async () => {
    const codes = genuineCodes(7000, 20);
    session.demo.setFaults({ delayMs: 200 });
    const popup = await startWithCodes(codes);
    await waitForAdded(popup, 2);
    await popup.click('[data-clh-control="pause"]');
    await waitForJob(popup, 'paused');
    expect(await popup.textContent('[data-clh-job] [role="status"]')).toMatch(/Пауза/);
    // What was out when the pause came is answered; then nothing more goes.
    await expect.poll(async () => (await jobCounts(popup)).sending, { timeout: 5_000 }).toBe(0);
    const atPause = codePostsArrived();
    await new Promise((done) => setTimeout(done, 600));
    expect(codePostsArrived()).toBe(atPause);

    await popup.click('[data-clh-control="resume"]');
    await expect.poll(() => codePostsArrived(), { timeout: 10_000 }).toBeGreaterThan(atPause + 1);
    await popup.click('[data-clh-control="cancel"]');
    await waitForJob(popup, 'cancelled');
    // Nothing goes after the cancel; what was out is answered and recorded.
    const atCancel = codePostsArrived();
    await expect.poll(() => processed().length, { timeout: 5_000 }).toBe(atCancel);
    await new Promise((done) => setTimeout(done, 600));
    expect(codePostsArrived()).toBe(atCancel);
    await expect.poll(async () => (await jobCounts(popup)).added, { timeout: 5_000 }).toBe(atCancel);
    const counts = await jobCounts(popup);
    expect(counts).toMatchObject({ queued: 0, sending: 0, failed: 0, skipped: codes.length - atCancel });
    expect(Math.max(...processedPerCode(uploads()).values())).toBe(1);
  });
});

describe('an account that misbehaves', () => {
  it('pauses when the session expires, sends nothing logged out, and resumes by itself after a log-in in the same tab', async () => {
    const codes = genuineCodes(5000, 20);
    session.demo.setFaults({ expireSessionAfter: 10 });
    const popup = await startWithCodes(codes);

    await waitForJob(popup, 'paused');
    expect(await popup.textContent('[data-clh-job] [role="status"]')).toMatch(/Сеанс истёк/);
    await waitForIndicator(tab, /Сеанс истёк/, 5_000);
    expect(processed()).toHaveLength(10);
    expect(uploads().at(-1)?.outcome).toBe('session-expired');
    const loggedOut = uploads().length;

    // The user logs in again in the same tab, through the account's own form.
    await tab.goto(session.url('lk.cleverence.ru', '/login'));
    // The log-in page loading may wake the job for a look; it finds no account and waits on.
    await waitForJob(popup, 'paused');
    expect(uploads()).toHaveLength(loggedOut);
    await tab.fill('input[name="login"]', 'typical');
    await tab.fill('input[type="password"]', 'demo');
    await Promise.all([tab.waitForURL((url) => !url.pathname.startsWith('/login')), tab.click('button[type="submit"], input[type="submit"]')]);

    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 20, rejected: 0, failed: 0, queued: 0, sending: 0 });
    expectEachProcessedOnce(uploads(), codes);
    expect(uploads().filter((entry) => entry.outcome === 'session-expired')).toHaveLength(1);
  });

  it('adds every good item in the end when every 7th request fails with HTTP 500, none twice', async () => {
    const codes = genuineCodes(6000, 20);
    session.demo.setFaults({ status500Every: 7 });
    const popup = await startWithCodes(codes);

    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 20, rejected: 0, failed: 0, queued: 0, sending: 0 });
    expect(uploads().filter((entry) => entry.outcome === 'fault-500').length).toBeGreaterThanOrEqual(2);
    expectEachProcessedOnce(uploads(), codes);
  });

  it('marks failed what keeps failing, and «Повторить неудавшиеся» sends it again once the server is well', async () => {
    const codes = genuineCodes(9500, 2);
    // Every upload answered 500: each try is looked up in the list (absent), then tried again after 1, 2, 4 s.
    session.demo.setFaults({ status500Every: 1 });
    const popup = await startWithCodes(codes);
    await waitForJob(popup, 'finished', 30_000);
    expect(await jobCounts(popup)).toMatchObject({ added: 0, failed: 2, queued: 0, sending: 0 });
    expect(uploads().filter((entry) => entry.outcome === 'fault-500')).toHaveLength(8);
    expect(processed()).toHaveLength(0);

    session.demo.setFaults({});
    await popup.click('[data-clh-control="retry-failed"]');
    // The job was finished before the click too: what tells the retry is done is the count.
    await expect.poll(async () => (await jobCounts(popup)).added, { timeout: 15_000 }).toBe(2);
    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 2, failed: 0, queued: 0, sending: 0 });
    expectEachProcessedOnce(uploads(), codes);
  });

  it('finds in the list every item whose answer was dropped after it was added, and sends none again', async () => {
    const codes = genuineCodes(7000, 20);
    session.demo.setFaults({ dropEvery: 5 });
    const popup = await startWithCodes(codes);

    await waitForJob(popup, 'finished');
    expect(await jobCounts(popup)).toMatchObject({ added: 20, rejected: 0, failed: 0, queued: 0, sending: 0 });
    const dropped = uploads().filter((entry) => entry.outcome === 'dropped-after-adding').map((entry) => entry.code!);
    expect(dropped).toHaveLength(4);
    // The popup says how it knows: the answer was lost, the license found in the list.
    const lines = await jobLines(popup);
    const foundInList = lines.filter((line) => line.why.includes('нашлась в списке')).map((line) => line.label);
    expect(sorted(foundInList)).toEqual(sorted(dropped));
    expectEachProcessedOnce(uploads(), codes);
  });
});
