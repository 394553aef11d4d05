/**
 * Benchmarks of bulk upload (issue 3), on the production build in Chromium:
 *
 *   upload-200-codes         200 pasted codes sent into `typical` with the demo answering each upload
 *                            in 50 ms: from the click on «Отправить» to the job shown finished in the
 *                            popup; ratio = that over 200 × 50 ms (what one request at a time must take)
 *   read-1000-files          1,000 license files (~1 KB, the demo's schema) chosen in the popup: from the
 *                            file input's `change` to the preview showing all 1,000 lines (reading the
 *                            bytes, encoding, validating, parsing, extracting, deduping, rendering);
 *                            ratio = that over a bare pass in the same page over the same File objects:
 *                            their bytes read (one Blob, as the popup reads them), each decoded and parsed
 *                            with DOMParser, its code taken by getElementsByTagName into a Set
 */
import type { Page } from 'playwright-core';
import { demoCard } from '../demo-site/cards';
import { licenseFileXml } from '../demo-site/license-files';
import { accountTabId, launch, logIn, openPopup, type Session } from '../e2e/harness';

const CODES = 200;
const ANSWER_MS = 50;
const FILES = 1_000;
const WAIT_MS = 120_000;

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  ratio?: number;
}

const popupOnAccountTab = async (session: Session): Promise<Page> => openPopup(session, await accountTabId(session));

export async function uploadCodes(note: (text: string) => void): Promise<BenchLine> {
  const session = await launch();
  try {
    const page = await session.context.newPage();
    await logIn(page, session, 'typical');
    await page.goto(session.url('lk.cleverence.ru', '/licenses'));
    session.demo.setFaults({ delayMs: ANSWER_MS });
    const popup = await popupOnAccountTab(session);
    const codes = Array.from({ length: CODES }, (_, n) => demoCard(1_000 + n).code);
    await popup.fill('[data-clh-paste]', codes.join('\n'));
    await popup.waitForSelector(`[data-clh-preview-counts^="new=${CODES} "]`);
    const started = performance.now();
    await popup.click('[data-clh-send]');
    await popup.waitForSelector('[data-clh-job="finished"]', { timeout: WAIT_MS });
    const total = performance.now() - started;
    const counts = await popup.getAttribute('[data-clh-job]', 'data-clh-job-counts');
    const processed = session.demo.stats.uploads.length;
    note(`upload: ${counts}; ${processed} upload requests seen by the demo`);
    if (!counts?.startsWith(`added=${CODES} `)) throw new Error(`not every code was added: ${counts}`);
    return { name: 'upload-200-codes', value: Math.round(total), unit: 'ms', ratio: total / (CODES * ANSWER_MS) };
  } finally {
    await session.close();
  }
}

export async function readFiles(note: (text: string) => void): Promise<BenchLine[]> {
  const session = await launch();
  try {
    const page = await session.context.newPage();
    await logIn(page, session, 'typical');
    await page.goto(session.url('lk.cleverence.ru', '/licenses'));
    const popup = await popupOnAccountTab(session);
    const files = Array.from({ length: FILES }, (_, n) => ({
      name: `license-${n}.xml`,
      mimeType: 'text/xml',
      buffer: Buffer.from(licenseFileXml(demoCard(5_000 + n))),
    }));
    note(`files: ${FILES} of ${Math.round(files.reduce((sum, file) => sum + file.buffer.length, 0) / FILES)} bytes on average`);

    // Timed in the page: from the input's change event to the preview's count showing every file.
    await popup.evaluate((expected) => {
      const timing = { start: 0, end: 0, chosen: [] as File[] };
      (window as unknown as { __clhTiming: typeof timing }).__clhTiming = timing;
      const input = document.querySelector<HTMLInputElement>('[data-clh-files]')!;
      input.addEventListener('change', () => {
        timing.start = performance.now();
        // The very files chosen (backed by files on disk, as a user's are), for the bare pass.
        timing.chosen = [...(input.files ?? [])];
      }, { capture: true });
      new MutationObserver(() => {
        if (!timing.end && document.querySelector(`[data-clh-preview-counts^="new=${expected} "]`)) timing.end = performance.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, FILES);
    await popup.setInputFiles('[data-clh-files]', files);
    await popup.waitForFunction(() => (window as unknown as { __clhTiming: { end: number } }).__clhTiming.end > 0, undefined, { timeout: WAIT_MS });
    const ours = await popup.evaluate(() => {
      const timing = (window as unknown as { __clhTiming: { start: number; end: number } }).__clhTiming;
      return timing.end - timing.start;
    });

    // The bare pass over the very same File objects, read the same way (one Blob), then each
    // decoded and parsed by the browser's own parser.
    const bare = await popup.evaluate(async () => {
      const chosen = (window as unknown as { __clhTiming: { chosen: File[] } }).__clhTiming.chosen;
      const start = performance.now();
      const codes = new Set<string>();
      const all = new Uint8Array(await new Blob(chosen).arrayBuffer());
      let offset = 0;
      for (const file of chosen) {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(all.subarray(offset, (offset += file.size)));
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        if (doc.querySelector('parsererror')) continue;
        codes.add(doc.getElementsByTagName('ActivationCode')[0]?.textContent ?? '');
      }
      return { ms: performance.now() - start, codes: codes.size, files: chosen.length };
    });
    note(`read files: ours ${Math.round(ours)} ms; bare DOMParser pass ${Math.round(bare.ms)} ms over ${bare.files} files (${bare.codes} codes)`);
    if (bare.codes !== FILES) throw new Error(`the bare pass found ${bare.codes} codes in ${FILES} files`);
    return [{ name: 'read-1000-files', value: Math.round(ours), unit: 'ms', ratio: ours / bare.ms }];
  } finally {
    await session.close();
  }
}
