/**
 * What we assume an activation code («код активации») looks like, in one place.
 *
 * The real form is not public (shared/domain/DOMAIN.md). The codes people are
 * sent read like software keys: groups of Latin letters and digits joined by
 * dashes, e.g. the demo account's `A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q` (5 groups of
 * 5, demo-site/catalog.ts). So we take 3–8 groups of 4–8 letters or digits,
 * and nothing else a customer's text is full of:
 *
 * - a date `2026-11-28` or a phone `662-98-03`: groups shorter than 4;
 * - a device id `WIN-H-4A5F39F07C114C76B6C958170C940A9D` or
 *   `@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B`: one-letter groups (and a group
 *   longer than 8);
 * - a GUID `3F2504E0-4F89-11D3-9A0C-0305E82C3301`: its last group has 12;
 * - dash-joined words (`long-term-support`): letters only, some lowercase. A
 *   typed code may be lowercase, but a code with no digit at all is rare
 *   (about 2 in 10,000 of the demo's), and then it is printed in capitals;
 * - digits alone (`2026-0001-1234`, a card's `4276-3801-2345-6789`, an
 *   account or phone number): every code we know of mixes in letters (a
 *   5×5 code of the demo's alphabet is all digits about once in 10^13), while
 *   order, invoice, card and phone numbers are digits and dashes.
 *
 * Whoever reads a code (the site adapter, files, pasted text) imports it from here.
 */

/** The shape alone: 3–8 dash-joined groups of 4–8 Latin letters or digits. */
export const ACTIVATION_CODE_SHAPE = /^[A-Za-z0-9]{4,8}(?:-[A-Za-z0-9]{4,8}){2,7}$/;

const DIGIT = /[0-9]/;
const LETTER = /[A-Za-z]/;
const LOWERCASE = /[a-z]/;

/** Whether a whole token (nothing around it) is an activation code. */
export function isActivationCode(token: string): boolean {
  if (!ACTIVATION_CODE_SHAPE.test(token)) return false;
  // Digits and dashes alone: a number of some other kind.
  if (!LETTER.test(token)) return false;
  // Words joined by dashes: no digit and not written in capitals.
  return DIGIT.test(token) || !LOWERCASE.test(token);
}

/**
 * Characters that do not show, which copying from a mail, a PDF or a
 * spreadsheet leaves inside codes: zero-width spaces and joiners, the word
 * joiner, a byte order mark, a soft hyphen. They are dropped.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;

/** Spaces that look like a space but are not one (no-break, thin, figure, ideographic …): read as a plain space. */
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * Dashes that look like `-`: hyphen, non-breaking hyphen, figure dash, en and
 * em dash, horizontal bar, minus sign, small and full-width hyphen-minus.
 * Word processors and mail clients turn a typed `-` into one of these.
 */
const DASH_LOOK_ALIKE = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

const NEEDS_NORMALISING = /[\u00A0\u00AD\u1680\u180E\u2000-\u200D\u2010-\u2015\u202F\u205F\u2060\u2212\u3000\uFE58\uFE63\uFEFF\uFF0D]/;

/**
 * A text as a person meant to type it: invisible characters dropped, odd
 * spaces made plain, dash look-alikes made `-`. Everything else (case, letters,
 * line breaks) stays as it was.
 */
export function normaliseTypedText(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text.replace(INVISIBLE, '').replace(ODD_SPACE, ' ').replace(DASH_LOOK_ALIKE, '-');
}

/** Codes are the same whatever their case (the account accepts either) and the invisible characters around them. */
export function codeKey(code: string): string {
  return normaliseTypedText(code).trim().toUpperCase();
}

/**
 * Cyrillic letters that look like Latin ones, with their Latin twins: typed on
 * a Russian keyboard layout by habit or pasted from a Russian document, they
 * make a code look right and fail at the account. We flag them, never swap them.
 */
export const CYRILLIC_LOOK_ALIKES: ReadonlyMap<string, string> = new Map([
  ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['К', 'K'], ['М', 'M'], ['Н', 'H'], ['О', 'O'],
  ['Р', 'P'], ['С', 'C'], ['Т', 'T'], ['Х', 'X'], ['У', 'Y'], ['І', 'I'], ['Ј', 'J'], ['Ѕ', 'S'],
  ['а', 'a'], ['в', 'b'], ['е', 'e'], ['к', 'k'], ['м', 'm'], ['н', 'h'], ['о', 'o'],
  ['р', 'p'], ['с', 'c'], ['т', 't'], ['х', 'x'], ['у', 'y'], ['і', 'i'], ['ј', 'j'], ['ѕ', 's'],
]);

const LATIN = /[A-Za-z]/;

/** The token with each Cyrillic look-alike letter replaced by its Latin twin: what the user meant to type. */
export function withLatinTwins(token: string): string {
  let latin = '';
  for (const character of token) latin += CYRILLIC_LOOK_ALIKES.get(character) ?? character;
  return latin;
}

/**
 * The Cyrillic look-alike letters in a token that would be an activation code
 * were they Latin (each letter once, in the order met), or `undefined` when the
 * token is no such thing: a code as it is, a Russian word, a device id.
 */
export function cyrillicLookAlikesIn(token: string): string[] | undefined {
  let latin = '';
  const letters: string[] = [];
  let ownLatin = false;
  for (const character of token) {
    const twin = CYRILLIC_LOOK_ALIKES.get(character);
    if (twin === undefined) {
      latin += character;
      if (LATIN.test(character)) ownLatin = true;
    } else {
      latin += twin;
      if (!letters.includes(character)) letters.push(character);
    }
  }
  // A token whose letters are all Cyrillic is Russian words and numbers (`ВЕКТОР-2000-СЕВЕР`), not a
  // mistyped code: a look-alike slips in among Latin letters typed on purpose.
  if (letters.length === 0 || !ownLatin) return undefined;
  return isActivationCode(latin) ? letters : undefined;
}
