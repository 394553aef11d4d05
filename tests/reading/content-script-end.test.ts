// When the content script ends (utils/reading/account-page.ts endWithTheExtension): only when the extension itself
// is gone, never on the "a newer copy started" event WXT's context listens for, which a page can dispatch too.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { endWithTheExtension } from '@/utils/reading/account-page';

/** WXT's own name for the event, as a newer copy (or a page that knows our extension's id) sends it. */
const STARTED: string = ContentScriptContext['SCRIPT_STARTED_MESSAGE_TYPE'];

/** What a newer copy of the content script dispatches when it starts (WXT's `stopOldScripts`), here sent by anyone. */
const newerCopyStarts = () =>
  document.dispatchEvent(new CustomEvent(STARTED, { detail: { contentScriptName: 'content', messageId: 'someone-else' } }));

const contexts: ContentScriptContext[] = [];
function contentScript({ guarded }: { guarded: boolean }): ContentScriptContext {
  const ctx = new ContentScriptContext('content');
  contexts.push(ctx);
  if (guarded) endWithTheExtension(ctx);
  return ctx;
}

const runtime = fakeBrowser.runtime as { id?: string };
const extensionId = runtime.id;
/** The extension reloaded or updated under the page: this copy's runtime is gone. */
function extensionGoes(): void {
  runtime.id = undefined;
}

afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.abort('test over');
  runtime.id = extensionId;
});

describe('the content script ends with the extension', () => {
  it('is ended by WXT alone on a page\'s own "newer copy started" event (what the guard is for)', () => {
    const ctx = contentScript({ guarded: false });
    newerCopyStarts();
    expect(ctx.signal.aborted).toBe(true);
  });

  it('does not end on that event while the extension is here, and stops it before it reaches WXT\'s listener', () => {
    const ctx = contentScript({ guarded: true });
    let reachedDocument = 0;
    document.addEventListener(STARTED, () => reachedDocument++);
    newerCopyStarts();
    newerCopyStarts();
    expect(ctx.signal.aborted).toBe(false);
    expect(reachedDocument).toBe(0);
  });

  it('does not end on the window.postMessage WXT could also send', async () => {
    const ctx = contentScript({ guarded: true });
    window.postMessage({ type: STARTED, contentScriptName: 'content', messageId: 'someone-else' }, '*');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ctx.signal.aborted).toBe(false);
  });

  it('ends on a newer copy\'s event once its own runtime is gone, as does an older orphan beside it', () => {
    const older = contentScript({ guarded: true });
    const old = contentScript({ guarded: true });
    const ended: string[] = [];
    older.onInvalidated(() => ended.push('older'));
    old.onInvalidated(() => ended.push('old'));
    extensionGoes();
    newerCopyStarts();
    expect(ended.sort()).toEqual(['old', 'older']);
  });

  it('ends when the tab is shown again after the extension went, with no newer copy to say so', () => {
    const ctx = contentScript({ guarded: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ctx.signal.aborted).toBe(false);
    extensionGoes();
    document.dispatchEvent(new Event('visibilitychange'));
    expect(ctx.signal.aborted).toBe(true);
  });
});
