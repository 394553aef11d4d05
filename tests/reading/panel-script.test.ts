// The summary panel's code is put into a page only for our own content script
// on the vendor's pages, into the frame that asked (utils/reading/panel-script.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { loadPanel } from '@/utils/reading/panel-script';
import { lazyPanel, PANEL_GLOBAL, type PanelFactory } from '@/utils/reading/panel-loader';

type Sender = Browser.runtime.MessageSender;
const page = (url: string, fields: Partial<Sender> = {}): Sender => ({ id: fakeBrowser.runtime.id, url, frameId: 0, tab: { id: 7 } as Browser.tabs.Tab, ...fields });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loadPanel', () => {
  it('puts the panel\'s script into the asking frame of an account page', async () => {
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined as never);
    expect(await loadPanel(page('https://lk.cleverence.ru/licenses', { frameId: 0 }))).toBe(true);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [0] }, files: ['/summary-panel.js'] });
  });

  it.each([
    ['another extension', page('https://lk.cleverence.ru/licenses', { id: 'someone-else' })],
    ['a page off the vendor\'s sites', page('https://evil.example/licenses')],
    ['a vendor page over plain HTTP', page('http://lk.cleverence.ru/licenses')],
    ['a sender with no tab', page('https://lk.cleverence.ru/licenses', { tab: undefined })],
  ])('refuses %s', async (_, sender) => {
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue(undefined as never);
    expect(await loadPanel(sender)).toBe(false);
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('says it could not when the browser refuses (a page it may not script)', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
    expect(await loadPanel(page('https://lk.cleverence.ru/licenses'))).toBe(false);
  });
});

describe('lazyPanel (the content script\'s side)', () => {
  const ctx = { isValid: true, onInvalidated: () => () => undefined } as unknown as Parameters<typeof lazyPanel>[0];
  const scope = globalThis as typeof globalThis & { [PANEL_GLOBAL]?: PanelFactory };

  afterEach(() => {
    delete scope[PANEL_GLOBAL];
    vi.restoreAllMocks();
  });

  it('asks the background for the panel\'s script once, then draws with the panel it left', async () => {
    const drawn: string[] = [];
    // The background puts the panel's script in, which leaves its factory in this world before the answer comes.
    const asked = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
      expect(message).toEqual({ clh: 'loadPanel', data: {} });
      scope[PANEL_GLOBAL] = () => ({ draw: () => drawn.push('draw'), show: () => drawn.push('show'), showUnrecognized: () => drawn.push('unrecognized'), support: () => drawn.push('support'), remove: () => drawn.push('remove') });
      return true;
    });
    const panel = lazyPanel(ctx);
    await Promise.all([panel.load(), panel.load()]);
    panel.show(undefined);
    panel.showUnrecognized('licenses', { why: 'no-rows' });
    expect(asked).toHaveBeenCalledOnce();
    expect(drawn).toEqual(['show', 'unrecognized']);
  });

  it('draws nothing, and fails nothing, when the panel\'s script could not be put in', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async () => false);
    const panel = lazyPanel(ctx);
    await panel.load();
    expect(() => {
      panel.show(undefined);
      panel.remove();
    }).not.toThrow();
  });
});
