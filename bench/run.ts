/**
 * Benchmarks of the production build (`npm run bench` builds it first).
 * Each benchmark prints one line `BENCH <name> <value> <unit>[ ratio=<x>]` on
 * stdout; details of every run go to stderr as `# …` lines.
 *
 *   content-script-size[-gzip]   .output/chrome-mv3/content-scripts/content.js, kB = 1000 bytes (as WXT
 *                                reports); gzip at level 9. What every page of the vendor's sites loads
 *   summary-panel-script-size    .output/chrome-mv3/summary-panel.js: what a Лицензии or Устройства page loads
 *                                besides, put in by the background once the page is recognised (its time is in
 *                                partner-licenses-ready)
 *   partner-licenses-ready       `partner` (10,000 licenses, 5,000 devices) on Лицензии «Все»: content-script
 *                                start → <html data-clh="ready">, median of 9; ratio = that median over the
 *                                median of the bare pass (bench/probe.ts barePass) run as a content script of
 *                                its own (bench/bare-extension.ts): same page, same world, same moment, its
 *                                runs alternating with ours. The bare pass is also run in the page's own world
 *                                once the page is quiet (the baseline until November 2026); that ratio is
 *                                reported on stderr.
 *   partner-longest-task         longest main-thread task (Long Tasks API) overlapping content-script start → the end
 *                                of the first frame after ready (the frame that paints the marks and is the extension's
 *                                cost too), median of 9
 *   partner-longest-rendering-update  the same for the rendering updates (style, layout, paint: tasks of their own,
 *                                which the Long Tasks API leaves out), seen through the Long Animation Frames API; every
 *                                update over 50 ms is seen, shorter ones only in a frame that passed 50 ms with its
 *                                tasks, else counted 0. Median of 9. Nearly every run, ours and the bare pass's alike,
 *                                has one of 40-55 ms (up to 140 on a busy machine) 300-700 ms after the start: the
 *                                browser's own after the page's load event, which any document_idle content script
 *                                puts after the page's first paint (one that does nothing, measured). Ours, the
 *                                panel's and the marks', are 15-35 ms and rarely seen
 *   partner-longest-task-cpu     the longest task's CPU time (bench/task-trace.ts), median of 3 runs of their own with
 *                                a trace: what is left of a long task once the time its thread waited for a core is
 *                                taken out. The timed runs above keep no trace: tracing, even this light one, makes
 *                                tasks longer (a rendering update of ~50 ms took 120-200 ms traced)
 *   partner-main-thread-cpu      the page's main-thread CPU time from content-script start to done (bench/task-trace.ts),
 *                                median of the 3 traced runs; ratio = over the bare pass's, traced as often. Everything
 *                                the main thread did in the span counts, the page's own work included; the time it
 *                                waited for one of the 2 cores does not, so it moves less than wall time from one load
 *                                to the next. It is what the extension costs the page's main thread; the ready time
 *                                also counts the work done beside it (the list parser) and the waits for a core
 *   partner-longest-task-page-only  the page's own longest task in Chromium without the extension, from
 *                                DOMContentLoaded over the span DOMContentLoaded → ready took with it
 *
 * Start time: the extension sets no performance mark; the content script's
 * start is caught from WXT's `wxt:content-script-started` DOM event (see
 * bench/probe.ts installProbe). That event cannot exist without the extension,
 * hence the page-only window is anchored to DOMContentLoaded (a document_idle
 * script starts after it, once the page's own first render task is done).
 *
 * Where the work runs: ours has the Устройства list fetched and read in its
 * list parser, an offscreen document in the extension's own process
 * (utils/reading/list-parser.ts), and gets back only the records; the bare pass
 * fetches and parses the list on the page's main thread, as ours did until
 * November 2026. That work still takes CPU on the same 2 cores, and the
 * timed span is wall time: what it saves is the page's main thread.
 *
 * A cost of the harness, not of a user's browser: Playwright keeps DevTools'
 * Network agent on for every page, and the agent decodes each response body
 * on the page's main thread once it has arrived (30 ms for the 1.6 MB device
 * list, measured; twice that with a second agent on).
 *
 * The bulk-upload benchmarks are described in bench/upload.ts; `npm run bench -- upload` runs only those.
 * The many-accounts ones (badge-recompute, overview-open) in bench/accounts.ts; `npm run bench -- accounts`.
 *
 * Why `bench/profile.ts` exists: it explains these figures (per-task split into
 * script / layout / paint / GC and the content script's functions), by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR } from '../e2e/harness';
import { BARE_DONE_ATTRIBUTE, bareTarget, writeBareExtension } from './bare-extension';
import { launchChromium, logInTo } from './browser';
import { barePass, extensionTarget, installProbe, readProbe, type BareReport, type LongTask, type ProbeReport, type ProbeTarget } from './probe';
import { traceTasks, type TimedLongTask } from './task-trace';
import { readFiles, uploadCodes } from './upload';
import { accountsBench } from './accounts';

/**
 * Nine: on 2 cores the bare pass alone swings between ~450 and ~1,400 ms
 * from one load to the next. A median of three followed it; a median of five
 * still moved the ratio between 1.3 and 2.3 from one invocation of unchanged
 * code to the next.
 */
const RUNS = 9;
/** Runs with a trace, for the CPU time of their long tasks (apart from the timed ones: the trace lengthens tasks). */
const TRACED_RUNS = 3;
const ACCOUNT = 'partner';
const HOST = 'lk.cleverence.ru';
/** The Лицензии tab's «Все» page-size link (demo-site/account/listing.ts sizeSearch): the whole list on one page. */
const WHOLE_LIST = '/licenses?size=all';
const LONG_WAIT_MS = 120_000;
/** The bare pass waits for the page to be this quiet (no long task) after ready, so it does not time the tail of our work. */
const QUIET_MS = 1_000;
/** tsx compiles with esbuild's keepNames, which wraps functions in __name(); serialised into the page, they need it. */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

const bench = (name: string, value: number, unit: string, ratio?: number) =>
  console.log(`BENCH ${name} ${value} ${unit}${ratio === undefined ? '' : ` ratio=${ratio.toFixed(2)}`}`);
const note = (text: string) => console.error(`# ${text}`);
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Tasks that overlap [from, to]: a task already running when the window opens counts too. */
function tasksWithin(tasks: readonly LongTask[], from: number, to: number): LongTask[] {
  return tasks.filter((task) => task.start + task.duration > from && task.start < to);
}
const longest = (tasks: readonly LongTask[]) => tasks.reduce((most, task) => Math.max(most, task.duration), 0);
const longestCpu = (tasks: readonly TimedLongTask[]) => tasks.reduce((most, task) => Math.max(most, task.cpu ?? task.duration), 0);
const describeTasks = (tasks: readonly TimedLongTask[], origin: number) =>
  tasks.map((task) => `${Math.round(task.duration)}ms${task.cpu === undefined ? '' : ` (CPU ${Math.round(task.cpu)})`}@+${Math.round(task.start - origin)}`)
    .join(' ') || 'none';

function contentScriptSize(): void {
  const code = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'));
  bench('content-script-size', round(code.length / 1000, 2), 'kB');
  bench('content-script-size-gzip', round(gzipSync(code, { level: 9 }).length / 1000, 2), 'kB');
  bench('summary-panel-script-size', round(readFileSync(join(EXTENSION_DIR, 'summary-panel.js')).length / 1000, 2), 'kB');
}

/** Until no long task has ended for `quietMs` (a long task is reported once it has ended). */
async function waitForQuiet(page: Page, quietMs: number): Promise<void> {
  await page.waitForFunction((quiet) => {
    const probe = window.__clhBench;
    const lastEnd = Math.max(probe?.ready ?? 0, ...(probe?.longTasks ?? []).map((task) => task.start + task.duration));
    return performance.now() - lastEnd > quiet;
  }, quietMs, { timeout: LONG_WAIT_MS, polling: 200 });
}

interface TimedRun {
  probe: ProbeReport & { contentStart: number; ready: number; painted: number };
  /** The longest long task overlapping start → painted. */
  longest: number;
  /** The longest rendering update seen overlapping start → painted. */
  longestRenderingUpdate: number;
  /** In a traced run: the longest of those long tasks' CPU time (their wall time where the trace missed one). */
  longestCpu?: number;
  /** In a traced run: the page's main-thread CPU time from start to done (bench/task-trace.ts). */
  mainThreadCpu?: number;
}

/** A browser with one extension loaded, logged in to the partner account, ready to time page loads. */
async function timer(extensionDir: string, target: (extensionId: string) => ProbeTarget, label: string) {
  const session = await launchChromium({ extensionDir });
  await session.context.addInitScript(NAME_SHIM);
  await session.context.addInitScript(installProbe, target(session.extensionId!));
  const login = await session.context.newPage();
  await logInTo(login, session, ACCOUNT, HOST);
  await login.close();

  return {
    close: () => session.close(),
    /**
     * One load of the whole list, timed from the content script's start to its done attribute; `then` runs on the
     * quiet page. `traced`: with a trace kept, for the long tasks' CPU time.
     */
    async run<T>(run: number, then: (page: Page) => Promise<T>, { traced = false } = {}): Promise<TimedRun & { then: T }> {
      const page = await session.context.newPage();
      const name = `${label}${traced ? ' traced' : ''} run ${run}`;
      try {
        const cpuTimes = traced ? await traceTasks(await session.context.newCDPSession(page)) : undefined;
        await page.goto(session.url(HOST, WHOLE_LIST), { timeout: LONG_WAIT_MS });
        await page.waitForFunction(() => window.__clhBench?.painted !== undefined, undefined, { timeout: LONG_WAIT_MS, polling: 250 });
        await waitForQuiet(page, QUIET_MS);
        const probe = await page.evaluate(readProbe);
        if (probe.contentStart === undefined || probe.ready === undefined || probe.painted === undefined) {
          throw new Error(`${name}: no content-script start, done or painted time seen`);
        }
        const timed = probe as TimedRun['probe'];
        const inWindow = tasksWithin(timed.longTasks, timed.contentStart, timed.painted);
        const updates = tasksWithin(timed.renderingUpdates, timed.contentStart, timed.painted);
        const traceRead = cpuTimes && await cpuTimes(inWindow, timed.contentStart);
        const own = traceRead?.longTasks ?? inWindow;
        note(`${name}: response end ${Math.round(timed.responseEnd)} ms, DOMContentLoaded ${Math.round(timed.domContentLoaded)} ms, `
          + `load ${Math.round(timed.loadEnd)} ms, content script start ${Math.round(timed.contentStart)} ms (page clock)`);
        note(`${name}: done after ${Math.round(timed.ready - timed.contentStart)} ms, its frame painted after `
          + `${Math.round(timed.painted - timed.contentStart)} ms; long tasks from start to that (ms@+ms after start): ${describeTasks(own, timed.contentStart)}`);
        note(`${name}: rendering updates seen from start to that: ${describeTasks(updates, timed.contentStart)}`);
        if (traceRead) note(`${name}: the page's main thread had ${Math.round(traceRead.mainThreadCpu)} ms of CPU from start to done`);
        note(`${name}: long tasks before start (ms@page clock): ${describeTasks(timed.longTasks.filter((task) => !inWindow.includes(task) && task.start < timed.contentStart), 0)}`);
        return {
          probe: timed,
          longest: longest(own),
          longestRenderingUpdate: longest(updates),
          longestCpu: traceRead && longestCpu(own),
          mainThreadCpu: traceRead?.mainThreadCpu,
          then: await then(page),
        };
      } finally {
        await page.close();
      }
    },
  };
}

interface PartnerRuns {
  ours: Array<TimedRun & { then: BareReport }>;
  bare: TimedRun[];
  /** Ours and the bare pass with a trace, after the timed runs. */
  traced: TimedRun[];
  bareTraced: TimedRun[];
}

/**
 * Ours and the bare-pass extension (bench/bare-extension.ts) in two browsers
 * open side by side, their runs alternating so that both meet the same
 * machine. After each of ours, once the page is quiet, the bare pass also
 * runs in the page's own world: the baseline earlier figures were set against.
 */
async function partnerRuns(): Promise<PartnerRuns> {
  const ours = await timer(EXTENSION_DIR, extensionTarget, 'ours');
  const bare = await timer(writeBareExtension(), () => bareTarget, 'bare');
  try {
    const runs: PartnerRuns = { ours: [], bare: [], traced: [], bareTraced: [] };
    for (let run = 1; run <= RUNS; run++) {
      const timed = await ours.run(run, (page) => page.evaluate(barePass));
      note(`ours run ${run}: bare pass afterwards in the quiet page's own world: ${Math.round(timed.then.ms)} ms `
        + `(${timed.then.licenseRows} license rows, ${timed.then.deviceRows} device rows)`);
      runs.ours.push(timed);
      const baseline = await bare.run(run, (page) => page.evaluate((name) => document.documentElement.getAttribute(name), BARE_DONE_ATTRIBUTE));
      const report = JSON.parse(baseline.then ?? '{}') as Partial<BareReport> & { error?: string };
      if (report.error || !report.licenseRows || !report.deviceRows) throw new Error(`bare run ${run}: ${report.error ?? 'read no rows'}`);
      note(`bare run ${run}: ${report.licenseRows} license rows, ${report.deviceRows} device rows`);
      runs.bare.push(baseline);
    }
    for (let run = 1; run <= TRACED_RUNS; run++) {
      runs.traced.push(await ours.run(run, async () => undefined, { traced: true }));
      runs.bareTraced.push(await bare.run(run, async () => undefined, { traced: true }));
    }
    return runs;
  } finally {
    await ours.close();
    await bare.close();
  }
}

/** The same page without the extension: its own longest task from DOMContentLoaded over `windowMs`. */
async function partnerPageOnly(windowMs: number): Promise<number> {
  const session = await launchChromium();
  try {
    await session.context.addInitScript(NAME_SHIM);
    await session.context.addInitScript(installProbe, { startedEvent: '', doneAttribute: 'data-clh' });
    const page = await session.context.newPage();
    await logInTo(page, session, ACCOUNT, HOST);
    await page.goto(session.url(HOST, WHOLE_LIST), { timeout: LONG_WAIT_MS });
    const from = (await page.evaluate(readProbe)).domContentLoaded;
    const to = from + windowMs;
    await page.waitForFunction((until) => performance.now() > until, to, { timeout: LONG_WAIT_MS, polling: 250 });
    const probe = await page.evaluate(readProbe);
    const inWindow = tasksWithin(probe.longTasks, from, to);
    note(`page only: DOMContentLoaded ${Math.round(probe.domContentLoaded)} ms, load ${Math.round(probe.loadEnd)} ms; `
      + `long tasks over the next ${Math.round(windowMs)} ms (ms@+ms): ${describeTasks(inWindow, from)}`);
    note(`page only: long tasks before DOMContentLoaded (parsing): ${describeTasks(probe.longTasks.filter((task) => !inWindow.includes(task) && task.start < from), 0)}`);
    return longest(inWindow);
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  contentScriptSize();

  const only = process.argv[2];
  if (only === 'upload' || !only) {
    for (const line of [await uploadCodes(note), ...(await readFiles(note))]) bench(line.name, line.value, line.unit, line.ratio);
    if (only) return;
  }
  if (only === 'accounts' || !only) {
    for (const line of await accountsBench(note)) bench(line.name, line.value, line.unit, line.ratio);
    if (only) return;
  }

  const runs = await partnerRuns();
  const elapsed = ({ probe }: TimedRun) => probe.ready - probe.contentStart;
  const readyMs = median(runs.ours.map(elapsed));
  const bareMs = median(runs.bare.map(elapsed));
  const quietMs = median(runs.ours.map(({ then }) => then.ms));
  note(`ours, start to ready: ${runs.ours.map(elapsed).map(Math.round).join(', ')} ms; bare pass as a content script: `
    + `${runs.bare.map(elapsed).map(Math.round).join(', ')} ms; bare pass in the quiet page's own world: `
    + `${runs.ours.map(({ then }) => Math.round(then.ms)).join(', ')} ms (ratio ${(readyMs / quietMs).toFixed(2)} against that one)`);
  bench('partner-licenses-ready', Math.round(readyMs), 'ms', readyMs / bareMs);

  note(`longest task per run, ours: ${runs.ours.map(({ longest: most }) => Math.round(most)).join(', ')} ms; `
    + `the bare pass's: ${runs.bare.map(({ longest: most }) => Math.round(most)).join(', ')} ms`);
  bench('partner-longest-task', Math.round(median(runs.ours.map(({ longest: most }) => most))), 'ms');
  note(`longest rendering update per run, ours: ${runs.ours.map(({ longestRenderingUpdate: most }) => Math.round(most)).join(', ')} ms; `
    + `the bare pass's: ${runs.bare.map(({ longestRenderingUpdate: most }) => Math.round(most)).join(', ')} ms`);
  bench('partner-longest-rendering-update', Math.round(median(runs.ours.map(({ longestRenderingUpdate: most }) => most))), 'ms');
  note(`traced runs of ours, longest task: ${runs.traced.map(({ longest: most }) => Math.round(most)).join(', ')} ms; `
    + `its CPU time: ${runs.traced.map(({ longestCpu: most }) => Math.round(most ?? 0)).join(', ')} ms`);
  bench('partner-longest-task-cpu', Math.round(median(runs.traced.map(({ longestCpu: most }) => most ?? 0))), 'ms');
  const cpuOf = (traced: readonly TimedRun[]) => traced.map(({ mainThreadCpu }) => mainThreadCpu ?? NaN);
  note(`traced runs, the page's main-thread CPU from start to done: ours ${cpuOf(runs.traced).map(Math.round).join(', ')} ms; `
    + `the bare pass's ${cpuOf(runs.bareTraced).map(Math.round).join(', ')} ms`);
  const mainThreadCpu = median(cpuOf(runs.traced));
  bench('partner-main-thread-cpu', Math.round(mainThreadCpu), 'ms', mainThreadCpu / median(cpuOf(runs.bareTraced)));

  const span = median(runs.ours.map(({ probe }) => probe.ready - probe.domContentLoaded));
  bench('partner-longest-task-page-only', Math.round(await partnerPageOnly(span)), 'ms');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
