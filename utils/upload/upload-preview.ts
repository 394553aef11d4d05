/**
 * The preview before a bulk upload: one line per file or pasted code, saying
 * what it is and whether it is new, a duplicate within the batch, already in
 * this account, only looks like a code, or unreadable (and why). Then the job
 * made from what the user ticked. Pure, but for walking a dropped folder: the
 * popup reads the files' bytes and renders the lines.
 */
import { codeKey } from './activation-code';
import { knownCode } from './code-fingerprint';
import type { ItemProblem } from './item-problems';
import {
  fileFingerprint, isCodesFileName, isLicenseFileName, MAX_LICENSE_FILE_BYTES, ownFileName, readCodesFile, readLicenseFile,
  type CodesFileReading, type LicenseFileReading,
} from './license-file';
import { readPastedText, type IgnoredText, type PastedCodeDoubt, type PastedReading } from './pasted-codes';
import type { JobItem, ItemWay } from './upload-job';

/** The contract's words for a preview line (`data-clh-item`). */
export type Verdict = 'new' | 'duplicate' | 'present' | 'unreadable' | 'maybe';

export interface ChosenFile {
  /** The file's own name, never a folder path (license-file.ts, ownFileName). */
  name: string;
  bytes: Uint8Array;
  /** Its real size, when `bytes` are only its start: a file too large is read no further than one byte past the limit. */
  size?: number;
  /** The file read once, when chosen: typing in the paste box must not read a thousand files again. */
  read?: FileRead;
}

export type FileRead =
  /** A license protection file, and a fingerprint of its bytes (the same file under two names). */
  | { kind: 'license'; reading: LicenseFileReading; fingerprint: string }
  /** A text file of codes (`.txt`, `.csv`), read as if its text were pasted. */
  | { kind: 'codes'; reading: CodesFileReading; pasted?: PastedReading };

/** Reads chosen files: a list of codes by its name, anything else as a license file (which says what is wrong with it). */
export function readChosenFiles(files: readonly ChosenFile[]): ChosenFile[] {
  return files.map((file) => {
    if (file.read) return file;
    const size = file.size ?? file.bytes.length;
    if (isCodesFileName(file.name)) {
      const reading = readCodesFile(file.name, file.bytes, size);
      return { ...file, read: { kind: 'codes', reading, ...(reading.ok ? { pasted: readPastedText(reading.text) } : {}) } };
    }
    return { ...file, read: { kind: 'license', reading: readLicenseFile(file.name, file.bytes, size), fingerprint: fileFingerprint(file.bytes) } };
  });
}

export interface PreviewItem {
  /**
   * Stable while the inputs stay, and for what stays when they change (a tick
   * must not move to another line as the user edits the text): `file:<n>`,
   * `code:<CODE>` (`#2`, `#3` for repeats), `file:<n>:<CODE>` for a code in a text file.
   */
  key: string;
  way: ItemWay;
  /** The file's name, or the code as typed (as it would be sent, for one that only looks like a code). */
  label: string;
  /** The activation code, when one was read. */
  code?: string;
  product?: string;
  /** Where a pasted code was: its line in the text (or in its text file). */
  line?: number;
  /** The text file a code was read from, by its own name. */
  source?: string;
  verdict: Verdict;
  problem?: ItemProblem;
  /** Why a code was only offered: how it was written. */
  doubt?: PastedCodeDoubt;
  /** A duplicate's first occurrence, by its label. */
  sameAs?: string;
  file?: ChosenFile;
}

/** A code-shaped text that is no code, and the text file it was in. */
export type IgnoredInPreview = IgnoredText & { source?: string };

export interface Preview {
  items: PreviewItem[];
  ignored: IgnoredInPreview[];
}

/**
 * One line per file (in the order chosen; a text file's codes in its place),
 * then per pasted code (in the text's order). The first occurrence of a code
 * (or of a file's exact bytes) is the one that counts; later ones are
 * duplicates of it. A code that only looks like one counts after every code
 * taken as it is: written twice, once plainly and once with spaces, it is
 * the plain one that goes.
 */
export function previewOf(files: readonly ChosenFile[], pasted: string, knownCodes: ReadonlySet<string>): Preview {
  const items: PreviewItem[] = [];
  const ignored: IgnoredInPreview[] = [];
  const byCode = new Map<string, string>();
  const byContent = new Map<string, string>();
  const offered: number[] = [];
  const occurrences = new Map<string, number>();
  const keyOf = (base: string) => {
    const count = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  };

  const judge = (item: PreviewItem, contentKey?: string): PreviewItem => {
    const key = item.code === undefined ? undefined : codeKey(item.code);
    const first = (contentKey && byContent.get(contentKey)) || (key !== undefined ? byCode.get(key) : undefined);
    if (contentKey && !byContent.has(contentKey)) byContent.set(contentKey, item.label);
    if (first !== undefined) return { ...item, verdict: 'duplicate', sameAs: first };
    if (key === undefined) return item;
    byCode.set(key, item.label);
    return knownCode(knownCodes, key) ? { ...item, verdict: 'present' } : item;
  };

  const codeLines = (reading: PastedReading, keyBase: string, source?: string) => {
    for (const found of reading.codes) {
      const item: PreviewItem = {
        key: keyOf(`${keyBase}${codeKey(found.activationCode)}`),
        way: 'code',
        label: found.activationCode,
        line: found.line,
        ...(source !== undefined ? { source } : {}),
        verdict: 'new',
      };
      if (found.problem) items.push({ ...item, verdict: 'unreadable', problem: found.problem });
      else if (found.doubt) {
        offered.push(items.length);
        items.push({ ...item, code: found.activationCode, verdict: 'maybe', doubt: found.doubt });
      } else items.push(judge({ ...item, code: found.activationCode }));
    }
    for (const text of reading.ignored) ignored.push(source !== undefined ? { ...text, source } : text);
  };

  files.forEach((file, index) => {
    const name = ownFileName(file.name);
    const base = { key: `file:${index}`, way: 'file' as const, label: name, file };
    const read = file.read ?? readChosenFiles([file])[0]!.read!;
    if (read.kind === 'codes') {
      if (!read.reading.ok) items.push({ ...base, verdict: 'unreadable', problem: read.reading.problem });
      else if (read.pasted!.codes.length === 0) {
        items.push({ ...base, verdict: 'unreadable', problem: { code: 'no-codes' } });
        for (const text of read.pasted!.ignored) ignored.push({ ...text, source: name });
      } else codeLines(read.pasted!, `file:${index}:`, name);
      return;
    }
    const { reading, fingerprint } = read;
    if (!reading.ok) {
      items.push({ ...base, verdict: 'unreadable', problem: reading.problem });
      return;
    }
    const { activationCode, product } = reading.fields;
    items.push(judge({ ...base, code: activationCode, ...(product ? { product } : {}), verdict: 'new' }, fingerprint));
  });

  codeLines(readPastedText(pasted), 'code:');

  // What only looks like a code, once every plain code is known.
  const firstOffered = new Map<string, string>();
  for (const at of offered) {
    const item = items[at]!;
    const key = codeKey(item.code!);
    const first = byCode.get(key) ?? firstOffered.get(key);
    if (first !== undefined) items[at] = { ...item, verdict: 'duplicate', sameAs: first };
    else if (knownCode(knownCodes, key)) items[at] = { ...item, verdict: 'present' };
    else firstOffered.set(key, item.label);
  }
  return { items, ignored };
}

/** The preview's lines alone. */
export function buildPreview(files: readonly ChosenFile[], pasted: string, knownCodes: ReadonlySet<string>): PreviewItem[] {
  return previewOf(files, pasted, knownCodes).items;
}

export type PreviewCounts = Record<Verdict, number>;

export function previewCounts(items: readonly PreviewItem[]): PreviewCounts {
  const counts: PreviewCounts = { new: 0, duplicate: 0, present: 0, unreadable: 0, maybe: 0 };
  for (const item of items) counts[item.verdict] += 1;
  return counts;
}

/**
 * Whether a line goes out unless the user says otherwise: new ones do;
 * duplicates, present ones and codes that only look like codes do not.
 */
export const tickedByDefault = (item: PreviewItem) => item.verdict === 'new';

/** Whether a line goes out: as the user ticked it, else by default. An unreadable line has nothing to send. */
export function willSend(item: PreviewItem, ticks: ReadonlyMap<string, boolean>): boolean {
  return item.verdict !== 'unreadable' && (ticks.get(item.key) ?? tickedByDefault(item));
}

/**
 * The job's items from the preview the user confirmed: every line is kept
 * (so the report accounts for each), the ones not sent as `skipped` with why.
 * `problemText` turns an unreadable line's problem into the user's language;
 * `untickedText` says why a new line, or one that looked like a code, was not sent.
 */
export function itemsToSend(
  preview: readonly PreviewItem[],
  ticks: ReadonlyMap<string, boolean>,
  problemText: (problem: ItemProblem) => string,
  untickedText: (item: PreviewItem) => string = () => '',
): { items: JobItem[]; files: Array<{ index: number; name: string; bytes: Uint8Array }> } {
  const items: JobItem[] = [];
  const files: Array<{ index: number; name: string; bytes: Uint8Array }> = [];
  for (const line of preview) {
    const index = items.length;
    const item: JobItem = {
      index,
      way: line.way,
      label: line.label,
      code: line.code ?? '',
      ...(line.product ? { product: line.product } : {}),
      outcome: 'queued',
      attempts: 0,
    };
    if (willSend(line, ticks)) {
      if (line.file) files.push({ index, name: ownFileName(line.file.name), bytes: line.file.bytes });
    } else if (line.verdict === 'unreadable') {
      Object.assign(item, { outcome: 'skipped', note: 'unreadable', detail: line.problem ? problemText(line.problem) : '' });
    } else if (line.verdict === 'duplicate' || line.verdict === 'present') {
      Object.assign(item, { outcome: 'skipped', note: line.verdict, ...(line.sameAs ? { detail: line.sameAs } : {}) });
    } else {
      Object.assign(item, { outcome: 'skipped', note: 'unticked', detail: untickedText(line) });
    }
    items.push(item);
  }
  return { items, files };
}

// ---------------------------------------------------------------------------
// Folders: what is taken from one, and what is skipped and why.

export type SkipReason = 'not-xml' | 'too-large' | 'unreadable';

export interface SkippedFile {
  /** Its own name (a folder's, for a folder that could not be read). */
  name: string;
  reason: SkipReason;
  /** Its real size, when too large. */
  bytes?: number;
}

/**
 * A folder's files: its license files are taken, anything else is skipped
 * and said so. In a folder of licenses (`C:\ProgramData\Cleverence\Licenses`)
 * a `.txt` is a readme, not a list of codes: lists of codes are picked or
 * dropped as files. A license file over the limit is skipped unread.
 */
export function sortFolderFiles<T extends { name: string; size: number }>(files: readonly T[]): { taken: T[]; skipped: SkippedFile[] } {
  const taken: T[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of files) {
    const name = ownFileName(file.name);
    if (!isLicenseFileName(name)) skipped.push({ name, reason: 'not-xml' });
    else if (file.size > MAX_LICENSE_FILE_BYTES) skipped.push({ name, reason: 'too-large', bytes: file.size });
    else taken.push(file);
  }
  return { taken, skipped };
}

/** What a drop gives of the File and Directory Entries API: FileSystemEntry and its kinds, as far as they are used here. */
export interface DroppedEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}
interface DroppedFileEntry extends DroppedEntry {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
interface DroppedDirectoryEntry extends DroppedEntry {
  createReader(): { readEntries(success: (entries: DroppedEntry[]) => void, failure?: (error: unknown) => void): void };
}

/** One dropped item: its entry (a folder is only an entry), and its file when it is one. */
export interface DroppedItem {
  entry: DroppedEntry | null;
  file: File | null;
}

/**
 * Every file in what was dropped: files dropped as such are all taken (the
 * preview says what is wrong with one); folders are walked through, and what
 * they hold besides license files, or could not be read, is listed as skipped.
 * The items must be taken from the DataTransfer during the drop event: it is
 * emptied when the event ends.
 */
export async function filesDropped(dropped: readonly DroppedItem[]): Promise<{ files: File[]; skipped: SkippedFile[] }> {
  const files: File[] = [];
  const skipped: SkippedFile[] = [];
  const fileOf = (entry: DroppedEntry) => new Promise<File>((done, fail) => (entry as DroppedFileEntry).file(done, fail));

  const walkFolder = async (folder: DroppedEntry): Promise<void> => {
    const reader = (folder as DroppedDirectoryEntry).createReader();
    const inFolder: File[] = [];
    for (;;) {
      let batch: DroppedEntry[];
      try {
        batch = await new Promise<DroppedEntry[]>((done, fail) => reader.readEntries(done, fail));
      } catch {
        skipped.push({ name: folder.name, reason: 'unreadable' });
        break;
      }
      if (batch.length === 0) break;
      for (const child of batch) {
        if (child.isDirectory) await walkFolder(child);
        else if (!isLicenseFileName(child.name)) skipped.push({ name: ownFileName(child.name), reason: 'not-xml' });
        else {
          try {
            inFolder.push(await fileOf(child));
          } catch {
            skipped.push({ name: ownFileName(child.name), reason: 'unreadable' });
          }
        }
      }
    }
    const sorted = sortFolderFiles(inFolder);
    files.push(...sorted.taken);
    skipped.push(...sorted.skipped);
  };

  for (const { entry, file } of dropped) {
    if (entry?.isDirectory) await walkFolder(entry);
    else if (file) files.push(file);
    else if (entry?.isFile) {
      try {
        files.push(await fileOf(entry));
      } catch {
        skipped.push({ name: ownFileName(entry.name), reason: 'unreadable' });
      }
    }
  }
  return { files, skipped };
}
