/**
 * The popup's draft: what the user chose to upload and has not sent yet
 * (the pasted text, the files' bytes, the ticks, what a folder skipped). A
 * toolbar popup closes on any click outside it: into the e-mail to copy the
 * next code, onto the desktop to drag a file. So the draft is kept, and is
 * there again when the popup opens, in its window or in a tab of its own,
 * until it is sent or cleared; a draft left alone for a week is dropped.
 *
 * A database of its own, apart from the jobs': a draft is not a job, and its
 * one version needs no migration. The files and the rest are kept under two
 * keys, so a tick or a typed letter does not write every file's bytes again.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ChosenFile, SkippedFile } from './upload-preview';

/** A file of the draft as chosen: its own name, its bytes (as far as they were read) and its real size. */
export type DraftFile = Pick<ChosenFile, 'name' | 'bytes' | 'size'>;

export interface DraftChoice {
  text: string;
  /** The user's ticks where they differ from the default, by line key. */
  ticks: Array<[key: string, on: boolean]>;
  skipped: SkippedFile[];
}

export interface Draft extends DraftChoice {
  files: DraftFile[];
  savedAt: number;
}

/** One of the draft's two parts: its files, or the rest. */
type DraftPart = { savedAt: number } & (Pick<Draft, 'files'> | DraftChoice);

interface DraftDB extends DBSchema {
  draft: { key: 'files' | 'choice'; value: DraftPart };
}

const DB_NAME = 'license-helper-draft';
const DB_VERSION = 1;
/** A draft nobody came back to for this long is dropped: it holds activation codes and license files. */
export const DRAFT_KEPT_MS = 7 * 24 * 3_600_000;

let opened: Promise<IDBPDatabase<DraftDB>> | undefined;
function db(): Promise<IDBPDatabase<DraftDB>> {
  opened ??= openDB<DraftDB>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('draft');
    },
    blocking() {
      // A newer version elsewhere waits for this connection: let it go.
      void opened?.then((database) => database.close());
      opened = undefined;
    },
  });
  opened.catch(() => (opened = undefined));
  return opened;
}

/** The draft kept, or undefined when there is none (or it is too old, and then it is dropped). */
export async function loadDraft(now = Date.now()): Promise<Draft | undefined> {
  const database = await db();
  const [files, choice] = (await Promise.all([database.get('draft', 'files'), database.get('draft', 'choice')])) as [
    (Pick<Draft, 'files'> & { savedAt: number }) | undefined, (DraftChoice & { savedAt: number }) | undefined];
  if (!files && !choice) return undefined;
  const savedAt = Math.max(files?.savedAt ?? 0, choice?.savedAt ?? 0);
  if (now - savedAt > DRAFT_KEPT_MS) {
    await clearDraft();
    return undefined;
  }
  return { files: files?.files ?? [], text: choice?.text ?? '', ticks: choice?.ticks ?? [], skipped: choice?.skipped ?? [], savedAt };
}

/** Keeps the draft's files: only their name, bytes and size (what was read of them is read again). */
export async function saveDraftFiles(files: readonly ChosenFile[], now = Date.now()): Promise<void> {
  const kept: DraftFile[] = files.map(({ name, bytes, size }) => ({ name, bytes, ...(size !== undefined ? { size } : {}) }));
  await (await db()).put('draft', { files: kept, savedAt: now }, 'files');
}

export async function saveDraftChoice(choice: DraftChoice, now = Date.now()): Promise<void> {
  await (await db()).put('draft', { ...choice, savedAt: now }, 'choice');
}

/** Sent or cleared: nothing of it is kept. */
export async function clearDraft(): Promise<void> {
  await (await db()).clear('draft');
}
