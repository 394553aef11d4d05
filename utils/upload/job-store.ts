/**
 * Bulk uploads kept in IndexedDB, so that a job outlives the popup, a reload
 * of the account tab and the service worker: the jobs with each item's state,
 * and the bytes of each file to upload exactly as the user chose it. This file
 * owns the database: its name, version and migrations. The popup writes a new
 * job; from then on only the background changes it.
 */
import type { DBSchema } from 'idb';
import { keptDatabase } from '../shared/database';
import { codeKey } from './activation-code';
import { forgetSecrets, hasEnded, type UploadJob } from './upload-job';

export interface KeptFile {
  jobId: string;
  index: number;
  name: string;
  bytes: Uint8Array;
}

interface JobsDB extends DBSchema {
  jobs: { key: string; value: UploadJob; indexes: { createdAt: number } };
  files: { key: [string, number]; value: KeptFile; indexes: { jobId: string } };
}

const DB_NAME = 'license-helper-jobs';
/**
 * The database's versions. Each upgrade runs from any earlier one with data
 * present (tests/upload/job-store-versions.test.ts opens every earlier version
 * filled, then this one):
 *   1. jobs (by createdAt) and files (by job);
 *   2. jobs carry `endedAt`, from which what is kept of them is counted
 *      (set to `createdAt` for the jobs version 1 ended); the files of items
 *      already settled are dropped, as they now are once settled.
 */
const DB_VERSION = 2;
/** Finished jobs kept for their report and for telling which codes an account already has: at most this many… */
export const JOBS_KEPT = 20;
/** …for at most this long after they ended. */
export const JOBS_KEPT_MS = 30 * 24 * 3_600_000;
/**
 * How long an ended job keeps its codes and the files of its failed items:
 * a day to read its report, copy a refused code and retry what failed. Then
 * only outcomes are left (upload-job.ts forgetSecrets).
 */
export const SECRETS_KEPT_MS = 24 * 3_600_000;
const SETTLED: ReadonlySet<string> = new Set(['added', 'rejected', 'skipped']);

/** The database, or why it could not be opened (shared/database.ts). */
const database = keptDatabase<JobsDB>(DB_NAME, DB_VERSION, async (db, oldVersion, _newVersion, tx) => {
  if (oldVersion < 1) {
    db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
    db.createObjectStore('files', { keyPath: ['jobId', 'index'] }).createIndex('jobId', 'jobId');
  }
  if (oldVersion < 2) {
    const files = tx.objectStore('files');
    for (let cursor = await tx.objectStore('jobs').openCursor(); cursor; cursor = await cursor.continue()) {
      const job: unknown = cursor.value;
      if (!isJob(job)) continue;
      for (const item of job.items) if (item.way === 'file' && SETTLED.has(item.outcome)) await files.delete([job.id, item.index]);
      if (hasEnded(job) && job.endedAt === undefined) await cursor.update({ ...job, endedAt: job.createdAt });
    }
  }
});

/** A record read back is checked before use: one written by an older version, or damaged, is ignored. */
function isJob(value: unknown): value is UploadJob {
  const job = value as Partial<UploadJob> | null | undefined;
  return !!job && typeof job === 'object' && typeof job.id === 'string' && Number.isInteger(job.tabId)
    && typeof job.origin === 'string' && typeof job.login === 'string' && typeof job.uploadUrl === 'string'
    && Array.isArray(job.items) && job.items.every((item, index) => item && item.index === index && typeof item.code === 'string');
}

/** Saves a new job with its files in one transaction, and forgets what has been kept long enough (tidyJobs). */
export async function createJob(job: UploadJob, files: ReadonlyArray<Omit<KeptFile, 'jobId'>>): Promise<void> {
  const db = await database();
  const tx = db.transaction(['jobs', 'files'], 'readwrite');
  await tx.objectStore('jobs').put(job);
  for (const file of files) await tx.objectStore('files').put({ ...file, jobId: job.id });
  await tx.done;
  await tidyJobs(job.createdAt);
}

/** Saves a job's change; `forgetFiles`: items whose files are no longer needed (settled), dropped in the same write. */
export async function saveJob(job: UploadJob, forgetFiles: readonly number[] = []): Promise<void> {
  const db = await database();
  if (forgetFiles.length === 0) {
    await db.put('jobs', job);
    return;
  }
  const tx = db.transaction(['jobs', 'files'], 'readwrite');
  await tx.objectStore('jobs').put(job);
  for (const index of forgetFiles) await tx.objectStore('files').delete([job.id, index]);
  await tx.done;
}

/**
 * Keeps what is needed and no more: an ended job's codes and failed files for
 * SECRETS_KEPT_MS, its outcomes for JOBS_KEPT_MS and among the newest
 * JOBS_KEPT. A running or paused job is never touched.
 */
export async function tidyJobs(now: number = Date.now()): Promise<void> {
  const db = await database();
  const tx = db.transaction(['jobs', 'files'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  const files = tx.objectStore('files');
  const dropFiles = async (jobId: string) => {
    for (const key of await files.index('jobId').getAllKeys(jobId)) await files.delete(key);
  };
  const ended = ((await jobs.index('createdAt').getAll()) as unknown[]).filter(isJob).filter(hasEnded);
  const beyondCount = ended.length - JOBS_KEPT;
  for (const [at, job] of ended.entries()) {
    const endedAt = job.endedAt ?? job.createdAt;
    if (at < beyondCount || now - endedAt > JOBS_KEPT_MS) {
      await jobs.delete(job.id);
      await dropFiles(job.id);
    } else if (!job.secretsForgotten && now - endedAt > SECRETS_KEPT_MS) {
      await jobs.put(forgetSecrets(job));
      await dropFiles(job.id);
    }
  }
  await tx.done;
}

export async function loadJob(id: string): Promise<UploadJob | undefined> {
  const db = await database();
  const job: unknown = await db.get('jobs', id);
  return isJob(job) ? job : undefined;
}

/** Every job kept, newest first. */
export async function allJobs(): Promise<UploadJob[]> {
  const db = await database();
  const jobs: unknown[] = await db.getAllFromIndex('jobs', 'createdAt');
  return jobs.filter(isJob).reverse();
}

export async function loadFile(jobId: string, index: number): Promise<KeptFile | undefined> {
  const db = await database();
  const file = await db.get('files', [jobId, index]);
  return file && file.bytes instanceof Uint8Array && typeof file.name === 'string' ? file : undefined;
}

/**
 * Codes earlier jobs saw the account accept or call already present: the
 * account's list shows a main license's code nowhere, so these are what the
 * preview can tell "already in this account" by, besides codes the list shows.
 * Code keys while a job keeps its codes, fingerprints (code-fingerprint.ts)
 * once it has forgotten them: ask with `knownCode` (code-fingerprint.ts).
 */
export async function codesKnownInAccount(origin: string, login: string): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const job of await allJobs()) {
    if (job.origin !== origin || job.login !== login) continue;
    for (const item of job.items) {
      if (item.outcome !== 'added' && item.note !== 'present') continue;
      codes.add(item.fingerprint ?? codeKey(item.code));
    }
  }
  return codes;
}
