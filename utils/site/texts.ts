/**
 * How the account's texts are taken before they are read: trimmed, each run
 * of whitespace as one space (cells are padded with no-break and thin
 * spaces), and the characters that do not show left out (zero-width spaces
 * and joiners, soft hyphens, bidi marks and isolates: names and ids carry
 * them when copied from elsewhere, and they would split an id in two).
 */

/** Characters that do not show. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Anything to change: whitespace other than single plain spaces, or an invisible character (`\s` covers no-break and thin spaces). */
const NEEDS_NORMALISING = /\s\s|[^\S ]|[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const WHITESPACE_RUN = /\s+/g;

/** A text trimmed, each run of whitespace as one space, invisible characters left out. */
export function normalise(text: string): string {
  const trimmed = text.trim();
  // Most texts have nothing to change; they are read without a regex replace (10,000 rows hold ~100,000 texts).
  if (!NEEDS_NORMALISING.test(trimmed)) return trimmed;
  return trimmed.replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
}

/** Whether a raw text (textContent, cells run together) holds invisible characters. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/** A raw text without its invisible characters. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function firstWord(text: string): [word: string, rest: string] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

/**
 * Looks up a (normalised) text's first word in a table of words, whatever
 * its case. It runs on every text of every row: a text that does not start
 * with one of the words is told by one regex test, taken apart only when it
 * does, and the usual spellings (as the table has it, Capitalised, UPPER)
 * need no lowercasing.
 */
export function firstWordLookup<T>(table: Record<string, T>): { test(text: string): boolean; of(text: string): T | undefined } {
  const first = new RegExp(`^(?:${Object.keys(table).join('|')})(?= |$)`, 'i');
  const spellings = new Map<string, T>();
  for (const [word, value] of Object.entries(table)) {
    for (const spelling of [word, word[0]!.toUpperCase() + word.slice(1), word.toUpperCase()]) spellings.set(spelling, value);
  }
  return {
    test: (text) => first.test(text),
    of(text) {
      if (!first.test(text)) return undefined;
      const space = text.indexOf(' ');
      const word = space < 0 ? text : text.slice(0, space);
      return spellings.get(word) ?? table[word.toLowerCase()];
    },
  };
}

/** How many of the texts satisfy `test`, counting no further than `most` + 1. */
export function countUpTo(texts: readonly string[], test: (text: string) => unknown, most: number): number {
  let count = 0;
  for (const text of texts) if (test(text) && ++count > most) break;
  return count;
}
