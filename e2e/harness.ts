/**
 * Real Chromium with the production build loaded, browsing the demo account
 * under the vendor's real host names (mapped to the local demo server).
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startDemoSite } from '../demo-site/server';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Session {
  context: BrowserContext;
  worker: Worker;
  demo: Awaited<ReturnType<typeof startDemoSite>>;
  /** `https://lk.cleverence.ru:PORT` and friends. */
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

export async function launch(options: { locale?: string; headed?: boolean } = {}): Promise<Session> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No production build in ${EXTENSION_DIR}: run "npm run build" first.`);
  const demo = await startDemoSite({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'clh-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors: true,
    locale: options.locale ?? 'ru-RU',
    // Chromium on Linux takes its UI language (and so chrome.i18n's) from the environment, not --lang.
    env: { ...process.env, LANGUAGE: (options.locale ?? 'ru-RU').replace('-', '_') },
    viewport: { width: 1280, height: 860 },
    args: [
      ...(options.headed ? [] : ['--headless=new']),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:${demo.port},MAP *.cleverence.com 127.0.0.1:${demo.port},MAP cleverence.ru 127.0.0.1:${demo.port}`,
      '--ignore-certificate-errors',
      `--lang=${options.locale ?? 'ru-RU'}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    worker,
    demo,
    url: (host, path = '/') => `https://${host}:${demo.port}${path}`,
    close: async () => {
      await context.close();
      await demo.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the demo account's own form, as a person would. */
export async function logIn(page: Page, session: Session, login: string, host = 'lk.cleverence.ru'): Promise<void> {
  await page.goto(session.url(host, '/login'));
  await page.fill('input[name="login"]', login);
  await page.fill('input[type="password"]', 'demo');
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"], input[type="submit"]')]);
}

/** Waits until the extension has finished with the page (`<html data-clh="ready">` or `"unrecognized"`). */
export async function settled(page: Page, state: 'ready' | 'unrecognized' = 'ready'): Promise<void> {
  await page.waitForFunction((expected) => document.documentElement.dataset.clh === expected, state, { timeout: 30_000 });
}

export async function counts(page: Page): Promise<Record<string, number>> {
  const text = await page.evaluate(() => document.documentElement.dataset.clhCounts ?? '');
  return Object.fromEntries(text.split(' ').filter(Boolean).map((pair) => {
    const [name, value] = pair.split('=');
    return [name!, Number(value)];
  }));
}
