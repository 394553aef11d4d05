/**
 * `npm start` as a newcomer runs it, without a display: in the browser
 * CHROMIUM_PATH names (here a copy of this machine's browser in a folder of
 * its own, so nothing can fall back to the usual place), a short report a
 * person reads, screenshots where it says, and nothing a log cannot show.
 * And with no browser where CHROMIUM_PATH points: one sentence, no stack.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../scripts/find-browser';
import { expectedCounts, seeded } from './rows';

const ROOT = resolve(import.meta.dirname, '..');

/** `npx tsx scripts/start.ts …` with this environment; what it printed and how it ended. */
function start(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('close', (code) => done({ code, out, err }));
  });
}

/**
 * The folder holding the browser's own files: Debian's /usr/bin/chromium is a
 * shell script that starts /usr/lib/chromium/chromium, whose resources lie beside it.
 */
function browserFolder(path: string): { folder: string; executable: string } {
  if (path === '/usr/bin/chromium' && existsSync('/usr/lib/chromium/chromium')) return { folder: '/usr/lib/chromium', executable: 'chromium' };
  return { folder: dirname(path), executable: basename(path) };
}

describe('npm start on a machine with no display', () => {
  let copy: string;
  beforeAll(() => {
    const { folder, executable } = browserFolder(findBrowser()!.path);
    const place = mkdtempSync(join(tmpdir(), 'clh-browser-copy-'));
    // Hard links: a whole copy in no time and no space, on the same disk.
    const copied = spawnSync('cp', ['-al', folder, join(place, 'browser')]);
    if (copied.status !== 0) throw new Error(`Could not copy ${folder}: ${copied.stderr.toString()}`);
    copy = join(place, 'browser', executable);
  });
  afterAll(() => {
    if (copy) rmSync(dirname(dirname(copy)), { recursive: true, force: true });
  });

  it('runs in the browser CHROMIUM_PATH names and reports, in words, what the extension found, with its screenshots', async () => {
    const shots = mkdtempSync(join(tmpdir(), 'clh-start-shots-'));
    const { code, out, err } = await start({ CI: '1', CHROMIUM_PATH: copy }, ['--out', shots]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`in the browser in CHROMIUM_PATH (${copy}), headless.`);
    const counts = expectedCounts(seeded('typical'));
    expect(out).toContain(`Лицензии: ${counts.licenses} licenses read, checked against ${counts.devices} devices.`);
    expect(out).toContain(`${counts['missing-cloud']} devices of a cloud database have no cloud license (the site failed them: tell Cleverence support)`);
    expect(out).toMatch(/\d+ licenses? (is|are) expiring \(expiring: the update subscription or paid cloud term \(«До»\) ends today or within the next 30 days\)/);
    // Each device the panel names, under its line.
    for (const id of seeded('typical').truth.missingCloudLicense) expect(out).toContain(id);
    expect(out).toMatch(/Sent one by one through the account's own «Загрузить лицензии» form: 4 added, 1 rejected, 2 skipped\./);
    // Three accounts seen, in one view, with the renewal plan.
    expect(out).toContain('Every account seen, in one view (overview.html): Кабинетов: 3 ·');
    expect(out).toMatch(/The renewal plan, 90 days ahead: Лицензий: \d+, кабинетов: \d+/);
    for (const name of ['licenses', 'devices', 'upload-preview', 'upload-job', 'upload-indicator', 'overview', 'renewal-plan']) {
      const file = join(shots, `${name}.png`);
      expect(out).toContain(file);
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    }
    // A log shows what a person reads: no carriage returns, no terminal codes.
    expect(out).not.toContain('\r');
    expect(out).not.toContain('\u001B');
    rmSync(shots, { recursive: true, force: true });
  });

  it('says in one sentence that CHROMIUM_PATH names no browser, and stops', async () => {
    const { code, out, err } = await start({ CI: '1', CHROMIUM_PATH: '/nowhere/chromium' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim()).toBe('CHROMIUM_PATH is set to /nowhere/chromium, but there is no file there: point it at a browser\'s executable, or unset it to let the browser be found.');
  });
});
