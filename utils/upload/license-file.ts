/**
 * Reading a license protection file («файл защиты», `.xml`, kept on a PC under
 * `C:\ProgramData\Cleverence\Licenses`) before it is uploaded: is it one, and
 * which license does it hold. No public page shows the file's schema (see
 * shared/domain/DOMAIN.md), so fields are found by their names in any case,
 * namespace and common synonym, English or Russian, as elements or attributes.
 *
 * A file comes from anywhere (a mail, a partner's archive, a folder picked
 * whole), so it is read as hostile: size first, then its encoding strictly, no
 * DOCTYPE (entity bombs, external entities), validation before parsing, no
 * entity expansion, a depth limit, and names that cannot reach a prototype.
 * What gets uploaded later are the original bytes: nothing here re-serialises.
 *
 * Pure and synchronous: the popup reads a thousand files in one go.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isActivationCode, normaliseTypedText } from './activation-code';
import type { LicenseKind } from '../shared/records';

/**
 * A license card is a dozen short fields and a signature: the demo's files
 * are about 1 KB, and a card with an embedded certificate chain would still be
 * under 10 KB. 256 KB leaves room for schemas we have not seen, yet keeps a
 * log, an export or a disk image picked by mistake from being decoded and
 * parsed in the popup. The UI should check `File.size` against it before
 * reading the bytes at all.
 */
export const MAX_LICENSE_FILE_BYTES = 256 * 1024;

/**
 * A card nests a few levels, a signature block (XML-DSig) about five more.
 * Deeper nesting is junk or an attack; the parser stops at this depth, so
 * nothing downstream recurses further.
 */
export const MAX_LICENSE_FILE_DEPTH = 64;

export interface LicenseFileFields {
  /** As written, with spaces around it trimmed and invisible characters and dash look-alikes normalised. */
  activationCode: string;
  product?: string;
  kind?: LicenseKind;
  /** The device the license is bound to, when the file says. */
  deviceId?: string;
  /** Dates as the file writes them (`2026-01-15`, `15.01.2026`, …): shown, never computed with. */
  issued?: string;
  subscriptionEnd?: string;
}

/** Where the encoding a file was read in came from. */
export type EncodingSource = 'bom' | 'declaration' | 'default' | 'detected';

/** What exactly is wrong with XML that does not parse. */
export type XmlFault =
  | 'unclosed' // an element never closed: the file is cut short or damaged
  | 'several-roots' // two documents in one file
  | 'no-root' // a declaration or comments, and no element
  | 'bad-reference' // `&name;` or `&#…;` that XML does not allow (no DTD is ever read)
  | 'bad-character' // a control character, which XML forbids
  | 'other';

export type ArchiveFormat = 'ZIP' | 'RAR' | '7z' | 'gzip';

export type LicenseFileProblem =
  | { code: 'empty' }
  | { code: 'too-large'; bytes: number; limit: number }
  | { code: 'archive'; format: ArchiveFormat }
  | { code: 'binary' }
  /** The bytes are not valid in the encoding the file claims (or XML assumes). `encoding` is its WHATWG name. */
  | { code: 'encoding'; encoding: string; source: EncodingSource }
  /** The declaration names an encoding the browser cannot decode; `encoding` is the label as written (40 characters at most, non-ASCII as �). */
  | { code: 'unknown-encoding'; encoding: string }
  | { code: 'not-xml' }
  | { code: 'doctype' }
  /** `detail`: the validator's own words (English), the reference or the character's code point, for a report. */
  | { code: 'not-well-formed'; line: number; column: number; reason: XmlFault; detail: string }
  | { code: 'too-deep'; limit: number }
  /** The parser failed after the validator passed: a library limit we did not foresee. */
  | { code: 'unreadable'; detail: string }
  | { code: 'not-a-license' };

/** `name` is carried as plain data, never looked into: the UI shows it as text beside the outcome. */
export type LicenseFileReading =
  | { ok: true; name: string; encoding: string; fields: LicenseFileFields }
  | { ok: false; name: string; problem: LicenseFileProblem };

/**
 * `size`: the file's real size, when `bytes` are only its start (the popup
 * reads no more than one byte past the limit of a file too large to take).
 */
export function readLicenseFile(name: string, bytes: Uint8Array, size = bytes.length): LicenseFileReading {
  const read = readText(bytes, size);
  if ('problem' in read) return { ok: false, name, problem: read.problem };
  const problem = checkXml(read.text);
  if (problem) return { ok: false, name, problem };
  const parsed = parse(read.text);
  if ('problem' in parsed) return { ok: false, name, problem: parsed.problem };
  const fields = licenseFields(parsed.document);
  return fields ? { ok: true, name, encoding: read.encoding, fields } : { ok: false, name, problem: { code: 'not-a-license' } };
}

// ---------------------------------------------------------------------------
// Bytes to text.

type TextOrProblem = { text: string; encoding: string } | { problem: LicenseFileProblem };

/** Archives a partner may send licenses in, by their first bytes. */
const ARCHIVE_SIGNATURES: ReadonlyArray<{ format: ArchiveFormat; bytes: readonly number[] }> = [
  { format: 'ZIP', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { format: 'ZIP', bytes: [0x50, 0x4b, 0x05, 0x06] }, // an empty one
  { format: 'RAR', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { format: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { format: 'gzip', bytes: [0x1f, 0x8b] },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((byte, i) => bytes[i] === byte);

interface Sniffed {
  label: string;
  source: EncodingSource;
}

/** A byte order mark, or UTF-16's `<?` without one (XML 1.0, appendix F). */
function sniffEncoding(bytes: Uint8Array): Sniffed | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { label: 'utf-8', source: 'bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { label: 'utf-16le', source: 'bom' };
  if (startsWith(bytes, [0xfe, 0xff])) return { label: 'utf-16be', source: 'bom' };
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return { label: 'utf-16le', source: 'detected' };
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return { label: 'utf-16be', source: 'detected' };
  return undefined;
}

/**
 * `encoding="…"` in an XML declaration at the very start, read as ASCII:
 * whatever it names writes ASCII as ASCII, or the first bytes would have told
 * UTF-16 already.
 */
const DECLARED_ENCODING = /^<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const DECLARATION_MAX = 200;

function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] !== 0x3c || bytes[1] !== 0x3f) return undefined;
  let head = '';
  for (let i = 0; i < bytes.length && i < DECLARATION_MAX; i++) {
    head += String.fromCharCode(bytes[i]!);
    if (bytes[i] === 0x3e) break; // `>`: the declaration ends
  }
  const match = DECLARED_ENCODING.exec(head);
  return match ? (match[1] ?? match[2] ?? '').trim() : undefined;
}

/** An encoding label as quoted in a problem: labels are ASCII, so anything else (read here as Latin-1) is shown as �. */
const asciiLabel = (label: string) => label.slice(0, 40).replace(/[^\x20-\x7E]/g, '\uFFFD');

/** One strict decoder per encoding, made once: a thousand files share a handful. */
const decoders = new Map<string, TextDecoder>();

function strictDecoder(label: string): TextDecoder | undefined {
  const key = label.toLowerCase();
  let decoder = decoders.get(key);
  if (!decoder) {
    try {
      decoder = new TextDecoder(key, { fatal: true });
    } catch {
      return undefined; // RangeError: an encoding the browser does not know
    }
    decoders.set(key, decoder);
  }
  return decoder;
}

/** C0 control characters other than tab, line feed and carriage return: binary data, never XML text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/; // eslint-disable-line no-control-regex
const BINARY_PROBE = 4096;

function looksBinary(bytes: Uint8Array): boolean {
  const probe = bytes.subarray(0, BINARY_PROBE);
  for (const byte of probe) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
  return false;
}

function readText(bytes: Uint8Array, size: number): TextOrProblem {
  if (bytes.length === 0) return { problem: { code: 'empty' } };
  if (Math.max(size, bytes.length) > MAX_LICENSE_FILE_BYTES) {
    return { problem: { code: 'too-large', bytes: Math.max(size, bytes.length), limit: MAX_LICENSE_FILE_BYTES } };
  }
  const archive = ARCHIVE_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes));
  if (archive) return { problem: { code: 'archive', format: archive.format } };

  const sniffed = sniffEncoding(bytes);
  const utf16 = sniffed !== undefined && sniffed.label !== 'utf-8';
  // A text in an ASCII-compatible encoding never holds a NUL byte; UTF-16 is full of them.
  if (!utf16 && bytes.includes(0)) return { problem: { code: 'binary' } };

  let chosen: Sniffed = sniffed ?? { label: 'utf-8', source: 'default' };
  if (!sniffed) {
    const declared = declaredEncoding(bytes);
    if (declared !== undefined) chosen = { label: declared, source: 'declaration' };
  }
  const decoder = strictDecoder(chosen.label);
  if (!decoder) return { problem: { code: 'unknown-encoding', encoding: asciiLabel(chosen.label) } };
  // A declaration was read as ASCII, so the bytes cannot be UTF-16, whatever it says.
  if (!utf16 && decoder.encoding.startsWith('utf-16')) {
    return { problem: { code: 'encoding', encoding: decoder.encoding, source: chosen.source } };
  }

  let text: string;
  try {
    text = decoder.decode(bytes); // a byte order mark of this encoding is dropped
  } catch {
    if (!utf16 && looksBinary(bytes)) return { problem: { code: 'binary' } };
    return { problem: { code: 'encoding', encoding: decoder.encoding, source: chosen.source } };
  }
  const start = text.search(/\S/);
  if (start < 0) return { problem: { code: 'empty' } };
  if (text[start] !== '<') return { problem: CONTROL.test(text.slice(0, BINARY_PROBE)) ? { code: 'binary' } : { code: 'not-xml' } };
  return { text, encoding: decoder.encoding };
}

// ---------------------------------------------------------------------------
// Text to a checked XML document.

/**
 * A DOCTYPE is how entity bombs («billion laughs») and external entities
 * (`SYSTEM "file:///etc/passwd"`) get in. A license file has no use for one,
 * so any file holding one is refused before a parser sees it.
 */
const DOCTYPE = /<!DOCTYPE/i;

/** Line and column (from 1) of a position in a text, as an editor counts them. */
function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

function notWellFormed(text: string, index: number, reason: XmlFault, detail: string): LicenseFileProblem {
  return { code: 'not-well-formed', ...lineAndColumn(text, index), reason, detail };
}

/** Where the last element named in `Invalid '[ "a", "b" ]' found.` last opens, or -1. */
function innermostOpenAt(text: string, message: string): number {
  const names = [...message.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
  const name = names.at(-1);
  if (!name) return -1;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let at = -1;
  for (const match of text.matchAll(new RegExp(`<${escaped}(?=[\\s/>]|$)`, 'g'))) at = match.index;
  return at;
}

/** The validator's English messages, sorted into what a user can act on. */
function faultOf(code: string, message: string): XmlFault {
  // Several elements left open come as "Invalid '[ "a", "b", … ]' found.", at 1:1.
  if (/^Unclosed tag|is not closed|doesn't have proper closing|^Invalid '\[/i.test(message)) return 'unclosed';
  if (/Multiple possible root nodes/i.test(message)) return 'several-roots';
  if (/Start tag expected/i.test(message)) return 'no-root';
  if (code === 'InvalidChar' && /'&'/.test(message)) return 'bad-reference';
  return 'other';
}

const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);

/** Sections where `&` is plain text, by how they open and close. */
const SKIPPED_SECTIONS: ReadonlyArray<readonly [string, string]> = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>']];

/** A reference as XML writes one: `&name;`, `&#65;` or `&#x41;`; anything longer than this is no reference we accept. */
const REFERENCE = /^&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/;
const REFERENCE_MAX = 32;

/** XML 1.0's `Char`: what a character reference may stand for. */
function isXmlCharacter(codePoint: number): boolean {
  return codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd
    || (codePoint >= 0x20 && codePoint <= 0xd7ff)
    || (codePoint >= 0xe000 && codePoint <= 0xfffd)
    || (codePoint >= 0x10000 && codePoint <= 0x10ffff);
}

/** The character a reference's body (`#65`, `#x41`) stands for, when XML allows it. */
function referencedCharacter(body: string): string | undefined {
  const codePoint = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
  // `&#99999999999;` and a thousand-digit one are numbers too: only real characters pass.
  return body.length > 1 && Number.isInteger(codePoint) && isXmlCharacter(codePoint) ? String.fromCodePoint(codePoint) : undefined;
}

/**
 * A piece of a file quoted in a problem (a reference), with anything that is
 * not a visible character (controls, bidi overrides) replaced, so that it
 * cannot garble the sentence around it.
 */
const printable = (text: string) => text.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '\uFFFD');

/**
 * The validator lets through references XML does not allow: an entity no DTD
 * declares (there is none: DOCTYPE is refused) and character references past
 * Unicode (`&#99999999999;`). Each `&` outside comments and CDATA must be one
 * of the five predefined entities or a reference to a real character.
 */
function badReference(text: string): LicenseFileProblem | undefined {
  let nextAmpersand = text.indexOf('&');
  let nextTag = text.indexOf('<');
  // One pass, each search starting where the last one left off: a file full of
  // `<?` or `&` costs no more than its length.
  while (nextAmpersand !== -1) {
    if (nextTag !== -1 && nextTag < nextAmpersand) {
      const close = SKIPPED_SECTIONS.find(([open]) => text.startsWith(open, nextTag))?.[1];
      let resume = nextTag + 1;
      if (close !== undefined) {
        const closing = text.indexOf(close, nextTag + 2);
        // Never closed, yet the validator passed it: a `<!--` inside an attribute value. Nothing is expanded anyway.
        if (closing === -1) return undefined;
        resume = closing + close.length;
      }
      nextTag = text.indexOf('<', resume);
      if (nextAmpersand < resume) nextAmpersand = text.indexOf('&', resume);
      continue;
    }
    const reference = REFERENCE.exec(text.slice(nextAmpersand, nextAmpersand + REFERENCE_MAX));
    const body = reference?.[1];
    const fine = body !== undefined && (body.startsWith('#') ? referencedCharacter(body) !== undefined : PREDEFINED_ENTITIES.has(body));
    if (!fine) {
      const written = text.slice(nextAmpersand, nextAmpersand + 24).match(/^&[^\s<&]*?(?:;|(?=[\s<&])|$)/)?.[0] ?? '&';
      return notWellFormed(text, nextAmpersand, 'bad-reference', printable(written));
    }
    nextAmpersand = text.indexOf('&', nextAmpersand + 1);
  }
  return undefined;
}

/** The validator's message is kept for a report, this long at most. */
const DETAIL_MAX = 200;

function checkXml(text: string): LicenseFileProblem | undefined {
  if (DOCTYPE.test(text)) return { code: 'doctype' };
  const control = text.search(CONTROL);
  if (control >= 0) {
    const codePoint = text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0');
    return notWellFormed(text, control, 'bad-character', `U+${codePoint}`);
  }
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { code, msg, line, col } = verdict.err;
    const reason = faultOf(code, msg);
    // Kept short: the list of open elements in a message can be as long as the file.
    const detail = msg.length > DETAIL_MAX ? `${msg.slice(0, DETAIL_MAX)}…` : msg;
    // The validator points at the end of the second root's first tag; its start is what a person looks for.
    const secondRoot = reason === 'several-roots' ? secondRootAt(text) : -1;
    if (secondRoot >= 0) return notWellFormed(text, secondRoot, reason, detail);
    // Elements left open come at 1:1; the innermost one's opening tag is where the file was cut.
    const open = reason === 'unclosed' ? innermostOpenAt(text, msg) : -1;
    if (open >= 0) return notWellFormed(text, open, reason, detail);
    // "Start tag expected." comes with no column.
    return { code: 'not-well-formed', line, column: col ?? 1, reason, detail };
  }
  return badReference(text);
}

// ---------------------------------------------------------------------------
// The document as plain objects.

/** What the parser makes: text, an element (children by name, attributes as `@_name`, its own text as `#text`), or repeats. */
type XmlValue = string | XmlElement | XmlValue[];
interface XmlElement {
  [name: string]: XmlValue;
}

/**
 * Element names that would reach `Object.prototype` were they keys: the
 * parser throws on them, so they are renamed first (and then match no field).
 * Attributes are safe already: their keys carry the `@_` prefix.
 */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Values stay strings (`00123` and `1E5` are codes, not numbers), no entity
 * is expanded, attributes are kept, CDATA apart from text (references in it
 * are not references).
 */
const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_LICENSE_FILE_DEPTH,
  jPath: false, // no path strings built for callbacks that do not read them (a quarter of the parse)
  transformTagName: (name) => (PROTOTYPE_NAMES.has(name) ? `#${name}` : name),
});

function parse(text: string): { document: XmlElement } | { problem: LicenseFileProblem } {
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, DETAIL_MAX);
    if (/nested tags/i.test(detail)) return { problem: { code: 'too-deep', limit: MAX_LICENSE_FILE_DEPTH } };
    return { problem: { code: 'unreadable', detail } };
  }
  if (!isElement(document)) return { problem: { code: 'unreadable', detail: 'no document' } };
  // The validator sees a second root only when it has content (`<a/><b/>` passes); the parser keeps both.
  const roots = Object.keys(document);
  if (roots.length > 1 || Array.isArray(document[roots[0] ?? ''])) {
    return { problem: notWellFormed(text, Math.max(0, secondRootAt(text)), 'several-roots', 'Multiple root elements.') };
  }
  return { document };
}

/**
 * Where a second root element starts (or -1), in a text the validator passed:
 * tags are counted, comments, CDATA, processing instructions and quoted
 * attribute values skipped. Only run when the parser found two roots.
 */
function secondRootAt(text: string): number {
  let depth = 0;
  let seenRoot = false;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (text.startsWith('<!--', at)) at = text.indexOf('-->', at);
    else if (text.startsWith('<![CDATA[', at)) at = text.indexOf(']]>', at);
    else if (text.startsWith('<?', at)) at = text.indexOf('?>', at);
    else if (text[at + 1] === '/') depth--;
    else {
      if (depth === 0 && seenRoot) return at;
      seenRoot = true;
      let quote = '';
      let end = at + 1;
      for (; end < text.length; end++) {
        const character = text[end];
        if (quote) {
          if (character === quote) quote = '';
        } else if (character === '"' || character === "'") quote = character;
        else if (character === '>') break;
      }
      if (text[end - 1] !== '/') depth++;
      at = end;
    }
    if (at === -1) return -1;
  }
  return -1;
}

const isElement = (value: unknown): value is XmlElement => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------
// The license in the document.

type Field = keyof LicenseFileFields;

/**
 * Names for each field, normalised (lower case, no namespace prefix, no
 * `-`, `_`, `.` or spaces, ё as е), best first. Specific names count wherever
 * they are. General ones (`Code`, `Name`, `Type`, `Date`, …) count on the
 * license itself, an element named like a license or a card, so that a
 * product's article `<Product><Code>`, a customer's `<Name>` or a signature's
 * `Type` are never taken for the license's own; on a root named otherwise
 * they count too, but a general `Code` or `Key` there must look like an
 * activation code (a `<Customer>`'s `<Code>42</Code>` is no license).
 */
const FIELD_NAMES: Record<Field, { specific: readonly string[]; general: readonly string[] }> = {
  activationCode: {
    specific: [
      'activationcode', 'activationkey', 'licensecode', 'licensekey', 'licencecode', 'licencekey', 'productkey',
      'registrationcode', 'registrationkey', 'кодактивации', 'ключактивации', 'кодлицензии', 'ключлицензии',
      'лицензионныйкод', 'лицензионныйключ', 'регистрационныйкод',
    ],
    general: ['code', 'key', 'serial', 'serialnumber', 'код', 'ключ', 'серийныйномер', 'licensenumber', 'номерлицензии'],
  },
  product: {
    specific: ['product', 'productname', 'producttitle', 'продукт', 'наименованиепродукта', 'названиепродукта', 'программныйпродукт'],
    general: ['name', 'title', 'наименование', 'название'],
  },
  kind: {
    specific: ['kind', 'licensekind', 'licensetype', 'вид', 'видлицензии', 'типлицензии'],
    general: ['type', 'тип'],
  },
  deviceId: {
    specific: [
      'device', 'deviceid', 'deviceidentifier', 'terminal', 'terminalid', 'hardwareid', 'hwid', 'machineid',
      'устройство', 'идентификаторустройства', 'терминал', 'тсд',
    ],
    general: [],
  },
  issued: {
    specific: [
      'issued', 'issuedate', 'issuedon', 'issuedat', 'dateissued', 'created', 'createdat', 'creationdate',
      'датавыдачи', 'выдана', 'выдан', 'датасоздания', 'датаоформления',
    ],
    general: ['date', 'дата'],
  },
  subscriptionEnd: {
    specific: [
      'subscriptionend', 'subscriptionenddate', 'subscriptionuntil', 'subscriptionexpires', 'subscriptionexpiry',
      'subscription', 'validuntil', 'validto', 'expires', 'expiry', 'expirydate', 'expirationdate', 'expiration',
      'enddate', 'подпискадо', 'окончаниеподписки', 'датаокончанияподписки', 'подписка', 'действуетдо', 'датаокончания',
    ],
    general: [],
  },
};

/**
 * When an element named for a field has no text of its own, the value sits in
 * one of these attributes or children: `<Device id="WIN-H-…"/>`,
 * `<Product><Name>…</Name></Product>`, `<Subscription until="…"/>`.
 */
const VALUE_HOLDERS: Record<Field, readonly string[]> = {
  activationCode: ['value', 'code', 'key', 'значение', 'код'],
  product: ['name', 'title', 'value', 'наименование', 'название', 'значение'],
  kind: ['value', 'type', 'значение'],
  deviceId: ['id', 'deviceid', 'value', 'идентификатор', 'значение'],
  issued: ['value', 'date', 'значение', 'дата'],
  subscriptionEnd: ['end', 'until', 'to', 'enddate', 'expires', 'validuntil', 'value', 'date', 'до', 'окончание', 'значение', 'дата'],
};

interface NameMeaning {
  field: Field;
  /** Lower is better: the order in FIELD_NAMES, general names after specific ones. */
  rank: number;
  general: boolean;
}

const MEANINGS = new Map<string, NameMeaning[]>();
for (const [field, names] of Object.entries(FIELD_NAMES) as Array<[Field, (typeof FIELD_NAMES)[Field]]>) {
  [...names.specific, ...names.general].forEach((name, rank) => {
    const meaning = { field, rank, general: rank >= names.specific.length };
    MEANINGS.set(name, [...(MEANINGS.get(name) ?? []), meaning]);
  });
}

/** An element that is the license itself, whose general-named children are its fields. */
const LICENSE_ELEMENT = /licen[cs]|лиценз|card|карточк|activation|активац|cleverence|клеверенс|mobilesmarts/;

/** Where an element or attribute sits, as far as general names go (see FIELD_NAMES). */
type Place = 'license' | 'root' | 'elsewhere';

/**
 * Names already normalised: a thousand files repeat the same dozen. Kept
 * small, as a file of random names could otherwise fill it.
 */
const normalisedNames = new Map<string, string>();
const NORMALISED_NAMES_MAX = 1000;

/** `ns:Activation_Code` → `activationcode`; `@_id` → `id`. */
function normaliseName(key: string): string {
  let name = normalisedNames.get(key);
  if (name === undefined) {
    const bare = key.startsWith('@_') ? key.slice(2) : key;
    name = bare.slice(bare.lastIndexOf(':') + 1).toLowerCase().replace(/[-_.\s]/g, '').replace(/ё/g, 'е');
    if (normalisedNames.size < NORMALISED_NAMES_MAX) normalisedNames.set(key, name);
  }
  return name;
}

/** Kind words, by the value's first word: «Основная», «Облачная лицензия», `cloud`. */
const KIND_VALUES: Readonly<Record<string, LicenseKind>> = {
  cloud: 'cloud', облачная: 'cloud', облачный: 'cloud', облако: 'cloud',
  main: 'main', основная: 'main', основной: 'main', local: 'main', локальная: 'main', локальный: 'main',
};

function kindOf(value: string): LicenseKind | undefined {
  const word = value.split(/\s/, 1)[0]!.toLowerCase();
  return Object.hasOwn(KIND_VALUES, word) ? KIND_VALUES[word] : undefined;
}

/** Text with the five predefined entities and character references resolved (the parser expands none; badReference vetted them). */
function resolveReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, body: string) =>
    (body.startsWith('#') ? referencedCharacter(body) : PREDEFINED_ENTITIES.get(body)) ?? whole);
}

/** The strings in a value: one, or each of several (`<![CDATA[…]]><![CDATA[…]]>` come as a list). */
const strings = (value: XmlValue | undefined): string =>
  typeof value === 'string' ? value : Array.isArray(value) ? value.filter((item) => typeof item === 'string').join('') : '';

/**
 * An element's own text: its text and CDATA, references resolved in the text
 * only. (The parser keeps them apart, so text and CDATA mixed in one element
 * come out text first; a field's value is one or the other.)
 */
function ownText(value: XmlValue): string {
  if (typeof value === 'string') return resolveReferences(value);
  if (Array.isArray(value)) return '';
  return resolveReferences(strings(value['#text'])) + strings(value['#cdata']);
}

/** The value an element or attribute named for `field` gives it: its own text, or a holder's. */
function valueFor(field: Field, value: XmlValue): string {
  const own = ownText(value).trim();
  if (own || typeof value === 'string' || Array.isArray(value)) return own;
  const holders = VALUE_HOLDERS[field];
  for (const key of Object.keys(value)) {
    if (key === '#text' || key === '#cdata' || !holders.includes(normaliseName(key))) continue;
    const held = value[key]!;
    const text = ownText(Array.isArray(held) ? (held[0] ?? '') : held).trim();
    if (text) return text;
  }
  return '';
}

interface Found {
  value: string;
  rank: number;
  depth: number;
}

/** The cleaned value of a field, or '' when it says nothing usable. */
function clean(field: Field, value: string): string {
  if (field === 'activationCode') return normaliseTypedText(value).trim();
  return value.replace(/\s+/g, ' ');
}

function licenseFields(document: XmlElement): LicenseFileFields | undefined {
  const best = new Map<Field, Found>();
  const offer = (field: Field, rank: number, depth: number, raw: string) => {
    const value = clean(field, raw);
    if (!value || (field === 'kind' && !kindOf(value))) return;
    const held = best.get(field);
    // Better name first, then nearer the root; the first in reading order among equals.
    if (!held || rank < held.rank || (rank === held.rank && depth < held.depth)) best.set(field, { value, rank, depth });
  };

  const visit = (key: string, value: XmlValue, place: Place, depth: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(key, item, place, depth);
      return;
    }
    if (key.startsWith('@_xmlns')) return; // `xmlns:code="urn:…"` declares a prefix; it is no field
    const name = normaliseName(key);
    for (const { field, rank, general } of MEANINGS.get(name) ?? []) {
      if (general && place === 'elsewhere') continue;
      const found = valueFor(field, value);
      if (general && place === 'root' && field === 'activationCode' && !isActivationCode(clean(field, found))) continue;
      offer(field, rank, depth, found);
    }
    if (typeof value === 'string') return;
    const childPlace: Place = LICENSE_ELEMENT.test(name) ? 'license' : depth === 0 ? 'root' : 'elsewhere';
    for (const child of Object.keys(value)) {
      if (child !== '#text' && child !== '#cdata') visit(child, value[child]!, childPlace, depth + 1);
    }
  };
  for (const root of Object.keys(document)) visit(root, document[root]!, 'root', 0);

  const activationCode = best.get('activationCode')?.value;
  if (!activationCode) return undefined;
  const fields: LicenseFileFields = { activationCode };
  const product = best.get('product')?.value;
  if (product) fields.product = product;
  const kind = best.get('kind');
  if (kind) fields.kind = kindOf(kind.value);
  const deviceId = best.get('deviceId')?.value;
  if (deviceId) fields.deviceId = deviceId;
  const issued = best.get('issued')?.value;
  if (issued) fields.issued = issued;
  const subscriptionEnd = best.get('subscriptionEnd')?.value;
  if (subscriptionEnd) fields.subscriptionEnd = subscriptionEnd;
  return fields;
}

// ---------------------------------------------------------------------------
// Names, and files of codes.

/**
 * A file's own name. A picked folder's files carry their path in
 * `webkitRelativePath` and a dropped folder's entries in `fullPath`; neither
 * is ever a file's name, in the preview, in the job or in what is sent: the
 * path says where the user keeps it, which is no business of the account's.
 */
export function ownFileName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) || name;
}

/** A license protection file, by its name: what is taken from a folder. */
export const isLicenseFileName = (name: string) => /\.xml$/i.test(name);

/** A list of codes saved as text (Notepad, a sheet saved as CSV), by its name: read as if it were pasted. */
export const isCodesFileName = (name: string) => /\.(?:txt|csv)$/i.test(name);

/** A list of codes one a line: 5,000 codes are 150 KB; a megabyte leaves room for a mail saved with them. */
export const MAX_CODES_FILE_BYTES = 1024 * 1024;

/** How many bytes of a file are read at most: its limit and one more, to tell a file that is too large. */
export const readLimitOf = (name: string) => (isCodesFileName(name) ? MAX_CODES_FILE_BYTES : MAX_LICENSE_FILE_BYTES);

export type CodesFileProblem =
  | { code: 'empty' }
  | { code: 'list-too-large'; bytes: number; limit: number }
  | { code: 'archive'; format: ArchiveFormat }
  | { code: 'binary' }
  /** Read, and no code nor anything like one is in it. */
  | { code: 'no-codes' };

export type CodesFileReading =
  | { ok: true; name: string; text: string; encoding: string }
  | { ok: false; name: string; problem: CodesFileProblem };

/** The Windows code page a Russian Notepad saved "ANSI" text in. */
const RUSSIAN_ANSI = 'windows-1251';

/**
 * A text file of codes: UTF-8 or UTF-16 by its byte order mark, else UTF-8
 * when it is valid UTF-8, else windows-1251. Codes are ASCII, so the guess
 * only matters for the words around them («заказ» before a number) and for
 * Cyrillic look-alike letters.
 */
export function readCodesFile(name: string, bytes: Uint8Array, size = bytes.length): CodesFileReading {
  const fail = (problem: CodesFileProblem): CodesFileReading => ({ ok: false, name, problem });
  if (bytes.length === 0) return fail({ code: 'empty' });
  const bytesInAll = Math.max(size, bytes.length);
  if (bytesInAll > MAX_CODES_FILE_BYTES) return fail({ code: 'list-too-large', bytes: bytesInAll, limit: MAX_CODES_FILE_BYTES });
  const archive = ARCHIVE_SIGNATURES.find((signature) => startsWith(bytes, signature.bytes));
  if (archive) return fail({ code: 'archive', format: archive.format });

  const bom = sniffEncoding(bytes);
  const utf16 = bom?.source === 'bom' && bom.label !== 'utf-8';
  if (!utf16 && bytes.includes(0)) return fail({ code: 'binary' });
  let encoding = bom?.source === 'bom' ? bom.label : 'utf-8';
  let text: string | undefined;
  try {
    text = strictDecoder(encoding)!.decode(bytes);
  } catch {
    if (utf16) return fail({ code: 'binary' });
    encoding = RUSSIAN_ANSI;
    text = new TextDecoder(RUSSIAN_ANSI).decode(bytes);
  }
  if (CONTROL.test(text.slice(0, BINARY_PROBE))) return fail({ code: 'binary' });
  if (text.trim() === '') return fail({ code: 'empty' });
  return { ok: true, name, text, encoding };
}

// ---------------------------------------------------------------------------
// The same file under two names.

/**
 * A cheap content hash for telling the same file twice apart from two files:
 * 64-bit FNV-1a over the bytes, as 16 hex digits. Among a thousand files a
 * chance collision is about 1 in 10^13 (32 bits would make it 1 in 10^4).
 * Computed in two 32-bit halves: JavaScript numbers hold 53 bits, BigInt is slow.
 */
export function fileFingerprint(bytes: Uint8Array): string {
  // Offset basis 0xcbf29ce484222325; prime 0x100000001b3 = 2^40 + 0x1b3.
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    low ^= bytes[i]!;
    const lowProduct = (low >>> 0) * 0x1b3; // under 2^41: exact
    high = (Math.imul(high, 0x1b3) + (low << 8) + Math.floor(lowProduct / 0x1_0000_0000)) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}
