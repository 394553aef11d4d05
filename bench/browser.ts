/**
 * The same Chromium, flags and demo host mapping as e2e/harness.ts's launch(),
 * with no extension (to tell the page's own main-thread work apart) or with
 * another build of it (bench/profile.ts loads an unminified one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDemoSite } from '../demo-site/server';
import { CHROMIUM } from '../e2e/harness';

export interface BenchSession {
  context: BrowserContext;
  /** The extension's id, when one is loaded. */
  extensionId?: string;
  url(host: string, path?: string): string;
  close(): Promise<void>;
}

export async function launchChromium(options: { extensionDir?: string; locale?: string } = {}): Promise<BenchSession> {
  const { extensionDir, locale = 'ru-RU' } = options;
  const demo = await startDemoSite({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'clh-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false,
    ...(extensionDir ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    ignoreHTTPSErrors: true,
    locale,
    env: { ...process.env, LANGUAGE: locale.replace('-', '_') },
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless=new',
      ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:${demo.port},MAP *.cleverence.com 127.0.0.1:${demo.port},MAP cleverence.ru 127.0.0.1:${demo.port}`,
      '--ignore-certificate-errors',
      `--lang=${locale}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const worker = extensionDir ? context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')) : undefined;
  return {
    context,
    extensionId: worker && new URL(worker.url()).host,
    url: (host, path = '/') => `https://${host}:${demo.port}${path}`,
    close: async () => {
      await context.close();
      await demo.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The harness's logIn(), for these sessions. */
export async function logInTo(page: Page, session: BenchSession, login: string, host = 'lk.cleverence.ru'): Promise<void> {
  await page.goto(session.url(host, '/login'));
  await page.fill('input[name="login"]', login);
  await page.fill('input[type="password"]', 'demo');
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"], input[type="submit"]')]);
}
