// The popup's draft (utils/upload/draft-store.ts): kept until sent or cleared, dropped after a week untouched.
import { afterEach, describe, expect, it } from 'vitest';
import { clearDraft, DRAFT_KEPT_MS, loadDraft, saveDraftChoice, saveDraftFiles } from '@/utils/upload/draft-store';

const NOW = Date.UTC(2026, 11, 7, 12);
const bytes = (text: string) => new TextEncoder().encode(text);

afterEach(async () => {
  await clearDraft();
});

describe('the popup\'s draft', () => {
  it('is nothing at first', async () => {
    expect(await loadDraft(NOW)).toBeUndefined();
  });

  it('gives back the files\' names, bytes and sizes, the text, the ticks and what a folder skipped, and nothing of what was read', async () => {
    const read = { kind: 'license', reading: { ok: true } } as never;
    await saveDraftFiles([{ name: 'Лицензия 1.xml', bytes: bytes('<LicenseCard/>'), read }, { name: 'big.xml', bytes: bytes('<L'), size: 9_000_000 }], NOW);
    await saveDraftChoice({ text: 'Коды: AB1CD-EF2GH-JK3LM-NP4QR-ST5UV', ticks: [['code:AB1CD-EF2GH-JK3LM-NP4QR-ST5UV', false]], skipped: [{ name: 'readme.txt', reason: 'not-xml' }] }, NOW + 1);
    const draft = await loadDraft(NOW + 2);
    expect(draft).toMatchObject({
      text: 'Коды: AB1CD-EF2GH-JK3LM-NP4QR-ST5UV',
      ticks: [['code:AB1CD-EF2GH-JK3LM-NP4QR-ST5UV', false]],
      skipped: [{ name: 'readme.txt', reason: 'not-xml' }],
      savedAt: NOW + 1,
    });
    expect(draft!.files.map((file) => [file.name, new TextDecoder().decode(file.bytes), file.size])).toEqual([
      ['Лицензия 1.xml', '<LicenseCard/>', undefined],
      ['big.xml', '<L', 9_000_000],
    ]);
    expect(draft!.files.some((file) => 'read' in file)).toBe(false);
  });

  it('keeps the text without files, and the files without text', async () => {
    await saveDraftChoice({ text: 'только текст', ticks: [], skipped: [] }, NOW);
    expect(await loadDraft(NOW)).toMatchObject({ text: 'только текст', files: [] });
    await clearDraft();
    await saveDraftFiles([{ name: 'a.xml', bytes: bytes('x') }], NOW);
    expect(await loadDraft(NOW)).toMatchObject({ text: '', ticks: [], skipped: [] });
  });

  it('is gone once cleared (sent, or «Очистить»)', async () => {
    await saveDraftFiles([{ name: 'a.xml', bytes: bytes('x') }], NOW);
    await saveDraftChoice({ text: 'x', ticks: [], skipped: [] }, NOW);
    await clearDraft();
    expect(await loadDraft(NOW)).toBeUndefined();
  });

  it('is dropped, codes and files, when nobody came back to it for a week', async () => {
    await saveDraftFiles([{ name: 'a.xml', bytes: bytes('x') }], NOW);
    await saveDraftChoice({ text: 'AB1CD-EF2GH-JK3LM-NP4QR-ST5UV', ticks: [], skipped: [] }, NOW);
    expect(await loadDraft(NOW + DRAFT_KEPT_MS)).toBeDefined();
    expect(await loadDraft(NOW + DRAFT_KEPT_MS + 1)).toBeUndefined();
    // Dropped, not just hidden: a later look finds nothing either.
    expect(await loadDraft(NOW)).toBeUndefined();
  });
});
