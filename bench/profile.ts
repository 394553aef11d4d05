/**
 * Where the time goes on `partner`'s Лицензии «Все» page: not a benchmark but
 * its explanation, run by hand:
 *
 *   npx tsx bench/profile.ts [--keep out.json] [--bare]
 *
 * Builds an unminified copy of the extension (so function names survive) into
 * a temporary directory, loads it, and records one run with a Chromium trace
 * (every main-thread task over 50 ms, split into script / style / layout /
 * paint / GC) and a V8 CPU profile (the content script's functions by self
 * and total time), between the content script's start and `data-clh="ready"`.
 * `--bare` records the bare-pass extension (bench/bare-extension.ts) instead,
 * from its start to its done attribute: what the baseline pays for.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { build } from 'wxt';
import { launchChromium, logInTo } from './browser';
import { bareTarget, writeBareExtension } from './bare-extension';
import { extensionTarget, installProbe, readProbe } from './probe';

const ACCOUNT = 'partner';
const HOST = 'lk.cleverence.ru';
const WHOLE_LIST = '/licenses?size=all';
const LONG_TASK_MS = 50;
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';
/** After ready, keep watching this long: rendering the marks may come after the attribute. */
const AFTER_READY_MS = 2_000;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; src_func?: string; data?: { url?: string; functionName?: string; stackTrace?: Array<{ url?: string; functionName?: string }> } };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function unminifiedBuild(): Promise<string> {
  const outDir = join(tmpdir(), 'clh-bench-unminified');
  rmSync(outDir, { recursive: true, force: true });
  await build({ outDir, vite: () => ({ build: { minify: false } }) });
  return join(outDir, 'chrome-mv3');
}

async function collectTrace(cdp: CDPSession, stop: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await stop();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** What a trace event's self time counts as. */
function kindOf(event: TraceEvent, extensionUrl: string): string {
  const url = event.args?.data?.url ?? event.args?.data?.stackTrace?.[0]?.url ?? '';
  switch (event.name) {
    case 'FunctionCall':
    case 'EvaluateScript':
    case 'v8.callFunction':
    case 'v8.run':
    case 'V8.Execute':
    case 'TimerFire':
    case 'EventDispatch':
    case 'RunMicrotasks':
    case 'v8.runMicrotasks':
    case 'FireAnimationFrame':
      return url.startsWith(extensionUrl) ? 'script: content script' : url ? 'script: page' : 'script';
    case 'Layout':
      return 'layout';
    case 'UpdateLayoutTree':
    case 'RecalculateStyles':
    case 'ScheduleStyleRecalculation':
      return 'style recalc';
    case 'ParseHTML':
      return 'parse HTML';
    case 'Paint':
    case 'PrePaint':
    case 'Layerize':
    case 'UpdateLayer':
    case 'CompositeLayers':
    case 'Commit':
    case 'PaintImage':
    case 'IntersectionObserverController::computeIntersections':
      return 'paint/composite';
    case 'MinorGC':
    case 'MajorGC':
    case 'BlinkGC.AtomicPhase':
    case 'V8.GC_MC_BACKGROUND_MARKING':
    case 'V8.GCScavenger':
    case 'V8.GCFinalizeMC':
      return 'GC';
    default:
      return event.name.startsWith('V8.GC') || event.name.includes('GC') ? 'GC' : `other (${event.name})`;
  }
}

/** Self time of every event under a top-level task, by kind; nested events' time goes to the innermost. */
function breakdown(task: TraceEvent, inside: TraceEvent[], extensionUrl: string): Map<string, number> {
  const totals = new Map<string, number>();
  const stack: Array<{ event: TraceEvent; self: number; kind: string }> = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= until) {
      const done = stack.pop()!;
      totals.set(done.kind, (totals.get(done.kind) ?? 0) + done.self);
    }
  };
  // Events with no kind of their own inherit their parent's (a Layout forced inside content-script JS stays "layout").
  const rootKind = 'other (task)';
  stack.push({ event: task, self: task.dur!, kind: rootKind });
  for (const event of inside) {
    close(event.ts);
    const parent = stack.at(-1)!;
    parent.self -= event.dur!;
    let kind = kindOf(event, extensionUrl);
    if (kind.startsWith('other') || kind === 'script') kind = parent.kind === rootKind && kind === 'script' ? kind : parent.kind;
    stack.push({ event, self: event.dur!, kind });
  }
  close(Infinity);
  return totals;
}

interface Sample {
  time: number;
  ms: number;
  /** Innermost content-script function on the stack (what our code was doing), else the leaf ("(program)" is native work). */
  ours: string;
  leaf: string;
}

/** The CPU profile's samples, each with the content-script function it belongs to. */
function samplesOf(profile: CpuProfile, extensionUrl: string): Sample[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stacks = new Map<number, ProfileNode[]>();
  const stackOf = (id: number) => {
    let stack = stacks.get(id);
    if (!stack) {
      stack = [];
      for (let node = byId.get(id); node; node = byId.get(parent.get(node.id) ?? -1)) stack.push(node);
      stacks.set(id, stack);
    }
    return stack;
  };
  const samples: Sample[] = [];
  let time = profile.startTime;
  for (let index = 0; index < profile.samples.length; index++) {
    time += profile.timeDeltas[index]!;
    const stack = stackOf(profile.samples[index]!);
    const leaf = labelOf(stack[0]!, extensionUrl);
    const mine = stack.find((node) => node.callFrame.url.startsWith(extensionUrl));
    samples.push({ time, ms: (profile.timeDeltas[index + 1] ?? 0) / 1000, leaf, ours: mine ? labelOf(mine, extensionUrl) : leaf });
  }
  return samples;
}

function labelOf(node: ProfileNode, extensionUrl: string): string {
  const frame = node.callFrame;
  const where = frame.url.startsWith(extensionUrl) ? 'content.js' : frame.url ? 'page' : '';
  return `${frame.functionName || '(anonymous)'}${where ? ` [${where}:${frame.lineNumber + 1}]` : ''}`;
}

function top(map: Map<string, number>, count: number, minimum = 0): Array<[string, number]> {
  return [...map].filter(([, ms]) => ms >= minimum).sort((a, b) => b[1] - a[1]).slice(0, count);
}

function summariseTrace(events: TraceEvent[], samples: Sample[], extensionUrl: string): void {
  const start = events.find((event) => event.name === 'clh-bench:content-start');
  const ready = events.find((event) => event.name === 'clh-bench:ready');
  if (!start || !ready) throw new Error('the trace has no clh-bench marks');
  const pid = start.pid;
  const mainTid = events.find((event) => event.pid === pid && event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain')?.tid;
  const main = events
    .filter((event) => event.pid === pid && event.tid === mainTid && event.ph === 'X' && event.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  // Outermost tasks only (ThreadControllerImpl::RunTask wraps RunTask).
  const tasks: TraceEvent[] = [];
  for (const event of main) {
    if (event.name !== 'RunTask' && event.name !== 'ThreadControllerImpl::RunTask') continue;
    const last = tasks.at(-1);
    if (last && event.ts < last.ts + last.dur!) continue;
    tasks.push(event);
  }
  const until = ready.ts + AFTER_READY_MS * 1000;
  const long = tasks.filter((task) => task.dur! >= LONG_TASK_MS * 1000 && task.ts + task.dur! > start.ts && task.ts < until);
  console.log(`\nMain-thread tasks ≥ ${LONG_TASK_MS} ms from content-script start to ${AFTER_READY_MS} ms after ready `
    + `(ready at +${Math.round((ready.ts - start.ts) / 1000)} ms); trace self time by kind, then CPU-profile samples by content-script function:`);
  const overall = new Map<string, number>();
  for (const task of long) {
    const end = task.ts + task.dur!;
    const inside = main.filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur! <= end && !event.name.endsWith('RunTask'));
    const parts = breakdown(task, inside, extensionUrl);
    for (const [kind, us] of parts) overall.set(kind, (overall.get(kind) ?? 0) + us / 1000);
    const kinds = top(parts, 6, 1000).map(([kind, us]) => `${kind} ${Math.round(us / 1000)}`).join(', ');
    const functions = new Map<string, number>();
    for (const sample of samples) if (sample.time >= task.ts && sample.time < end) functions.set(sample.ours, (functions.get(sample.ours) ?? 0) + sample.ms);
    const ours = top(functions, 5, 3).map(([name, ms]) => `${name} ${Math.round(ms)}`).join(', ');
    // Who posted the task: ScheduledActionSendBeginMainFrame is a rendering frame, SimpleWatcher::Notify a
    // message/fetch reply whose promise continuations then run, PostExecuteAndDestroySelf the content script's injection.
    const posted = main.find((event) => event.ts >= task.ts && event.ts - task.ts <= 20 && event.args?.src_func);
    const poster = posted?.args?.src_func?.replace(/\(.*$/, '').split('::').at(-1) ?? '?';
    console.log(`  +${String(Math.round((task.ts - start.ts) / 1000)).padStart(6)} ms  ${String(Math.round(task.dur! / 1000)).padStart(5)} ms  `
      + `${task.ts > ready.ts ? '(after ready) ' : ''}[${poster}] ${kinds}\n${' '.repeat(25)}${ours}`);
  }
  console.log('  in all these tasks: ' + top(overall, 12, 1).map(([kind, ms]) => `${kind} ${Math.round(ms)} ms`).join(', '));
}

function summariseProfile(samples: Sample[], from: number, to: number): void {
  const self = new Map<string, number>();
  const ours = new Map<string, number>();
  let inWindow = 0;
  for (const sample of samples) {
    if (sample.time < from || sample.time > to) continue;
    inWindow += sample.ms;
    self.set(sample.leaf, (self.get(sample.leaf) ?? 0) + sample.ms);
    ours.set(sample.ours, (ours.get(sample.ours) ?? 0) + sample.ms);
  }
  const table = (map: Map<string, number>, count: number) => top(map, count).map(([name, ms]) => `  ${String(Math.round(ms)).padStart(6)} ms  ${name}`).join('\n');
  console.log(`\nCPU profile, content-script start → ready (${Math.round(inWindow)} ms sampled):`);
  console.log(`Self time (leaf frame):\n${table(self, 20)}`);
  console.log(`By innermost content-script function (native calls such as setAttribute, DOMParser, sendMessage charged to their caller):\n${table(ours, 30)}`);
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : undefined;
  const bare = process.argv.includes('--bare');
  const extensionDir = bare ? writeBareExtension() : await unminifiedBuild();
  const session = await launchChromium({ extensionDir });
  try {
    const extensionUrl = `chrome-extension://${session.extensionId}/`;
    await session.context.addInitScript(NAME_SHIM);
    await session.context.addInitScript(installProbe, bare ? bareTarget : extensionTarget(session.extensionId!));
    const login = await session.context.newPage();
    await logInTo(login, session, ACCOUNT, HOST);
    await login.close();

    const page = await session.context.newPage();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8', 'v8.execute', '__metadata'],
      },
    });
    let profile: CpuProfile | undefined;
    const events = await collectTrace(cdp, async () => {
      await page.goto(session.url(HOST, WHOLE_LIST), { timeout: 120_000, waitUntil: 'domcontentloaded' });
      // The content script starts at document_idle; profile from before it.
      await cdp.send('Profiler.start');
      await page.waitForFunction(() => window.__clhBench?.ready !== undefined, undefined, { timeout: 120_000, polling: 250 });
      await page.waitForTimeout(AFTER_READY_MS);
      profile = (await cdp.send('Profiler.stop')).profile as CpuProfile;
    });
    const probe = await page.evaluate(readProbe);
    console.log(`${bare ? 'bare pass done' : 'ready'} ${Math.round(probe.ready! - probe.contentStart!)} ms after the content script's start (${bare ? 'the bare-pass extension' : 'unminified build'}, traced and profiled)`);
    if (keep) writeFileSync(keep, JSON.stringify({ traceEvents: events }));

    const samples = samplesOf(profile!, extensionUrl);
    summariseTrace(events, samples, extensionUrl);
    const start = events.find((event) => event.name === 'clh-bench:content-start')!.ts;
    const ready = events.find((event) => event.name === 'clh-bench:ready')!.ts;
    summariseProfile(samples, start, ready);
  } finally {
    await session.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
