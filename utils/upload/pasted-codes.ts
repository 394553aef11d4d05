/**
 * Activation codes in whatever a person pastes: a mail from the vendor or a
 * partner (quoted with `>`, signed with a phone number and a date), a column
 * copied from a spreadsheet, a list separated by commas, semicolons, spaces or
 * tabs, codes in quotes or brackets. What a code looks like is decided in
 * activation-code.ts; here the text is cut into tokens and each whole token is
 * judged in its place, so that a part of something longer (a GUID, a device
 * id, a link) is never taken for a code.
 *
 * A text holds three kinds of things worth saying:
 * - **codes**: a whole token of the code's shape where a code may stand;
 * - **"looks like a code"** (`doubt`): a code written some other way — groups
 *   separated by spaces, no separators at all, wrapped across two lines, cut
 *   short by a dash. Offered for the user to confirm, never taken as it is;
 * - **ignored**: code-shaped tokens that their place shows to be something
 *   else — digits alone, a piece of a link or an e-mail address, the number
 *   after «заказ», «счёт», «тел» … or in a spreadsheet's column of such.
 *   Listed for the user to see, never offered.
 */
import { ACTIVATION_CODE_SHAPE, cyrillicLookAlikesIn, isActivationCode, normaliseTypedText } from './activation-code';

/** Why a found code should not be sent as it is. */
export type PastedCodeProblem = { code: 'cyrillic-look-alike'; letters: string[] };

/** Why a code is only offered: it was written otherwise, and the user confirms it before it is sent. */
export type PastedCodeDoubt =
  /** Groups separated by spaces: `B5R0L G0AVF NTUZQ NU080 RBRM3`. */
  | { code: 'spaced'; typed: string }
  /** No separators: `B5R0LG0AVFNTUZQNU080RBRM3`; where the groups end is a guess. */
  | { code: 'unseparated'; typed: string }
  /** Its head ends one line and its tail starts the next (`lastLine`): both are joined. `typed` is the halves, ` ⏎ ` between. */
  | { code: 'wrapped'; typed: string; lastLine: number }
  /** A code on its own, which may also be one half of `joined`, wrapped across lines. */
  | { code: 'wrapped-part'; joined: string }
  /** Ends with a dash at the end of its line, and nothing on the next line completes it. */
  | { code: 'cut'; typed: string };

export interface PastedCode {
  /**
   * As typed, after invisible characters and dash look-alikes are normalised;
   * never upper-cased or "fixed". With a doubt: the code as it would be sent
   * (dashes put in, halves joined).
   */
  activationCode: string;
  /** The line of the pasted text it was found on, from 1 (a wrapped code: its head's). */
  line: number;
  problem?: PastedCodeProblem;
  doubt?: PastedCodeDoubt;
}

/** Why a code-shaped text is no code. */
export type IgnoredReason =
  | { code: 'digits' }
  | { code: 'link' }
  | { code: 'email' }
  /** Right after a word that names a number of another kind (`word` as written: «заказу», «Тел»). */
  | { code: 'after-word'; word: string }
  /** In a spreadsheet column whose header names such a number. */
  | { code: 'column'; header: string };

export interface IgnoredText {
  text: string;
  line: number;
  reason: IgnoredReason;
}

export interface PastedReading {
  /** Codes, flagged codes and "looks like a code", in reading order, repeats included (the preview marks them). */
  codes: PastedCode[];
  /** Code-shaped texts that are not codes, in reading order. */
  ignored: IgnoredText[];
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

const LETTER = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const LATIN_GROUPS = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

// ---------------------------------------------------------------------------
// Where a token stands.

/**
 * Links: with a scheme or `www.`, or a bare host with a path
 * (`lk.cleverence.ru/orders/ABCD-1234-EFGH`). A token in one is a path
 * segment or a parameter, and a person who means to send a code writes the
 * code, not a link holding it.
 */
const LINK = /(?:\b[a-z][a-z\d+.-]*:\/\/|\bwww\.)[^\s<>"'«»]+|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?::\d+)?\/[^\s<>"'«»]*/giu;

/** E-mail addresses: `ivan-2024-sklad@example.ru`. A device id's `@XIAOMI-…` has nothing before its `@`, and no dot after. */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * Words after which a number of another kind follows, lower case, `ё` as `е`:
 * orders, invoices and payments, bank cards, phones, contracts, support
 * requests, parcels, tax ids. Real mails and sheets write `Заказ № …`,
 * `по счёту 123`, `Order #…`, `Тел.: …`, `card ****`; a code follows words
 * like «код», «ключ», «лицензия», which are not here. The forms are spelled
 * out (заказ, заказа, заказу …) so that «заказчик» or «карточка» (a license
 * card holds a code) are not taken for them.
 */
const NUMBER_WORD = new RegExp(`^(?:${[
  'заказ(?:а|у|ом|е|ы|ов|ам|ах)?', 'orders?', 'po',
  'сч', 'счет(?:а|у|ом|е|ов)?', 'invoices?', 'inv', 'инвойс(?:а|у|ом|е)?', 'фактур(?:а|ы|е|у|ой)', 'bill',
  'платеж(?:а|у|ом|е)?', 'payment',
  'карт(?:а|ы|е|у|ой|ою)', 'cards?',
  'тел', 'телефон(?:а|у|ом|е|ы)?', 'моб', 'мобильн(?:ый|ого|ому|ым)', 'факс', 'phone', 'tel', 'mob', 'mobile', 'cell', 'fax',
  'договор(?:а|у|ом|е)?', 'contract', 'agreement',
  'заявк(?:а|и|е|у|ой)', 'обращени(?:е|я|ю|ем)', 'ticket',
  'трек', 'tracking', 'инн', 'кпп', 'бик', 'огрн',
].join('|')})$`, 'u');

/** Words that may stand between such a word and its number: `Order number: …`, `номер заказа №…` reads the same without them. */
const FILLER_WORDS: ReadonlySet<string> = new Set(['номер', 'number', 'no', 'nr', 'n', 'ref', 'id']);

/** What may separate a number word from its number: `Заказ № 12`, `Тел.: 8-…`, `Order #12`, `invoice - 12`. */
const FILLER_CHARACTER = /[\s:.#№-]/u;
const WORD_CHARACTER = /\p{L}/u;

/** A card that holds a code (a license or activation card), not a bank card. */
const CODE_CARD_BEFORE = /(?:лицензионн\p{L}*|licen[cs]e|activation)\s*$/iu;
const CARD_WORD = /^(?:карт|card)/;

const normalWord = (word: string) => word.toLowerCase().replace(/ё/g, 'е');

/**
 * The word naming a number of another kind that the text before a token
 * ends with (fillers and number signs skipped), or undefined. Only the token
 * right after it is that number: `Заказ 123: A1B2C-…` still holds a code.
 */
function numberWordBefore(before: string): string | undefined {
  let end = before.length;
  for (let words = 0; words < 4; words++) {
    while (end > 0 && FILLER_CHARACTER.test(before[end - 1]!)) end--;
    let start = end;
    while (start > 0 && WORD_CHARACTER.test(before[start - 1]!)) start--;
    if (start === end) return undefined;
    const written = before.slice(start, end);
    const word = normalWord(written);
    end = start;
    if (FILLER_WORDS.has(word)) continue;
    if (!NUMBER_WORD.test(word)) return undefined;
    if (CARD_WORD.test(word) && CODE_CARD_BEFORE.test(before.slice(Math.max(0, start - 40), start))) return undefined;
    return written;
  }
  return undefined;
}

/** A header cell about codes is never a column of other numbers, whatever else it says («Код по заказу»). */
const CODE_HEADER = /код|ключ|лиценз|code|key|licen[cs]/iu;

/**
 * The columns of a spreadsheet header (a tab-separated line with no code in
 * it) that name numbers of another kind: «Номер заказа», «Телефон», «Invoice».
 */
function numberColumns(line: string): Map<number, string> | undefined {
  if (!line.includes('\t')) return undefined;
  const cells = line.split('\t');
  const columns = new Map<number, string>();
  for (const [index, cell] of cells.entries()) {
    for (const [token] of cell.matchAll(TOKEN)) if (ACTIVATION_CODE_SHAPE.test(token)) return undefined;
    if (CODE_HEADER.test(cell)) continue;
    if ((cell.match(/\p{L}+/gu) ?? []).some((word) => NUMBER_WORD.test(normalWord(word)))) columns.set(index, cell.trim());
  }
  return columns.size > 0 ? columns : undefined;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

interface Span {
  start: number;
  end: number;
  kind: 'link' | 'email';
}

/** One line of the text, cut into tokens, with what stands around them. */
class Line {
  readonly tokens: Token[];
  readonly spans: Span[] = [];

  constructor(readonly text: string, readonly number: number, readonly columns: Map<number, string> | undefined) {
    this.tokens = [];
    TOKEN.lastIndex = 0;
    for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
      this.tokens.push({ text: match[0], start: match.index, end: TOKEN.lastIndex });
    }
    if (text.includes('/') || text.includes('www.') || text.includes('WWW.')) {
      for (const match of text.matchAll(LINK)) this.spans.push({ start: match.index, end: match.index + match[0].length, kind: 'link' });
    }
    if (text.includes('@')) {
      for (const match of text.matchAll(EMAIL)) this.spans.push({ start: match.index, end: match.index + match[0].length, kind: 'email' });
    }
  }

  /** Why a token here is no code, whatever its shape, or undefined. */
  context(token: Token): IgnoredReason | undefined {
    for (const span of this.spans) if (token.start < span.end && token.end > span.start) return { code: span.kind };
    const word = numberWordBefore(this.text.slice(0, token.start));
    if (word) return { code: 'after-word', word };
    if (this.columns) {
      const header = this.columns.get(this.text.slice(0, token.start).split('\t').length - 1);
      if (header !== undefined) return { code: 'column', header };
    }
    return undefined;
  }

  /** Glued by a single dash to what comes before it: a piece of something longer (a `-` bullet at the line's start is not). */
  gluedBefore(token: Token): boolean {
    const { text } = this;
    return text[token.start - 1] === '-' && text[token.start - 2] !== '-' && !ONLY_QUOTE_PREFIX.test(text.slice(0, token.start - 1));
  }

  /** Followed by a single dash: a piece of something longer, or a head whose tail is on the next line. */
  gluedAfter(token: Token): boolean {
    return this.text[token.end] === '-' && this.text[token.end + 1] !== '-';
  }

  /** Followed by a dash and nothing else on its line. */
  danglingDash(token: Token): boolean {
    return this.gluedAfter(token) && this.text.slice(token.end + 1).trim() === '';
  }

  /** The line's last token, when nothing but spaces (or one dash) follows it: maybe a head wrapped onto the next line. */
  head(): { token: Token; dash: boolean } | undefined {
    const token = this.tokens.at(-1);
    if (!token || this.gluedBefore(token)) return undefined;
    const dash = this.danglingDash(token);
    if (!dash && this.text.slice(token.end).trim() !== '') return undefined;
    return { token, dash };
  }

  /** The line's first token, after quote marks (and one dash glued to it): maybe a tail wrapped from the line before. */
  tail(): { token: Token; dash: boolean } | undefined {
    const token = this.tokens[0];
    if (!token) return undefined;
    const before = this.text.slice(0, token.start);
    const between = before.slice(QUOTE_PREFIX.exec(before)![0].length);
    if (between !== '' && between !== '-') return undefined;
    if (this.gluedAfter(token) && !this.danglingDash(token)) return undefined;
    return { token, dash: between === '-' };
  }
}

// ---------------------------------------------------------------------------
// Codes written otherwise.

const groupsOf = (code: string) => code.split('-');

/** Every group of the same length, as every real code's are (5×5, 4×4, 8×3): what makes a guessed joint believable. */
const uniform = (code: string) => groupsOf(code).every((group, _, all) => group.length === all[0]!.length);

/** A piece of a code that may stand in a line alone: several groups, or one that mixes letters and digits (no word, no number). */
const standsAsPiece = (piece: string) => piece.includes('-') || (LETTER.test(piece) && DIGIT.test(piece));

/**
 * Whether groups written without dashes make a believable code: the code's
 * shape, letters of one case, at least two groups with a digit (words and
 * numbers have none or all), and not hexadecimal alone (a hash, a GUID or a
 * MAC address; a 25-character code of the demo's alphabet is all hex digits
 * about once in 10^9).
 */
function believable(groups: readonly string[]): boolean {
  const code = groups.join('-');
  if (!isActivationCode(code)) return false;
  if (/[a-z]/.test(code) && /[A-Z]/.test(code)) return false;
  if (groups.filter((group) => DIGIT.test(group)).length < 2) return false;
  return !/^[0-9A-Fa-f-]+$/.test(code);
}

/** Group sizes tried for a code written without separators, the known form (5) first. */
const GROUP_SIZES = [5, 4, 6, 8, 7] as const;

/** A run of letters and digits cut into believable groups, or undefined. */
function unseparatedGroups(run: string): string[] | undefined {
  for (const size of GROUP_SIZES) {
    if (run.length % size !== 0) continue;
    const count = run.length / size;
    if (count < 3 || count > 8) continue;
    const groups = Array.from({ length: count }, (_, index) => run.slice(index * size, (index + 1) * size));
    if (believable(groups)) return groups;
  }
  return undefined;
}

/** Spaces between the groups of a code typed with spaces: one or two (a PDF doubles them). Tabs separate a sheet's cells. */
const GROUP_SPACE = /^ {1,2}$/;
const SPACED_GROUP = /^[A-Za-z0-9]{4,8}$/;

type LetterCase = 'upper' | 'lower' | 'none' | 'mixed';
const caseOf = (group: string): LetterCase => {
  const upper = /[A-Z]/.test(group);
  const lower = /[a-z]/.test(group);
  return upper && lower ? 'mixed' : upper ? 'upper' : lower ? 'lower' : 'none';
};

/**
 * Runs of groups separated by spaces, cut where the group length or the
 * letters' case changes (`code ABCD 1234 EFGH` is a word and three groups),
 * and a run too long for one code cut into codes of equal groups.
 */
function spacedRuns(line: Line, candidates: readonly Token[]): Token[][] {
  if (candidates.length < 3) return [];
  const runs: Token[][] = [];
  let run: Token[] = [];
  let runCase: LetterCase = 'none';
  const close = () => {
    if (run.length >= 3) runs.push(...splitLongRun(run));
    run = [];
    runCase = 'none';
  };
  for (const token of candidates) {
    const previous = run.at(-1);
    const letters = caseOf(token.text);
    const joins = previous !== undefined
      && GROUP_SPACE.test(line.text.slice(previous.end, token.start))
      && token.text.length === previous.text.length
      && (letters === 'none' || runCase === 'none' || letters === runCase);
    if (!joins) close();
    if (letters === 'mixed') continue;
    run.push(token);
    if (letters !== 'none') runCase = letters;
  }
  close();
  return runs;
}

function splitLongRun(run: Token[]): Token[][] {
  if (run.length <= 8) return [run];
  const size = [5, 4, 6, 7, 8, 3].find((candidate) => run.length % candidate === 0);
  if (size === undefined) return [];
  return Array.from({ length: run.length / size }, (_, index) => run.slice(index * size, (index + 1) * size));
}

// ---------------------------------------------------------------------------
// Reading a text.

interface Found<T> {
  column: number;
  item: T;
}

/** Items in the order their tokens stand on the line (a stable sort: what was added together stays together). */
const inLineOrder = <T>(found: Array<Found<T>>): T[] => found.sort((a, b) => a.column - b.column).map(({ item }) => item);

/** Every activation code in a pasted text, in reading order, repeats included (the preview marks them). */
export function findPastedCodes(text: string): PastedCode[] {
  return readPastedText(text).codes;
}

/** Codes, codes written otherwise, and code-shaped texts that are no codes, in a pasted text. */
export function readPastedText(text: string): PastedReading {
  const lines: Line[] = [];
  let columns: Map<number, string> | undefined;
  let previousHadTabs = false;
  for (const [index, line] of normaliseTypedText(text).split(LINE_BREAK).entries()) {
    // A sheet's header is the first tab-separated line after other text; its columns hold until the tabs end.
    const hasTabs = line.includes('\t');
    if (!hasTabs) columns = undefined;
    else if (!previousHadTabs) columns = numberColumns(line);
    previousHadTabs = hasTabs;
    lines.push(new Line(line, index + 1, hasTabs ? columns : undefined));
  }

  const codes: PastedCode[] = [];
  const ignored: IgnoredText[] = [];
  /** Tokens already read as part of a code wrapped across lines. */
  const taken = new Set<Token>();

  for (const [index, line] of lines.entries()) {
    const found: Array<Found<PastedCode>> = [];
    const notCodes: Array<Found<IgnoredText>> = [];
    const add = (token: Token, code: PastedCode) => found.push({ column: token.start, item: code });
    const ignore = (token: Token, reason: IgnoredReason, text = token.text) =>
      notCodes.push({ column: token.start, item: { text, line: line.number, reason } });
    /** A code where its context allows one; else the reason it is not. */
    const offer = (token: Token, code: PastedCode, shown?: string) => {
      const context = line.context(token);
      if (context) ignore(token, context, shown);
      else add(token, code);
    };

    readWrapped(lines, index, taken, add);

    const groupCandidates: Token[] = [];
    for (const token of line.tokens) {
      if (taken.has(token)) continue;
      // A token hanging on a single dash is a piece of something longer (`ID-…-2`, `…-G5H6J- и всё`),
      // unless the dash is a bullet in front of it. (Two dashes separate.)
      if (line.gluedBefore(token)) continue;
      const typed = token.text;
      if (line.gluedAfter(token)) {
        // A code with a dash after it, at the end of its line, and no tail on the next line to complete it.
        if (line.danglingDash(token) && isActivationCode(typed)) {
          offer(token, { activationCode: typed, line: line.number, doubt: { code: 'cut', typed: `${typed}-` } });
        }
        continue;
      }
      if (isActivationCode(typed)) {
        offer(token, { activationCode: typed, line: line.number });
      } else if (ACTIVATION_CODE_SHAPE.test(typed) && !LETTER.test(typed)) {
        ignore(token, { code: 'digits' });
      } else if (SPACED_GROUP.test(typed)) {
        groupCandidates.push(token);
      } else if (UNSEPARATED.test(typed)) {
        const groups = unseparatedGroups(typed);
        if (groups) offer(token, { activationCode: groups.join('-'), line: line.number, doubt: { code: 'unseparated', typed } });
      } else {
        const letters = cyrillicLookAlikesIn(typed);
        if (letters) offer(token, { activationCode: typed, line: line.number, problem: { code: 'cyrillic-look-alike', letters } });
      }
    }

    for (const run of spacedRuns(line, groupCandidates)) {
      const groups = run.map((token) => token.text);
      if (!believable(groups)) continue;
      const typed = line.text.slice(run[0]!.start, run.at(-1)!.end);
      offer(run[0]!, { activationCode: groups.join('-'), line: line.number, doubt: { code: 'spaced', typed } }, typed);
    }

    codes.push(...inLineOrder(found));
    ignored.push(...inLineOrder(notCodes));
  }
  return { codes, ignored };
}

/** Letters and digits with no separator, as long as 3 to 8 groups of 4 to 8. */
const UNSEPARATED = /^[A-Za-z0-9]{12,64}$/;

/** A head or a tail of a wrapped code: Latin groups, where a code may stand. */
const wrappable = (line: Line, token: Token) => LATIN_GROUPS.test(token.text) && !line.context(token);

/**
 * A code whose head ends line `index` and whose tail starts the next one:
 * a mail client or a narrow column broke it after a dash (`A1B2C-D3E4F-` ⏎
 * `G5H6J-K7L8M-N9P0Q`, over several lines too), before one (`A1B2C-D3E4F` ⏎
 * `-G5H6J-…`), or where the dash was lost or inside a group (`…-G5H` ⏎ `6J-…`).
 * The halves joined are offered, never taken; a half that is a code alone is
 * offered beside it, for the user to say which is meant. Two codes one a line
 * are never joined, nor is a word or a number to a code, and a joint with no
 * dash after the head must give groups of one length.
 */
function readWrapped(lines: readonly Line[], index: number, taken: Set<Token>, add: (token: Token, code: PastedCode) => void): void {
  const line = lines[index]!;
  const next = lines[index + 1];
  const head = line.head();
  const first = next?.tail();
  if (!next || !head || !first || taken.has(head.token) || !wrappable(line, head.token) || !wrappable(next, first.token)) return;
  const headText = head.token.text;
  const tailText = first.token.text;

  let tails: Array<{ line: Line; token: Token }> = [{ line: next, token: first.token }];
  let joined: string | undefined;
  if (head.dash) {
    // After a dash: tails line after line while each is its line's whole text and ends with a dash again…
    for (let at = index + 2; at < lines.length; at++) {
      const last = tails.at(-1)!;
      if (last.line.tokens.length !== 1 || !last.line.danglingDash(last.token)) break;
      const tail = lines[at]!.tail();
      if (!tail || tail.dash || !wrappable(lines[at]!, tail.token)) break;
      tails.push({ line: lines[at]!, token: tail.token });
    }
    // …and the longest run of them that makes a code.
    for (let count = tails.length; count >= 1 && !joined; count--) {
      const candidate = [headText, ...tails.slice(0, count).map(({ token }) => token.text)].join('-');
      if (isActivationCode(candidate)) {
        joined = candidate;
        tails = tails.slice(0, count);
      }
    }
  } else {
    if (isActivationCode(headText) && isActivationCode(tailText)) return;
    if (!standsAsPiece(headText) || !standsAsPiece(tailText)) return;
    if (first.dash) {
      // A dash that starts a line may be a bullet.
      const candidate = `${headText}-${tailText}`;
      if (isActivationCode(candidate) && uniform(candidate)) joined = candidate;
    } else {
      // A single group must be its line's only text: beside other text it is a word or a number of its own.
      const alone = (at: Line, piece: string) => piece.includes('-') || at.tokens.length === 1;
      if (!alone(line, headText) || !alone(next, tailText)) return;
      joined = [`${headText}-${tailText}`, headText + tailText].find((candidate) => isActivationCode(candidate) && uniform(candidate));
    }
  }
  if (!joined) return;

  taken.add(head.token);
  for (const tail of tails) taken.add(tail.token);
  const typed = [
    headText + (head.dash ? '-' : ''),
    ...tails.map(({ token }, n) => (n === 0 && first.dash ? '-' : '') + token.text + (n < tails.length - 1 ? '-' : '')),
  ].join(' ⏎ ');
  add(head.token, { activationCode: joined, line: line.number, doubt: { code: 'wrapped', typed, lastLine: tails.at(-1)!.line.number } });
  // With no dash after the head, either half may be a code alone: offered too, right after the joined one.
  if (!head.dash) {
    if (isActivationCode(headText)) add(head.token, { activationCode: headText, line: line.number, doubt: { code: 'wrapped-part', joined } });
    if (isActivationCode(tailText)) add(head.token, { activationCode: tailText, line: next.number, doubt: { code: 'wrapped-part', joined } });
  }
}
