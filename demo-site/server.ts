/**
 * The demo Cleverence site: an HTTPS server that answers for the account
 * (lk.cleverence.ru, lk.cleverence.com) and the vendor's public site
 * (www.cleverence.ru), told apart by the Host header. Browsers reach it with
 * `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:PORT,MAP *.cleverence.com 127.0.0.1:PORT`.
 *
 *   npx tsx demo-site/server.ts [--port N]
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { accountSite } from './account/site.ts';
import { newSessions } from './account/sessions.ts';
import { newAccountStore } from './account/store.ts';
import { STYLE_SHEETS } from './assets.ts';
import { demoCertificate } from './certificate.ts';
import { vendorSite } from './vendor/site.ts';

export interface DemoStats {
  /** Requests per path (`/licenses/upload/files`, …), on every host, any method. */
  requests: Map<string, number>;
}

export interface DemoSite {
  port: number;
  /** `https://<host>:<port>`, e.g. origin('lk.cleverence.ru'). */
  origin(host: string): string;
  close(): Promise<void>;
  stats: DemoStats;
}

const DEFAULT_CLI_PORT = 8443;

/** The whole demo as one Hono app: stats, shared style sheets, then the site the Host header names. */
export function demoApp(stats: DemoStats): Hono {
  const store = newAccountStore();
  const sessions = newSessions();
  const vendor = vendorSite();
  const sites: Record<string, { fetch(request: Request): Response | Promise<Response> }> = {
    'lk.cleverence.ru': accountSite({ language: 'ru', store, sessions }),
    'lk.cleverence.com': accountSite({ language: 'en', store, sessions }),
    'www.cleverence.ru': vendor,
    'cleverence.ru': vendor,
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    stats.requests.set(c.req.path, (stats.requests.get(c.req.path) ?? 0) + 1);
    await next();
  });
  app.get('/assets/:file', (c) => {
    const sheet = STYLE_SHEETS[c.req.param('file')];
    return sheet === undefined ? c.notFound() : c.body(sheet, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.all('*', (c) => {
    // `lk.cleverence.ru:8443` → `lk.cleverence.ru`
    const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    const site = sites[host];
    if (site) return site.fetch(c.req.raw);
    return c.text(`The demo answers for ${Object.keys(sites).join(', ')}; not for "${host}".\n`, 404);
  });
  return app;
}

export async function startDemoSite(options: { port?: number } = {}): Promise<DemoSite> {
  const { key, cert } = await demoCertificate();
  const stats: DemoStats = { requests: new Map() };
  const server = createAdaptorServer({
    fetch: demoApp(stats).fetch,
    createServer,
    serverOptions: { key, cert },
    // Leave the global Request and Response alone: tests run the demo inside their own process.
    overrideGlobalObjects: false,
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: (host) => `https://${host}:${port}`,
    stats,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Keep-alive connections from a browser would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

function portFromArguments(args: readonly string[]): number {
  const index = args.indexOf('--port');
  if (index === -1) return DEFAULT_CLI_PORT;
  const port = Number(args[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port wants a number, got ${args[index + 1]}`);
  return port;
}

async function main(): Promise<void> {
  const site = await startDemoSite({ port: portFromArguments(process.argv.slice(2)) });
  console.log(
    `Demo account on https://lk.cleverence.ru:${site.port} (map *.cleverence.ru and *.cleverence.com to 127.0.0.1:${site.port})`,
  );
  const stop = () => void site.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
