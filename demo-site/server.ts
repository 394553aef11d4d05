/**
 * The demo Cleverence site: an HTTPS server that answers for the account
 * (lk.cleverence.ru, lk.cleverence.com) and the vendor's public site
 * (www.cleverence.ru), told apart by the Host header. Browsers reach it with
 * `--host-resolver-rules=MAP *.cleverence.ru 127.0.0.1:PORT,MAP *.cleverence.com 127.0.0.1:PORT`.
 *
 *   npx tsx demo-site/server.ts [--port N] [--single-file]
 *     [--delay MS] [--fail-every N] [--429-every N] [--expire-after N] [--drop-every N]
 *     [--log-in-elsewhere-as LOGIN] [--unreachable PATH-PREFIX] [--draw-after MS]
 *
 * The fault flags are DemoFaults (account/faults.ts); `--single-file` makes
 * «Загрузить файлы защиты» take one file at a time. Sample license files for
 * trying the upload by hand, on every host: `/demo/license-files/<n>.xml`
 * (the genuine card demoCard(n), see cards.ts and license-files.ts), with
 * `?encoding=windows-1251`, `utf-16`, `utf-16be` or `utf-8-bom`.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { answerErrorsButDrops, type DemoFaults, dropConnection, newUploadFaults } from './account/faults.ts';
import { accountSite } from './account/site.ts';
import { newSessions } from './account/sessions.ts';
import { newAccountStore } from './account/store.ts';
import type { UploadLogEntry } from './account/uploads.ts';
import { STYLE_SHEETS } from './assets.ts';
import { demoCard } from './cards.ts';
import { findBrowser } from '../scripts/find-browser.ts';
import { CERTIFICATE_FILE, demoCertificate } from './certificate.ts';
import { accountLines, browserSteps } from './guide.ts';
import { LICENSE_FILE_ENCODINGS, type LicenseFileEncoding, licenseFileXml } from './license-files.ts';
import { isAccountLogin } from './seed.ts';
import { vendorSite } from './vendor/site.ts';

export type { DemoFaults } from './account/faults.ts';
export { PROCESSED_OUTCOMES, type UploadLogEntry, type UploadOutcome } from './account/uploads.ts';

export interface DemoStats {
  /** Requests per path (`/licenses/upload/files`, …), on every host, any method. */
  requests: Map<string, number>;
  /**
   * Requests per `Sec-Fetch-Site` and path (`same-origin /devices`): the
   * browser says 'same-origin' for the account's own pages and the content
   * script's requests, 'none' for the extension's list parser document.
   */
  requestsBySite: Map<string, number>;
  /** Every item of every upload POST, in order: what the account made of it, or what a fault did instead. */
  uploads: UploadLogEntry[];
}

export interface DemoOptions {
  /** Fault switches for the upload POSTs; none by default. */
  faults?: DemoFaults;
  /** Whether «Загрузить файлы защиты» takes several files at once (`<input type=file multiple>`); true by default. */
  multipleFiles?: boolean;
}

export interface DemoSite {
  port: number;
  /** `https://<host>:<port>`, e.g. origin('lk.cleverence.ru'). */
  origin(host: string): string;
  close(): Promise<void>;
  stats: DemoStats;
  /** New fault switches (`{}` for none); their counting starts again. */
  setFaults(faults: DemoFaults): void;
  /** Whether the support portal asks for a log-in before its request form (then no form is shown to fill). */
  setSupportLogIn(required: boolean): void;
}

/** The demo's app, with the fault switches it was made with. */
export type DemoApp = Hono<{ Bindings: Partial<HttpBindings> }> & { setFaults(faults: DemoFaults): void; setSupportLogIn(required: boolean): void };

const DEFAULT_CLI_PORT = 8443;

/**
 * The whole demo as one Hono app: stats, shared style sheets and sample
 * license files, then the site the Host header names. Called directly
 * (`demoApp(stats).fetch(request)`), a dropped connection rejects the call.
 */
export function demoApp(stats: DemoStats, options: DemoOptions = {}): DemoApp {
  const store = newAccountStore();
  const sessions = newSessions();
  const faults = newUploadFaults(options.faults);
  const portal = { logInRequired: false };
  const vendor = vendorSite(portal);
  const account = { store, sessions, faults, uploadLog: stats.uploads, multipleFiles: options.multipleFiles ?? true };
  const sites: Record<string, { fetch(request: Request, env?: Partial<HttpBindings>): Response | Promise<Response> }> = {
    'lk.cleverence.ru': accountSite({ language: 'ru', ...account }),
    'lk.cleverence.com': accountSite({ language: 'en', ...account }),
    'www.cleverence.ru': vendor,
    'cleverence.ru': vendor,
  };

  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();
  app.onError(answerErrorsButDrops);
  app.use('*', async (c, next) => {
    stats.requests.set(c.req.path, (stats.requests.get(c.req.path) ?? 0) + 1);
    const bySite = `${c.req.header('sec-fetch-site') ?? '(not said)'} ${c.req.path}`;
    stats.requestsBySite.set(bySite, (stats.requestsBySite.get(bySite) ?? 0) + 1);
    const { unreachable } = faults.faults;
    if (unreachable !== undefined && c.req.path.startsWith(unreachable)) dropConnection(c.env?.incoming);
    await next();
  });
  app.get('/assets/:file', (c) => {
    const sheet = STYLE_SHEETS[c.req.param('file')];
    return sheet === undefined ? c.notFound() : c.body(sheet, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.get('/demo/license-files/:file', (c) => {
    const sample = sampleLicenseFile(c.req.param('file'), c.req.query('encoding'));
    if (!sample) return c.notFound();
    return c.body(sample.bytes, 200, {
      'content-type': `application/xml; charset=${sample.charset}`,
      'content-disposition': `attachment; filename="${sample.name}"`,
    });
  });
  app.all('*', (c) => {
    // `lk.cleverence.ru:8443` → `lk.cleverence.ru`
    const host = (c.req.header('host') ?? '').replace(/:\d+$/, '').toLowerCase();
    const site = sites[host];
    // The raw Node request goes along: the account needs it to drop a connection (faults.ts).
    if (site) return site.fetch(c.req.raw, c.env);
    return c.text(`The demo answers for ${Object.keys(sites).join(', ')}; not for "${host}".\n`, 404);
  });
  return Object.assign(app, {
    setFaults: (next: DemoFaults) => faults.set(next),
    setSupportLogIn: (required: boolean) => {
      portal.logInRequired = required;
    },
  });
}

/** `/demo/license-files/17.xml?encoding=windows-1251`: the file of demoCard(17), for trying the upload by hand. */
function sampleLicenseFile(
  file: string,
  encodingAsked: string | undefined,
): { name: string; bytes: Uint8Array<ArrayBuffer>; charset: string } | undefined {
  const n = /^(\d{1,10})\.xml$/.exec(file)?.[1];
  if (n === undefined || Number(n) > 0xffff_ffff) return undefined;
  const bom = encodingAsked === 'utf-8-bom';
  const encoding = bom ? 'utf-8' : (encodingAsked ?? 'utf-8');
  if (!LICENSE_FILE_ENCODINGS.includes(encoding as LicenseFileEncoding)) return undefined;
  return {
    name: `license-${n}.xml`,
    bytes: licenseFileXml(demoCard(Number(n)), { encoding: encoding as LicenseFileEncoding, bom }),
    charset: encoding,
  };
}

export async function startDemoSite(options: DemoOptions & { port?: number } = {}): Promise<DemoSite> {
  const { key, cert } = await demoCertificate();
  const stats: DemoStats = { requests: new Map(), requestsBySite: new Map(), uploads: [] };
  const app = demoApp(stats, options);
  const server = createAdaptorServer({
    fetch: app.fetch,
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
    setFaults: app.setFaults,
    setSupportLogIn: app.setSupportLogIn,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        // Keep-alive connections from a browser would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** The number after a flag, or undefined when the flag is absent. */
function numberAfter(args: readonly string[], flag: string): number | undefined {
  const index = args.indexOf(flag);
  if (index === -1) return undefined;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} wants a whole number, got ${args[index + 1]}`);
  return value;
}

const FAULT_FLAGS: Record<string, Exclude<keyof DemoFaults, 'logInElsewhereAs' | 'unreachable'>> = {
  '--delay': 'delayMs',
  '--fail-every': 'status500Every',
  '--429-every': 'status429Every',
  '--expire-after': 'expireSessionAfter',
  '--drop-every': 'dropEvery',
  '--drop-before-every': 'dropBeforeEvery',
  '--chaos-seed': 'chaosSeed',
  '--draw-after': 'drawAfterMs',
};

function optionsFromArguments(args: readonly string[]): DemoOptions & { port: number } {
  const port = numberAfter(args, '--port') ?? DEFAULT_CLI_PORT;
  if (port > 65_535) throw new Error(`--port wants a port number, got ${port}`);
  const faults: DemoFaults = {};
  for (const [flag, name] of Object.entries(FAULT_FLAGS)) {
    const value = numberAfter(args, flag);
    if (value !== undefined) faults[name] = value;
  }
  const elsewhere = args.indexOf('--log-in-elsewhere-as');
  if (elsewhere !== -1) {
    const login = args[elsewhere + 1] ?? '';
    if (!isAccountLogin(login)) throw new Error(`--log-in-elsewhere-as wants a seeded account's login, got ${login}`);
    faults.logInElsewhereAs = login;
  }
  const unreachable = args.indexOf('--unreachable');
  if (unreachable !== -1) faults.unreachable = args[unreachable + 1] ?? '';
  return { port, faults, multipleFiles: !args.includes('--single-file') };
}

async function main(): Promise<void> {
  const options = optionsFromArguments(process.argv.slice(2));
  const site = await startDemoSite(options);
  const built = resolve(import.meta.dirname, '../.output/chrome-mv3');
  let browserPath: string | undefined;
  try {
    browserPath = findBrowser()?.path;
  } catch {
    // CHROMIUM_PATH names no file: the steps then say "chromium", and npm start says what is wrong.
  }
  const lines = [
    'The demo account is running: a made-up Cleverence personal account, every password works.',
    `  Russian:           ${site.origin('lk.cleverence.ru')}/login`,
    `  English:           ${site.origin('lk.cleverence.com')}/login`,
    `  the vendor's site: ${site.origin('www.cleverence.ru')}/`,
    '',
    'Log in as:',
    ...accountLines().map((line) => `  ${line}`),
    '',
    ...browserSteps({
      port: site.port,
      browserPath,
      extensionDir: existsSync(resolve(built, 'manifest.json')) ? built : undefined,
      certificateFile: CERTIFICATE_FILE,
      windows: process.platform === 'win32',
    }),
    '',
  ];
  const faults = Object.entries(options.faults ?? {});
  if (faults.length > 0) lines.push(`Faults on uploads: ${faults.map(([name, value]) => `${name}=${value}`).join(' ')}`);
  if (!options.multipleFiles) lines.push('Protection files: one at a time');
  lines.push('Ctrl+C stops it.');
  console.log(lines.join('\n'));
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
