/**
 * The preview before a bulk upload: one line per file or pasted code, saying
 * what it is and whether it is new, a duplicate within the batch, already in
 * this account, or unreadable (and why). Then the job made from what the user
 * confirmed. Pure: the popup reads the files' bytes and renders the lines.
 */
import { codeKey } from './activation-code';
import type { ItemProblem } from './item-problems';
import { fileFingerprint, readLicenseFile, type LicenseFileReading } from './license-file';
import { findPastedCodes } from './pasted-codes';
import type { JobItem, ItemWay } from './upload-job';

/** The contract's words for a preview line (`data-clh-item`). */
export type Verdict = 'new' | 'duplicate' | 'present' | 'unreadable';

export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
  /** The file read once, when chosen: typing in the paste box must not read a thousand files again. */
  read?: FileRead;
}

export interface FileRead {
  reading: LicenseFileReading;
  fingerprint: string;
}

/** Reads chosen files: what each says, and a fingerprint of its bytes (the same file under two names). */
export function readChosenFiles(files: readonly ChosenFile[]): ChosenFile[] {
  return files.map((file) => file.read ? file : { ...file, read: { reading: readLicenseFile(file.name, file.bytes), fingerprint: fileFingerprint(file.bytes) } });
}

export interface PreviewItem {
  /** Stable across recomputations while the inputs stay: `file:<n>` or `code:<n>`. */
  key: string;
  way: ItemWay;
  /** The file's name, or the code as typed. */
  label: string;
  /** The activation code, when one was read. */
  code?: string;
  product?: string;
  /** Where a pasted code was: its line in the text. */
  line?: number;
  verdict: Verdict;
  problem?: ItemProblem;
  /** A duplicate's first occurrence, by its label. */
  sameAs?: string;
  file?: ChosenFile;
}

/**
 * One line per file (in the order chosen), then per pasted code (in the
 * text's order). The first occurrence of a code (or of a file's exact bytes)
 * is the one that counts; later ones are duplicates of it.
 */
export function buildPreview(files: readonly ChosenFile[], pasted: string, knownCodes: ReadonlySet<string>): PreviewItem[] {
  const items: PreviewItem[] = [];
  const byCode = new Map<string, string>();
  const byContent = new Map<string, string>();

  const judge = (item: PreviewItem, contentKey?: string): PreviewItem => {
    const key = item.code === undefined ? undefined : codeKey(item.code);
    const first = (contentKey && byContent.get(contentKey)) || (key !== undefined ? byCode.get(key) : undefined);
    if (contentKey && !byContent.has(contentKey)) byContent.set(contentKey, item.label);
    if (first !== undefined) return { ...item, verdict: 'duplicate', sameAs: first };
    if (key === undefined) return item;
    byCode.set(key, item.label);
    return knownCodes.has(key) ? { ...item, verdict: 'present' } : item;
  };

  files.forEach((file, index) => {
    const base = { key: `file:${index}`, way: 'file' as const, label: file.name, file };
    const { reading, fingerprint } = file.read ?? readChosenFiles([file])[0]!.read!;
    if (!reading.ok) {
      items.push({ ...base, verdict: 'unreadable', problem: reading.problem });
      return;
    }
    const { activationCode, product } = reading.fields;
    items.push(judge({ ...base, code: activationCode, ...(product ? { product } : {}), verdict: 'new' }, fingerprint));
  });

  findPastedCodes(pasted).forEach((found, index) => {
    const base = { key: `code:${index}`, way: 'code' as const, label: found.activationCode, line: found.line };
    if (found.problem) {
      items.push({ ...base, verdict: 'unreadable', problem: found.problem });
      return;
    }
    items.push(judge({ ...base, code: found.activationCode, verdict: 'new' }));
  });
  return items;
}

export interface PreviewCounts {
  new: number;
  duplicate: number;
  present: number;
  unreadable: number;
}

export function previewCounts(items: readonly PreviewItem[]): PreviewCounts {
  const counts: PreviewCounts = { new: 0, duplicate: 0, present: 0, unreadable: 0 };
  for (const item of items) counts[item.verdict] += 1;
  return counts;
}

/** Whether a line goes out: new ones do; duplicates and present ones only when the user ticked them. */
export function willSend(item: PreviewItem, sendAnyway: ReadonlySet<string>): boolean {
  if (item.verdict === 'new') return true;
  return (item.verdict === 'duplicate' || item.verdict === 'present') && sendAnyway.has(item.key);
}

/**
 * The job's items from the preview the user confirmed: every line is kept
 * (so the report accounts for each), the ones not sent as `skipped` with why.
 * `problemText` turns an unreadable line's problem into the user's language.
 */
export function itemsToSend(
  preview: readonly PreviewItem[],
  sendAnyway: ReadonlySet<string>,
  problemText: (problem: ItemProblem) => string,
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
    if (willSend(line, sendAnyway)) {
      if (line.file) files.push({ index, name: line.file.name, bytes: line.file.bytes });
    } else if (line.verdict === 'unreadable') {
      Object.assign(item, { outcome: 'skipped', note: 'unreadable', detail: line.problem ? problemText(line.problem) : '' });
    } else {
      Object.assign(item, { outcome: 'skipped', note: line.verdict === 'present' ? 'present' : 'duplicate', ...(line.sameAs ? { detail: line.sameAs } : {}) });
    }
    items.push(item);
  }
  return { items, files };
}
