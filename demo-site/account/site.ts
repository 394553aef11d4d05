/**
 * The personal account (lk.cleverence.ru in Russian, lk.cleverence.com in
 * English): log-in, the Лицензии and Устройства tabs, uploading, renewing,
 * unlinking, and the JSON the `client` layout reads.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AccountLogin, Layout, SeededAccount, SeededLicense } from '../seed.ts';
import { devicesPayload, licensesPayload } from './api.ts';
import { DEVICES_PAGE_SIZE, devicesPage } from './devices-page.ts';
import { type ChosenLayout, isChosenLayout, LAYOUT_COOKIE, layoutFor } from './layouts/index.ts';
import { LICENSES_PAGE_SIZE, licensesPage } from './licenses-page.ts';
import { readListQuery } from './listing.ts';
import { loginPage } from './login-page.ts';
import { SESSION_COOKIE, type Sessions } from './sessions.ts';
import { activationCodePage, notFoundPage, ordersPage, profilePage, renewPage } from './simple-pages.ts';
import type { AccountStore } from './store.ts';
import { UPLOAD_CODE_PATH, UPLOAD_FILES_PATH, uploadPage, uploadUnsupportedPage } from './upload-page.ts';
import { type Language, WORDS } from './words.ts';

export interface AccountSiteOptions {
  language: Language;
  /** Shared by both languages' sites: one account, two cookies. */
  store: AccountStore;
  sessions: Sessions;
}

interface AccountEnv {
  Variables: { login: AccountLogin; account: SeededAccount; layout: Layout };
}

const SESSION_COOKIE_OPTIONS = { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' } as const;
const LAYOUT_COOKIE_OPTIONS = { path: '/', secure: true, sameSite: 'Lax' } as const;

/** Only a path on this site: `//evil.example` and absolute URLs fall back. */
function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

export function accountSite({ language, store, sessions }: AccountSiteOptions): Hono<AccountEnv> {
  const words = WORDS[language];
  const app = new Hono<AccountEnv>();

  app.get('/login', (c) => c.html(loginPage(words, { next: localPath(c.req.query('next'), '/licenses') })));

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const login = String(form['login'] ?? '').trim();
    const next = localPath(form['next'], '/licenses');
    const sessionId = sessions.open(login);
    if (!sessionId) return c.html(loginPage(words, { next, login, wrong: true }), 401);
    setCookie(c, SESSION_COOKIE, sessionId, SESSION_COOKIE_OPTIONS);
    // A new log-in starts from the account's own layout; ?layout= in `next` still applies.
    deleteCookie(c, LAYOUT_COOKIE, LAYOUT_COOKIE_OPTIONS);
    return c.redirect(next, 303);
  });

  app.get('/logout', (c) => {
    sessions.close(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, SESSION_COOKIE_OPTIONS);
    deleteCookie(c, LAYOUT_COOKIE, LAYOUT_COOKIE_OPTIONS);
    return c.redirect('/login', 303);
  });

  // Everything below needs a log-in.
  app.use('*', async (c, next) => {
    const login = sessions.loginOf(getCookie(c, SESSION_COOKIE));
    if (!login) {
      if (c.req.path.startsWith('/api/')) return c.json({ error: 'login required' }, 401);
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
    }
    c.set('login', login);
    c.set('account', store.account(login));
    await next();
  });

  app.use('*', async (c, next) => {
    const asked = c.req.query('layout');
    let chosen: ChosenLayout | undefined;
    if (isChosenLayout(asked)) {
      chosen = asked;
      setCookie(c, LAYOUT_COOKIE, asked, LAYOUT_COOKIE_OPTIONS);
    } else {
      const kept = getCookie(c, LAYOUT_COOKIE);
      chosen = isChosenLayout(kept) ? kept : undefined;
    }
    c.set('layout', layoutFor(c.get('account'), chosen));
    await next();
  });

  const searchOf = (url: string) => new URL(url).searchParams;
  const licenseOf = (account: SeededAccount, id: string): SeededLicense | undefined =>
    account.licenses.find((license) => license.id === id);

  app.get('/', (c) => c.redirect('/licenses'));

  app.get('/licenses', (c) => {
    const query = readListQuery(searchOf(c.req.url), LICENSES_PAGE_SIZE);
    return c.html(licensesPage(c.get('account'), words, c.get('layout'), query));
  });

  app.get('/licenses/upload', (c) => c.html(uploadPage(c.get('account'), words)));
  app.post(UPLOAD_CODE_PATH, (c) => c.html(uploadUnsupportedPage(c.get('account'), words), 501));
  app.post(UPLOAD_FILES_PATH, (c) => c.html(uploadUnsupportedPage(c.get('account'), words), 501));

  app.get('/licenses/:id/renew', (c) => {
    const account = c.get('account');
    const license = licenseOf(account, c.req.param('id'));
    return license ? c.html(renewPage(account, words, license)) : c.html(notFoundPage(account, words), 404);
  });

  app.get('/licenses/:id/code', (c) => {
    const account = c.get('account');
    const license = licenseOf(account, c.req.param('id'));
    return license ? c.html(activationCodePage(account, words, license)) : c.html(notFoundPage(account, words), 404);
  });

  app.post('/licenses/:id/unlink', async (c) => {
    store.unlink(c.get('login'), c.req.param('id'));
    const form = await c.req.parseBody();
    const back = localPath(form['back'], '/licenses');
    return c.redirect(back, 303);
  });

  app.get('/devices', (c) => {
    const query = readListQuery(searchOf(c.req.url), DEVICES_PAGE_SIZE);
    return c.html(devicesPage(c.get('account'), words, c.get('layout'), query));
  });

  app.get('/profile', (c) => c.html(profilePage(c.get('account'), words)));
  app.get('/orders', (c) => c.html(ordersPage(c.get('account'), words)));

  app.get('/api/licenses', (c) =>
    c.json(licensesPayload(c.get('account'), words, readListQuery(searchOf(c.req.url), LICENSES_PAGE_SIZE))),
  );
  app.get('/api/devices', (c) =>
    c.json(devicesPayload(c.get('account'), words, readListQuery(searchOf(c.req.url), DEVICES_PAGE_SIZE))),
  );
  app.get('/api/licenses/:id/code', (c) => {
    const license = licenseOf(c.get('account'), c.req.param('id'));
    return license ? c.json({ code: license.activationCode }) : c.json({ error: 'no such license' }, 404);
  });

  app.notFound((c) => c.html(notFoundPage(c.get('account'), words), 404));

  return app;
}
