/**
 * The demo's license protection files («файлы защиты», `.xml`, kept on a PC
 * under `C:\ProgramData\Cleverence\Licenses`). No public page shows the real
 * schema, so this one is ours, shaped like what such a file plausibly holds:
 *
 *   <?xml version="1.0" encoding="utf-8"?>
 *   <LicenseCard xmlns="urn:cleverence:license-card:1" version="1">
 *     <Product>Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ + ИСМП (маркировка)</Product>
 *     <Kind>main</Kind>
 *     <ActivationCode>A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q</ActivationCode>
 *     <Device id=""/>                     (empty: not bound to a device yet)
 *     <Issued>2025-06-14</Issued>
 *     <SubscriptionEnd>2026-06-14</SubscriptionEnd>
 *     <Signature algorithm="RSA-SHA256">…344 characters of base64…</Signature>
 *   </LicenseCard>
 *
 * Lines end in CRLF, as files written on Windows do. The signature is
 * deterministic filler of an RSA-2048 signature's length: the demo account
 * checks the activation code, not the signature (the extension must upload a
 * file's bytes as they are, which no check here could tell apart anyway).
 *
 * The extension must not depend on this schema (issue 3): it is one plausible
 * answer, and the tests vary the encoding. Sample files for trying the demo by
 * hand: `https://www.cleverence.ru:PORT/demo/license-files/<n>.xml` (any of
 * the demo's hosts; `?encoding=windows-1251|utf-16|utf-16be|utf-8-bom`), the
 * genuine card `demoCard(n)`; see server.ts.
 */
import { type Day, dayOf, formatIsoDay, sameDayNextYear } from './calendar.ts';
import type { LicenseCard } from './cards.ts';
import { mulberry32 } from './random.ts';

export const LICENSE_CARD_NAMESPACE = 'urn:cleverence:license-card:1';

/** `utf-16` is little-endian with a byte order mark, as Windows writes "Unicode" text. */
export type LicenseFileEncoding = 'utf-8' | 'windows-1251' | 'utf-16' | 'utf-16be';
export const LICENSE_FILE_ENCODINGS: readonly LicenseFileEncoding[] = ['utf-8', 'windows-1251', 'utf-16', 'utf-16be'];

export interface LicenseFileOptions {
  /** UTF-8 by default. */
  encoding?: LicenseFileEncoding;
  /** A byte order mark before a UTF-8 file (UTF-16 files always have one; windows-1251 cannot). */
  bom?: boolean;
  /** What the XML declaration says, when it should not tell the truth (a file that lies about its encoding). */
  declaredEncoding?: string;
  /** The device the license is bound to; unbound by default. */
  deviceId?: string;
  /** The day the card was issued; by default a day of 2025 that follows from the code. */
  issued?: Day;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character]!);

/** A small stable hash (FNV-1a) of a text, to seed deterministic filler. */
function hashOf(text: string): number {
  let hash = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x0100_0193);
  return hash >>> 0;
}

const FIRST_ISSUE_DAY = dayOf('01.01.2025');
const RSA_2048_SIGNATURE_BYTES = 256;

function fakeSignature(seedText: string): string {
  const random = mulberry32(hashOf(seedText));
  const bytes = Array.from({ length: RSA_2048_SIGNATURE_BYTES }, () => random.int(0, 255));
  return btoa(String.fromCharCode(...bytes));
}

const DECLARED: Record<LicenseFileEncoding, string> = {
  'utf-8': 'utf-8',
  'windows-1251': 'windows-1251',
  'utf-16': 'utf-16',
  'utf-16be': 'utf-16',
};

/** The file's text, before it is encoded. */
export function licenseFileText(card: LicenseCard, options: LicenseFileOptions = {}): string {
  const encoding = options.encoding ?? 'utf-8';
  const issued = options.issued ?? FIRST_ISSUE_DAY + (hashOf(card.code) % 365);
  const issuedText = formatIsoDay(issued);
  const lines = [
    `<?xml version="1.0" encoding="${escapeXml(options.declaredEncoding ?? DECLARED[encoding])}"?>`,
    `<LicenseCard xmlns="${LICENSE_CARD_NAMESPACE}" version="1">`,
    `  <Product>${escapeXml(card.product)}</Product>`,
    `  <Kind>${card.kind}</Kind>`,
    `  <ActivationCode>${escapeXml(card.code)}</ActivationCode>`,
    `  <Device id="${escapeXml(options.deviceId ?? '')}"/>`,
    `  <Issued>${issuedText}</Issued>`,
    `  <SubscriptionEnd>${formatIsoDay(sameDayNextYear(issued))}</SubscriptionEnd>`,
    `  <Signature algorithm="RSA-SHA256">${fakeSignature(`${card.code}|${card.product}|${issuedText}`)}</Signature>`,
    `</LicenseCard>`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** The file's bytes: UTF-8 by default, or windows-1251, or UTF-16 with its byte order mark. */
export function licenseFileXml(card: LicenseCard, options: LicenseFileOptions = {}): Uint8Array<ArrayBuffer> {
  const text = licenseFileText(card, options);
  switch (options.encoding ?? 'utf-8') {
    case 'utf-8': {
      const bytes = new TextEncoder().encode(text);
      return options.bom ? concat(UTF8_BOM, bytes) : bytes;
    }
    case 'windows-1251':
      return encodeWindows1251(text);
    case 'utf-16':
      return encodeUtf16(`\uFEFF${text}`, 'little');
    case 'utf-16be':
      return encodeUtf16(`\uFEFF${text}`, 'big');
  }
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

function concat(first: Uint8Array, second: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}

/** TextEncoder only writes UTF-8; UTF-16 is the string's own code units, in the byte order asked for. */
function encodeUtf16(text: string, order: 'little' | 'big'): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [first, second] = order === 'little' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    bytes[2 * i] = first;
    bytes[2 * i + 1] = second;
  }
  return bytes;
}

/**
 * windows-1251's upper half (Cyrillic, «», №, dashes), taken from the
 * platform's own decoder so that the table cannot disagree with it.
 */
let windows1251: Map<string, number> | undefined;

function windows1251Table(): Map<string, number> {
  if (!windows1251) {
    const decoder = new TextDecoder('windows-1251');
    windows1251 = new Map();
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const character = decoder.decode(new Uint8Array([byte]));
      if (character !== '\uFFFD') windows1251.set(character, byte);
    }
  }
  return windows1251;
}

function encodeWindows1251(text: string): Uint8Array<ArrayBuffer> {
  const table = windows1251Table();
  return Uint8Array.from(text, (character) => {
    const code = character.codePointAt(0)!;
    if (code < 0x80) return code;
    const byte = table.get(character);
    if (byte === undefined) throw new Error(`"${character}" cannot be written in windows-1251`);
    return byte;
  });
}
