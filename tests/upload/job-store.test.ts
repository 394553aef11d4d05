// Bulk upload jobs kept in IndexedDB (fake-indexeddb here, see vitest.config.ts).
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { allJobs, codesKnownInAccount, createJob, JOBS_KEPT, loadFile, loadJob, saveJob } from '@/utils/upload/job-store';
import type { JobItem, JobState, UploadJob } from '@/utils/upload/upload-job';

const DB_NAME = 'license-helper-jobs';
const ORIGIN = 'https://lk.cleverence.ru';
const LOGIN = 'partner@example.ru';
const NOW = 1_750_000_000_000;

const item = (index: number, fields: Partial<JobItem> = {}): JobItem => ({
  index, way: 'code', label: `A${index}B2C-D3E4F-G5H6J`, code: `A${index}B2C-D3E4F-G5H6J`, outcome: 'queued', attempts: 0, ...fields,
});

const job = (id: string, fields: Partial<UploadJob> = {}): UploadJob => ({
  id, tabId: 7, origin: ORIGIN, login: LOGIN, uploadUrl: `${ORIGIN}/licenses/upload`, createdAt: NOW, state: 'running',
  items: [item(0), item(1, { way: 'file', label: 'license.xml' })], ...fields,
});

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** Straight into the extension's database, as an older version or a damaged profile might have left it. */
async function raw<T>(work: (db: Awaited<ReturnType<typeof openDB>>) => Promise<T>): Promise<T> {
  // The stores exist once the module has opened the database.
  await loadJob('nothing');
  const db = await openDB(DB_NAME);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Each test starts with no jobs: keeping JOBS_KEPT is about all jobs in the database. */
beforeEach(() => raw(async (db) => {
  await db.clear('jobs');
  await db.clear('files');
}));

/** Jobs made one after the other, each with one file, each a minute newer than the last. */
async function createInTurn(count: number, state: (n: number) => JobState, prefix: string, startAt = NOW): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const id = `${prefix}-${n}`;
    await createJob(job(id, { createdAt: startAt + n * 60_000, state: state(n) }), [{ index: 1, name: `${id}.xml`, bytes: bytesOf(id) }]);
    ids.push(id);
  }
  return ids;
}

describe('createJob, loadJob, loadFile', () => {
  it('gives back the job and the exact bytes of its files', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x3c, 0x3f, 0x78, 0x6d, 0x6c, 0x00, 0xff]);
    const created = job('round-trip', {
      items: [item(0), item(1, { way: 'file', label: 'Склад 15.xml' }), item(2, { way: 'file', label: 'copy.xml' })],
    });
    await createJob(created, [{ index: 1, name: 'Склад 15.xml', bytes }, { index: 2, name: 'copy.xml', bytes: bytesOf('<LicenseCard/>') }]);

    expect(await loadJob('round-trip')).toEqual(created);
    const file = await loadFile('round-trip', 1);
    expect(file).toEqual({ jobId: 'round-trip', index: 1, name: 'Склад 15.xml', bytes });
    expect(file!.bytes).toBeInstanceOf(Uint8Array);
    expect((await loadFile('round-trip', 2))!.name).toBe('copy.xml');
  });

  it('has nothing for a job or a file it never kept', async () => {
    await createJob(job('with-files'), [{ index: 1, name: 'a.xml', bytes: bytesOf('a') }]);
    expect(await loadJob('never-made')).toBeUndefined();
    expect(await loadFile('with-files', 0)).toBeUndefined();
    expect(await loadFile('never-made', 1)).toBeUndefined();
  });

  it('saveJob keeps the job\'s changes, and allJobs lists the newest first', async () => {
    await createJob(job('older', { createdAt: NOW - 1 }), []);
    await createJob(job('newer', { createdAt: NOW }), []);
    const changed = job('older', { createdAt: NOW - 1, state: 'paused', pause: 'session-expired', items: [item(0, { outcome: 'added', attempts: 1 })] });
    await saveJob(changed);
    expect(await loadJob('older')).toEqual(changed);
    expect((await allJobs()).map((each) => each.id)).toEqual(['newer', 'older']);
  });
});

describe('records that are not jobs', () => {
  it('are ignored by loadJob, allJobs and codesKnownInAccount', async () => {
    await createJob(job('good', { items: [item(0, { outcome: 'added', code: 'GOOD1-D3E4F-G5H6J' })] }), []);
    const junk = [
      { id: 'no-fields', createdAt: NOW },
      { ...job('fractional-tab'), tabId: 7.5 },
      { ...job('no-login'), login: undefined },
      { ...job('items-not-a-list'), items: 'A1B2C-D3E4F-G5H6J' },
      { ...job('items-out-of-order'), items: [item(1, { outcome: 'added', code: 'JUNK1-D3E4F-G5H6J' })] },
      { ...job('item-null'), items: [null] },
      { ...job('code-a-number'), items: [{ ...item(0, { outcome: 'added' }), code: 12345 }] },
      { ...job('no-origin'), origin: 42, items: [item(0, { outcome: 'added', code: 'JUNK2-D3E4F-G5H6J' })] },
    ];
    await raw(async (db) => {
      for (const record of junk) await db.put('jobs', record);
    });

    for (const record of junk) expect(await loadJob(record.id), record.id).toBeUndefined();
    expect((await allJobs()).map((each) => each.id)).toEqual(['good']);
    expect(await codesKnownInAccount(ORIGIN, LOGIN)).toEqual(new Set(['GOOD1-D3E4F-G5H6J']));
  });

  it('a file record without bytes or a name is not given as a file', async () => {
    await createJob(job('damaged-files'), []);
    await raw(async (db) => {
      await db.put('files', { jobId: 'damaged-files', index: 0, name: 'a.xml', bytes: 'PExpY2Vuc2VDYXJkLz4=' });
      await db.put('files', { jobId: 'damaged-files', index: 1, bytes: bytesOf('<LicenseCard/>') });
    });
    expect(await loadFile('damaged-files', 0)).toBeUndefined();
    expect(await loadFile('damaged-files', 1)).toBeUndefined();
  });
});

describe('keeping JOBS_KEPT finished jobs', () => {
  it('forgets the oldest finished and cancelled jobs beyond JOBS_KEPT, and their files with them', async () => {
    const ids = await createInTurn(JOBS_KEPT + 5, (n) => (n % 4 === 0 ? 'cancelled' : 'finished'), 'ended');
    const kept = ids.slice(5);
    expect((await allJobs()).map((each) => each.id)).toEqual(kept.slice().reverse());
    for (const id of ids.slice(0, 5)) {
      expect(await loadJob(id)).toBeUndefined();
      expect(await loadFile(id, 1), `${id}'s file`).toBeUndefined();
    }
    for (const id of kept) expect((await loadFile(id, 1))!.bytes).toEqual(bytesOf(id));
  });

  it('never forgets a running or paused job, however old, nor its files', async () => {
    await createJob(job('old-running', { createdAt: NOW - 10 * 60_000, state: 'running' }), [{ index: 1, name: 'r.xml', bytes: bytesOf('r') }]);
    await createJob(job('old-paused', { createdAt: NOW - 9 * 60_000, state: 'paused', pause: 'session-expired' }), [{ index: 1, name: 'p.xml', bytes: bytesOf('p') }]);
    const ended = await createInTurn(JOBS_KEPT + 5, () => 'finished', 'after-live');

    const left = (await allJobs()).map((each) => each.id);
    expect(left).toContain('old-running');
    expect(left).toContain('old-paused');
    expect((await loadFile('old-running', 1))!.name).toBe('r.xml');
    expect((await loadFile('old-paused', 1))!.name).toBe('p.xml');
    expect(left.filter((id) => id.startsWith('after-live'))).toEqual(ended.slice(5).reverse());
  });

  it('a new running job does not cost a finished one its place: the newest JOBS_KEPT finished stay', async () => {
    const ended = await createInTurn(JOBS_KEPT + 2, () => 'finished', 'before-new');
    await createJob(job('new-running', { createdAt: NOW + 3_600_000 }), []);

    const left = (await allJobs()).map((each) => each.id);
    expect(left[0]).toBe('new-running');
    expect(left.slice(1)).toEqual(ended.slice(2).reverse());
  });
});

describe('codesKnownInAccount', () => {
  it('gives the codes this account accepted or called present, in capitals', async () => {
    await createJob(job('known-1', {
      state: 'finished',
      items: [
        item(0, { outcome: 'added', code: 'a1b2c-d3e4f-g5h6j' }),
        item(1, { outcome: 'rejected', note: 'present', code: 'P1B2C-D3E4F-G5H6J', message: 'Лицензия с кодом активации P1B2C-D3E4F-G5H6J уже есть в личном кабинете.' }),
        item(2, { outcome: 'rejected', code: 'U1B2C-D3E4F-G5H6J', message: 'Код активации U1B2C-D3E4F-G5H6J не найден.' }),
        item(3, { outcome: 'failed', note: 'cannot-tell', inDoubt: true, code: 'F1B2C-D3E4F-G5H6J' }),
        item(4, { outcome: 'skipped', note: 'cancelled', code: 'S1B2C-D3E4F-G5H6J' }),
        item(5, { outcome: 'queued', code: 'Q1B2C-D3E4F-G5H6J' }),
      ],
    }), []);
    await createJob(job('known-2', { items: [item(0, { outcome: 'added', note: 'found-in-list', code: 'L1B2C-D3E4F-G5H6J' })] }), []);
    // Another login on the same site, and the same login on another site.
    await createJob(job('other-login', { login: 'someone@else.ru', items: [item(0, { outcome: 'added', code: 'O1B2C-D3E4F-G5H6J' })] }), []);
    await createJob(job('other-origin', { origin: 'https://lk.example.com', items: [item(0, { outcome: 'added', code: 'X1B2C-D3E4F-G5H6J' })] }), []);

    expect(await codesKnownInAccount(ORIGIN, LOGIN)).toEqual(new Set(['A1B2C-D3E4F-G5H6J', 'P1B2C-D3E4F-G5H6J', 'L1B2C-D3E4F-G5H6J']));
    expect(await codesKnownInAccount(ORIGIN, 'someone@else.ru')).toEqual(new Set(['O1B2C-D3E4F-G5H6J']));
    expect(await codesKnownInAccount('https://lk.example.com', LOGIN)).toEqual(new Set(['X1B2C-D3E4F-G5H6J']));
    expect(await codesKnownInAccount(ORIGIN, 'nobody@example.ru')).toEqual(new Set());
  });
});
