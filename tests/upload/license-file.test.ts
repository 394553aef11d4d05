// Reading license protection files («файлы защиты») before upload: every hostile
// or broken file the issue names, each with its problem and the sentence the user reads.
import { describe, expect, it, vi } from 'vitest';
import { problemText, sizeText } from '@/utils/upload/item-problems';
import {
  fileFingerprint, isCodesFileName, isLicenseFileName, MAX_CODES_FILE_BYTES, MAX_LICENSE_FILE_BYTES, MAX_LICENSE_FILE_DEPTH, ownFileName,
  readCodesFile, readLicenseFile, readLimitOf, type LicenseFileFields, type LicenseFileProblem,
} from '@/utils/upload/license-file';

// The browser's i18n, answered from the extension's own messages (tests/locale-messages.ts).
const i18n = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

// ---------------------------------------------------------------------------
// Files as they come: bytes in one encoding or another.

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const units = bom ? `\uFEFF${text}` : text;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i);
    bytes[2 * i + (order === 'le' ? 0 : 1)] = unit & 0xff;
    bytes[2 * i + (order === 'le' ? 1 : 0)] = unit >> 8;
  }
  return bytes;
}

/** windows-1251 from the platform's own decoder, so that the table cannot disagree with it. */
function windows1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
  return Uint8Array.from(text, (character) => table.get(character) ?? 0x3f);
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

const CODE = 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q';
const PRODUCT = 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ';

/** The demo account's card (demo-site/license-files.ts): CRLF lines, a default namespace, a signature. */
function card({ encoding = 'utf-8', code = CODE, product = PRODUCT, signatureBlocks = 30 } = {}): string {
  return [
    `<?xml version="1.0" encoding="${encoding}"?>`,
    '<LicenseCard xmlns="urn:cleverence:license-card:1" version="1">',
    `  <Product>${product}</Product>`,
    '  <Kind>main</Kind>',
    `  <ActivationCode>${code}</ActivationCode>`,
    '  <Device id="WIN-H-4A5F39F07C114C76B6C958170C940A9D"/>',
    '  <Issued>2026-01-15</Issued>',
    '  <SubscriptionEnd>2027-01-15</SubscriptionEnd>',
    `  <Signature algorithm="RSA-SHA256">${'QUJDREVGR0g='.repeat(signatureBlocks)}</Signature>`,
    '</LicenseCard>',
    '',
  ].join('\r\n');
}

const CARD_FIELDS: LicenseFileFields = {
  activationCode: CODE, product: PRODUCT, kind: 'main', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D',
  issued: '2026-01-15', subscriptionEnd: '2027-01-15',
};

function fieldsOf(bytes: Uint8Array, name = 'license.xml'): LicenseFileFields {
  const reading = readLicenseFile(name, bytes);
  if (!reading.ok) throw new Error(`expected a license, got ${JSON.stringify(reading.problem)}`);
  return reading.fields;
}

function problemOf(bytes: Uint8Array, name = 'license.xml'): LicenseFileProblem {
  const reading = readLicenseFile(name, bytes);
  if (reading.ok) throw new Error(`expected a problem, got ${JSON.stringify(reading.fields)}`);
  return reading.problem;
}

/** A sentence with its spaces made plain: ICU versions differ in the space they put before a unit («256 кБ»). */
const sentenceOf = (problem: LicenseFileProblem) => problemText(problem).replace(/\s/g, ' ');

/** The problem a file has, and the sentence the user reads for it (Russian, from public/_locales). */
function expectProblem(bytes: Uint8Array, problem: LicenseFileProblem | Partial<LicenseFileProblem>, sentence: string) {
  const found = problemOf(bytes);
  expect(found).toMatchObject(problem);
  expect(sentenceOf(found)).toBe(sentence);
}

// ---------------------------------------------------------------------------

describe('a good license file', () => {
  it('reads the demo account\'s card, with its encoding', () => {
    const reading = readLicenseFile('license.xml', utf8(card()));
    expect(reading).toEqual({ ok: true, name: 'license.xml', encoding: 'utf-8', fields: CARD_FIELDS });
  });

  it('reads UTF-8 with a byte order mark', () => {
    const reading = readLicenseFile('bom.xml', concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(card())));
    expect(reading).toMatchObject({ ok: true, encoding: 'utf-8', fields: CARD_FIELDS });
  });

  it('reads UTF-16 little- and big-endian with a byte order mark, whatever the declaration says', () => {
    expect(readLicenseFile('le.xml', utf16(card({ encoding: 'utf-16' }), 'le'))).toMatchObject({ ok: true, encoding: 'utf-16le', fields: CARD_FIELDS });
    expect(readLicenseFile('be.xml', utf16(card({ encoding: 'utf-16' }), 'be'))).toMatchObject({ ok: true, encoding: 'utf-16be', fields: CARD_FIELDS });
    // The byte order mark wins over a declaration that says otherwise.
    expect(readLicenseFile('le.xml', utf16(card({ encoding: 'windows-1251' }), 'le'))).toMatchObject({ ok: true, fields: CARD_FIELDS });
  });

  it('reads UTF-16 without a byte order mark by its first bytes', () => {
    expect(readLicenseFile('le.xml', utf16(card({ encoding: 'utf-16' }), 'le', false))).toMatchObject({ ok: true, encoding: 'utf-16le', fields: CARD_FIELDS });
  });

  it('reads windows-1251 as declared: the Cyrillic product name comes out right', () => {
    const reading = readLicenseFile('1251.xml', windows1251(card({ encoding: 'windows-1251', product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ «Ё»' })));
    expect(reading).toMatchObject({ ok: true, encoding: 'windows-1251', fields: { product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ «Ё»', activationCode: CODE } });
  });

  it('keeps codes as strings: 00123 keeps its zeros and 1E5 is no number', () => {
    expect(fieldsOf(utf8(card({ code: '00123' }))).activationCode).toBe('00123');
    expect(fieldsOf(utf8(card({ code: '1E5' }))).activationCode).toBe('1E5');
    expect(fieldsOf(utf8('<License ActivationCode="00123" Product="0x10"/>'))).toEqual({ activationCode: '00123', product: '0x10' });
  });

  it('trims a code and normalises the invisible spaces and dashes a copy leaves in it, keeping its case', () => {
    const code = '\u00A0 a1b2c\u2013d3e4f\u2011g5h6j\u200B-k7l8m-n9p0q\uFEFF\n';
    expect(fieldsOf(utf8(card({ code }))).activationCode).toBe('a1b2c-d3e4f-g5h6j-k7l8m-n9p0q');
  });

  it('reads the five XML entities and character references in values, and CDATA as it is', () => {
    const xml = `<License><Product>Склад &amp; Магазин &#8470;&#x31; &lt;ПОЛНЫЙ&gt;</Product><Code><![CDATA[ ${CODE} ]]></Code><Name><![CDATA[A&amp;B]]></Name></License>`;
    expect(fieldsOf(utf8(xml))).toEqual({ activationCode: CODE, product: 'Склад & Магазин №1 <ПОЛНЫЙ>' });
    // CDATA in pieces, and CDATA only: the references in it stay as written.
    const pieces = `<License><ActivationCode><![CDATA[A1B2C-D3E4F-]]><![CDATA[G5H6J-K7L8M-N9P0Q]]></ActivationCode><Name><![CDATA[A&amp;B]]></Name></License>`;
    expect(fieldsOf(utf8(pieces))).toEqual({ activationCode: CODE, product: 'A&amp;B' });
  });
});

describe('field names in other schemas', () => {
  it('reads attributes, in any case, with their synonyms', () => {
    const xml = `<license CODE="${CODE}" productName="Mobile SMARTS: Магазин 15" type="Cloud" device="@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B" created="01.02.2026" validUntil="01.03.2026"/>`;
    expect(fieldsOf(utf8(xml))).toEqual({
      activationCode: CODE, product: 'Mobile SMARTS: Магазин 15', kind: 'cloud',
      deviceId: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', issued: '01.02.2026', subscriptionEnd: '01.03.2026',
    });
  });

  it('reads Russian names and kind words', () => {
    const xml = [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<Лицензия>',
      '  <Продукт>ОБЛАКО Mobile SMARTS: Магазин 15, ПОЛНЫЙ, 1 год</Продукт>',
      '  <Вид>Облачная</Вид>',
      `  <КодАктивации>${CODE}</КодАктивации>`,
      '  <Устройство>@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B</Устройство>',
      '  <ДатаВыдачи>15.01.2026</ДатаВыдачи>',
      '  <ПодпискаДо>15.01.2027</ПодпискаДо>',
      '</Лицензия>',
    ].join('\n');
    expect(fieldsOf(utf8(xml))).toEqual({
      activationCode: CODE, product: 'ОБЛАКО Mobile SMARTS: Магазин 15, ПОЛНЫЙ, 1 год', kind: 'cloud',
      deviceId: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', issued: '15.01.2026', subscriptionEnd: '15.01.2027',
    });
  });

  it('ignores namespace prefixes, and finds values held in children and attributes', () => {
    const xml = [
      '<cl:LicenseCard xmlns:cl="urn:example:licensing" xmlns:code="urn:example:code">',
      '  <cl:Product><cl:Code>MS-EGAIS-3-FULL</cl:Code><cl:Name>Mobile SMARTS: ЕГАИС 3</cl:Name></cl:Product>',
      `  <cl:LicenseKey>${CODE}</cl:LicenseKey>`,
      '  <cl:LicenseType value="main"/>',
      '  <cl:Terminal><cl:Name>ПК кладовщика</cl:Name><cl:Id>WIN-H-0123456789ABCDEF</cl:Id></cl:Terminal>',
      '  <cl:Subscription until="2027-01-15"/>',
      '</cl:LicenseCard>',
    ].join('\n');
    expect(fieldsOf(utf8(xml))).toEqual({
      activationCode: CODE, product: 'Mobile SMARTS: ЕГАИС 3', kind: 'main',
      deviceId: 'WIN-H-0123456789ABCDEF', subscriptionEnd: '2027-01-15',
    });
  });

  it('reads snake_case names in a list wrapper', () => {
    const xml = `<Licenses><license><PRODUCT_NAME>Mobile SMARTS: Склад 15</PRODUCT_NAME><license_type>main</license_type><activation_code>${CODE}</activation_code><device_id/></license></Licenses>`;
    expect(fieldsOf(utf8(xml))).toEqual({ activationCode: CODE, product: 'Mobile SMARTS: Склад 15', kind: 'main' });
  });

  it('never takes a customer\'s or a signature\'s names for the license\'s', () => {
    const xml = [
      '<Document>',
      '  <Customer><Name>ООО «Ромашка»</Name><Code>7701234567</Code><Type>partner</Type></Customer>',
      `  <Key>${CODE}</Key>`,
      '  <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><Reference URI=""><DigestValue>abc=</DigestValue></Reference></SignedInfo>',
      '    <KeyInfo><KeyName>Cleverence</KeyName><X509Data><X509SerialNumber>1234-5678-9012</X509SerialNumber></X509Data></KeyInfo></Signature>',
      '</Document>',
    ].join('\n');
    expect(fieldsOf(utf8(xml))).toEqual({ activationCode: CODE });
  });

  it('prefers the specific name to a general one', () => {
    const xml = `<License><Code>MS-EGAIS</Code><Name>ЕГАИС</Name><ActivationCode>${CODE}</ActivationCode><ProductName>Mobile SMARTS: ЕГАИС 3</ProductName></License>`;
    expect(fieldsOf(utf8(xml))).toEqual({ activationCode: CODE, product: 'Mobile SMARTS: ЕГАИС 3' });
  });

  it('reads the same card whatever schema it is written in', () => {
    const schemas = [
      card(),
      `<LicenseCard><ActivationCode>${CODE}</ActivationCode></LicenseCard>`,
      `<License code="${CODE}"/>`,
      `<Лицензия><Код>${CODE}</Код></Лицензия>`,
      `<x:Licence xmlns:x="urn:x"><x:Serial>${CODE}</x:Serial></x:Licence>`,
      `<Root><Data><ActivationKey>${CODE}</ActivationKey></Data></Root>`,
      `<Root><Key>${CODE}</Key></Root>`,
    ];
    for (const xml of schemas) expect(fieldsOf(utf8(xml)).activationCode, xml).toBe(CODE);
  });
});

describe('a file that is not a license, or is broken', () => {
  it('empty file', () => {
    expectProblem(new Uint8Array(0), { code: 'empty' }, 'Файл пустой: в нём нет лицензии.');
    expect(problemOf(utf8(' \r\n\t'))).toEqual({ code: 'empty' });
    expect(problemOf(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ code: 'empty' });
  });

  it('binary file renamed .xml', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expectProblem(png, { code: 'binary' }, 'Это не текстовый файл, а файл защиты — текст XML: похоже, выбран не тот файл.');
    // Noise with no NUL byte in it (a NUL would give it away at once).
    let seed = 7;
    const noise = Uint8Array.from({ length: 2048 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) % 255 + 1);
    expect(problemOf(noise)).toEqual({ code: 'binary' });
  });

  it('an archive renamed .xml, or sent as it is', () => {
    const zip = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), utf8('license.xml'));
    expectProblem(zip, { code: 'archive', format: 'ZIP' }, 'Это архив ZIP, а не файл защиты: распакуйте его и загрузите файлы защиты (.xml) из него.');
  });

  it('text that is not XML', () => {
    expectProblem(utf8(`Коды активации: ${CODE}`), { code: 'not-xml' }, 'Файл не в формате XML, а файлы защиты — XML.');
  });

  it('truncated XML', () => {
    const text = card();
    const cut = text.slice(0, text.indexOf('<Issued>'));
    // The validator points at the first element left open: the root, line 2, column 1.
    expectProblem(utf8(cut), { code: 'not-well-formed', line: 2, column: 1, reason: 'unclosed' },
      'Файл защиты оборван или повреждён: элемент XML в строке 2, столбце 1 не закрыт.');
    const midTag = text.slice(0, text.indexOf('</ActivationCode>') + 6);
    expect(problemOf(utf8(midTag))).toMatchObject({ code: 'not-well-formed', line: 5, reason: 'unclosed' });
    // Cut inside an element: the validator names every element left open, at 1:1; the innermost one's tag is shown.
    const inSignature = text.slice(0, text.indexOf('>', text.indexOf('<Signature')) + 20);
    const signatureLine = text.slice(0, text.indexOf('<Signature')).split('\n').length;
    expect(problemOf(utf8(inSignature))).toMatchObject({ code: 'not-well-formed', line: signatureLine, column: 3, reason: 'unclosed' });
  });

  it('valid XML that is not a license', () => {
    const config = '<?xml version="1.0"?>\n<configuration><appSettings><add key="Theme" value="dark"/></appSettings></configuration>';
    expectProblem(utf8(config), { code: 'not-a-license' }, 'Это XML, но не файл защиты: в нём нет кода активации.');
    // A code field that is there but empty says no code either.
    expect(problemOf(utf8('<LicenseCard><ActivationCode>  </ActivationCode><Product>X</Product></LicenseCard>'))).toEqual({ code: 'not-a-license' });
    // A general `Code` under a root that is no license must look like a code.
    expect(problemOf(utf8('<Customer><Name>ООО «Ромашка»</Name><Code>42</Code></Customer>'))).toEqual({ code: 'not-a-license' });
  });

  it('two root elements', () => {
    const two = `<LicenseCard><ActivationCode>${CODE}</ActivationCode></LicenseCard>\n<LicenseCard><ActivationCode>B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q</ActivationCode></LicenseCard>`;
    // The validator finds the second root; the problem points at its start.
    expectProblem(utf8(two), { code: 'not-well-formed', line: 2, column: 1, reason: 'several-roots' },
      'В файле несколько корневых элементов XML (второй — в строке 2, столбце 1): похоже, в один файл склеены несколько.');
    // Empty second roots get past the validator (fast-xml-parser 5.12); the parser's two roots give them away.
    expect(problemOf(utf8(`<License code="${CODE}"/>\r\n<!-- <x> --><License code="${CODE}"/>`)))
      .toMatchObject({ code: 'not-well-formed', line: 2, column: 13, reason: 'several-roots' });
    expect(problemOf(utf8(`<License><Code>${CODE}</Code></License><b x=">"/>`)))
      .toMatchObject({ code: 'not-well-formed', line: 1, column: 62, reason: 'several-roots' });
  });

  it('no element at all', () => {
    expectProblem(utf8('<?xml version="1.0"?>\n<!-- nothing -->'), { code: 'not-well-formed', reason: 'no-root' },
      'В файле нет ни одного элемента XML: он оборван или пуст.');
  });

  it('oversized file', () => {
    const big = utf8(card().replace('</LicenseCard>', `<Padding>${'x'.repeat(MAX_LICENSE_FILE_BYTES)}</Padding></LicenseCard>`));
    expectProblem(big, { code: 'too-large', bytes: big.length, limit: MAX_LICENSE_FILE_BYTES },
      `Файл слишком большой для файла защиты: ${Math.ceil(big.length / 1024)} кБ при пределе 256 кБ (файлы защиты занимают несколько килобайт).`);
    const huge = problemOf(new Uint8Array(3.5 * 1024 * 1024));
    expect(sentenceOf(huge)).toBe('Файл слишком большой для файла защиты: 3,5 МБ при пределе 256 кБ (файлы защиты занимают несколько килобайт).');
    // Right at the limit is still read.
    const padded = card().replace('</LicenseCard>', '');
    const atLimit = utf8(`${padded}<!--${'x'.repeat(MAX_LICENSE_FILE_BYTES - utf8(padded).length - 21)}--></LicenseCard>`);
    expect(atLimit.length).toBe(MAX_LICENSE_FILE_BYTES);
    expect(fieldsOf(atLimit).activationCode).toBe(CODE);
  });

  it('10,000-deep nesting, without a stack overflow', () => {
    const deep = `<LicenseCard><ActivationCode>${CODE}</ActivationCode>${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</LicenseCard>`;
    expectProblem(utf8(deep), { code: 'too-deep', limit: MAX_LICENSE_FILE_DEPTH },
      `Элементы XML в файле вложены глубже ${MAX_LICENSE_FILE_DEPTH} уровней: файлы защиты так не устроены, и файл не читается.`);
    // Left open, it is a broken file instead; either way, an answer, and a short one.
    const open = problemOf(utf8('<a>'.repeat(10_000)));
    expect(open).toMatchObject({ code: 'not-well-formed', reason: 'unclosed' });
    expect(JSON.stringify(open).length).toBeLessThan(400);
    // A real card's depth (a signature block nests about five) is fine.
    const nested = `<LicenseCard><ActivationCode>${CODE}</ActivationCode>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</LicenseCard>`;
    expect(fieldsOf(utf8(nested)).activationCode).toBe(CODE);
  });

  it('entity bomb (billion laughs): refused for its DOCTYPE before any parser sees it', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, n) => `  <!ENTITY lol${n + 1} "${`&lol${n || ''};`.repeat(10)}">`),
      ']>',
      '<LicenseCard><ActivationCode>&lol9;</ActivationCode></LicenseCard>',
    ].join('\n');
    const started = performance.now();
    expectProblem(utf8(lol), { code: 'doctype' },
      'В файле есть объявление DOCTYPE: в файлах защиты его не бывает, а через него в XML подставляют чужое содержимое, поэтому такой файл не читается.');
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('external entity: refused for its DOCTYPE; a reference with no DOCTYPE is a broken file', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE LicenseCard [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<LicenseCard><ActivationCode>&x;</ActivationCode></LicenseCard>`;
    expect(problemOf(utf8(xxe))).toEqual({ code: 'doctype' });
    // Lower case is no valid XML, but is refused all the same.
    expect(problemOf(utf8(xxe.replace('DOCTYPE', 'doctype')))).toEqual({ code: 'doctype' });
    expectProblem(utf8(`<LicenseCard>\n  <ActivationCode>&x;</ActivationCode>\n</LicenseCard>`),
      { code: 'not-well-formed', line: 2, column: 19, reason: 'bad-reference', detail: '&x;' },
      'Файл защиты повреждён: в строке 2, столбце 19 недопустимая ссылка XML &x;.');
  });

  it('huge numeric entity', () => {
    expectProblem(utf8(`<LicenseCard>\r\n<ActivationCode>&#99999999999;</ActivationCode>\r\n</LicenseCard>`),
      { code: 'not-well-formed', line: 2, column: 17, reason: 'bad-reference', detail: '&#99999999999;' },
      'Файл защиты повреждён: в строке 2, столбце 17 недопустимая ссылка XML &#99999999999;.');
    expect(problemOf(utf8(`<a>&#x${'F'.repeat(400)};</a>`))).toMatchObject({ reason: 'bad-reference' });
    expect(problemOf(utf8('<a>&#0;</a>'))).toMatchObject({ reason: 'bad-reference' });
    // In a comment or CDATA, `&` is text.
    expect(fieldsOf(utf8(`<!-- &#99999999999; --><License><Code><![CDATA[${CODE}]]></Code><Name><![CDATA[&#99999999999;]]></Name></License>`)))
      .toEqual({ activationCode: CODE, product: '&#99999999999;' });
  });

  it('<__proto__> and <constructor> elements pollute nothing and break nothing', () => {
    const xml = `<LicenseCard><__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor><hasOwnProperty>x</hasOwnProperty><ActivationCode __proto__="x" constructor="y">${CODE}</ActivationCode></LicenseCard>`;
    expect(fieldsOf(utf8(xml))).toEqual({ activationCode: CODE });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(problemOf(utf8('<__proto__><polluted>yes</polluted></__proto__>'))).toEqual({ code: 'not-a-license' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a control character', () => {
    expectProblem(utf8(`<LicenseCard>\n<ActivationCode>${CODE}\u0001</ActivationCode></LicenseCard>`),
      { code: 'not-well-formed', line: 2, column: 46, reason: 'bad-character', detail: 'U+0001' },
      'Файл защиты повреждён: в строке 2, столбце 46 управляющий символ U+0001, которого в XML быть не может.');
  });

  it('declared UTF-8 but windows-1251 bytes: an encoding message, not mojibake', () => {
    expectProblem(windows1251(card({ encoding: 'utf-8' })), { code: 'encoding', encoding: 'utf-8', source: 'declaration' },
      'Файл объявляет кодировку UTF-8, но его текст в ней не читается: файл сохранён в другой кодировке, а объявление осталось прежним.');
    const undeclared = windows1251(card().replace(/^<\?xml[^>]*>\r\n/, ''));
    expectProblem(undeclared, { code: 'encoding', encoding: 'utf-8', source: 'default' },
      'Кодировка в файле не указана, а в UTF-8, кодировке XML по умолчанию, его текст не читается: файл сохранён в другой кодировке без объявления.');
  });

  it('a byte order mark that lies, an encoding the browser does not know, UTF-16 declared over single bytes', () => {
    const brokenUtf8 = concat(new Uint8Array([0xef, 0xbb, 0xbf]), windows1251(card()));
    expectProblem(brokenUtf8, { code: 'encoding', encoding: 'utf-8', source: 'bom' },
      'Метка в начале файла говорит, что он в кодировке UTF-8, но его текст в ней не читается: файл повреждён.');
    expectProblem(utf8(card({ encoding: 'x-klingon' })), { code: 'unknown-encoding', encoding: 'x-klingon' },
      'Файл объявляет кодировку «x-klingon», которую браузер не знает.');
    expect(problemOf(utf8(card({ encoding: 'utf-16' })))).toEqual({ code: 'encoding', encoding: 'utf-16le', source: 'declaration' });
    // A label is quoted in the sentence as visible characters only.
    expect(problemOf(utf8(card({ encoding: 'a\u202Eb' })))).toEqual({ code: 'unknown-encoding', encoding: 'a\uFFFD\uFFFD\uFFFDb' });
  });
});

describe('the same file twice', () => {
  it('gives the same fingerprint under two names, and another one for other bytes', () => {
    const bytes = utf8(card());
    const copy = bytes.slice();
    expect(readLicenseFile('Лицензия (1).xml', copy)).toMatchObject({ ok: true, fields: CARD_FIELDS });
    expect(fileFingerprint(copy)).toBe(fileFingerprint(bytes));
    expect(fileFingerprint(utf8(card({ code: 'B1B2C-D3E4F-G5H6J-K7L8M-N9P0Q' })))).not.toBe(fileFingerprint(bytes));
    // The same card in another encoding is another file: what is uploaded are the bytes.
    expect(fileFingerprint(utf16(card(), 'le'))).not.toBe(fileFingerprint(bytes));
  });

  it('is 64-bit FNV-1a, as 16 hex digits', () => {
    const reference = (bytes: Uint8Array) => {
      let hash = 0xcbf29ce484222325n;
      for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return hash.toString(16).padStart(16, '0');
    };
    expect(fileFingerprint(new Uint8Array(0))).toBe('cbf29ce484222325');
    expect(fileFingerprint(utf8('a'))).toBe('af63dc4c8601ec8c'); // the published test vector
    for (const bytes of [utf8(card()), Uint8Array.from({ length: 997 }, (_, i) => (i * 131) & 0xff)]) {
      expect(fileFingerprint(bytes)).toBe(reference(bytes));
    }
  });
});

describe('a hostile file name', () => {
  const names = ['<img src=x onerror=alert(1)>.xml', '../../etc/passwd.xml', '__proto__.xml', '$1 $$ $2.xml', 'C:\\ProgramData\\Cleverence\\Licenses\\..\\..\\x.xml'];

  it('is carried as plain data and changes nothing in the reading', () => {
    for (const name of names) {
      expect(readLicenseFile(name, utf8(card()))).toEqual({ ok: true, name, encoding: 'utf-8', fields: CARD_FIELDS });
      expect(readLicenseFile(name, new Uint8Array(0))).toEqual({ ok: false, name, problem: { code: 'empty' } });
    }
  });

  it('never gets into the sentence, and stays text where the UI shows it', () => {
    const reading = readLicenseFile(names[0]!, utf8('<a>'));
    if (reading.ok) throw new Error('a broken file was read');
    const sentence = problemText(reading.problem);
    expect(sentence).not.toContain('img');
    const line = document.createElement('li');
    line.textContent = `${reading.name}: ${sentence}`;
    expect(line.querySelector('img')).toBeNull();
    expect(line.textContent.startsWith('<img src=x onerror=alert(1)>.xml: ')).toBe(true);
  });
});

describe('the sentences', () => {
  it('exist in Russian and English for every problem, with the same placeholders', () => {
    const keys = (locale: string) => Object.keys(i18n.messages[locale]!).filter((key) => key.startsWith('problem_'));
    expect(keys('en')).toEqual(keys('ru'));
    expect(keys('ru').length).toBeGreaterThanOrEqual(15);
    const placeholders = (text: string) => [...new Set(text.match(/\$\d/g) ?? [])].sort();
    for (const key of keys('ru')) {
      expect(placeholders(i18n.messages.en![key]!.message), key).toEqual(placeholders(i18n.messages.ru![key]!.message));
    }
  });

  it('are said in English too, with the numbers in', () => {
    i18n.language = 'en';
    try {
      expect(problemText({ code: 'not-well-formed', line: 3, column: 7, reason: 'other', detail: '' }))
        .toBe('The license protection file is damaged: an XML error at line 3, column 7.');
      expect(sentenceOf({ code: 'too-large', bytes: 300 * 1024, limit: MAX_LICENSE_FILE_BYTES }))
        .toBe('The file is too large for a license protection file: 300 kB, over the 256 kB limit (license protection files take a few kilobytes).');
      expect(problemText({ code: 'encoding', encoding: 'windows-1251', source: 'declaration' }))
        .toBe('The file declares the windows-1251 encoding, but its text is not valid windows-1251: it was saved in another encoding and the declaration was left as it was.');
    } finally {
      i18n.language = 'ru';
    }
  });
});

describe('speed', () => {
  it('reads, validates and fingerprints 1,000 files of about 2 KB well within a second', () => {
    const files = Array.from({ length: 1000 }, (_, n) => utf8(card({ code: `A${String(n).padStart(4, '0')}-D3E4F-G5H6J-K7L8M-N9P0Q`, signatureBlocks: 130 })));
    expect(files[0]!.length).toBeGreaterThan(1900);
    expect(files[0]!.length).toBeLessThan(2100);
    const started = performance.now();
    const codes = new Set<string>();
    const fingerprints = new Set<string>();
    for (const [n, bytes] of files.entries()) {
      const reading = readLicenseFile(`${n}.xml`, bytes);
      if (reading.ok) codes.add(reading.fields.activationCode);
      fingerprints.add(fileFingerprint(bytes));
    }
    const elapsed = performance.now() - started;
    expect(codes.size).toBe(1000);
    expect(fingerprints.size).toBe(1000);
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('sizes', () => {
  /** Spaces made plain: ICU versions differ in the space they put before a unit. */
  const size = (bytes: number) => sizeText(bytes).replace(/\s/g, ' ');

  it('says bytes, kilobytes, megabytes and gigabytes in Russian, as Explorer counts them', () => {
    expect(size(1)).toBe('1 байт');
    expect(size(500)).toBe('500 байт');
    expect(size(1023)).toBe('1 023 байта');
    expect(size(1024)).toBe('1 кБ');
    expect(size(1025)).toBe('2 кБ'); // kilobytes rounded up, as Explorer shows them
    expect(size(MAX_LICENSE_FILE_BYTES)).toBe('256 кБ');
    expect(size(MAX_LICENSE_FILE_BYTES + 1)).toBe('257 кБ');
    expect(size(300 * 1024)).toBe('300 кБ');
    expect(size(1.5 * 1024 * 1024)).toBe('1,5 МБ');
    expect(size(40 * 1024 * 1024)).toBe('40 МБ');
    expect(size(2.25 * 1024 ** 3)).toBe('2,3 ГБ');
  });

  it('says them in English where the extension speaks English', () => {
    i18n.language = 'en';
    try {
      expect(size(1)).toBe('1 byte');
      expect(size(500)).toBe('500 bytes');
      expect(size(300 * 1024)).toBe('300 kB');
      expect(size(1.5 * 1024 * 1024)).toBe('1.5 MB');
      expect(size(3 * 1024 ** 3)).toBe('3 GB');
    } finally {
      i18n.language = 'ru';
    }
  });

  it('reports a file too large by its real size when only its start was read', () => {
    // What the popup reads of a 40 MB export picked by mistake: the limit and one byte more.
    const start = utf8(card()).slice(0, 100);
    const read = new Uint8Array(MAX_LICENSE_FILE_BYTES + 1);
    read.set(start);
    expectProblem(read, { code: 'too-large', bytes: MAX_LICENSE_FILE_BYTES + 1, limit: MAX_LICENSE_FILE_BYTES },
      'Файл слишком большой для файла защиты: 257 кБ при пределе 256 кБ (файлы защиты занимают несколько килобайт).');
    const reading = readLicenseFile('export.xml', read, 40 * 1024 * 1024);
    expect(reading).toEqual({ ok: false, name: 'export.xml', problem: { code: 'too-large', bytes: 40 * 1024 * 1024, limit: MAX_LICENSE_FILE_BYTES } });
    if (!reading.ok) expect(sentenceOf(reading.problem)).toBe('Файл слишком большой для файла защиты: 40 МБ при пределе 256 кБ (файлы защиты занимают несколько килобайт).');
    // A small file's size changes nothing.
    expect(readLicenseFile('license.xml', utf8(card()), utf8(card()).length)).toMatchObject({ ok: true, fields: CARD_FIELDS });
  });
});

describe('a text file of codes', () => {
  const TEXT = `Коды по заказу 12:\r\n${CODE}\r\nКод 2: A2B3C-D4E5F-G6H7J-K8L9M-N0P1Q\r\n`;

  it('is read in UTF-8, with or without a byte order mark, and in UTF-16 by its mark', () => {
    expect(readCodesFile('codes.txt', utf8(TEXT))).toEqual({ ok: true, name: 'codes.txt', text: TEXT, encoding: 'utf-8' });
    expect(readCodesFile('codes.txt', concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(TEXT)))).toMatchObject({ ok: true, text: TEXT, encoding: 'utf-8' });
    expect(readCodesFile('codes.txt', utf16(TEXT, 'le'))).toMatchObject({ ok: true, text: TEXT, encoding: 'utf-16le' });
    expect(readCodesFile('codes.txt', utf16(TEXT, 'be'))).toMatchObject({ ok: true, text: TEXT, encoding: 'utf-16be' });
  });

  it('is read in windows-1251 when it is no UTF-8: what Notepad saved as "ANSI" on a Russian Windows', () => {
    expect(readCodesFile('codes.txt', windows1251(TEXT))).toEqual({ ok: true, name: 'codes.txt', text: TEXT, encoding: 'windows-1251' });
  });

  it('says what is wrong with a file that is no list of codes', () => {
    const problem = (bytes: Uint8Array, size?: number) => {
      const reading = readCodesFile('codes.txt', bytes, size);
      return reading.ok ? undefined : reading.problem;
    };
    expect(problem(new Uint8Array())).toEqual({ code: 'empty' });
    expect(problem(utf8(' \r\n\t\r\n'))).toEqual({ code: 'empty' });
    expect(problem(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toEqual({ code: 'archive', format: 'ZIP' });
    expect(problem(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ code: 'binary' });
    expect(problem(utf8('%PDF-1.7\n\u0001\u0002'))).toEqual({ code: 'binary' });
    expect(problem(new Uint8Array(MAX_CODES_FILE_BYTES + 1).fill(0x41), 12 * 1024 * 1024))
      .toEqual({ code: 'list-too-large', bytes: 12 * 1024 * 1024, limit: MAX_CODES_FILE_BYTES });
    expect(problemText({ code: 'list-too-large', bytes: 12 * 1024 * 1024, limit: MAX_CODES_FILE_BYTES }).replace(/\s/g, ' '))
      .toBe('Файл слишком большой для списка кодов: 12 МБ при пределе 1 МБ.');
  });

  it('is told from a license file by its name, and read up to its own limit', () => {
    expect(['codes.txt', 'CODES.TXT', 'Лицензии.csv'].every(isCodesFileName)).toBe(true);
    expect(['a.xml', 'A.XML', 'codes.txt.xml', 'readme', 'codes.docx'].some(isCodesFileName)).toBe(false);
    expect(['a.xml', 'B.XML'].every(isLicenseFileName)).toBe(true);
    expect(isLicenseFileName('a.xml.txt')).toBe(false);
    expect(readLimitOf('codes.txt')).toBe(MAX_CODES_FILE_BYTES);
    expect(readLimitOf('a.xml')).toBe(MAX_LICENSE_FILE_BYTES);
    expect(readLimitOf('photo.jpg')).toBe(MAX_LICENSE_FILE_BYTES);
  });
});

describe('a file\'s own name', () => {
  it('drops any folder path, however it is written', () => {
    expect(ownFileName('Licenses/old/B.XML')).toBe('B.XML');
    expect(ownFileName('/Licenses/a.xml')).toBe('a.xml');
    expect(ownFileName('C:\\ProgramData\\Cleverence\\Licenses\\a.xml')).toBe('a.xml');
    expect(ownFileName('a.xml')).toBe('a.xml');
    expect(ownFileName('Лицензия 4.xml')).toBe('Лицензия 4.xml');
    // A name that is nothing but a path keeps what it has rather than becoming empty.
    expect(ownFileName('folder/')).toBe('folder/');
  });
});
