/**
 * Why an uploaded item cannot be sent, as one sentence in the user's language
 * (the preview line, the job's line, the report). Readers say what is wrong
 * as machine codes with numbers (license-file.ts, pasted-codes.ts); the words
 * live in `public/_locales` under `problem_…`.
 *
 * Nothing from a file is put into a sentence but numbers, an encoding label
 * and a reference cut short; a file's name never is. Sentences are plain text,
 * and the UI shows them as text.
 */
import { t, type MessageName } from '../shared/i18n';
import type { CodesFileProblem, EncodingSource, LicenseFileProblem, XmlFault } from './license-file';
import type { IgnoredReason, PastedCodeDoubt, PastedCodeProblem } from './pasted-codes';
import type { PreviewItem, SkippedFile } from './upload-preview';

export type ItemProblem = LicenseFileProblem | CodesFileProblem | PastedCodeProblem;

const ENCODING_MESSAGES: Record<EncodingSource, MessageName> = {
  declaration: 'problem_encodingDeclared',
  bom: 'problem_encodingBom',
  detected: 'problem_encodingDetected',
  default: 'problem_encodingDefault',
};

const XML_FAULT_MESSAGES: Record<XmlFault, MessageName> = {
  unclosed: 'problem_unclosed',
  'several-roots': 'problem_severalRoots',
  'no-root': 'problem_noRoot',
  'bad-reference': 'problem_badReference',
  'bad-character': 'problem_badCharacter',
  other: 'problem_notWellFormed',
};

/** `utf-8` → `UTF-8` as people write it; `windows-1251` stays as it is. */
const encodingName = (encoding: string) => (/^utf-/i.test(encoding) ? encoding.toUpperCase() : encoding);

/**
 * `500 байт`, `300 кБ`, `1,5 МБ`, `2 ГБ` in the language the extension speaks
 * (its messages', which is the browser's or Russian, never a third one),
 * counted in 1,024s and kilobytes rounded up, as Windows Explorer shows them.
 */
export function sizeText(bytes: number): string {
  const language = t('sizeLocale') || 'ru';
  const format = (value: number, unit: string, unitDisplay: 'long' | 'short') =>
    new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay, maximumFractionDigits: 1 }).format(value);
  // «500 байт», "500 bytes": the short unit is "B", which reads as nothing in English.
  if (bytes < 1024) return format(bytes, 'byte', 'long');
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024) return format(Math.ceil(kilobytes), 'kilobyte', 'short');
  const megabytes = kilobytes / 1024;
  if (megabytes < 1024) return format(megabytes, 'megabyte', 'short');
  return format(megabytes / 1024, 'gigabyte', 'short');
}

export function problemText(problem: ItemProblem): string {
  switch (problem.code) {
    case 'empty': return t('problem_empty');
    case 'too-large': return t('problem_tooLarge', sizeText(problem.bytes), sizeText(problem.limit));
    case 'archive': return t('problem_archive', problem.format);
    case 'binary': return t('problem_binary');
    case 'encoding': return t(ENCODING_MESSAGES[problem.source], encodingName(problem.encoding));
    case 'unknown-encoding': return t('problem_unknownEncoding', problem.encoding);
    case 'not-xml': return t('problem_notXml');
    case 'doctype': return t('problem_doctype');
    case 'not-well-formed': return t(XML_FAULT_MESSAGES[problem.reason], problem.line, problem.column, problem.detail);
    case 'too-deep': return t('problem_tooDeep', problem.limit);
    case 'unreadable': return t('problem_unreadable');
    case 'not-a-license': return t('problem_notALicense');
    case 'cyrillic-look-alike': return t('problem_cyrillicLookAlike', problem.letters.join(', '));
    case 'list-too-large': return t('problem_listTooLarge', sizeText(problem.bytes), sizeText(problem.limit));
    case 'no-codes': return t('problem_noCodes');
  }
}

/** Why a code is only offered, and what ticking it sends. */
export function doubtText(doubt: PastedCodeDoubt, code: string): string {
  switch (doubt.code) {
    case 'spaced': return t('doubt_spaced', doubt.typed, code);
    case 'unseparated': return t('doubt_unseparated', doubt.typed, code);
    case 'wrapped': return t('doubt_wrapped', doubt.typed, code);
    case 'wrapped-part': return t('doubt_wrappedPart', doubt.joined);
    case 'cut': return t('doubt_cut', doubt.typed, code);
  }
}

/** Why a code-shaped text was not taken for a code. */
export function ignoredText(reason: IgnoredReason): string {
  switch (reason.code) {
    case 'digits': return t('ignored_digits');
    case 'link': return t('ignored_link');
    case 'email': return t('ignored_email');
    case 'after-word': return t('ignored_afterWord', reason.word);
    case 'column': return t('ignored_column', reason.header);
  }
}

/** Why a file of a folder was skipped. */
export function skippedText(file: SkippedFile): string {
  switch (file.reason) {
    case 'not-xml': return t('skipped_notXml');
    case 'too-large': return t('skipped_tooLarge', sizeText(file.bytes ?? 0));
    case 'unreadable': return t('skipped_unreadable');
  }
}

/** Why a line that could have gone was not sent: the user unticked it, or never confirmed a code that only looked like one. */
export function untickedText(item: PreviewItem): string {
  return t(item.verdict === 'maybe' ? 'notSentUnconfirmed' : 'notSentUnticked');
}
