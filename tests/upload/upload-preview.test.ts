// The preview before a bulk upload, over the demo account's real license files
// and text as a person pastes it: one line per file and per code, each new, a
// duplicate within the batch, already in the account, only looking like a code,
// or unreadable; then the job's items made from what the user ticked.
import { describe, expect, it, vi } from 'vitest';
import { problemText, untickedText } from '@/utils/upload/item-problems';
import { codeKey } from '@/utils/upload/activation-code';
import { MAX_CODES_FILE_BYTES, MAX_LICENSE_FILE_BYTES } from '@/utils/upload/license-file';
import {
  buildPreview, filesDropped, itemsToSend, previewCounts, previewOf, readChosenFiles, sortFolderFiles, willSend,
  type ChosenFile, type DroppedEntry, type PreviewItem,
} from '@/utils/upload/upload-preview';
import { demoCard } from '../../demo-site/cards';
import { licenseFileXml } from '../../demo-site/license-files';

// The browser's i18n, answered from the extension's own messages (tests/locale-messages.ts).
await vi.hoisted(async () => {
  (await import('../locale-messages')).answerFromLocales();
});

/** The demo account's protection file of card n (UTF-8, CRLF, signed), under a name. */
const licenseFile = (n: number, name = `license-${n}.xml`): ChosenFile => ({ name, bytes: licenseFileXml(demoCard(n)) });
const code = (n: number) => demoCard(n).code;
const NONE: ReadonlySet<string> = new Set();
/** No line ticked or unticked by the user: each goes as it does by default. */
const AS_SHOWN: ReadonlyMap<string, boolean> = new Map();
/** The user ticked these lines (and unticked those given `false`). */
const ticked = (...keys: string[]) => new Map(keys.map((key) => [key, true]));

/** A preview line without the file's bytes, for comparing whole lines. */
const shown = (items: readonly PreviewItem[]) => items.map(({ file: _file, ...line }) => line);

/** The first Latin letter of a code typed as its Cyrillic twin (А, В, Е, К, М, Н, О, Р, С, Т, Х, У). */
function withCyrillicTwin(typed: string): { typed: string; letter: string } {
  const twins: Record<string, string> = { A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У' };
  const index = [...typed].findIndex((character) => character in twins);
  if (index < 0) throw new Error(`${typed} has no letter with a Cyrillic twin`);
  const letter = twins[typed[index]!]!;
  return { typed: typed.slice(0, index) + letter + typed.slice(index + 1), letter };
}

describe('buildPreview: one line per file, then per pasted code', () => {
  it('lists new files in the order chosen, then pasted codes in the text\'s order, with what each is', () => {
    const files = [licenseFile(12, 'b.xml'), licenseFile(11, 'a.xml')];
    const pasted = `Добрый день!\nВысылаем коды:\n${code(14)}\n\n${code(13)}, спасибо.\n`;
    const items = buildPreview(files, pasted, NONE);
    expect(shown(items)).toEqual([
      { key: 'file:0', way: 'file', label: 'b.xml', code: code(12), product: demoCard(12).product, verdict: 'new' },
      { key: 'file:1', way: 'file', label: 'a.xml', code: code(11), product: demoCard(11).product, verdict: 'new' },
      { key: `code:${code(14)}`, way: 'code', label: code(14), code: code(14), line: 3, verdict: 'new' },
      { key: `code:${code(13)}`, way: 'code', label: code(13), code: code(13), line: 5, verdict: 'new' },
    ]);
    // The file travels with its line, as chosen.
    expect(items[0]!.file).toBe(files[0]);
    expect(items[1]!.file).toBe(files[1]);
    expect(items[2]!.file).toBeUndefined();
  });

  it('gives the same lines and keys when computed again from the same inputs', () => {
    const files = [licenseFile(15), licenseFile(16)];
    const pasted = `${code(17)} ${code(15)}`;
    expect(shown(buildPreview(files, pasted, NONE))).toEqual(shown(buildPreview(files, pasted, NONE)));
  });

  it('is empty for nothing chosen and text with no codes', () => {
    expect(buildPreview([], 'Здравствуйте! Тел. +7 (495) 662-98-03, 28.11.2026', NONE)).toEqual([]);
  });

  it('marks the same file chosen twice under two names as a duplicate of the first', () => {
    const first = licenseFile(20, 'license-20.xml');
    const copy = { name: 'license-20 (копия).xml', bytes: first.bytes.slice() };
    const items = buildPreview([first, copy], '', NONE);
    expect(items.map((item) => item.verdict)).toEqual(['new', 'duplicate']);
    expect(items[1]).toMatchObject({ key: 'file:1', label: 'license-20 (копия).xml', code: code(20), sameAs: 'license-20.xml' });
    expect(items[0]!.sameAs).toBeUndefined();
  });

  it('marks a file of the same card in another encoding a duplicate by its code', () => {
    const utf8 = licenseFile(21, 'utf8.xml');
    const utf16 = { name: 'utf16.xml', bytes: licenseFileXml(demoCard(21), { encoding: 'utf-16' }) };
    const items = buildPreview([utf8, utf16], '', NONE);
    expect(items[1]).toMatchObject({ verdict: 'duplicate', sameAs: 'utf8.xml', code: code(21) });
  });

  it('marks a pasted code that a file already holds a duplicate, whatever its case and invisible characters', () => {
    // A zero-width space and an en dash where a plain dash was typed: what a mail client leaves behind.
    const typed = code(22).toLowerCase().replace('-', '\u200B\u2013');
    const items = buildPreview([licenseFile(22, 'card.xml')], `> ${typed}\n> ${code(22).toLowerCase()}`, NONE);
    expect(shown(items)).toEqual([
      { key: 'file:0', way: 'file', label: 'card.xml', code: code(22), product: demoCard(22).product, verdict: 'new' },
      // The label is the code as typed, invisible characters and dash look-alikes made plain, never upper-cased.
      { key: `code:${code(22)}`, way: 'code', label: code(22).toLowerCase(), code: code(22).toLowerCase(), line: 1, verdict: 'duplicate', sameAs: 'card.xml' },
      { key: `code:${code(22)}#2`, way: 'code', label: code(22).toLowerCase(), code: code(22).toLowerCase(), line: 2, verdict: 'duplicate', sameAs: 'card.xml' },
    ]);
  });

  it('marks a code pasted twice a duplicate of its first occurrence, as typed', () => {
    const items = buildPreview([], `${code(23).toLowerCase()}\n${code(23)}`, NONE);
    expect(items.map((item) => item.verdict)).toEqual(['new', 'duplicate']);
    expect(items[1]!.sameAs).toBe(code(23).toLowerCase());
  });

  it('marks codes the account already has as present, by file and by pasted code', () => {
    const known = new Set([codeKey(code(30)), codeKey(code(31))]);
    const items = buildPreview([licenseFile(30, 'known.xml'), licenseFile(32, 'new.xml')], `${code(31).toLowerCase()}\n${code(33)}`, known);
    expect(items.map((item) => [item.label, item.verdict])).toEqual([
      ['known.xml', 'present'],
      ['new.xml', 'new'],
      [code(31).toLowerCase(), 'present'],
      [code(33), 'new'],
    ]);
    expect(items[0]!.sameAs).toBeUndefined();
  });

  it('marks a later copy of a present code a duplicate of the first, not present again', () => {
    const known = new Set([codeKey(code(34))]);
    const items = buildPreview([licenseFile(34, 'known.xml')], code(34), known);
    expect(items.map((item) => item.verdict)).toEqual(['present', 'duplicate']);
    expect(items[1]!.sameAs).toBe('known.xml');
  });

  it('marks an unreadable file and a code with a Cyrillic look-alike unreadable, with the problem', () => {
    const whole = licenseFileXml(demoCard(40));
    const cut = { name: 'cut.xml', bytes: whole.slice(0, 200) };
    const { typed, letter } = withCyrillicTwin(code(41));
    const items = buildPreview([cut, { name: 'empty.xml', bytes: new Uint8Array() }], `Код: ${typed}`, NONE);
    expect(items.map((item) => [item.label, item.verdict])).toEqual([
      ['cut.xml', 'unreadable'],
      ['empty.xml', 'unreadable'],
      [typed, 'unreadable'],
    ]);
    expect(items[0]!.problem).toMatchObject({ code: 'not-well-formed', reason: 'unclosed' });
    expect(items[0]!.code).toBeUndefined();
    expect(items[1]!.problem).toEqual({ code: 'empty' });
    // The look-alike is flagged, never "fixed": the line keeps what was typed and has no code to send.
    expect(items[2]).toMatchObject({ key: `code:${codeKey(typed)}`, line: 1, problem: { code: 'cyrillic-look-alike', letters: [letter] } });
    expect(items[2]!.code).toBeUndefined();
  });

  it('does not let a Cyrillic look-alike count as the code it resembles', () => {
    const { typed } = withCyrillicTwin(code(42));
    const items = buildPreview([], `${typed}\n${code(42)}`, new Set([codeKey(code(43))]));
    expect(items.map((item) => item.verdict)).toEqual(['unreadable', 'new']);
  });

  it('reports each copy of the same unreadable file as unreadable, with its problem', () => {
    // Neither copy can be sent; each line says why rather than pointing at the other.
    const cut = licenseFileXml(demoCard(44)).slice(0, 150);
    const items = buildPreview([{ name: 'cut.xml', bytes: cut }, { name: 'cut (2).xml', bytes: cut.slice() }], '', NONE);
    expect(items.map((item) => item.verdict)).toEqual(['unreadable', 'unreadable']);
    expect(items[1]!.problem).toEqual(items[0]!.problem);
    expect(items[1]!.sameAs).toBeUndefined();
  });

  it('does not take a readable file for a duplicate of an unreadable one', () => {
    const items = buildPreview([{ name: 'cut.xml', bytes: licenseFileXml(demoCard(45)).slice(0, 200) }, licenseFile(45, 'whole.xml')], '', NONE);
    expect(items.map((item) => item.verdict)).toEqual(['unreadable', 'new']);
  });
});

describe('readChosenFiles: each file read once', () => {
  it('keeps what each file said, and the preview works from that, not from the bytes again', () => {
    const card = demoCard(7);
    const [read] = readChosenFiles([{ name: 'a.xml', bytes: licenseFileXml(card) }]);
    expect(read!.read).toMatchObject({ kind: 'license', reading: { ok: true, fields: { activationCode: card.code } } });
    // Bytes that no longer say what was read: the preview still shows the reading (typing in the
    // paste box recomputes the preview, and must not read a thousand files again).
    const preview = buildPreview([{ ...read!, bytes: new Uint8Array([0]) }], '', new Set());
    expect(preview).toMatchObject([{ verdict: 'new', code: card.code }]);
    // A file read already is not read again.
    expect(readChosenFiles([read!])[0]).toBe(read);
  });
});

describe('codeKey', () => {
  it('reads a code whatever its case, surrounding spaces and invisible characters', () => {
    expect(codeKey(` ${code(50).toLowerCase()}\u200B `)).toBe(code(50));
    expect(codeKey(code(50).replaceAll('-', '\u2013'))).toBe(code(50));
  });
});

describe('previewCounts', () => {
  it('counts the lines of each verdict', () => {
    const known = new Set([codeKey(code(61))]);
    const file = licenseFile(60, 'a.xml');
    const items = buildPreview(
      [file, { name: 'a-copy.xml', bytes: file.bytes }, licenseFile(61), { name: 'empty.xml', bytes: new Uint8Array() }],
      `${code(62)}\n${code(60)}\n${withCyrillicTwin(code(63)).typed}`,
      known,
    );
    expect(previewCounts(items)).toEqual({ new: 2, duplicate: 2, present: 1, unreadable: 2, maybe: 0 });
    expect(previewCounts(buildPreview([], code(64).replaceAll('-', ' '), NONE))).toEqual({ new: 0, duplicate: 0, present: 0, unreadable: 0, maybe: 1 });
    expect(previewCounts([])).toEqual({ new: 0, duplicate: 0, present: 0, unreadable: 0, maybe: 0 });
  });
});

/** A preview with one line of each kind: new file, duplicate file, unreadable file, present code, new code, unreadable code, a code with spaces. */
function mixedPreview() {
  const first = licenseFile(70, 'first.xml');
  const copy = { name: 'copy.xml', bytes: first.bytes.slice() };
  const cut = { name: 'cut.xml', bytes: licenseFileXml(demoCard(71)).slice(0, 200) };
  const cyrillic = withCyrillicTwin(code(74));
  const pasted = `${code(72)}\n${code(73)}\n${cyrillic.typed}\n${code(75).replaceAll('-', ' ')}`;
  const known = new Set([codeKey(code(72))]);
  const preview = buildPreview([first, copy, cut], pasted, known);
  return { preview, first, copy, cut, cyrillic, spaced: code(75) };
}

describe('willSend', () => {
  it('sends new lines; skips duplicates, present ones and look-alikes unless ticked; never sends an unreadable one', () => {
    const { preview } = mixedPreview();
    expect(preview.map((item) => item.verdict)).toEqual(['new', 'duplicate', 'unreadable', 'present', 'new', 'unreadable', 'maybe']);
    expect(preview.map((item) => willSend(item, AS_SHOWN))).toEqual([true, false, false, false, true, false, false]);
    const everything = ticked(...preview.map((item) => item.key));
    expect(preview.map((item) => willSend(item, everything))).toEqual([true, true, false, true, true, false, true]);
    expect(willSend(preview[1]!, ticked('file:0'))).toBe(false);
  });

  it('lets every line that could go be unticked, new ones included', () => {
    const { preview } = mixedPreview();
    const nothing = new Map(preview.map((item) => [item.key, false]));
    expect(preview.map((item) => willSend(item, nothing))).toEqual(preview.map(() => false));
  });
});

describe('itemsToSend', () => {
  it('keeps every line in order with its index; queues only what is sent; says why the others are skipped', () => {
    const { preview, first, cyrillic, spaced } = mixedPreview();
    const { items, files } = itemsToSend(preview, AS_SHOWN, problemText, untickedText);
    expect(items).toEqual([
      { index: 0, way: 'file', label: 'first.xml', code: code(70), product: demoCard(70).product, outcome: 'queued', attempts: 0 },
      { index: 1, way: 'file', label: 'copy.xml', code: code(70), product: demoCard(70).product, outcome: 'skipped', attempts: 0, note: 'duplicate', detail: 'first.xml' },
      { index: 2, way: 'file', label: 'cut.xml', code: '', outcome: 'skipped', attempts: 0, note: 'unreadable', detail: problemText(preview[2]!.problem!) },
      { index: 3, way: 'code', label: code(72), code: code(72), outcome: 'skipped', attempts: 0, note: 'present' },
      { index: 4, way: 'code', label: code(73), code: code(73), outcome: 'queued', attempts: 0 },
      { index: 5, way: 'code', label: cyrillic.typed, code: '', outcome: 'skipped', attempts: 0, note: 'unreadable', detail: problemText(preview[5]!.problem!) },
      { index: 6, way: 'code', label: spaced, code: spaced, outcome: 'skipped', attempts: 0, note: 'unticked', detail: 'Похоже на код, но не подтверждено: не отправлялось.' },
    ]);
    // The details are the user's sentences, not machine codes.
    expect(items[2]!.detail).toMatch(/не закрыт/);
    expect(items[5]!.detail).toContain(cyrillic.letter);
    // Only the queued file has its bytes along, the very bytes chosen: never a re-serialisation.
    expect(files).toHaveLength(1);
    expect(files[0]).toEqual({ index: 0, name: 'first.xml', bytes: first.bytes });
    expect(files[0]!.bytes).toBe(first.bytes);
  });

  it('queues a duplicate, present or look-alike line the user ticked, with its bytes, and still never an unreadable one', () => {
    const { preview, copy, spaced } = mixedPreview();
    const { items, files } = itemsToSend(preview, ticked('file:1', `code:${code(72)}`, 'file:2', preview[5]!.key, preview[6]!.key), problemText);
    expect(items.map((item) => [item.label, item.outcome, item.note])).toEqual([
      ['first.xml', 'queued', undefined],
      ['copy.xml', 'queued', undefined],
      ['cut.xml', 'skipped', 'unreadable'],
      [code(72), 'queued', undefined],
      [code(73), 'queued', undefined],
      [preview[5]!.label, 'skipped', 'unreadable'],
      [spaced, 'queued', undefined],
    ]);
    // A code written with spaces goes with its dashes put in.
    expect(items[6]!.code).toBe(code(75));
    expect(files.map((file) => [file.index, file.name])).toEqual([[0, 'first.xml'], [1, 'copy.xml']]);
    expect(files[1]!.bytes).toBe(copy.bytes);
  });

  it('does not send a new line the user unticked, and says so in the job', () => {
    const { preview, first } = mixedPreview();
    const unticked = new Map([['file:0', false], [`code:${code(73)}`, false]]);
    const { items, files } = itemsToSend(preview, unticked, problemText, untickedText);
    expect(items.filter((item) => item.outcome === 'queued')).toEqual([]);
    expect(items[0]).toMatchObject({ label: first.name, outcome: 'skipped', detail: 'Снята при просмотре: не отправлялась.' });
    expect(items[4]).toMatchObject({ label: code(73), outcome: 'skipped', detail: 'Снята при просмотре: не отправлялась.' });
    expect(files).toEqual([]);
  });

  it('makes nothing of nothing', () => {
    expect(itemsToSend([], AS_SHOWN, problemText)).toEqual({ items: [], files: [] });
  });
});

describe('ticks stay on their lines while the text changes', () => {
  it('keys a pasted code by the code itself, not by its place', () => {
    const before = buildPreview([], `${code(80)}\n${code(81)}`, NONE);
    const after = buildPreview([], `Добрый день!\n${code(79)}\n${code(80)}\n${code(81)}`, NONE);
    const keyOf = (items: PreviewItem[], wanted: string) => items.find((item) => item.label === wanted)!.key;
    expect(keyOf(after, code(81))).toBe(keyOf(before, code(81)));
    // Unticked before the text grew, still unticked after.
    const unticked = new Map([[keyOf(before, code(81)), false]]);
    expect(after.filter((item) => willSend(item, unticked)).map((item) => item.label)).toEqual([code(79), code(80)]);
  });
});

describe('codes that only look like codes', () => {
  it('offers a code written with spaces, without separators or wrapped across lines, unticked, with how it was written', () => {
    const pasted = [
      `Код: ${code(82).replaceAll('-', ' ')}`,
      code(83).replaceAll('-', ''),
      `${code(84).slice(0, 12)}`,
      code(84).slice(12),
    ].join('\n');
    const items = buildPreview([], pasted, NONE);
    expect(items.map(({ verdict, code: sent, doubt, line }) => ({ verdict, sent, doubt: doubt?.code, line }))).toEqual([
      { verdict: 'maybe', sent: code(82), doubt: 'spaced', line: 1 },
      { verdict: 'maybe', sent: code(83), doubt: 'unseparated', line: 2 },
      { verdict: 'maybe', sent: code(84), doubt: 'wrapped', line: 3 },
    ]);
    expect(items.map((item) => willSend(item, AS_SHOWN))).toEqual([false, false, false]);
  });

  it('takes a look-alike for a duplicate of the same code written plainly, wherever that stands', () => {
    const items = buildPreview([], `${code(85).replaceAll('-', ' ')}\n${code(85)}`, NONE);
    expect(items.map((item) => [item.verdict, item.sameAs])).toEqual([['duplicate', code(85)], ['new', undefined]]);
  });

  it('marks a look-alike of a code the account has as present, and a second look-alike a duplicate', () => {
    const items = buildPreview([], `${code(86).replaceAll('-', ' ')}\n${code(87).replaceAll('-', ' ')}\n${code(87).replaceAll('-', '')}`, new Set([code(86)]));
    expect(items.map((item) => item.verdict)).toEqual(['present', 'maybe', 'duplicate']);
  });
});

describe('what the preview did not take for codes', () => {
  it('lists code-shaped order numbers, links and e-mail addresses apart, never as lines', () => {
    const pasted = `Заказ № ABCD-1234-EFGH\nhttps://lk.cleverence.ru/orders/B5R0L-G0AVF-NTUZQ-NU080-RBRM3\n${code(88)}`;
    const { items, ignored } = previewOf([], pasted, NONE);
    expect(items.map((item) => item.label)).toEqual([code(88)]);
    expect(ignored).toEqual([
      { text: 'ABCD-1234-EFGH', line: 1, reason: { code: 'after-word', word: 'Заказ' } },
      { text: 'B5R0L-G0AVF-NTUZQ-NU080-RBRM3', line: 2, reason: { code: 'link' } },
    ]);
  });
});

describe('a text file of codes', () => {
  const text = (name: string, content: string): ChosenFile => ({ name, bytes: new TextEncoder().encode(content) });

  it('gives its codes as pasted codes, each labelled with the file and its line', () => {
    const codes = text('codes.txt', `Коды по счёту № 2417:\r\n${code(90)}\r\n${code(91).replaceAll('-', ' ')}\r\nЗаказ ABCD-1234-EFGH\r\n`);
    const { items, ignored } = previewOf([licenseFile(92, 'a.xml'), codes], code(93), NONE);
    expect(shown(items)).toEqual([
      { key: 'file:0', way: 'file', label: 'a.xml', code: code(92), product: demoCard(92).product, verdict: 'new' },
      { key: `file:1:${code(90)}`, way: 'code', label: code(90), code: code(90), line: 2, source: 'codes.txt', verdict: 'new' },
      {
        key: `file:1:${code(91)}`, way: 'code', label: code(91), code: code(91), line: 3, source: 'codes.txt', verdict: 'maybe',
        doubt: { code: 'spaced', typed: code(91).replaceAll('-', ' ') },
      },
      { key: `code:${code(93)}`, way: 'code', label: code(93), code: code(93), line: 1, verdict: 'new' },
    ]);
    expect(ignored).toEqual([{ text: 'ABCD-1234-EFGH', line: 4, reason: { code: 'after-word', word: 'Заказ' }, source: 'codes.txt' }]);
  });

  it('makes a code in a file and the same code pasted duplicates of each other', () => {
    const items = buildPreview([text('list.csv', `1;${code(94)};Склад 15\n`)], code(94), NONE);
    expect(items.map((item) => [item.verdict, item.sameAs])).toEqual([['new', undefined], ['duplicate', code(94)]]);
  });

  it('says so when it holds no code, or is no text', () => {
    const items = buildPreview([text('notes.txt', 'Купить ТСД. Тел. 8-916-123-45-67'), { name: 'photo.txt', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]) }], '', NONE);
    expect(items.map(({ label, verdict, problem }) => ({ label, verdict, problem }))).toEqual([
      { label: 'notes.txt', verdict: 'unreadable', problem: { code: 'no-codes' } },
      { label: 'photo.txt', verdict: 'unreadable', problem: { code: 'binary' } },
    ]);
    expect(problemText(items[0]!.problem!)).toBe('В файле не нашлось ни одного кода активации.');
  });

  it('reports a list too large by its real size, not by what was read of it', () => {
    const [read] = readChosenFiles([{ name: 'big.txt', bytes: new Uint8Array(MAX_CODES_FILE_BYTES + 1).fill(0x41), size: 5 * 1024 * 1024 }]);
    expect(read!.read!.reading).toMatchObject({ ok: false, problem: { code: 'list-too-large', bytes: 5 * 1024 * 1024, limit: MAX_CODES_FILE_BYTES } });
  });
});

describe('a file too large', () => {
  it('is reported by its real size, not by the bytes read of it', () => {
    // The popup reads one byte past the limit of a large file; the file itself is 40 MB.
    const start = new Uint8Array(MAX_LICENSE_FILE_BYTES + 1).fill(0x20);
    const [item] = buildPreview([{ name: 'export.xml', bytes: start, size: 40 * 1024 * 1024 }], '', NONE);
    expect(item!.problem).toEqual({ code: 'too-large', bytes: 40 * 1024 * 1024, limit: MAX_LICENSE_FILE_BYTES });
    expect(problemText(item!.problem!).replace(/\s/g, ' ')).toBe('Файл слишком большой для файла защиты: 40 МБ при пределе 256 кБ (файлы защиты занимают несколько килобайт).');
  });
});

describe('a file\'s name', () => {
  it('is its own name only: a folder path never reaches the line, the job or what is sent', () => {
    const file = licenseFile(95, 'Licenses/old/B.XML');
    const preview = buildPreview([file], '', NONE);
    expect(preview[0]!.label).toBe('B.XML');
    const { items, files } = itemsToSend(preview, AS_SHOWN, problemText);
    expect(items[0]!.label).toBe('B.XML');
    expect(files[0]!.name).toBe('B.XML');
    expect(buildPreview([licenseFile(96, 'C:\\ProgramData\\Cleverence\\Licenses\\a.xml')], '', NONE)[0]!.label).toBe('a.xml');
  });
});

describe('a folder', () => {
  it('gives its license files, and lists every other file with why it was skipped', () => {
    const files = [
      { name: 'a.xml', size: 1200 },
      { name: 'B.XML', size: 900 },
      { name: 'readme.txt', size: 40 },
      { name: 'desktop.ini', size: 80 },
      { name: 'huge.xml', size: 3 * 1024 * 1024 },
    ];
    const { taken, skipped } = sortFolderFiles(files);
    expect(taken.map((file) => file.name)).toEqual(['a.xml', 'B.XML']);
    expect(skipped).toEqual([
      { name: 'readme.txt', reason: 'not-xml' },
      { name: 'desktop.ini', reason: 'not-xml' },
      { name: 'huge.xml', reason: 'too-large', bytes: 3 * 1024 * 1024 },
    ]);
  });
});

/** A folder as a drop gives it: entries read in batches (as Chromium does, 100 at a time), some of which fail. */
function folder(name: string, children: DroppedEntry[], batch = 2, failReading = false): DroppedEntry {
  return {
    name, isFile: false, isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (done: (entries: DroppedEntry[]) => void, fail: (error: unknown) => void) => {
          if (failReading) return void setTimeout(() => fail(new DOMException('denied', 'NotReadableError')));
          const next = children.slice(at, at + batch);
          at += batch;
          setTimeout(() => done(next));
        },
      };
    },
  } as DroppedEntry;
}

function fileEntry(file: File | undefined, name = file?.name ?? ''): DroppedEntry {
  return {
    name, isFile: true, isDirectory: false,
    file: (done: (file: File) => void, fail: (error: unknown) => void) => setTimeout(() => (file ? done(file) : fail(new DOMException('gone', 'NotFoundError')))),
  } as DroppedEntry;
}

describe('filesDropped', () => {
  const xml = (name: string, size = 10) => new File([new Uint8Array(size).fill(0x20)], name, { type: 'text/xml' });

  it('walks a dropped folder and its subfolders, and says what it skipped and why', async () => {
    const dropped = folder('Licenses', [
      fileEntry(xml('a.xml')),
      fileEntry(new File(['Лицензии'], 'readme.txt')),
      folder('old', [fileEntry(xml('b.xml')), fileEntry(xml('big.xml', MAX_LICENSE_FILE_BYTES + 10))]),
      fileEntry(undefined, 'locked.xml'),
      folder('private', [], 2, true),
      fileEntry(xml('c.xml')),
    ]);
    const { files, skipped } = await filesDropped([{ entry: dropped, file: null }]);
    expect(files.map((file) => file.name).sort()).toEqual(['a.xml', 'b.xml', 'c.xml']);
    expect(skipped).toEqual(expect.arrayContaining([
      { name: 'readme.txt', reason: 'not-xml' },
      { name: 'big.xml', reason: 'too-large', bytes: MAX_LICENSE_FILE_BYTES + 10 },
      { name: 'locked.xml', reason: 'unreadable' },
      { name: 'private', reason: 'unreadable' },
    ]));
    expect(skipped).toHaveLength(4);
  });

  it('takes files dropped as such, whatever they are: the preview says what each is', async () => {
    const codes = new File(['A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q'], 'codes.txt', { type: 'text/plain' });
    const photo = new File([new Uint8Array([0xff, 0xd8])], 'photo.jpg');
    const { files, skipped } = await filesDropped([{ entry: fileEntry(codes), file: codes }, { entry: null, file: photo }]);
    expect(files).toEqual([codes, photo]);
    expect(skipped).toEqual([]);
  });
});
