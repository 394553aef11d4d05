/**
 * A bulk upload under everything that happens to one on a bad day, in
 * Chromium with the production build: the demo account answers slowly and
 * badly (its `chaosSeed` fault: 500s, 429s, connections dropped before and
 * after the license was added, very slow answers), and meanwhile the account
 * tab reloads, the service worker is stopped, the popup is closed and opened
 * again, the tab is closed and the job resumed in a new one. Every choice is
 * drawn from one seed, so a run that fails can be run again.
 *
 * What a run must end with is judged on the demo server's own log, not on
 * what the extension says of itself: no license processed twice, every good
 * one added once; and then on the popup: every item in its right state.
 *
 * Used by e2e/busy-day.test.ts (a small run, in `npm test`) and
 * scripts/chaos.ts (`npm run chaos`: ten runs of 200 items, with figures).
 * No vitest here: the script runs it outside the test runner.
 */
import type { Page } from 'playwright-core';
import { CODE_ALPHABET } from '../demo-site/catalog';
import { demoCard } from '../demo-site/cards';
import { licenseFileXml } from '../demo-site/license-files';
import { mulberry32, type Random } from '../demo-site/random';
import { PROCESSED_OUTCOMES } from '../demo-site/server';
import { accountTabId, logIn, openPopup, stopWorker, type Session } from './harness';

export interface ChaosOptions {
  seed: number;
  /** Codes the vendor issued, codes nobody did (refused), and license files (good). */
  goodCodes: number;
  badCodes: number;
  files: number;
  /** The demo's answers take a random time up to this (a few are four times slower still). */
  delayMs: number;
  /** Time between two disruptions, drawn between these. */
  disruptEveryMs: [number, number];
  /** Give up after this long: a job that never ends is a failure too. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  seed: number;
  items: number;
  elapsedMs: number;
  /** What happened to the job meanwhile, in order. */
  disruptions: string[];
  /** The job's counts as the popup shows them at the end. */
  counts: Record<string, number>;
  /** Upload POSTs the server received, and of them those it processed (added, refused, present). */
  received: number;
  processed: number;
  /** Codes the server processed more than once: a good one here is a license sent twice. */
  goodProcessedTwice: string[];
  /** A refused code processed again (its answer was lost, and a list cannot show a refused code): allowed, counted. */
  badProcessedAgain: number;
  /** Good items not added exactly once on the server. */
  goodNotAddedOnce: string[];
  /** Items whose line in the popup is not what the server did (good → added, bad → rejected). */
  wrongLines: string[];
  finished: boolean;
}

type Disruption = 'reload-tab' | 'stop-worker' | 'reopen-popup' | 'close-tab' | 'none';
const DISRUPTIONS: ReadonlyArray<[Disruption, number]> = [['reload-tab', 3], ['stop-worker', 2], ['reopen-popup', 2], ['close-tab', 1], ['none', 1]];

function pick(random: Random): Disruption {
  const total = DISRUPTIONS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [kind, weight] of DISRUPTIONS) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'none';
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The job's state and counts as the popup shows them, or undefined while it shows none. */
async function jobOf(popup: Page): Promise<{ state: string; pause: string; counts: Record<string, number> } | undefined> {
  return popup.evaluate(() => {
    const job = document.querySelector('[data-clh-job]');
    if (!job) return undefined;
    const counts = Object.fromEntries((job.getAttribute('data-clh-job-counts') ?? '').split(' ').filter(Boolean).map((pair) => {
      const [name, value] = pair.split('=');
      return [name!, Number(value)];
    }));
    return { state: job.getAttribute('data-clh-job') ?? '', pause: job.querySelector('[role="status"]')?.textContent ?? '', counts };
  }).catch(() => undefined);
}

export async function chaosRun(session: Session, options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const random = mulberry32(options.seed);
  // Each run its own cards, so that runs in one demo never meet.
  const base = 10_000 + (options.seed % 1000) * 400;
  const good = Array.from({ length: options.goodCodes }, (_, n) => demoCard(base + n).code);
  // A card's code with its check character changed: well formed, and no card has it.
  const bad = Array.from({ length: options.badCodes }, (_, n) => {
    const code = demoCard(base + 300 + n).code;
    return code.slice(0, -1) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(code.at(-1)!) + 1) % CODE_ALPHABET.length]!;
  });
  const files = Array.from({ length: options.files }, (_, n) => ({ name: `Лицензия ${n + 1}.xml`, card: demoCard(base + 200 + n) }));
  const codes = random.shuffled([...good, ...bad]);
  const items = codes.length + files.length;

  let tab = await session.context.newPage();
  await logIn(tab, session, 'typical');
  await tab.goto(session.url('lk.cleverence.ru', '/licenses'));
  let tabId = await accountTabId(session);
  session.demo.setFaults({ chaosSeed: options.seed, delayMs: options.delayMs });

  let popup = await openPopup(session, tabId);
  await popup.fill('textarea[data-clh-paste]', codes.join('\n'));
  if (files.length > 0) {
    await popup.setInputFiles('input[type=file][multiple][data-clh-files]', files.map(({ name, card }) => ({
      name, mimeType: 'text/xml', buffer: Buffer.from(licenseFileXml(card)),
    })));
  }
  // A long preview shows its new lines as a count: every item is new here.
  await popup.waitForFunction((count) => new RegExp(`new=${count}\\b`).test(document.querySelector('[data-clh-preview-counts]')?.getAttribute('data-clh-preview-counts') ?? ''),
    items, { timeout: 30_000 });
  await popup.click('[data-clh-send]');
  await popup.waitForSelector('[data-clh-job]');
  const started = Date.now();
  log(`seed ${options.seed}: ${items} items sent (${good.length} good codes, ${bad.length} unknown, ${files.length} files)`);

  const disruptions: string[] = [];
  const [least, most] = options.disruptEveryMs;
  let nextDisruption = Date.now() + random.int(least, most);
  let job: Awaited<ReturnType<typeof jobOf>>;
  while (Date.now() - started < options.timeoutMs) {
    job = await jobOf(popup);
    if (!job) {
      popup = await openPopup(session, tabId);
      continue;
    }
    if (job.state === 'finished') break;
    if (job.state === 'paused') {
      // What a person does at a pause: the tab was closed, so the account is opened again and the job resumed there.
      if (/вкладк|tab/i.test(job.pause)) {
        tab = await session.context.newPage();
        await tab.goto(session.url('lk.cleverence.ru', '/licenses'));
        tabId = await accountTabId(session);
        await popup.close();
        popup = await openPopup(session, tabId);
      }
      disruptions.push(`resumed after: ${job.pause.slice(0, 60)}`);
      await popup.click('[data-clh-control="resume"]').catch(() => undefined);
      await sleep(500);
      continue;
    }
    if (Date.now() >= nextDisruption) {
      const kind = pick(random);
      disruptions.push(kind);
      log(`  +${Math.round((Date.now() - started) / 1000)} s ${kind} (${JSON.stringify(job.counts)})`);
      if (kind === 'reload-tab') await tab.reload().catch(() => undefined);
      if (kind === 'stop-worker') {
        await popup.close();
        await stopWorker(session);
        // The user looks again a moment later; opening the popup wakes the worker.
        await sleep(random.int(500, 4_000));
        popup = await openPopup(session, tabId);
      }
      if (kind === 'reopen-popup') {
        await popup.close();
        await sleep(random.int(200, 2_000));
        popup = await openPopup(session, tabId);
      }
      if (kind === 'close-tab') await tab.close();
      nextDisruption = Date.now() + random.int(least, most);
    }
    await sleep(300);
  }
  const elapsedMs = Date.now() - started;
  job = await jobOf(popup);
  const lines = await popup.$$eval('[data-clh-outcome]', (each) => each.map((line) => ({
    label: line.querySelector('.label')?.getAttribute('title') ?? '',
    state: line.getAttribute('data-clh-outcome') ?? '',
    why: line.querySelector('.why')?.textContent ?? '',
  })));

  const uploads = session.demo.stats.uploads.filter((entry) => entry.login === 'typical');
  const processedTimes = new Map<string, number>();
  const addedTimes = new Map<string, number>();
  for (const entry of uploads) {
    if (entry.code === undefined || !PROCESSED_OUTCOMES.has(entry.outcome)) continue;
    processedTimes.set(entry.code, (processedTimes.get(entry.code) ?? 0) + 1);
    if (entry.outcome === 'added' || entry.outcome === 'dropped-after-adding') addedTimes.set(entry.code, (addedTimes.get(entry.code) ?? 0) + 1);
  }
  const goodAll = [...good, ...files.map(({ card }) => card.code)];
  const badSet = new Set(bad);
  const expected = new Map<string, string>([...good.map((code) => [code, 'added'] as const), ...bad.map((code) => [code, 'rejected'] as const),
    ...files.map(({ name }) => [name, 'added'] as const)]);
  return {
    seed: options.seed,
    items,
    elapsedMs,
    disruptions,
    counts: job?.counts ?? {},
    received: uploads.length,
    processed: [...processedTimes.values()].reduce((sum, n) => sum + n, 0),
    goodProcessedTwice: [...processedTimes].filter(([code, n]) => n > 1 && !badSet.has(code)).map(([code, n]) => `${code}×${n}`),
    badProcessedAgain: [...processedTimes].filter(([code, n]) => n > 1 && badSet.has(code)).length,
    goodNotAddedOnce: goodAll.filter((code) => addedTimes.get(code) !== 1),
    wrongLines: lines.filter((line) => expected.get(line.label) !== line.state).map((line) => `${line.label}: ${line.state} (${line.why})`),
    finished: job?.state === 'finished',
  };
}

/** One line of figures for a run. */
export function describeRun(result: ChaosResult): string {
  const { counts } = result;
  return `seed ${result.seed}: ${result.finished ? 'finished' : 'NOT finished'} in ${Math.round(result.elapsedMs / 1000)} s; `
    + `added=${counts.added ?? 0} rejected=${counts.rejected ?? 0} failed=${counts.failed ?? 0}; `
    + `POSTs received ${result.received}, processed ${result.processed}; good processed twice: ${result.goodProcessedTwice.length}; `
    + `good not added exactly once: ${result.goodNotAddedOnce.length}; refused codes processed again: ${result.badProcessedAgain}; `
    + `wrong lines: ${result.wrongLines.length}; disruptions: ${result.disruptions.join(', ') || 'none'}`;
}
