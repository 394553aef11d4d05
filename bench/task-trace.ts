/**
 * A light Chromium trace kept while the bench loads a page: each main-thread
 * task's wall time and the thread's CPU time within it. The Long Tasks API
 * gives wall time only, and on a 2-core machine shared by the browser's
 * processes and the demo server a task is sometimes kept off the core for tens
 * of milliseconds while it runs; the CPU time tells such a wait apart from
 * work done. Only in runs of their own: the trace lengthens what it watches.
 */
import type { CDPSession } from 'playwright-core';
import type { LongTask } from './probe';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
}

export interface TimedLongTask extends LongTask {
  /** The renderer main thread's CPU time within the task, ms; undefined when the trace has no such task. */
  cpu?: number;
}

/** The probe's marks for the content script's start and its done attribute (bench/probe.ts installProbe); the two clocks meet at the first. */
const START_MARK = 'clh-bench:content-start';
const READY_MARK = 'clh-bench:ready';
/** A Long Tasks API entry and its trace task start, and last, within this much of each other, ms (the API rounds). */
const SAME_TASK_MS = 2;

export interface TracedRun {
  longTasks: TimedLongTask[];
  /**
   * The page's main-thread CPU time from the content script's start to its
   * done attribute, ms: all the work done there in that span, the page's own
   * included, less the time the thread waited for a core. NaN when the trace
   * has no such marks.
   */
  mainThreadCpu: number;
}

/** Starts tracing the page's tasks; the function returned stops and gives each long task its CPU time, and the span's. */
export async function traceTasks(cdp: CDPSession): Promise<(longTasks: readonly LongTask[], contentStart: number) => Promise<TracedRun>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  // 'toplevel': one event per task, with its thread time; 'blink.user_timing': the probe's marks.
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'] } });
  return async (longTasks, contentStart) => {
    const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.end');
    await complete;
    const mark = events.find((event) => event.name === START_MARK);
    if (!mark) return { longTasks: [...longTasks], mainThreadCpu: NaN };
    // The mark is emitted on the page's main thread, where its long tasks run.
    const tasks = events.filter((event) =>
      event.pid === mark.pid && event.tid === mark.tid && event.ph === 'X' && event.name === 'ThreadControllerImpl::RunTask');
    const ready = events.find((event) => event.name === READY_MARK);
    // Tasks that began in the span; the one the mark is emitted in, the script's first, too.
    const inSpan = ready ? tasks.filter((task) => task.ts + task.dur! > mark.ts && task.ts < ready.ts) : [];
    const mainThreadCpu = ready ? inSpan.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000 : NaN;
    const pageTime = (ts: number) => contentStart + (ts - mark.ts) / 1000;
    const timed = longTasks.map((task) => {
      // Tasks that start together (a zero-length one often comes first): the one as long as the API's, if any.
      const traced = tasks.find((event) =>
        Math.abs(pageTime(event.ts) - task.start) <= SAME_TASK_MS && Math.abs(event.dur! / 1000 - task.duration) <= SAME_TASK_MS);
      return { ...task, cpu: traced?.tdur === undefined ? undefined : traced.tdur / 1000 };
    });
    return { longTasks: timed, mainThreadCpu };
  };
}
