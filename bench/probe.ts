/**
 * What the bench runs inside the page (main world). These functions are
 * serialised by Playwright, so they must not close over anything.
 */

export interface LongTask {
  start: number;
  duration: number;
}

/**
 * A rendering update (frame callbacks, style, layout, paint): a main-thread
 * task of its own that the Long Tasks API does not report. Seen through the
 * Long Animation Frames API, which reports a frame once its tasks and its
 * rendering together pass 50 ms, so every update longer than 50 ms is seen.
 */
export type RenderingUpdate = LongTask;

export interface ProbeReport {
  /** performance.now() when WXT's content-script context was created (the script's start), if seen. */
  contentStart?: number;
  /** performance.now() when `<html data-clh>` first became "ready". */
  ready?: number;
  /** performance.now() once the first frame after ready was rendered: the frame that paints the marks. */
  painted?: number;
  responseEnd: number;
  domContentLoaded: number;
  loadEnd: number;
  longTasks: LongTask[];
  renderingUpdates: RenderingUpdate[];
}

declare global {
  interface Window {
    __clhBench?: { contentStart?: number; ready?: number; painted?: number; longTasks: LongTask[]; renderingUpdates: RenderingUpdate[] };
  }
}

/** What installProbe watches for: the script's start, and the attribute that says it is done. */
export interface ProbeTarget {
  /** The DOM event dispatched on document when the content script starts; '' when the page runs without one. */
  startedEvent: string;
  /** `<html>` attribute whose appearance, with `doneValue` if given, marks the end of the timed work. */
  doneAttribute: string;
  doneValue?: string;
}

/** Ours: WXT's started event for the extension with this id, until `<html data-clh="ready">`. */
export const extensionTarget = (extensionId: string): ProbeTarget => ({
  startedEvent: `${extensionId}:content:wxt:content-script-started`,
  doneAttribute: 'data-clh',
  doneValue: 'ready',
});

/**
 * Installed with page.addInitScript before any page script runs.
 *
 * The extension sets no performance mark of its own. Its start is taken from
 * WXT's ContentScriptContext, which on construction (just before main() runs)
 * dispatches `<extension id>:content:wxt:content-script-started` on document:
 * a DOM event, so a main-world listener sees it synchronously, at the very
 * moment the content script starts. The bare-pass extension
 * (bench/bare-extension.ts) dispatches one of its own the same way.
 */
export function installProbe(target: ProbeTarget): void {
  const probe: NonNullable<Window['__clhBench']> = { longTasks: [], renderingUpdates: [] };
  window.__clhBench = probe;
  if (target.startedEvent) {
    document.addEventListener(target.startedEvent, () => {
      if (probe.contentStart !== undefined) return;
      probe.contentStart = performance.now();
      performance.mark('clh-bench:content-start');
    }, true);
  }
  new MutationObserver(() => {
    const value = document.documentElement?.getAttribute(target.doneAttribute);
    if (probe.ready !== undefined || value === null || value === undefined) return;
    if (target.doneValue !== undefined && value !== target.doneValue) return;
    probe.ready = performance.now();
    performance.mark('clh-bench:ready');
    // A frame callback runs as the next frame begins; a task posted from it runs once that frame is done.
    requestAnimationFrame(() => setTimeout(() => {
      probe.painted = performance.now();
    }));
  }).observe(document, { attributes: true, attributeFilter: [target.doneAttribute], subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as Array<PerformanceEntry & { renderStart: number }>) {
      // renderStart 0: the frame's tasks ended without a rendering update.
      if (frame.renderStart > 0) probe.renderingUpdates.push({ start: frame.renderStart, duration: frame.startTime + frame.duration - frame.renderStart });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
}

export function readProbe(): ProbeReport {
  const probe = window.__clhBench ?? { longTasks: [], renderingUpdates: [] };
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return {
    contentStart: probe.contentStart,
    ready: probe.ready,
    painted: probe.painted,
    responseEnd: navigation?.responseEnd ?? NaN,
    domContentLoaded: navigation?.domContentLoadedEventEnd ?? NaN,
    loadEnd: navigation?.loadEventEnd ?? NaN,
    longTasks: [...probe.longTasks],
    renderingUpdates: [...probe.renderingUpdates],
  };
}

export interface BareReport {
  ms: number;
  licenseRows: number;
  deviceRows: number;
}

/**
 * The bare pass the extension is compared with, run in the same page: the
 * least any tool must do to cross-check this tab. Read every row's text on the
 * page, then get the whole Устройства list the way the extension has to: fetch
 * the tab's link (page 1), find its «Все» size link, fetch that page, parse it
 * and read every row's text. No recognising, no checking, no marking.
 */
export async function barePass(): Promise<BareReport> {
  const rowSelector = 'tbody tr, [role="row"]';
  const linkText = (link: Element) => (link.textContent ?? '').replace(/\s+/g, ' ').trim();
  const started = performance.now();

  let licenseChars = 0;
  const licenseRows = document.querySelectorAll(rowSelector);
  for (const row of licenseRows) licenseChars += (row.textContent ?? '').length;

  const getPage = async (url: URL) => {
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } });
    return new DOMParser().parseFromString(await response.text(), 'text/html');
  };
  const tabLink = [...document.querySelectorAll('a[href]')].find((link) => /^(?:Устройства|Devices)$/.test(linkText(link)));
  if (!tabLink) throw new Error('bare pass: no Устройства link on the page');
  const firstUrl = new URL(tabLink.getAttribute('href')!, location.href);
  const first = await getPage(firstUrl);
  const allLink = [...first.querySelectorAll('a[href]')].find((link) => /^(?:Все|All)$/.test(linkText(link)));
  if (!allLink) throw new Error('bare pass: no «Все» link on the Устройства page');
  const whole = await getPage(new URL(allLink.getAttribute('href')!, firstUrl));
  let deviceChars = 0;
  const deviceRows = whole.querySelectorAll(rowSelector);
  for (const row of deviceRows) deviceChars += (row.textContent ?? '').length;

  const ms = performance.now() - started;
  if (licenseChars === 0 || deviceChars === 0) throw new Error('bare pass read no text');
  return { ms, licenseRows: licenseRows.length, deviceRows: deviceRows.length };
}
