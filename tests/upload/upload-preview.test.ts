// The preview before a bulk upload, over the demo account's real license files
// and text as a person pastes it: one line per file and per code, each new, a
// duplicate within the batch, already in the account, or unreadable; then the
// job's items made from what the user confirmed.
import { describe, expect, it, vi } from 'vitest';
import { problemText } from '@/utils/upload/item-problems';
import { codeKey } from '@/utils/upload/activation-code';
import { buildPreview, itemsToSend, previewCounts, readChosenFiles, willSend, type ChosenFile, type PreviewItem } from '@/utils/upload/upload-preview';
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
      { key: 'code:0', way: 'code', label: code(14), code: code(14), line: 3, verdict: 'new' },
      { key: 'code:1', way: 'code', label: code(13), code: code(13), line: 5, verdict: 'new' },
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
      { key: 'code:0', way: 'code', label: code(22).toLowerCase(), code: code(22).toLowerCase(), line: 1, verdict: 'duplicate', sameAs: 'card.xml' },
      { key: 'code:1', way: 'code', label: code(22).toLowerCase(), code: code(22).toLowerCase(), line: 2, verdict: 'duplicate', sameAs: 'card.xml' },
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
    expect(items[2]).toMatchObject({ key: 'code:0', line: 1, problem: { code: 'cyrillic-look-alike', letters: [letter] } });
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
    expect(read!.read!.reading).toMatchObject({ ok: true, fields: { activationCode: card.code } });
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
    expect(previewCounts(items)).toEqual({ new: 2, duplicate: 2, present: 1, unreadable: 2 });
    expect(previewCounts([])).toEqual({ new: 0, duplicate: 0, present: 0, unreadable: 0 });
  });
});

/** A preview with one line of each kind: new file, duplicate file, present code, unreadable file, new code, unreadable code. */
function mixedPreview() {
  const first = licenseFile(70, 'first.xml');
  const copy = { name: 'copy.xml', bytes: first.bytes.slice() };
  const cut = { name: 'cut.xml', bytes: licenseFileXml(demoCard(71)).slice(0, 200) };
  const cyrillic = withCyrillicTwin(code(74));
  const pasted = `${code(72)}\n${code(73)}\n${cyrillic.typed}`;
  const known = new Set([codeKey(code(72))]);
  const preview = buildPreview([first, copy, cut], pasted, known);
  return { preview, first, copy, cut, cyrillic };
}

describe('willSend', () => {
  it('sends new lines; skips duplicates and present ones unless ticked; never sends an unreadable one', () => {
    const { preview } = mixedPreview();
    expect(preview.map((item) => item.verdict)).toEqual(['new', 'duplicate', 'unreadable', 'present', 'new', 'unreadable']);
    expect(preview.map((item) => willSend(item, new Set()))).toEqual([true, false, false, false, true, false]);
    const everything = new Set(preview.map((item) => item.key));
    expect(preview.map((item) => willSend(item, everything))).toEqual([true, true, false, true, true, false]);
    expect(willSend(preview[1]!, new Set(['file:0']))).toBe(false);
  });
});

describe('itemsToSend', () => {
  it('keeps every line in order with its index; queues only what is sent; says why the others are skipped', () => {
    const { preview, first, cyrillic } = mixedPreview();
    const { items, files } = itemsToSend(preview, new Set(), problemText);
    expect(items).toEqual([
      { index: 0, way: 'file', label: 'first.xml', code: code(70), product: demoCard(70).product, outcome: 'queued', attempts: 0 },
      { index: 1, way: 'file', label: 'copy.xml', code: code(70), product: demoCard(70).product, outcome: 'skipped', attempts: 0, note: 'duplicate', detail: 'first.xml' },
      { index: 2, way: 'file', label: 'cut.xml', code: '', outcome: 'skipped', attempts: 0, note: 'unreadable', detail: problemText(preview[2]!.problem!) },
      { index: 3, way: 'code', label: code(72), code: code(72), outcome: 'skipped', attempts: 0, note: 'present' },
      { index: 4, way: 'code', label: code(73), code: code(73), outcome: 'queued', attempts: 0 },
      { index: 5, way: 'code', label: cyrillic.typed, code: '', outcome: 'skipped', attempts: 0, note: 'unreadable', detail: problemText(preview[5]!.problem!) },
    ]);
    // The details are the user's sentences, not machine codes.
    expect(items[2]!.detail).toMatch(/не закрыт/);
    expect(items[5]!.detail).toContain(cyrillic.letter);
    // Only the queued file has its bytes along, the very bytes chosen: never a re-serialisation.
    expect(files).toHaveLength(1);
    expect(files[0]).toEqual({ index: 0, name: 'first.xml', bytes: first.bytes });
    expect(files[0]!.bytes).toBe(first.bytes);
  });

  it('queues a duplicate or present line the user ticked, with its bytes, and still never an unreadable one', () => {
    const { preview, copy } = mixedPreview();
    const ticked = new Set(['file:1', 'code:0', 'file:2', 'code:2']);
    const { items, files } = itemsToSend(preview, ticked, problemText);
    expect(items.map((item) => [item.label, item.outcome, item.note])).toEqual([
      ['first.xml', 'queued', undefined],
      ['copy.xml', 'queued', undefined],
      ['cut.xml', 'skipped', 'unreadable'],
      [code(72), 'queued', undefined],
      [code(73), 'queued', undefined],
      [preview[5]!.label, 'skipped', 'unreadable'],
    ]);
    expect(files.map((file) => [file.index, file.name])).toEqual([[0, 'first.xml'], [1, 'copy.xml']]);
    expect(files[1]!.bytes).toBe(copy.bytes);
  });

  it('makes nothing of nothing', () => {
    expect(itemsToSend([], new Set(), problemText)).toEqual({ items: [], files: [] });
  });
});
