// The jobs database across versions (utils/upload/job-store.ts): every earlier
// version, opened with data in it, upgrades to this one; an older version that
// holds the database open does not hang the upgrade; and what is kept goes
// when it has been kept long enough. Each test has a database of its own and
// the module loaded afresh, as a browser that just installed an update has.
import { IDBFactory } from 'fake-indexeddb';
import { openDB, type IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { codeFingerprint, knownCode } from '@/utils/upload/code-fingerprint';
import type { JobItem, UploadJob } from '@/utils/upload/upload-job';

const DB_NAME = 'license-helper-jobs';
const NOW = 1_780_000_000_000;
const DAY = 24 * 3_600_000;
const bytesOf = (text: string) => new TextEncoder().encode(text);

const item = (index: number, fields: Partial<JobItem>): JobItem => ({
  index, way: 'code', label: `C${index}ODE-D3E4F-G5H6J`, code: `C${index}ODE-D3E4F-G5H6J`, outcome: 'queued', attempts: 0, ...fields,
});

const job = (id: string, fields: Partial<UploadJob>): UploadJob => ({
  id, tabId: 7, origin: 'https://lk.cleverence.ru', login: 'partner@example.ru', uploadUrl: 'https://lk.cleverence.ru/licenses/upload',
  createdAt: NOW, state: 'running', items: [], ...fields,
});

/** Version 1 as the extension shipped it: its stores, and what a user had in them. */
async function versionOne(jobs: UploadJob[], files: Array<{ jobId: string; index: number; name: string }>): Promise<IDBPDatabase> {
  const db = await openDB(DB_NAME, 1, {
    upgrade(created) {
      created.createObjectStore('jobs', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      created.createObjectStore('files', { keyPath: ['jobId', 'index'] }).createIndex('jobId', 'jobId');
    },
  });
  for (const each of jobs) await db.put('jobs', each);
  for (const file of files) await db.put('files', { ...file, bytes: bytesOf(file.name) });
  return db;
}

async function freshStore() {
  vi.resetModules();
  return import('@/utils/upload/job-store');
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('upgrading from version 1 with data present', () => {
  it('keeps every job, dates the ended ones, and drops only the files of settled items', async () => {
    const finished = job('v1-finished', {
      createdAt: NOW - 3 * DAY, state: 'finished',
      items: [
        item(0, { way: 'file', label: 'added.xml', outcome: 'added', attempts: 1 }),
        item(1, { way: 'file', label: 'failed.xml', outcome: 'failed', attempts: 4, note: 'not-in-list' }),
        item(2, { outcome: 'added', attempts: 1 }),
      ],
    });
    const running = job('v1-running', {
      items: [item(0, { way: 'file', label: 'sent.xml', outcome: 'rejected', attempts: 1 }), item(1, { way: 'file', label: 'next.xml' })],
    });
    const old = await versionOne([finished, running], [
      { jobId: 'v1-finished', index: 0, name: 'added.xml' },
      { jobId: 'v1-finished', index: 1, name: 'failed.xml' },
      { jobId: 'v1-running', index: 0, name: 'sent.xml' },
      { jobId: 'v1-running', index: 1, name: 'next.xml' },
    ]);
    old.close();

    const store = await freshStore();
    expect(await store.loadJob('v1-finished')).toEqual({ ...finished, endedAt: finished.createdAt });
    expect(await store.loadJob('v1-running')).toEqual(running);
    expect(await store.loadFile('v1-finished', 0)).toBeUndefined();
    expect((await store.loadFile('v1-finished', 1))!.name).toBe('failed.xml');
    expect(await store.loadFile('v1-running', 0)).toBeUndefined();
    expect((await store.loadFile('v1-running', 1))!.name).toBe('next.xml');

    const db = await openDB(DB_NAME);
    expect(db.version).toBe(2);
    db.close();
  });

  it('passes over a damaged record instead of failing the upgrade', async () => {
    const good = job('v1-good', { state: 'cancelled', items: [item(0, { outcome: 'skipped', note: 'cancelled' })] });
    const old = await versionOne([good], []);
    await old.put('jobs', { id: 'v1-damaged', createdAt: NOW, items: 'not a list' });
    old.close();

    const store = await freshStore();
    expect((await store.allJobs()).map((each) => each.id)).toEqual(['v1-good']);
    expect((await store.loadJob('v1-good'))!.endedAt).toBe(NOW);
  });
});

describe('an older version holding the database open', () => {
  it('fails the open with the reason within seconds instead of hanging, and opens once it lets go', async () => {
    // A version-1 page that never closes its connection: version 1 had no handler for a newer version.
    const old = await versionOne([job('kept', {})], []);
    const store = await freshStore();
    const started = Date.now();
    await expect(store.loadJob('kept')).rejects.toMatchObject({ name: 'StorageBlocked' });
    expect(Date.now() - started).toBeLessThan(8_000);

    old.close();
    await vi.waitFor(async () => expect(await store.loadJob('kept')).toMatchObject({ id: 'kept' }), { timeout: 5_000 });
  }, 15_000);

  it('lets a newer version upgrade past this one: this one closes and opens again on its next use', async () => {
    const store = await freshStore();
    await store.createJob(job('before-newer', {}), []);
    const newer = await openDB(DB_NAME, 3, { upgrade: () => undefined });
    expect(newer.version).toBe(3);
    newer.close();
  });
});

describe('keeping outcomes, not secrets', () => {
  const ended = (id: string, endedAt: number) => job(id, {
    createdAt: endedAt - 60_000, endedAt, state: 'finished',
    items: [
      item(0, { outcome: 'added', attempts: 1, message: 'Лицензия с кодом активации c0ode-d3e4f-g5h6j добавлена в личный кабинет.' }),
      item(1, { way: 'file', label: 'Склад.xml', code: 'F1ILE-D3E4F-G5H6J', outcome: 'failed', attempts: 4, note: 'not-in-list' }),
    ],
  });

  it('an ended job keeps its codes and its failed files for a day, then only outcomes, codes shortened', async () => {
    const store = await freshStore();
    await store.createJob(ended('young', NOW - DAY + 60_000), [{ index: 1, name: 'Склад.xml', bytes: bytesOf('x') }]);
    await store.createJob(ended('day-old', NOW - DAY - 60_000), [{ index: 1, name: 'Склад.xml', bytes: bytesOf('x') }]);
    await store.tidyJobs(NOW);

    expect((await store.loadJob('young'))!.items[0]!.code).toBe('C0ODE-D3E4F-G5H6J');
    expect(await store.loadFile('young', 1)).toBeDefined();

    const forgotten = (await store.loadJob('day-old'))!;
    expect(forgotten.secretsForgotten).toBe(true);
    expect(forgotten.items.map((each) => [each.outcome, each.label, each.code])).toEqual([
      ['added', 'C0ODE-…-G5H6J', 'C0ODE-…-G5H6J'],
      ['failed', 'Склад.xml', 'F1ILE-…-G5H6J'],
    ]);
    // The site's words keep their sense, not the code (written there in small letters).
    expect(forgotten.items[0]!.message).toBe('Лицензия с кодом активации C0ODE-…-G5H6J добавлена в личный кабинет.');
    expect(await store.loadFile('day-old', 1)).toBeUndefined();
    // Still known as in the account, by its fingerprint.
    const known = await store.codesKnownInAccount('https://lk.cleverence.ru', 'partner@example.ru');
    expect(known.has(codeFingerprint('C0ODE-D3E4F-G5H6J'))).toBe(true);
    expect(knownCode(known, 'c0ode-d3e4f-g5h6j')).toBe(true);
    expect(knownCode(known, 'F1ILE-D3E4F-G5H6J')).toBe(false);
    expect([...known].some((entry) => entry.includes('D3E4F'))).toBe(true); // the young job's, not yet forgotten
  });

  it('an ended job goes after 30 days, with its files; a running or paused one is never touched', async () => {
    const store = await freshStore();
    await store.createJob(ended('month-old', NOW - 31 * DAY), [{ index: 1, name: 'Склад.xml', bytes: bytesOf('x') }]);
    await store.createJob(job('old-paused', { createdAt: NOW - 90 * DAY, state: 'paused', pause: 'user', items: [item(0, {})] }), []);
    await store.tidyJobs(NOW);
    expect(await store.loadJob('month-old')).toBeUndefined();
    expect(await store.loadFile('month-old', 1)).toBeUndefined();
    expect((await store.loadJob('old-paused'))!.items[0]!.code).toBe('C0ODE-D3E4F-G5H6J');
  });
});
