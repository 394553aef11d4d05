/**
 * Long reading (10,000 rows) is cut into slices so the page never freezes:
 * no task of ours should run past ~50 ms, the point at which the browser
 * reports a "long task" and a user feels the lag. The slice leaves room for
 * what may land inside it: a step of the garbage collector's incremental
 * marking, which traces the whole DOM (the account's 10,000 rows and a parsed
 * 5,000-row page), took 18-32 ms inside our slices in traces.
 */
const SLICE_MS = 8;

/**
 * For loops over rows: reading, checking or marking one row from the
 * isolated world takes 10-40 µs, so looking at the clock every 16 rows
 * overruns a slice by well under a millisecond, and spares 15 of 16 clock reads.
 */
export const ROWS_PER_CLOCK_LOOK = 16;

/**
 * One channel for every yield: a message-channel hop is not throttled like
 * setTimeout(0), and a new channel per yield (a few hundred in a 10,000-row
 * reading) is native garbage for nothing. Each message wakes the oldest
 * waiter; messages arrive in the order they were posted.
 */
let channel: MessageChannel | undefined;
const waiting: Array<() => void> = [];

/** Gives the main thread back to the page: resolves in a task of its own, after whatever the page has queued. */
export function yieldToPage(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(undefined);
  });
}

/**
 * Returns a function to call often inside a long loop; it yields once the
 * current slice is used up. `every`: how many calls go by between looks at
 * the clock, for loops whose steps take microseconds (a row read from the
 * isolated world) rather than milliseconds (a chunk of a page parsed).
 */
export function createSlicer({ sliceMs = SLICE_MS, every = 1 }: { sliceMs?: number; every?: number } = {}): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  let calls = 0;
  return () => {
    if (++calls < every) return undefined;
    calls = 0;
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return yieldToPage().then(() => {
      sliceStart = performance.now();
    });
  };
}

/**
 * Runs work written as a generator of steps (see checks.ts), giving the main
 * thread back to the page whenever a slice is used up; resolves with its result.
 */
export async function inSlices<Result>(steps: Generator<void, Result>): Promise<Result> {
  const slice = createSlicer();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const pause = slice();
    if (pause) await pause;
  }
}
