/**
 * One click from a device with no cloud license to a support request, in
 * Chromium on the demo: from the panel for all of them, from a marked row,
 * from the overview, in the account's language; the vendor's form filled in
 * and never sent (the demo counts the POSTs a person's click would make);
 * where the portal shows no form, the request to copy or open as an e-mail.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from './rows';
import { clickInPanel, extensionPage, inShadowRoots, launch, localeMessages, logIn, openPanel, settled, type Session } from './harness';

const ru = localeMessages('ru');
const en = localeMessages('en');
const SEND_PATH = '/support/request/send';

let session: Session;
let page: Page;

beforeAll(async () => {
  session = await launch();
  page = await session.context.newPage();
  await logIn(page, session, 'typical');
}, 60_000);
afterAll(async () => {
  await session?.close();
});

/** The form's fields as the person sees them, in the tab the extension opened. */
async function filledForm(tab: Page): Promise<Record<string, string>> {
  await tab.waitForSelector('clh-support[data-clh-support-notice="filled"]', { timeout: 20_000 });
  return tab.evaluate(() => {
    const value = (selector: string) => (document.querySelector(selector) as HTMLInputElement | null)?.value ?? '';
    return {
      path: location.pathname,
      category: value('select'), subject: value('#f-title'), message: value('textarea'), email: value('input[type="email"]'), phone: value('input[type="tel"]'),
    };
  });
}

/** The tab a click opens. */
async function opened(click: () => Promise<unknown>): Promise<Page> {
  const [tab] = await Promise.all([session.context.waitForEvent('page'), click()]);
  return tab;
}

const sent = () => session.demo.stats.requests.get(SEND_PATH) ?? 0;

describe('a support request about devices with no cloud license', () => {
  it('from the panel, for all of them: the vendor\'s form filled in with the account, each device and what was checked, and not sent', async () => {
    await page.goto(session.url('lk.cleverence.ru', '/devices'));
    await settled(page);
    await openPanel(page);
    const missing = seeded('typical').truth.missingCloudLicense;
    expect(missing.length).toBeGreaterThan(1);
    const tab = await opened(() => clickInPanel(page, '[data-clh-group="missing-cloud"] [data-clh-support="all"]'));
    const form = await filledForm(tab);
    // The support section first, then its «Создать обращение»: the form is found by its words.
    expect(form.path).toBe('/support/request/');
    expect(form.subject).toBe(ru.supportSubjectMissingMany!.message.replace('$1', String(missing.length)).replace('$2', 'ООО "Ромашка" (typical@example.ru)'));
    for (const id of missing) expect(form.message).toContain(id);
    expect(form.message).toContain(ru.supportShouldHaveMissing!.message);
    expect(form.message).toContain('typical@example.ru');
    expect(form.message).toMatch(/Версия расширения: \d+\.\d+\.\d+/);
    expect(form.email).toBe('typical@example.ru');
    // «Лицензии и личный кабинет»; the phone is the person's to give.
    expect(form.category).toBe('20');
    expect(form.phone).toBe('');
    // The person's way through the form is the form's own: Tab goes from field to field in its order.
    const order: string[] = [];
    await tab.focus('select');
    for (let step = 0; step < 6; step++) {
      order.push(await tab.evaluate(() => document.activeElement?.id || document.activeElement?.localName || ''));
      await tab.keyboard.press('Tab');
    }
    expect(order).toEqual(['f-kind', 'f-title', 'f-text', 'f-mail', 'f-phone', 'f-files']);
    await tab.waitForTimeout(1_000);
    expect(sent()).toBe(0);
    // The person sends it: the demo takes it.
    await tab.click('button[type="submit"]');
    await tab.waitForURL((url) => url.pathname === SEND_PATH);
    expect(sent()).toBe(1);
    await tab.close();
  });

  it('from a marked device row on the page: a request about that device alone', async () => {
    const [device] = seeded('typical').truth.missingCloudLicense;
    const row = page.locator(`[data-clh-device-flags~="missing-cloud-license"]`).filter({ hasText: device! }).first();
    await row.locator('[data-clh-marker]').focus();
    const tab = await opened(() => inShadowRoots(page, '[data-clh-marker]', (roots, id) => {
      for (const root of roots) {
        const host = (root as ShadowRoot).host;
        if (!host.closest('[data-clh-device-flags]')?.textContent?.includes(id)) continue;
        (root.querySelector('[data-clh-support]') as HTMLButtonElement).click();
        return true;
      }
      return false;
    }, device!));
    const form = await filledForm(tab);
    expect(form.subject).toBe(ru.supportSubjectMissingOne!.message.replace('$1', device!).replace('$2', 'ООО "Ромашка" (typical@example.ru)'));
    await tab.close();
  });

  it('for a cloud license that ran out: the panel offers «Продлить», and its request asks to renew', async () => {
    const expired = seeded('typical').truth.cloudLicenseExpired;
    expect(expired.length).toBeGreaterThan(0);
    expect(await inShadowRoots(page, 'clh-panel', (roots) => roots[0]?.querySelector('[data-clh-group="cloud-expired"] [data-clh-renew]')?.textContent ?? '')).toBe('Продлить');
    await clickInPanel(page, '[data-clh-group="cloud-expired"] > summary');
    const tab = await opened(() => clickInPanel(page, `[data-clh-group="cloud-expired"] [data-clh-support="${expired[0]}"]`));
    const form = await filledForm(tab);
    expect(form.subject).toContain(ru.supportSubjectRenewOne!.message.split(' $1')[0]!);
    expect(form.message).not.toContain(ru.supportWhatMissing!.message.slice(0, 40));
    await tab.close();
  });

  it('from the overview, for an account: the same request, from its last lists', async () => {
    const overview = await extensionPage(session, 'overview.html');
    await overview.waitForSelector('[data-clh-account-row]');
    const tab = await opened(() => overview.click('[data-clh-support$="typical@example.ru"]'));
    const form = await filledForm(tab);
    for (const id of seeded('typical').truth.missingCloudLicense) expect(form.message).toContain(id);
    await tab.close();
    await overview.close();
  });

  it('in the account\'s language: the English account\'s request is in English', async () => {
    const english = await session.context.newPage();
    await logIn(english, session, 'typical', 'lk.cleverence.com');
    await english.goto(session.url('lk.cleverence.com', '/devices'));
    await settled(english);
    await openPanel(english);
    const tab = await opened(() => clickInPanel(english, '[data-clh-group="missing-cloud"] [data-clh-support="all"]'));
    const form = await filledForm(tab);
    expect(form.subject).toMatch(/^No cloud license for \d+ devices — /);
    expect(form.message).toContain(en.supportShouldHaveMissing!.message);
    await tab.close();
    await english.close();
  });

  it('where the portal shows no form (it wants its own log-in): the request to copy or open as an e-mail, with support\'s phone', async () => {
    session.demo.setSupportLogIn(true);
    try {
      const tab = await opened(() => clickInPanel(page, '[data-clh-group="missing-cloud"] [data-clh-support="all"]'));
      await tab.waitForSelector('clh-support[data-clh-support-notice="no-form"]', { timeout: 20_000 });
      await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(tab.url()).origin });
      const notice = await inShadowRoots(tab, 'clh-support', (roots) => {
        const root = roots[0]!;
        (root.querySelector('[data-clh-support-copy]') as HTMLButtonElement).click();
        return { text: root.textContent ?? '', mail: root.querySelector('[data-clh-support-mail]')?.getAttribute('href') ?? '' };
      });
      expect(notice.text).toContain('+7 (495) 662-98-03');
      expect(notice.text).toContain('9:00–18:00');
      expect(notice.mail).toMatch(/^mailto:\?subject=/);
      expect(decodeURIComponent(notice.mail)).toContain(seeded('typical').truth.missingCloudLicense[0]);
      await expect.poll(() => tab.evaluate(() => navigator.clipboard.readText())).toContain(seeded('typical').truth.missingCloudLicense[0]);
      // The log-in form was left alone.
      expect(await tab.evaluate(() => (document.querySelector('input[type="email"]') as HTMLInputElement).value)).toBe('');
      await tab.close();
    } finally {
      session.demo.setSupportLogIn(false);
    }
    expect(sent()).toBe(1);
  });

  it('from the panel without any form: copied, as an e-mail draft, or saved, each carrying data-clh-support', async () => {
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.url('lk.cleverence.ru', '') });
    await clickInPanel(page, '[data-clh-group="missing-cloud"] [data-clh-support="copy"]');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`${ru.supportSubjectLabel!.message}: `);
    const [download] = await Promise.all([page.waitForEvent('download'), clickInPanel(page, '[data-clh-group="missing-cloud"] [data-clh-support="save"]')]);
    expect(download.suggestedFilename()).toMatch(/^cleverence-support-typical@example\.ru-\d{4}-\d{2}-\d{2}\.txt$/);
  });
});
