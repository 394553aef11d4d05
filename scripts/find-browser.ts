/**
 * Which browser `npm start`, `npm test`, the bench and the chaos runs use,
 * and getting one on a machine that has none.
 *
 * The order: `CHROMIUM_PATH` (or `CHROME_PATH`) when set; else the first
 * Chromium-family browser installed in the usual places of Linux, Windows or
 * macOS: Chromium, Chrome for Testing (Playwright's and Puppeteer's caches
 * too), Google Chrome, Microsoft Edge, Yandex Browser. Chromium comes first
 * because it is what the tests are checked in. Every one of them loads the
 * extension the same way (the harness's `launch`, over the DevTools protocol),
 * so any of them will do.
 *
 * Why a list of our own rather than chrome-launcher's finder: it knows Chrome
 * and Chromium only (not Edge, Yandex Browser or Chrome for Testing), and it
 * asks the machine itself (`which`, macOS's lsregister), so it cannot be
 * tested on the file systems of the platforms this machine is not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export type Platform = 'linux' | 'darwin' | 'win32';

/** What the finder asks of the machine: the real one, or a fake one in tests. */
export interface Machine {
  platform: Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  isRoot: boolean;
  isFile(path: string): boolean;
  /** The names in a folder, [] when there is none. */
  list(dir: string): string[];
  /** A text file's content, undefined when there is none. */
  read(path: string): string | undefined;
}

export interface FoundBrowser {
  /** As people call it: "Chromium", "Google Chrome", "Microsoft Edge"… */
  name: string;
  path: string;
}

/** Said when no browser is found and none can be installed here; also what a test expects. */
export class NoBrowser extends Error {
  override name = 'NoBrowser';
}

export const thisMachine = (): Machine => ({
  platform: process.platform as Platform,
  env: process.env,
  home: homedir(),
  isRoot: process.getuid?.() === 0,
  isFile: (path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
});

/** Windows' environment names are case-blind (`ProgramFiles`, `PROGRAMFILES`). */
function envOf(machine: Machine, name: string): string | undefined {
  if (machine.platform !== 'win32') return machine.env[name] || undefined;
  const key = Object.keys(machine.env).find((each) => each.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : machine.env[key] || undefined;
}

/** Newest first: cache folders are named by version or revision (`chromium-1187`, `linux-131.0.6778.85`). */
function newestFirst(names: string[]): string[] {
  return [...names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

/** The executables under every versioned folder of a download cache, newest first. */
function cached(machine: Machine, join: (...parts: string[]) => string, dir: string, prefix: string, inside: string[]): string[] {
  return newestFirst(machine.list(dir).filter((name) => name.startsWith(prefix))).flatMap((version) =>
    inside.map((rest) => join(dir, version, rest)));
}

function linuxCandidates(machine: Machine): FoundBrowser[] {
  const path = (envOf(machine, 'PATH') ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter(Boolean);
  const onPath = (name: string, ...commands: string[]): FoundBrowser[] =>
    commands.flatMap((command) => path.map((dir) => ({ name, path: posix.join(dir, command) })));
  const join = posix.join;
  const caches = (name: string, dirs: string[], prefix: string, inside: string[]): FoundBrowser[] =>
    dirs.flatMap((dir) => cached(machine, join, dir, prefix, inside).map((found) => ({ name, path: found })));
  return [
    ...onPath('Chromium', 'chromium', 'chromium-browser'),
    { name: 'Chromium', path: '/snap/bin/chromium' },
    ...caches('Chromium (Playwright)', [join(machine.home, '.cache/ms-playwright')], 'chromium-', ['chrome-linux64/chrome', 'chrome-linux/chrome']),
    ...caches('Chrome for Testing', [join(machine.home, '.cache/puppeteer/chrome')], 'linux-', ['chrome-linux64/chrome']),
    ...onPath('Google Chrome', 'google-chrome-stable', 'google-chrome', 'google-chrome-beta'),
    { name: 'Google Chrome', path: '/opt/google/chrome/chrome' },
    ...onPath('Microsoft Edge', 'microsoft-edge-stable', 'microsoft-edge'),
    { name: 'Microsoft Edge', path: '/opt/microsoft/msedge/msedge' },
    ...onPath('Yandex Browser', 'yandex-browser-stable', 'yandex-browser'),
    { name: 'Yandex Browser', path: '/opt/yandex/browser/yandex-browser' },
  ];
}

function windowsCandidates(machine: Machine): FoundBrowser[] {
  const join = win32.join;
  // A per-user install lives in LocalAppData, a per-machine one in Program Files (either of the two on 64-bit Windows).
  const roots = ['LOCALAPPDATA', 'PROGRAMFILES', 'PROGRAMFILES(X86)', 'PROGRAMW6432']
    .map((name) => envOf(machine, name))
    .filter((root): root is string => root !== undefined);
  const installed = (name: string, rest: string): FoundBrowser[] => roots.map((root) => ({ name, path: join(root, rest) }));
  const local = envOf(machine, 'LOCALAPPDATA');
  const profile = envOf(machine, 'USERPROFILE') ?? machine.home;
  const caches = (name: string, dir: string | undefined, prefix: string, inside: string[]): FoundBrowser[] =>
    dir === undefined ? [] : cached(machine, join, dir, prefix, inside).map((found) => ({ name, path: found }));
  return [
    ...installed('Chromium', 'Chromium\\Application\\chrome.exe'),
    ...caches('Chromium (Playwright)', local && join(local, 'ms-playwright'), 'chromium-', ['chrome-win64\\chrome.exe', 'chrome-win\\chrome.exe']),
    ...caches('Chrome for Testing', join(profile, '.cache\\puppeteer\\chrome'), 'win64-', ['chrome-win64\\chrome.exe']),
    ...installed('Google Chrome', 'Google\\Chrome\\Application\\chrome.exe'),
    ...installed('Microsoft Edge', 'Microsoft\\Edge\\Application\\msedge.exe'),
    ...installed('Yandex Browser', 'Yandex\\YandexBrowser\\Application\\browser.exe'),
  ];
}

function macCandidates(machine: Machine): FoundBrowser[] {
  const join = posix.join;
  const apps = ['/Applications', join(machine.home, 'Applications')];
  const app = (name: string, bundle: string, executable: string): FoundBrowser[] =>
    apps.map((dir) => ({ name, path: join(dir, `${bundle}.app/Contents/MacOS/${executable}`) }));
  const caches = (name: string, dir: string, prefix: string, inside: string[]): FoundBrowser[] =>
    cached(machine, join, dir, prefix, inside).map((found) => ({ name, path: found }));
  const testing = 'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing';
  return [
    ...app('Chromium', 'Chromium', 'Chromium'),
    ...caches('Chromium (Playwright)', join(machine.home, 'Library/Caches/ms-playwright'), 'chromium-',
      [`chrome-mac-arm64/${testing}`, `chrome-mac-x64/${testing}`, 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']),
    ...app('Chrome for Testing', 'Google Chrome for Testing', 'Google Chrome for Testing'),
    ...caches('Chrome for Testing', join(machine.home, '.cache/puppeteer/chrome'), 'mac', [`chrome-mac-arm64/${testing}`, `chrome-mac-x64/${testing}`]),
    ...app('Google Chrome', 'Google Chrome', 'Google Chrome'),
    ...app('Microsoft Edge', 'Microsoft Edge', 'Microsoft Edge'),
    ...app('Yandex Browser', 'Yandex', 'Yandex'),
  ];
}

const CANDIDATES: Record<Platform, (machine: Machine) => FoundBrowser[]> = {
  linux: linuxCandidates,
  win32: windowsCandidates,
  darwin: macCandidates,
};

/** The browser to use, or undefined when there is none; a `CHROMIUM_PATH` that names no file is an error, never passed over. */
export function findBrowser(machine: Machine = thisMachine()): FoundBrowser | undefined {
  for (const variable of ['CHROMIUM_PATH', 'CHROME_PATH']) {
    const path = envOf(machine, variable);
    if (path === undefined) continue;
    if (!machine.isFile(path)) throw new NoBrowser(`${variable} is set to ${path}, but there is no file there: point it at a browser's executable, or unset it to let the browser be found.`);
    return { name: `the browser in ${variable}`, path };
  }
  return (CANDIDATES[machine.platform]?.(machine) ?? []).find((candidate) => machine.isFile(candidate.path));
}

/** Debian, Ubuntu and their kin, by /etc/os-release. */
function isDebianLike(machine: Machine): boolean {
  if (machine.platform !== 'linux') return false;
  const release = machine.read('/etc/os-release') ?? '';
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release) && machine.isFile('/usr/bin/apt-get');
}

/** Debian's chromium speaks only en-US until chromium-l10n is installed; the extension's Russian UI (the default) needs it. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const DEBIAN_RUSSIAN = '/usr/lib/chromium/locales/ru.pak';

export interface EnsureOptions {
  machine?: Machine;
  log?: (line: string) => void;
  /** Runs a command, its output going to the user's terminal; returns whether it succeeded. */
  run?: (command: string, args: string[]) => boolean;
}

/** dpkg draws its progress with carriage returns unless told it has no terminal: a log gets lines, not a repainted one. */
const QUIET_APT = ['-o', 'Dpkg::Use-Pty=0'];

const runHere = (command: string, args: string[]): boolean =>
  spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;

/**
 * The browser to use, installed first where that is possible: on Debian or
 * Ubuntu as root, Debian's `chromium` (and `chromium-l10n`) with apt-get,
 * saying so. Elsewhere, with none found, a `NoBrowser` saying in one
 * sentence what to install.
 */
export function ensureBrowser(options: EnsureOptions = {}): FoundBrowser {
  const { machine = thisMachine(), log = console.log, run = runHere } = options;
  const found = findBrowser(machine);
  const canInstall = isDebianLike(machine) && machine.isRoot;
  if (found) {
    if (found.path === DEBIAN_CHROMIUM && !machine.isFile(DEBIAN_RUSSIAN) && canInstall) {
      log('Debian\'s chromium has no Russian yet: installing chromium-l10n with apt-get…');
      if (!run('apt-get', [...QUIET_APT, 'install', '-y', '-qq', 'chromium-l10n'])) log('Could not install chromium-l10n: the browser and the extension will speak English.');
    }
    return found;
  }
  if (canInstall) {
    log('No Chromium-family browser found: installing Debian\'s chromium with apt-get (a minute or two)…');
    const installed = run('apt-get', ['update', '-qq']) && run('apt-get', [...QUIET_APT, 'install', '-y', '-qq', 'chromium', 'chromium-l10n', 'fonts-dejavu-core']);
    const now = installed ? findBrowser(machine) : undefined;
    if (now) return now;
    throw new NoBrowser('Installing chromium with apt-get failed (see above): install Chromium or Google Chrome yourself, or set CHROMIUM_PATH to a browser\'s executable.');
  }
  throw new NoBrowser(whatToInstall(machine));
}

function whatToInstall(machine: Machine): string {
  const none = 'No Chromium-family browser found';
  const orPath = 'or set CHROMIUM_PATH to a browser\'s executable';
  if (isDebianLike(machine)) return `${none}: run "sudo apt-get install chromium chromium-l10n" (or "sudo npm start" to let it be installed), ${orPath}.`;
  if (machine.platform === 'win32') return `${none}: install Google Chrome, Microsoft Edge or Chromium, ${orPath}.`;
  if (machine.platform === 'darwin') return `${none}: install Google Chrome, Microsoft Edge or Chromium into /Applications, ${orPath}.`;
  return `${none}: install Chromium or Google Chrome with your system's package manager, ${orPath}.`;
}
