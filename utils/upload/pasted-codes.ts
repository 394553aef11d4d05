/**
 * Activation codes in whatever a person pastes: a mail from the vendor or a
 * partner (quoted with `>`, signed with a phone number and a date), a column
 * copied from a spreadsheet, a list separated by commas, semicolons, spaces or
 * tabs, codes in quotes or brackets. What a code looks like is decided in
 * activation-code.ts; here the text is cut into tokens and each whole token is
 * judged, so that a part of something longer (a GUID, a device id) is never
 * taken for a code.
 */
import { cyrillicLookAlikesIn, isActivationCode, normaliseTypedText } from './activation-code';

/** Why a found code should not be sent as it is. */
export type PastedCodeProblem = { code: 'cyrillic-look-alike'; letters: string[] };

export interface PastedCode {
  /** As typed, after invisible characters and dash look-alikes are normalised; never upper-cased or "fixed". */
  activationCode: string;
  /** The line of the pasted text it was found on, from 1. */
  line: number;
  problem?: PastedCodeProblem;
}

/** Any line break a browser's text box may hold, the Unicode ones included. */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

/**
 * Letters, digits and underscores joined by single dashes: whatever sits
 * between spaces, punctuation, quotes and brackets. `@`, `.`, `(`, `>` and the
 * like end a token, so `@XIAOMI-…`, `+7 (495) 662-98-03` and `28.11.2026`
 * fall into pieces that are no code.
 */
const TOKEN = /[\p{L}\p{N}\p{M}_]+(?:-[\p{L}\p{N}\p{M}_]+)*/gu;

/** Quote marks (`>`, `>>`) and spaces in front of a mail's quoted line, or before a `-` bullet. */
const QUOTE_PREFIX = /^[\s>]*/;
const ONLY_QUOTE_PREFIX = /^[\s>]*$/;

/** Every activation code in a pasted text, in reading order, repeats included (the preview marks them). */
export function findPastedCodes(text: string): PastedCode[] {
  const lines = normaliseTypedText(text).split(LINE_BREAK);
  const found: PastedCode[] = [];
  /** The line whose first token was already read as the tail of a code broken across lines. */
  let tailTaken = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    let first = true;
    for (const match of line.matchAll(TOKEN)) {
      const token = match[0];
      const start = match.index;
      const end = start + token.length;
      if (first && tailTaken === index) {
        first = false;
        continue;
      }
      first = false;
      // A token hanging on a single dash is a piece of something longer,
      // unless the dash is a bullet in front of it. (Two dashes separate.)
      if (line[end] === '-' && line[end + 1] !== '-') {
        const joined = line.slice(end + 1).trim() === '' ? brokenAcrossLines(token, lines[index + 1], index + 1) : undefined;
        if (joined) {
          found.push(joined);
          tailTaken = index + 1;
        }
        continue;
      }
      if (line[start - 1] === '-' && line[start - 2] !== '-' && !ONLY_QUOTE_PREFIX.test(line.slice(0, start - 1))) continue;
      const item = judge(token, index + 1);
      if (item) found.push(item);
    }
  }
  return found;
}

/**
 * A code a mail client broke after a dash: `A1B2C-D3E4F-` ⏎ `> G5H6J-K7L8M-N9P0Q`.
 * The head is joined to the next line's first token, and taken only if the two make a code.
 */
function brokenAcrossLines(head: string, nextLine: string | undefined, line: number): PastedCode | undefined {
  if (nextLine === undefined) return undefined;
  const rest = nextLine.replace(QUOTE_PREFIX, '');
  const tail = rest.match(TOKEN)?.[0];
  if (tail === undefined || !rest.startsWith(tail)) return undefined;
  return judge(`${head}-${tail}`, line);
}

function judge(token: string, line: number): PastedCode | undefined {
  if (isActivationCode(token)) return { activationCode: token, line };
  const letters = cyrillicLookAlikesIn(token);
  return letters ? { activationCode: token, line, problem: { code: 'cyrillic-look-alike', letters } } : undefined;
}
