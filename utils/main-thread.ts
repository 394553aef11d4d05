/**
 * Long reading (10,000 rows) is cut into slices so the page never freezes:
 * no task of ours should run past ~50 ms, the point at which the browser
 * reports a "long task" and a user feels the lag.
 */
const SLICE_MS = 12;

/** Gives the main thread back to the page; a message-channel hop is not throttled like setTimeout(0). */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/** Returns a function to call often inside a long loop; it yields once the current slice is used up. */
export function createSlicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return yieldToPage().then(() => {
      sliceStart = performance.now();
    });
  };
}
