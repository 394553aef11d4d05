/**
 * Bulk uploads kept in IndexedDB, so that a job outlives the popup, a reload
 * of the account tab and the service worker: the jobs with each item's state,
 * and the bytes of each file to upload exactly as the user chose it. This file
 * owns the database: its name, version and migrations. The popup writes a new
 * job; from then on only the background changes it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { codeKey } from './activation-code';
import type { UploadJob } from './upload-job';

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
const DB_VERSION = 1;
/** Finished jobs kept for their report and for telling which codes an account already has. */
export const JOBS_KEPT = 20;

let opening: Promise<IDBPDatabase<JobsDB>> | undefined;
function database(): Promise<IDBPDatabase<JobsDB>> {
  opening ??= openDB<JobsDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
        db.createObjectStore('files', { keyPath: ['jobId', 'index'] }).createIndex('jobId', 'jobId');
      }
    },
  });
  return opening;
}

/** A record read back is checked before use: one written by an older version, or damaged, is ignored. */
function isJob(value: unknown): value is UploadJob {
  const job = value as Partial<UploadJob> | null | undefined;
  return !!job && typeof job === 'object' && typeof job.id === 'string' && Number.isInteger(job.tabId)
    && typeof job.origin === 'string' && typeof job.login === 'string' && typeof job.uploadUrl === 'string'
    && Array.isArray(job.items) && job.items.every((item, index) => item && item.index === index && typeof item.code === 'string');
}

/** Saves a new job with its files in one transaction, and forgets the oldest jobs beyond JOBS_KEPT. */
export async function createJob(job: UploadJob, files: ReadonlyArray<Omit<KeptFile, 'jobId'>>): Promise<void> {
  const db = await database();
  const tx = db.transaction(['jobs', 'files'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  const kept = tx.objectStore('files');
  await jobs.put(job);
  for (const file of files) await kept.put({ ...file, jobId: job.id });
  // Only ended jobs are forgotten, oldest first; a running or paused one is never dropped.
  const ended = (await jobs.index('createdAt').getAll()).filter((kept) => kept.state === 'finished' || kept.state === 'cancelled');
  for (const old of ended.slice(0, Math.max(0, ended.length - JOBS_KEPT))) {
    await jobs.delete(old.id);
    for (const key of await kept.index('jobId').getAllKeys(old.id)) await kept.delete(key);
  }
  await tx.done;
}

export async function saveJob(job: UploadJob): Promise<void> {
  const db = await database();
  await db.put('jobs', job);
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
 */
export async function codesKnownInAccount(origin: string, login: string): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const job of await allJobs()) {
    if (job.origin !== origin || job.login !== login) continue;
    for (const item of job.items) if (item.outcome === 'added' || item.note === 'present') codes.add(codeKey(item.code));
  }
  return codes;
}
