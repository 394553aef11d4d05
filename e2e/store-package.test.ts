/**
 * The Chrome Web Store package (`npm run zip`: .output/<name>-<version>-chrome.zip), checked as a store
 * reviewer would: the manifest's fields, the icons, no source maps, no remote code, no permission beyond those
 * README.md's "Permissions, and why" explains; and what goes beside it into the store (the listing, the
 * screenshots, the privacy policy, the changelog). No browser: the zip is read as it will be uploaded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, '.output/chrome-mv3');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as { name: string; version: string };
const ZIP = join(ROOT, `.output/${pkg.name}-${pkg.version}-chrome.zip`);

/** Chrome Web Store limits: the name 75 characters, the summary (the manifest's description) 132. */
const NAME_MAX = 75;
const SUMMARY_MAX = 132;
const ICON_SIZES = [16, 32, 48, 128];
const SCREENSHOT = { width: 1280, height: 800, count: 5 };

interface Manifest {
  manifest_version: number;
  name: string;
  description: string;
  version: string;
  version_name?: string;
  default_locale?: string;
  icons?: Record<string, string>;
  action?: { default_icon?: string | Record<string, string>; default_popup?: string; default_title?: string };
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: Array<{ matches: string[]; js?: string[]; css?: string[] }>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: unknown;
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are no PNG. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return undefined;
  if (strFromU8(bytes.subarray(12, 16), true) !== 'IHDR') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The backticked tokens of the first column of README.md's "## Permissions, and why" table. */
function readmePermissions(): string[] {
  const lines = read('README.md').split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Permissions, and why');
  if (start < 0) throw new Error('README.md has no "## Permissions, and why" section');
  const end = lines.findIndex((line, i) => i > start && /^#{1,3} /.test(line));
  const rows = lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line.trimStart().startsWith('|'));
  // The header row and the |---| row are no permissions.
  return rows.slice(2).flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
}

/** The text of the ```text block under the first `## ` heading that holds `field`. */
function listingField(listing: string, field: string): string {
  const match = new RegExp(`^## [^\\n]*\\b${field}\\b[^\\n]*\\n[\\s\\S]*?\`\`\`text\\n([\\s\\S]*?)\\n\`\`\``, 'm').exec(listing);
  if (!match) throw new Error(`no "${field}" block in the listing`);
  return match[1]!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(BUILD, path).split('\\').join('/')];
  });
}

let files: Record<string, Uint8Array>;
let manifest: Manifest;
const text = (path: string) => strFromU8(files[path]!);
const messages = (locale: string) => JSON.parse(text(`_locales/${locale}/messages.json`)) as Record<string, { message: string }>;
/** `__MSG_extName__` → `extName`. */
const messageKey = (value: string) => /^__MSG_(\w+)__$/.exec(value)?.[1];

beforeAll(() => {
  if (!existsSync(ZIP)) throw new Error(`No ${relative(ROOT, ZIP)}: run "npm run zip" first (npm run test:e2e does).`);
  files = Object.fromEntries(Object.entries(unzipSync(readFileSync(ZIP))).filter(([path]) => !path.endsWith('/')));
  if (!files['manifest.json']) throw new Error('The zip has no manifest.json at its root');
  manifest = JSON.parse(text('manifest.json')) as Manifest;
});

describe('the manifest', () => {
  it('is Manifest V3, Russian by default, named and described in both languages within the store limits', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.default_locale).toBe('ru');
    const nameKey = messageKey(manifest.name);
    const descriptionKey = messageKey(manifest.description);
    expect(nameKey, 'the name is a __MSG_…__ message').toBeTruthy();
    expect(descriptionKey, 'the description is a __MSG_…__ message').toBeTruthy();
    for (const locale of ['ru', 'en']) {
      expect(Object.keys(files), `_locales/${locale}/messages.json`).toContain(`_locales/${locale}/messages.json`);
      const own = messages(locale);
      const name = own[nameKey!]?.message;
      const description = own[descriptionKey!]?.message;
      expect(name, `${locale}: ${nameKey}`).toBeTruthy();
      expect(description, `${locale}: ${descriptionKey}`).toBeTruthy();
      expect(name!.length, `${locale} name: ${name}`).toBeLessThanOrEqual(NAME_MAX);
      expect(description!.length, `${locale} description: ${description}`).toBeLessThanOrEqual(SUMMARY_MAX);
    }
  });

  it('uses no message a locale lacks', () => {
    const used = [...text('manifest.json').matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]!);
    for (const locale of ['ru', 'en']) {
      const own = messages(locale);
      expect(used.filter((key) => !own[key]?.message), `${locale} lacks`).toEqual([]);
    }
  });

  it('carries the version of package.json, the one place it is kept, and CHANGELOG.md opens with it', () => {
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.version_name ?? pkg.version).toBe(pkg.version);
    expect(read('wxt.config.ts'), 'wxt.config.ts sets no version of its own').not.toMatch(/\bversion(_name)?\s*:/);
    const top = /^## \[([^\]]+)\]/m.exec(read('CHANGELOG.md'))?.[1];
    expect(top, 'the newest entry of CHANGELOG.md').toBe(pkg.version);
  });

  it('names only files the zip holds', () => {
    const named = [
      ...Object.values(manifest.icons ?? {}),
      ...(typeof manifest.action?.default_icon === 'string' ? [manifest.action.default_icon] : Object.values(manifest.action?.default_icon ?? {})),
      manifest.action?.default_popup,
      manifest.background?.service_worker,
      ...(manifest.background?.scripts ?? []),
      ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    ].filter((path): path is string => Boolean(path)).map((path) => path.replace(/^\//, ''));
    expect(named.filter((path) => !files[path])).toEqual([]);
  });
});

describe('the icons', () => {
  it('are 16, 32, 48 and 128 px PNGs of exactly those sizes, and the toolbar button has its own', () => {
    expect(Object.keys(manifest.icons ?? {}).map(Number).sort((a, b) => a - b)).toEqual(ICON_SIZES);
    const icons = { ...manifest.icons } as Record<string, string>;
    const action = manifest.action?.default_icon;
    expect(action, 'action.default_icon').toBeTruthy();
    const actionIcons = typeof action === 'string' ? {} : action!;
    expect(Object.keys(actionIcons).length, 'action.default_icon by size').toBeGreaterThan(0);
    for (const [size, path] of [...Object.entries(icons), ...Object.entries(actionIcons)]) {
      const bytes = files[path.replace(/^\//, '')];
      expect(bytes, `${path} in the zip`).toBeDefined();
      expect(pngSize(bytes!), `${path} (${size} px)`).toEqual({ width: Number(size), height: Number(size) });
    }
  });
});

describe('the code', () => {
  const isText = (path: string) => /\.(js|mjs|html|css|json|txt|svg)$/.test(path);

  it('has no source maps', () => {
    expect(Object.keys(files).filter((path) => path.endsWith('.map'))).toEqual([]);
    expect(Object.keys(files).filter((path) => isText(path) && text(path).includes('sourceMappingURL'))).toEqual([]);
  });

  it('loads no script or style from another site', () => {
    const remote = /^(?:[a-z][a-z\d+.-]*:)?\/\//i;
    const html = Object.keys(files).filter((path) => path.endsWith('.html'));
    expect(html.length).toBeGreaterThan(0);
    const found = html.flatMap((path) => [...text(path).matchAll(/<(script|link)\b[^>]*?\b(src|href)\s*=\s*["']?([^"'\s>]+)/gi)]
      .map((match) => match[3]!).filter((url) => remote.test(url)).map((url) => `${path}: ${url}`));
    expect(found).toEqual([]);
  });

  it('imports no code from another site and makes none from strings (no eval, no new Function)', () => {
    const js = Object.keys(files).filter((path) => /\.m?js$/.test(path));
    expect(js.length).toBeGreaterThan(0);
    const rules: Array<[string, RegExp]> = [
      ['import() of a URL', /\bimport\s*\(\s*["'`](?:[a-z][a-z\d+.-]*:)?\/\//i],
      ['importScripts() of a URL', /\bimportScripts\s*\([^)]*["'`](?:[a-z][a-z\d+.-]*:)?\/\//i],
      ['import from a URL', /\b(?:from|import)\s*["'`](?:[a-z][a-z\d+.-]*:)?\/\//i],
      ['eval(', /(?<![\w$])eval\s*\(/],
      ['new Function(', /\bnew\s+Function\s*\(/],
      ['Function( called on a string', /(?<![\w$.])Function\s*\(\s*["'`]/],
    ];
    const found = js.flatMap((path) => rules.filter(([, rule]) => rule.test(text(path))).map(([what]) => `${path}: ${what}`));
    expect(found).toEqual([]);
  });

  it('keeps the default content security policy, or one with no remote source and no unsafe-eval', () => {
    if (manifest.content_security_policy === undefined) return;
    const policy = JSON.stringify(manifest.content_security_policy);
    expect(policy).not.toMatch(/https?:|\*|unsafe-eval|unsafe-inline|data:|blob:/);
  });
});

describe('the permissions', () => {
  it('reach no site but the vendor\'s, over HTTPS', () => {
    const patterns = [
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
      ...(manifest.permissions ?? []).filter((permission) => permission.includes(':') || permission === '<all_urls>'),
      ...(manifest.content_scripts ?? []).flatMap((script) => script.matches),
    ];
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) {
      expect(pattern).not.toBe('<all_urls>');
      expect(pattern).not.toMatch(/^\*:\/\/\*\//);
      expect(pattern, pattern).toMatch(/^https:\/\/(\*\.)?cleverence\.(ru|com)\//);
    }
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  it('are exactly those README.md\'s "Permissions, and why" explains', () => {
    const explained = readmePermissions();
    expect(explained.length).toBeGreaterThan(0);
    const asked = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
    expect([...new Set(asked)].sort()).toEqual([...new Set(explained)].sort());
  });
});

describe('the zip', () => {
  it('holds the build and nothing else: no sources, no node_modules', () => {
    const zipped = Object.keys(files).sort();
    expect(zipped.filter((path) => /\.(tsx?|mts|cts|map)$/.test(path) || path.split('/').some((part) => part === 'node_modules' || part.startsWith('.')))).toEqual([]);
    expect(existsSync(BUILD), '.output/chrome-mv3').toBe(true);
    expect(zipped).toEqual(filesUnder(BUILD).sort());
  });
});

describe('beside the zip, for the store', () => {
  const listings = { ru: read('store/listing.ru.md'), en: read('store/listing.en.md') };

  it('the listings repeat the manifest\'s name and summary, within the store limits', () => {
    for (const [locale, listing] of Object.entries(listings)) {
      const own = messages(locale);
      const name = listingField(listing, 'Name');
      const summary = listingField(listing, 'Summary');
      expect(name, `${locale} name`).toBe(own[messageKey(manifest.name)!]!.message);
      expect(summary, `${locale} summary`).toBe(own[messageKey(manifest.description)!]!.message);
      expect(name.length).toBeLessThanOrEqual(NAME_MAX);
      expect(summary.length, `${locale} summary: ${summary.length} characters`).toBeLessThanOrEqual(SUMMARY_MAX);
      expect(listingField(listing, 'Description').length).toBeGreaterThan(summary.length);
      expect(listingField(listing, 'Single purpose').length).toBeGreaterThan(0);
    }
  });

  it('the listings justify every permission the manifest asks for', () => {
    const asked = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? []), ...readmePermissions()];
    for (const [locale, listing] of Object.entries(listings)) {
      expect(asked.filter((permission) => !listing.includes(`\`${permission}\``)), `${locale} listing lacks`).toEqual([]);
    }
  });

  it('five screenshots of 1280×800, each named in both listings', () => {
    const dir = join(ROOT, 'store/screenshots');
    const shots = readdirSync(dir).filter((name) => !name.startsWith('.')).sort();
    expect(shots).toHaveLength(SCREENSHOT.count);
    for (const name of shots) {
      expect(name).toMatch(/\.png$/);
      expect(pngSize(readFileSync(join(dir, name))), name).toEqual({ width: SCREENSHOT.width, height: SCREENSHOT.height });
      for (const [locale, listing] of Object.entries(listings)) expect(listing, `${locale} listing names ${name}`).toContain(name);
    }
  });

  it('the privacy policy keeps README.md\'s table of what is kept, where, and for how long', () => {
    const table = (markdown: string, heading: string) => {
      const lines = markdown.split('\n');
      const start = lines.findIndex((line) => line.trim() === heading);
      expect(start, heading).toBeGreaterThanOrEqual(0);
      const rows: string[] = [];
      for (const line of lines.slice(start + 1)) {
        if (line.startsWith('|')) rows.push(line.trim());
        else if (rows.length > 0) break;
      }
      return rows;
    };
    const kept = table(read('README.md'), '### What is kept, where, and for how long');
    expect(kept.length).toBeGreaterThan(2);
    expect(table(read('PRIVACY.md'), '### What is kept, where, and for how long')).toEqual(kept);
  });
});
