// The background opens the list parser's offscreen document when a content
// script asks (utils/reading/list-parser-document.ts). A browser keeps one offscreen
// document per extension, so pages asking at once must not open it twice.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { closeListParser, openListParser } from '@/utils/reading/list-parser-document';

const PARSER_URL = `chrome-extension://${fakeBrowser.runtime.id}/list-parser.html`;
const contentScript = (url: string, id: string = fakeBrowser.runtime.id): Browser.runtime.MessageSender => ({ id, url, frameId: 0 });
const ACCOUNT_PAGE = contentScript('https://lk.cleverence.ru/licenses');

/** The browser's offscreen documents: what getContexts lists, which createDocument and closeDocument change. */
let documents: string[];
let createDocument: ReturnType<typeof vi.fn>;
let closeDocument: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  documents = [];
  createDocument = vi.fn(async ({ url }: { url: string }) => {
    await new Promise((resolve) => setTimeout(resolve, 5)); // loading the document
    if (documents.length > 0) throw new Error('Only a single offscreen document may be created.');
    documents.push(url);
  });
  closeDocument = vi.fn(async () => {
    if (documents.length === 0) throw new Error('No current offscreen document.');
    documents = [];
  });
  Object.assign(fakeBrowser.offscreen, { createDocument, closeDocument });
  Object.assign(fakeBrowser.runtime, {
    getContexts: async ({ documentUrls }: { documentUrls?: string[] }) =>
      documents.filter((url) => !documentUrls || documentUrls.includes(url)).map((documentUrl) => ({ contextType: 'OFFSCREEN_DOCUMENT', documentUrl })),
  });
});

describe('the list parser document', () => {
  it('is opened once, however many account pages ask at the same time', async () => {
    const answers = await Promise.all([ACCOUNT_PAGE, contentScript('https://lk.cleverence.com/devices'), ACCOUNT_PAGE].map(openListParser));
    expect(answers).toEqual([true, true, true]);
    expect(createDocument).toHaveBeenCalledTimes(1);
    expect(createDocument.mock.calls[0]![0]).toMatchObject({ url: PARSER_URL, reasons: ['DOM_PARSER'] });
    expect(await openListParser(ACCOUNT_PAGE)).toBe(true);
    expect(createDocument).toHaveBeenCalledTimes(1);
  });

  it('is not opened for another extension, nor for a page outside the vendor\'s sites', async () => {
    expect(await openListParser(contentScript('https://lk.cleverence.ru/licenses', 'another-extension'))).toBe(false);
    expect(await openListParser(contentScript('https://evil.example/licenses'))).toBe(false);
    expect(await openListParser(contentScript('http://lk.cleverence.ru/licenses'))).toBe(false);
    expect(createDocument).not.toHaveBeenCalled();
  });

  it('says it is not open when the browser will not open it (the page then reads its lists itself)', async () => {
    documents = ['chrome-extension://test-extension-id/something-else.html'];
    expect(await openListParser(ACCOUNT_PAGE)).toBe(false);
    expect(documents).toEqual(['chrome-extension://test-extension-id/something-else.html']);
  });

  it('is closed when it asks, and only then; a page asking afterwards opens it again', async () => {
    await openListParser(ACCOUNT_PAGE);
    await closeListParser(ACCOUNT_PAGE);
    expect(documents).toEqual([PARSER_URL]);
    await closeListParser({ id: fakeBrowser.runtime.id, url: PARSER_URL });
    expect(documents).toEqual([]);
    await closeListParser({ id: fakeBrowser.runtime.id, url: PARSER_URL }); // closed already: nothing to do, nothing thrown
    expect(await openListParser(ACCOUNT_PAGE)).toBe(true);
    expect(documents).toEqual([PARSER_URL]);
  });
});
