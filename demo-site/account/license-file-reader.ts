/**
 * How the account reads an uploaded protection file: the vendor knows its own
 * schema (see ../license-files.ts), so it is strict about the shape and careful
 * with the bytes. A file is read as
 *
 *   - unreadable: empty, too big, bytes that are not text in the encoding the
 *     BOM or the XML declaration names, a DOCTYPE (entities are how XML files
 *     attack parsers, and a license file has no use for them), XML that is not
 *     well formed, or nesting deeper than the parser allows;
 *   - not a license: well-formed XML whose one root is not <LicenseCard>, or
 *     which has no single <ActivationCode>;
 *   - a license: the activation code as the file has it, trimmed; whether it
 *     is a well-formed code, and a genuine one, is the code's own question.
 *
 * fast-xml-parser runs with entities off and values kept as strings, so a code
 * such as `00123` or `1E5` reaches the account as written.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type LicenseFileReading =
  | { kind: 'license'; code: string }
  | { kind: 'not-a-license' }
  | { kind: 'unreadable'; reason: string };

/** A license file is about 1 KB; anything this big is not one. */
export const MAX_LICENSE_FILE_BYTES = 64 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  trimValues: true,
});

const unreadable = (reason: string): LicenseFileReading => ({ kind: 'unreadable', reason });

/** The encoding a BOM names, and how many bytes the BOM takes. */
function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Encodings a license file may come in: the vendor's tools on Windows write these. */
const DECLARED_ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
};

/** Without a BOM the declaration names the encoding; its own characters are ASCII in all of them. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1]?.toLowerCase();
}

function decode(bytes: Uint8Array): string | LicenseFileReading {
  const mark = byteOrderMark(bytes);
  let encoding = mark?.encoding;
  if (!encoding) {
    const declared = declaredEncoding(bytes);
    encoding = declared === undefined ? 'utf-8' : DECLARED_ENCODINGS[declared];
    if (!encoding) return unreadable(`unsupported encoding "${declared}"`);
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(mark?.length ?? 0));
  } catch {
    return unreadable(`not ${encoding} text`);
  }
}

/** One element's text: fast-xml-parser gives a string, or an object with `#text` when it has attributes. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, '#text')) {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? text : undefined;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return '';
  return undefined;
}

export function readLicenseFile(bytes: Uint8Array): LicenseFileReading {
  if (bytes.length === 0) return unreadable('empty file');
  if (bytes.length > MAX_LICENSE_FILE_BYTES) return unreadable('too big for a license file');
  const text = decode(bytes);
  if (typeof text !== 'string') return text;
  if (/<!DOCTYPE/i.test(text)) return unreadable('DOCTYPE is not allowed');

  let document: Record<string, unknown>;
  try {
    const valid = XMLValidator.validate(text);
    if (valid !== true) return unreadable(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    // Nesting past the parser's limit, a `<__proto__>` element: the parser refuses, the file is unreadable.
    return unreadable(error instanceof Error ? error.message : String(error));
  }

  const roots = Object.keys(document).filter((name) => name !== '?xml');
  if (roots.length === 0) return unreadable('no root element');
  const root = document[roots[0]!];
  // The validator lets several roots through; two of one name come out as an array.
  if (roots.length > 1 || Array.isArray(root)) return unreadable('more than one root element');
  if (roots[0] !== 'LicenseCard' || root === null || typeof root !== 'object') return { kind: 'not-a-license' };
  const code = Object.hasOwn(root, 'ActivationCode') ? textOf((root as Record<string, unknown>)['ActivationCode']) : undefined;
  if (code === undefined) return { kind: 'not-a-license' };
  return { kind: 'license', code: code.trim() };
}
