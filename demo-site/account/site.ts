/**
 * The personal account (lk.cleverence.ru in Russian, lk.cleverence.com in
 * English): log-in, the Лицензии and Устройства tabs, uploading, renewing,
 * unlinking, and the JSON the `client` layout reads.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AccountLogin, Layout, SeededAccount, SeededLicense } from '../seed.ts';
import { devicesPayload, licensesPayload } from './api.ts';
import { DEVICES_PAGE_SIZE, devicesPage } from './devices-page.ts';
import { answerErrorsButDrops, type UploadFaults } from './faults.ts';
import { type ChosenLayout, isChosenLayout, LAYOUT_COOKIE, layoutFor } from './layouts/index.ts';
import { LICENSES_PAGE_SIZE, licensesPage } from './licenses-page.ts';
import { readListQuery } from './listing.ts';
import { loginPage } from './login-page.ts';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS, type Sessions, toLogIn } from './sessions.ts';
import { activationCodePage, notFoundPage, ordersPage, profilePage, renewPage } from './simple-pages.ts';
import type { AccountStore } from './store.ts';
import { uploadRoutes } from './upload-routes.ts';
import type { UploadLogEntry } from './uploads.ts';
import { type Language, WORDS } from './words.ts';

export interface AccountSiteOptions {
  language: Language;
  /** Shared by both languages' sites: one account, two cookies. */
  store: AccountStore;
  sessions: Sessions;
  /** Shared too: the fault switches count upload POSTs across the whole server. */
  faults: UploadFaults;
  /** Every upload item, in order (`stats.uploads`). */
  uploadLog: UploadLogEntry[];
  /** Whether «Загрузить файлы защиты» takes several files at once unless `?multiple=` says; true by default. */
  multipleFiles?: boolean;
}

export interface AccountEnv {
  /** The raw Node request and response under @hono/node-server; absent when the app is called directly. */
  Bindings: Partial<HttpBindings>;
  Variables: { login: AccountLogin; account: SeededAccount; layout: Layout };
}

const LAYOUT_COOKIE_OPTIONS = { path: '/', secure: true, sameSite: 'Lax' } as const;

/** Only a path on this site: `//evil.example` and absolute URLs fall back. */
function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

export function accountSite(options: AccountSiteOptions): Hono<AccountEnv> {
  const { language, store, sessions } = options;
  const words = WORDS[language];
  const app = new Hono<AccountEnv>();
  app.onError(answerErrorsButDrops);

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
      return toLogIn(c);
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
    return c.html(licensesPage(c.get('account'), words, c.get('layout'), query, options.faults.faults.drawAfterMs));
  });

  uploadRoutes(app, {
    words,
    store,
    sessions,
    faults: options.faults,
    log: options.uploadLog,
    multipleFiles: options.multipleFiles ?? true,
  });

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
    return c.html(devicesPage(c.get('account'), words, c.get('layout'), query, options.faults.faults.drawAfterMs));
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
