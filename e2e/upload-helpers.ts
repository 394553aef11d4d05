/**
 * What the bulk-upload tests do as a user does it (the account tab, the popup
 * opened in a tab of its own, its file picker and paste box) and what they
 * read back: the popup's contract attributes (issue 3, section 3) and the
 * demo server's own log of every upload POST.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { CODE_ALPHABET } from '../demo-site/catalog';
import { demoCard, type LicenseCard } from '../demo-site/cards';
import { type LicenseFileOptions, licenseFileXml } from '../demo-site/license-files';
import { PROCESSED_OUTCOMES, type UploadLogEntry } from '../demo-site/server';
import { accountTabId, inShadowRoots, logIn, type Session } from './harness';

/** The account tab, logged in and on the Лицензии tab, with its id as the extension knows it. */
export async function openAccountTab(session: Session, login = 'typical'): Promise<{ tab: Page; tabId: number }> {
  const tab = await session.context.newPage();
  await logIn(tab, session, login);
  // Logging in lands on Лицензии; the upload needs nothing more of the page.
  if (new URL(tab.url()).pathname !== '/licenses') await tab.goto(session.url('lk.cleverence.ru', '/licenses'));
  return { tab, tabId: await accountTabId(session) };
}

/** An activation code of a card the vendor sold: `count` of them from the n-th on. */
export function genuineCodes(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => demoCard(from + i).code);
}

/** The same code with its check character changed: well formed, and no card has it. */
export function unknownCode(n: number): string {
  const code = demoCard(n).code;
  const last = code.at(-1)!;
  const other = CODE_ALPHABET[(CODE_ALPHABET.indexOf(last) + 1) % CODE_ALPHABET.length]!;
  return code.slice(0, -1) + other;
}

export interface FileToPick {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export function xmlFile(name: string, bytes: Uint8Array | string): FileToPick {
  return { name, mimeType: 'text/xml', buffer: Buffer.from(bytes) };
}

/** The demo's protection file of a card (or of a made-up one, for a code no card has). */
export function licenseFile(name: string, card: LicenseCard, options?: LicenseFileOptions): FileToPick {
  return xmlFile(name, licenseFileXml(card, options));
}

/** Drops files on the popup, as a file manager would. */
export async function dropFiles(popup: Page, files: ReadonlyArray<{ name: string; text: string }>): Promise<void> {
  const transfer = await popup.evaluateHandle((dropped) => {
    const data = new DataTransfer();
    for (const file of dropped) data.items.add(new File([file.text], file.name, { type: 'text/xml' }));
    return data;
  }, files);
  await popup.dispatchEvent('[data-clh-drop]', 'dragover', { dataTransfer: transfer });
  await popup.dispatchEvent('[data-clh-drop]', 'drop', { dataTransfer: transfer });
}

/** Picks files and pastes text in the popup, as the user would, and waits for the preview to show them all. */
export async function choose(popup: Page, what: { files?: FileToPick[]; text?: string }, previewLines: number): Promise<void> {
  if (what.files?.length) await popup.setInputFiles('input[type=file][multiple][data-clh-files]', what.files);
  if (what.text) await popup.fill('textarea[data-clh-paste]', what.text);
  await expect.poll(() => popup.locator('[data-clh-item]').count()).toBe(previewLines);
}

export interface Line {
  key: string;
  label: string;
  /** The preview's verdict or the job's outcome. */
  state: string;
  why: string;
}

/** The preview's lines, in order. */
export function previewLines(popup: Page): Promise<Line[]> {
  return popup.$$eval('[data-clh-item]', (items) => items.map((item) => ({
    key: item.getAttribute('data-clh-key') ?? '',
    label: item.querySelector('.label')?.getAttribute('title') ?? '',
    state: item.getAttribute('data-clh-item') ?? '',
    why: item.querySelector('.why')?.textContent ?? '',
  })));
}

/** The job's lines, in order. */
export function jobLines(popup: Page): Promise<Line[]> {
  return popup.$$eval('[data-clh-outcome]', (items) => items.map((item, index) => ({
    key: String(index),
    label: item.querySelector('.label')?.getAttribute('title') ?? '',
    state: item.getAttribute('data-clh-outcome') ?? '',
    why: item.querySelector('.why')?.textContent ?? '',
  })));
}

/** Sends what the preview shows and waits for the job to appear in its place. */
export async function send(popup: Page): Promise<void> {
  await popup.click('[data-clh-send]');
  await popup.waitForSelector('[data-clh-job]');
}

export type JobCounts = Record<'added' | 'present' | 'rejected' | 'failed' | 'skipped' | 'queued' | 'sending', number>;

export async function jobCounts(popup: Page): Promise<JobCounts> {
  const text = (await popup.getAttribute('[data-clh-job]', 'data-clh-job-counts')) ?? '';
  return Object.fromEntries(text.split(' ').filter(Boolean).map((pair) => {
    const [name, value] = pair.split('=');
    return [name!, Number(value)];
  })) as JobCounts;
}

/** The job's state as the popup shows it now, or null when it shows no job. */
export function jobState(popup: Page): Promise<string | null> {
  return popup.evaluate(() => document.querySelector('[data-clh-job]')?.getAttribute('data-clh-job') ?? null);
}

/** Waits for the job to be in this state (finished, paused, …); a slow job gets its time. */
export async function waitForJob(popup: Page, state: string, timeout = 45_000): Promise<void> {
  await popup.waitForSelector(`[data-clh-job="${state}"]`, { timeout });
}

/** Waits until the popup counts at least this many added. */
export async function waitForAdded(popup: Page, atLeast: number): Promise<void> {
  await popup.waitForFunction((least) => {
    const counts = document.querySelector('[data-clh-job]')?.getAttribute('data-clh-job-counts') ?? '';
    return Number(/added=(\d+)/.exec(counts)?.[1] ?? 0) >= least;
  }, atLeast, { timeout: 30_000 });
}

/** What the in-page indicators in the account tab (`<clh-upload>`, in a closed shadow root) say, one line each. */
export function indicatorTexts(tab: Page): Promise<string[]> {
  return inShadowRoots(tab, 'clh-upload', (roots) =>
    roots.map((root) => [...root.children].filter((child) => child.localName !== 'style').map((child) => child.textContent ?? '').join('')));
}

/** Waits until the in-page indicator in the account tab says this. */
export async function waitForIndicator(tab: Page, says: RegExp, timeout = 30_000): Promise<void> {
  await expect.poll(async () => (await indicatorTexts(tab)).join('\n'), { timeout, interval: 200 }).toMatch(says);
}

/** How often the account really processed each code (a second time is a second submission). */
export function processedPerCode(uploads: readonly UploadLogEntry[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const entry of uploads) {
    if (!PROCESSED_OUTCOMES.has(entry.outcome) || entry.code === undefined) continue;
    times.set(entry.code, (times.get(entry.code) ?? 0) + 1);
  }
  return times;
}

/** Every code processed exactly once, and no other code processed. */
export function expectEachProcessedOnce(uploads: readonly UploadLogEntry[], codes: readonly string[]): void {
  const times = processedPerCode(uploads);
  const twice = [...times].filter(([, count]) => count > 1).map(([code, count]) => `${code}×${count}`);
  expect(twice, 'codes the account processed more than once').toEqual([]);
  expect([...times.keys()].sort()).toEqual(codes.map((code) => code.toUpperCase()).sort());
}

/** Drops files of any kind on the popup (a `.txt` of codes, a photo), as a file manager would. */
export async function dropFilesOfType(popup: Page, files: ReadonlyArray<{ name: string; text: string; type: string }>): Promise<void> {
  const transfer = await popup.evaluateHandle((dropped) => {
    const data = new DataTransfer();
    for (const file of dropped) data.items.add(new File([file.text], file.name, { type: file.type }));
    return data;
  }, files);
  await popup.dispatchEvent('[data-clh-drop]', 'dragover', { dataTransfer: transfer });
  await popup.dispatchEvent('[data-clh-drop]', 'drop', { dataTransfer: transfer });
}

/**
 * A genuine code, from the n-th card on, that reads as one when typed with spaces for its dashes: at least
 * two of its groups hold a digit (utils/upload/pasted-codes.ts, `believable`), as most of the demo's do.
 */
export function codeTypedWithSpaces(from: number): { code: string; typed: string } {
  for (let n = from; ; n++) {
    const { code } = demoCard(n);
    if (code.split('-').filter((group) => /\d/.test(group)).length >= 2 && /[G-Z]/.test(code)) return { code, typed: code.replaceAll('-', ' ') };
  }
}
