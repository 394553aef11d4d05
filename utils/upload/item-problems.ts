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
import type { EncodingSource, LicenseFileProblem, XmlFault } from './license-file';
import type { PastedCodeProblem } from './pasted-codes';

export type ItemProblem = LicenseFileProblem | PastedCodeProblem;

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

/** `300 кБ`, `1,5 МБ` in the browser's language, counted in 1,024s as Windows Explorer does. */
function sizeText(bytes: number): string {
  const language = browser.i18n.getUILanguage?.() || 'ru';
  const kilobytes = bytes / 1024;
  const [value, unit] = kilobytes < 1024 ? [Math.ceil(kilobytes), 'kilobyte'] : [kilobytes / 1024, 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
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
  }
}
