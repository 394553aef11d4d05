/**
 * The vendor's license cards: what a customer buys and then adds to the
 * account by its activation code or its protection file. The real vendor
 * looks a code up in its database; the demo has none, so it tells a card it
 * sold from a mistyped or invented code by the code itself:
 *
 *   a code is 25 characters of CODE_ALPHABET in five groups of five
 *   (`A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q`), and it is GENUINE when its last
 *   character is the Luhn mod N check character (N = 34, the alphabet's
 *   length) of the 24 before it.
 *
 * Luhn mod N catches every single mistyped character and most swaps of two
 * neighbours, so a typo reads as "not found", as on a real account. A random
 * code passes by chance once in 34: the seeded accounts' own codes are random,
 * and only "already in this account" is promised for them.
 *
 * The card's product follows from its code too (the same code always names the
 * same product), so a file and a typed code of one card agree.
 */
import { CODE_ALPHABET, MAIN_PRODUCTS } from './catalog.ts';
import { mulberry32 } from './random.ts';

/** A card as sold: main (основная) licenses only; cloud ones come by themselves (help article). */
export interface LicenseCard {
  code: string;
  product: string;
  kind: 'main';
}

const GROUPS = 5;
const GROUP_LENGTH = 5;
const BODY_LENGTH = GROUPS * GROUP_LENGTH - 1;

/**
 * The shape of a code once trimmed and upper-cased. Any Latin letter passes,
 * I and O too: such a code is well formed but no card has it (the alphabet
 * leaves them out), so the account answers "not found", not "malformed".
 */
const CODE_SHAPE = /^[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}$/;

/**
 * What a forgiving account makes of a typed code: surrounding whitespace and
 * letter case do not matter. Anything else does: a missing dash, a Cyrillic
 * look-alike or an en dash makes the code malformed (undefined).
 */
export function typedCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return CODE_SHAPE.test(code) ? code : undefined;
}

/** The Luhn mod N check character of the 24 characters before it. */
export function checkCharacter(body: string): string {
  const base = CODE_ALPHABET.length;
  let sum = 0;
  // From the right, the first character is doubled, then every other one.
  for (let i = body.length - 1, doubled = true; i >= 0; i--, doubled = !doubled) {
    const value = CODE_ALPHABET.indexOf(body[i]!);
    if (value < 0) throw new Error(`"${body[i]}" is not a code character`);
    const addend = doubled ? Math.floor((2 * value) / base) + ((2 * value) % base) : value;
    sum += addend;
  }
  return CODE_ALPHABET[(base - (sum % base)) % base]!;
}

const bodyOf = (code: string) => code.replaceAll('-', '');

/** A well-formed code (see typedCode) that the vendor sold. */
export function isGenuineCode(code: string): boolean {
  const characters = bodyOf(code);
  if (characters.length !== BODY_LENGTH + 1 || ![...characters].every((character) => CODE_ALPHABET.includes(character))) {
    return false;
  }
  return checkCharacter(characters.slice(0, BODY_LENGTH)) === characters[BODY_LENGTH];
}

/** The card behind a genuine code; undefined for a code the vendor never sold. */
export function cardOf(code: string): LicenseCard | undefined {
  if (!isGenuineCode(code)) return undefined;
  let sum = 0;
  for (const character of bodyOf(code)) sum += CODE_ALPHABET.indexOf(character);
  return { code, product: MAIN_PRODUCTS[sum % MAIN_PRODUCTS.length]!, kind: 'main' };
}

const grouped = (characters: string) => characters.match(/.{5}/g)!.join('-');

/** Where the seven base-34 digits of a card's number sit among its 24 characters; the rest is filler. */
const NUMBER_POSITIONS = [0, 3, 7, 10, 14, 17, 21];

/**
 * The n-th card the vendor sold (n from 0 to 2^32 - 1): the same card for the
 * same n on every run, a different code for every n, always genuine. Tests
 * and sample files use these. The number is scrambled (multiplied by an odd
 * constant modulo 2^32, a one-to-one map) so that neighbouring cards do not
 * look alike, and its seven base-34 digits are spread through the code.
 */
export function demoCard(n: number): LicenseCard {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new Error(`demoCard wants an integer from 0 to 2^32 - 1, got ${n}`);
  const base = CODE_ALPHABET.length;
  const filler = mulberry32(n ^ 0x2f6b_1c3d);
  const body = Array.from({ length: BODY_LENGTH }, () => CODE_ALPHABET[filler.int(0, base - 1)]!);
  let scrambled = Math.imul(n, 0x9e37_79b1) >>> 0;
  for (const position of NUMBER_POSITIONS) {
    body[position] = CODE_ALPHABET[scrambled % base]!;
    scrambled = Math.floor(scrambled / base);
  }
  const characters = body.join('');
  return cardOf(grouped(characters + checkCharacter(characters)))!;
}
