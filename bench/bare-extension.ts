/**
 * The bare pass as an extension of its own: the least any extension must do
 * to cross-check the Лицензии tab, run where and when ours runs.
 *
 * Why an extension and not `page.evaluate`: a content script reads the page
 * from its isolated world, where each DOM node visited costs several times
 * what it costs the page's own scripts, and it starts at document_idle, while
 * the page is still busy with its first paint and the browser's own tasks.
 * A bare pass evaluated in the main world of a quiet page pays neither, so it
 * measures the page rather than the extension's overhead over the minimum.
 * The bench still runs that one too and reports both.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { barePass, type ProbeTarget } from './probe';
import { VENDOR_MATCHES } from '../utils/site/vendor-hosts';

/** Dispatched on document when the bare content script starts (WXT's started event, for ours). */
const BARE_STARTED_EVENT = 'clh-bench:bare-started';
/** `<html data-clh-bench-bare='{…BareReport}'>` once the bare pass is done. */
export const BARE_DONE_ATTRIBUTE = 'data-clh-bench-bare';

/** What bench/probe.ts installProbe times for the bare pass: its start event until its done attribute. */
export const bareTarget: ProbeTarget = { startedEvent: BARE_STARTED_EVENT, doneAttribute: BARE_DONE_ATTRIBUTE };

/** Writes the extension into a new temporary directory and returns it. */
export function writeBareExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clh-bench-bare-'));
  const manifest = {
    manifest_version: 3,
    name: 'clh bench: bare pass',
    version: '0.0.0',
    host_permissions: VENDOR_MATCHES,
    // The harness waits for an extension's service worker; this one does nothing.
    background: { service_worker: 'background.js' },
    // Same matches and the same (default) run_at as ours: document_idle.
    content_scripts: [{ matches: VENDOR_MATCHES, js: ['bare.js'] }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), '');
  writeFileSync(join(dir, 'bare.js'), `// tsx wraps functions in __name() (esbuild keepNames).
globalThis.__name ??= (fn) => fn;
document.dispatchEvent(new Event(${JSON.stringify(BARE_STARTED_EVENT)}));
(${barePass.toString()})().then(
  (report) => document.documentElement.setAttribute(${JSON.stringify(BARE_DONE_ATTRIBUTE)}, JSON.stringify(report)),
  (error) => document.documentElement.setAttribute(${JSON.stringify(BARE_DONE_ATTRIBUTE)}, JSON.stringify({ error: String(error) })),
);
`);
  return dir;
}
