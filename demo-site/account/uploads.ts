/**
 * What the account answers about each license it is given on «Загрузить
 * лицензии», by code or by file, and the log the demo keeps of it for tests.
 * The checks come in the order a real account would make them: is it a code
 * at all, is it already here, did the vendor sell it. A genuine card is added
 * to the account that gives it; the demo does not follow cards from one
 * account to another (each account sees every card it does not hold as unused).
 */
import { cardOf, typedCode } from '../cards.ts';
import type { AccountLogin } from '../seed.ts';
import { readLicenseFile } from './license-file-reader.ts';
import type { AccountStore } from './store.ts';
import { fillIn, type Words } from './words.ts';

/** What the account made of one code or file. */
export type UploadVerdict = 'added' | 'present' | 'unknown' | 'malformed' | 'not-a-license' | 'unreadable';

/** A verdict, or what a fault switch did to the POST instead (see faults.ts). */
export type UploadOutcome = UploadVerdict | 'fault-500' | 'fault-429' | 'session-expired' | 'dropped-after-adding' | 'dropped-unprocessed';

/** Outcomes of items the account really processed: a second one for the same code is a second submission. */
export const PROCESSED_OUTCOMES: ReadonlySet<UploadOutcome> = new Set<UploadOutcome>([
  'added',
  'present',
  'unknown',
  'malformed',
  'not-a-license',
  'unreadable',
  'dropped-after-adding',
]);

export type UploadWay = 'code' | 'file';

/** One item of one upload POST, in the order they came: `stats.uploads`. */
export interface UploadLogEntry {
  /** The upload POST's number on this server, from 1; the items of one POST share it. */
  post: number;
  login: AccountLogin;
  way: UploadWay;
  /** Upper-cased when well formed; as typed (trimmed) when not; absent when a file had none. */
  code?: string;
  fileName?: string;
  outcome: UploadOutcome;
  /**
   * The POST was processed and its answer never sent (`dropEvery`). An added
   * item then reads `dropped-after-adding`; the others keep their verdict.
   */
  dropped?: true;
}

export interface UploadAnswer {
  verdict: UploadVerdict;
  code?: string;
  /** The card's product, when the code was added or already here. */
  product?: string;
  /** The file's name as the browser sent it, for the file way. */
  fileName?: string;
}

/** A code as the log and the messages name it: upper-cased when well formed, else as typed but trimmed. */
export function codeAsNamed(typed: string): string {
  return typedCode(typed) ?? typed.trim();
}

/** «Добавить код активации»: one typed code. */
export function answerCode(store: AccountStore, login: AccountLogin, typed: string): UploadAnswer {
  const code = typedCode(typed);
  if (code === undefined) return { verdict: 'malformed', code: codeAsNamed(typed) };
  const present = store.licenseWithCode(login, code);
  if (present) return { verdict: 'present', code, product: present.product };
  const card = cardOf(code);
  if (!card) return { verdict: 'unknown', code };
  store.addCard(login, card);
  return { verdict: 'added', code, product: card.product };
}

/** «Загрузить файлы защиты»: one file, read, then its code answered as if typed. */
export function answerFile(store: AccountStore, login: AccountLogin, fileName: string, bytes: Uint8Array): UploadAnswer {
  const reading = readLicenseFile(bytes);
  if (reading.kind !== 'license') return { verdict: reading.kind, fileName };
  return { ...answerCode(store, login, reading.code), fileName };
}

const ANSWER_WORD: Record<UploadVerdict, keyof Words['uploadAnswers']> = {
  added: 'added',
  present: 'present',
  unknown: 'unknown',
  malformed: 'malformed',
  'not-a-license': 'notALicense',
  unreadable: 'unreadable',
};

/** The sentence the page shows; a file's names the file first. */
export function answerText(answer: UploadAnswer, words: Words): string {
  const text = fillIn(words.uploadAnswers[ANSWER_WORD[answer.verdict]], {
    code: answer.code ?? '',
    product: answer.product ?? '',
  });
  return answer.fileName === undefined ? text : fillIn(words.uploadAnswers.fileLine, { file: answer.fileName, answer: text });
}

/** A file name as the user knows it: old browsers send the whole path (`C:\fakepath\…`). */
export function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
}
