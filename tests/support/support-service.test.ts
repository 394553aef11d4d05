// What the background takes as a support request to open: only what the panel and the overview make. A request
// carries page text, and a message can come from anywhere the extension's scripts run.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isSupportPayload, serveSupportRequests } from '@/utils/support/support-service';
import { SUPPORT_HOME } from '@/utils/site/vendor-hosts';
import { BODY_LIMIT } from '@/utils/support/support-request';
import type { SupportPayload } from '@/utils/shared/messaging';

const good: SupportPayload = {
  subject: 'Нет облачной лицензии у устройства WIN-1 — typical@example.ru',
  body: 'Здравствуйте!\n\n1. Касса — WIN-1',
  short: 'WIN-1 (Касса, Склад)',
  csv: '\uFEFFУстройство;Название\r\nWIN-1;Касса\r\n',
  csvName: 'cleverence-support-typical@example.ru-2026-12-07.csv',
  attach: false,
  email: 'typical@example.ru',
};

describe('isSupportPayload', () => {
  it('takes a request as the panel makes it, with or without an e-mail', () => {
    expect(isSupportPayload(good)).toBe(true);
    expect(isSupportPayload({ ...good, email: undefined })).toBe(true);
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['a string', 'subject'],
    ['no subject', { ...good, subject: undefined }],
    ['an empty body', { ...good, body: '' }],
    ['a body far past what a request is cut to', { ...good, body: 'x'.repeat(BODY_LIMIT + 2_001) }],
    ['no short form', { ...good, short: undefined }],
    ['a file name with a path in it', { ...good, csvName: '../../evil.csv' }],
    ['a file name that is not a CSV', { ...good, csvName: 'request.exe' }],
    ['"attach" that is not a yes or no', { ...good, attach: 'yes' }],
    ['an e-mail that is not text', { ...good, email: 42 }],
  ])('refuses %s', (_what, value) => {
    expect(isSupportPayload(value)).toBe(false);
  });
});

describe('openSupportRequest', () => {
  // The background's handler, registered once on WXT's fake browser.
  const sent = async (data: unknown, sender: { id?: string; url?: string }) => {
    const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger({ clh: 'openSupportRequest', data }, sender, () => undefined);
    return answers.find((answer) => answer !== undefined);
  };
  /** Tabs open on the vendor's support section (the fake browser starts with a blank one). */
  const supportTabs = async () => (await fakeBrowser.tabs.query({})).filter((tab) => tab.url === SUPPORT_HOME).length;
  // Reset clears the listeners too: each test registers the handler anew.
  beforeEach(() => fakeBrowser.reset());

  it('opens the vendor\'s support section for the extension\'s own panel, and keeps the request for that tab', async () => {
    serveSupportRequests();
    expect(await sent(good, { id: fakeBrowser.runtime.id, url: 'https://lk.cleverence.ru/devices' })).toBe(true);
    expect(await supportTabs()).toBe(1);
    const kept = (await fakeBrowser.storage.session.get('supportRequests')).supportRequests as Record<string, { request: SupportPayload }>;
    expect(Object.values(kept).map((waiting) => waiting.request)).toEqual([good]);
  });

  it.each([
    ['another site\'s page', { id: fakeBrowser.runtime.id, url: 'https://evil.example/' }],
    ['another extension', { id: 'someone-else', url: 'https://lk.cleverence.ru/devices' }],
    ['a vendor page over plain HTTP', { id: fakeBrowser.runtime.id, url: 'http://lk.cleverence.ru/devices' }],
  ])('opens nothing for %s', async (_who, sender) => {
    serveSupportRequests();
    expect(await sent(good, sender)).toBe(false);
    expect(await supportTabs()).toBe(0);
  });

  it('opens nothing for a request that is not one', async () => {
    serveSupportRequests();
    expect(await sent({ ...good, csvName: '../x.csv' }, { id: fakeBrowser.runtime.id, url: 'https://lk.cleverence.ru/devices' })).toBe(false);
    expect(await supportTabs()).toBe(0);
  });
});
