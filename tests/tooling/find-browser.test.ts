// @vitest-environment node
/**
 * The browser finder on the file systems of the three platforms, none of
 * which is this machine's: what each has installed, where, and what is said
 * when there is nothing.
 */
import { describe, expect, it } from 'vitest';
import { ensureBrowser, findBrowser, NoBrowser, type Machine, type Platform } from '../../scripts/find-browser';

interface FakeMachine {
  platform: Platform;
  files?: string[];
  env?: Record<string, string>;
  home?: string;
  isRoot?: boolean;
  osRelease?: string;
}

/** A machine whose disk holds just `files` (and the folders they imply). */
function machine({ platform, files = [], env = {}, home, isRoot = false, osRelease }: FakeMachine): Machine & { files: Set<string> } {
  const disk = new Set(files);
  const separator = platform === 'win32' ? '\\' : '/';
  return {
    platform,
    env,
    home: home ?? (platform === 'win32' ? 'C:\\Users\\Ivan' : platform === 'darwin' ? '/Users/ivan' : '/home/ivan'),
    isRoot,
    files: disk,
    isFile: (path) => disk.has(path),
    list: (dir) => [...new Set([...disk]
      .filter((path) => path.startsWith(dir + separator))
      .map((path) => path.slice(dir.length + 1).split(separator)[0]!))],
    read: (path) => (path === '/etc/os-release' ? osRelease : undefined),
  };
}

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';
const WINDOWS_ENV = { LOCALAPPDATA: 'C:\\Users\\Ivan\\AppData\\Local', ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };

describe('on Linux', () => {
  const path = '/usr/local/bin:/usr/bin:/bin:/snap/bin';

  it('finds Debian\'s chromium on the PATH', () => {
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path }, files: ['/usr/bin/chromium'] }))).toEqual({ name: 'Chromium', path: '/usr/bin/chromium' });
  });

  it('prefers Chromium to Google Chrome, and finds Chrome, Edge and Yandex Browser where their packages put them', () => {
    const all = ['/opt/google/chrome/chrome', '/usr/bin/microsoft-edge-stable', '/usr/bin/yandex-browser-stable', '/snap/bin/chromium'];
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path }, files: all }))?.path).toBe('/snap/bin/chromium');
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path }, files: all.slice(0, 3) }))).toEqual({ name: 'Google Chrome', path: '/opt/google/chrome/chrome' });
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path }, files: all.slice(1, 3) }))).toEqual({ name: 'Microsoft Edge', path: '/usr/bin/microsoft-edge-stable' });
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: '/usr/bin' }, files: ['/opt/yandex/browser/yandex-browser'] }))?.name).toBe('Yandex Browser');
  });

  it('finds the newest Chromium in Playwright\'s download cache, and Chrome for Testing in Puppeteer\'s', () => {
    const playwright = machine({
      platform: 'linux',
      env: { PATH: path },
      files: ['/home/ivan/.cache/ms-playwright/chromium-1140/chrome-linux/chrome', '/home/ivan/.cache/ms-playwright/chromium-1187/chrome-linux64/chrome', '/home/ivan/.cache/ms-playwright/ffmpeg-1011/ffmpeg-linux'],
    });
    expect(findBrowser(playwright)?.path).toBe('/home/ivan/.cache/ms-playwright/chromium-1187/chrome-linux64/chrome');
    const puppeteer = machine({ platform: 'linux', env: { PATH: path }, files: ['/home/ivan/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome', '/home/ivan/.cache/puppeteer/chrome/linux-99.0.4844.51/chrome-linux64/chrome'] });
    expect(findBrowser(puppeteer)).toEqual({ name: 'Chrome for Testing', path: '/home/ivan/.cache/puppeteer/chrome/linux-131.0.6778.85/chrome-linux64/chrome' });
  });

  it('takes CHROMIUM_PATH, then CHROME_PATH, over anything installed', () => {
    const files = ['/usr/bin/chromium', '/srv/browsers/chrome-copy/chrome', '/srv/browsers/other'];
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path, CHROMIUM_PATH: '/srv/browsers/chrome-copy/chrome', CHROME_PATH: '/srv/browsers/other' }, files }))?.path).toBe('/srv/browsers/chrome-copy/chrome');
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path, CHROME_PATH: '/srv/browsers/other' }, files }))?.path).toBe('/srv/browsers/other');
  });

  it('says so when CHROMIUM_PATH names no file, rather than quietly using another browser', () => {
    expect(() => findBrowser(machine({ platform: 'linux', env: { PATH: path, CHROMIUM_PATH: '/opt/chrome-gone/chrome' }, files: ['/usr/bin/chromium'] })))
      .toThrow(/CHROMIUM_PATH is set to \/opt\/chrome-gone\/chrome, but there is no file there/);
  });

  it('finds nothing on a machine with no browser, and a folder named like one is not one', () => {
    expect(findBrowser(machine({ platform: 'linux', env: { PATH: path }, files: ['/usr/bin/chromium-old/readme'] }))).toBeUndefined();
  });
});

describe('on Windows', () => {
  it('finds a per-user Chrome in LocalAppData and a per-machine one in Program Files, whatever the case of the variables', () => {
    expect(findBrowser(machine({ platform: 'win32', env: WINDOWS_ENV, files: ['C:\\Users\\Ivan\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'] })))
      .toEqual({ name: 'Google Chrome', path: 'C:\\Users\\Ivan\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe' });
    expect(findBrowser(machine({ platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' }, files: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'] }))?.path)
      .toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
  });

  it('finds Edge, which every Windows has, in Program Files (x86), and Yandex Browser in LocalAppData', () => {
    expect(findBrowser(machine({ platform: 'win32', env: WINDOWS_ENV, files: ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'] })))
      .toEqual({ name: 'Microsoft Edge', path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe' });
    expect(findBrowser(machine({ platform: 'win32', env: WINDOWS_ENV, files: ['C:\\Users\\Ivan\\AppData\\Local\\Yandex\\YandexBrowser\\Application\\browser.exe'] }))?.name)
      .toBe('Yandex Browser');
  });

  it('prefers Chromium, then Chrome, to Edge', () => {
    const files = ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];
    expect(findBrowser(machine({ platform: 'win32', env: WINDOWS_ENV, files }))?.name).toBe('Google Chrome');
    expect(findBrowser(machine({ platform: 'win32', env: WINDOWS_ENV, files: [...files, 'C:\\Users\\Ivan\\AppData\\Local\\Chromium\\Application\\chrome.exe'] }))?.name).toBe('Chromium');
  });

  it('finds Playwright\'s Chromium in LocalAppData', () => {
    const found = findBrowser(machine({ platform: 'win32', env: WINDOWS_ENV, files: ['C:\\Users\\Ivan\\AppData\\Local\\ms-playwright\\chromium-1187\\chrome-win64\\chrome.exe'] }));
    expect(found?.path).toBe('C:\\Users\\Ivan\\AppData\\Local\\ms-playwright\\chromium-1187\\chrome-win64\\chrome.exe');
  });

  it('says what to install when there is none, with no word of apt-get', () => {
    expect(() => ensureBrowser({ machine: machine({ platform: 'win32', env: WINDOWS_ENV }), log: () => undefined, run: () => true }))
      .toThrow(new NoBrowser('No Chromium-family browser found: install Google Chrome, Microsoft Edge or Chromium, or set CHROMIUM_PATH to a browser\'s executable.'));
  });
});

describe('on macOS', () => {
  it('finds Chrome, Edge and Yandex Browser in /Applications or the user\'s own Applications', () => {
    expect(findBrowser(machine({ platform: 'darwin', files: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'] })))
      .toEqual({ name: 'Google Chrome', path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' });
    expect(findBrowser(machine({ platform: 'darwin', files: ['/Users/ivan/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'] }))?.name).toBe('Microsoft Edge');
    expect(findBrowser(machine({ platform: 'darwin', files: ['/Applications/Yandex.app/Contents/MacOS/Yandex'] }))?.name).toBe('Yandex Browser');
  });

  it('prefers Chrome for Testing to Chrome', () => {
    const files = ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing'];
    expect(findBrowser(machine({ platform: 'darwin', files }))?.name).toBe('Chrome for Testing');
  });

  it('says what to install when there is none', () => {
    expect(() => ensureBrowser({ machine: machine({ platform: 'darwin' }), log: () => undefined, run: () => true })).toThrow(/install Google Chrome, Microsoft Edge or Chromium into \/Applications/);
  });
});

describe('getting a browser where there is none', () => {
  /** `apt-get install chromium` on the fake disk: the browser and its Russian appear. */
  function aptGet(disk: Set<string>, commands: string[][]) {
    return (command: string, args: string[]) => {
      commands.push([command, ...args]);
      if (args.includes('install') && args.includes('chromium')) disk.add('/usr/bin/chromium');
      if (args.includes('install') && args.includes('chromium-l10n')) disk.add('/usr/lib/chromium/locales/ru.pak');
      return true;
    };
  }

  it('installs Debian\'s chromium and its Russian with apt-get on Debian as root, saying so', () => {
    const debian = machine({ platform: 'linux', env: { PATH: '/usr/bin' }, isRoot: true, osRelease: DEBIAN, files: ['/usr/bin/apt-get'] });
    const commands: string[][] = [];
    const said: string[] = [];
    expect(ensureBrowser({ machine: debian, log: (line) => said.push(line), run: aptGet(debian.files, commands) })).toEqual({ name: 'Chromium', path: '/usr/bin/chromium' });
    expect(commands).toEqual([['apt-get', 'update', '-qq'], ['apt-get', '-o', 'Dpkg::Use-Pty=0', 'install', '-y', '-qq', 'chromium', 'chromium-l10n', 'fonts-dejavu-core']]);
    expect(said.join('\n')).toMatch(/installing Debian's chromium with apt-get/);
  });

  it('on Ubuntu too, and adds only the Russian where chromium is there without it', () => {
    const ubuntu = machine({ platform: 'linux', env: { PATH: '/usr/bin' }, isRoot: true, osRelease: UBUNTU, files: ['/usr/bin/apt-get', '/usr/bin/chromium'] });
    const commands: string[][] = [];
    expect(ensureBrowser({ machine: ubuntu, log: () => undefined, run: aptGet(ubuntu.files, commands) }).path).toBe('/usr/bin/chromium');
    expect(commands).toEqual([['apt-get', '-o', 'Dpkg::Use-Pty=0', 'install', '-y', '-qq', 'chromium-l10n']]);
    // Once there, nothing more is installed.
    commands.length = 0;
    ensureBrowser({ machine: ubuntu, log: () => undefined, run: aptGet(ubuntu.files, commands) });
    expect(commands).toEqual([]);
  });

  it('installs nothing without root rights, and says the command to run', () => {
    const debian = machine({ platform: 'linux', env: { PATH: '/usr/bin' }, osRelease: DEBIAN, files: ['/usr/bin/apt-get'] });
    const commands: string[][] = [];
    expect(() => ensureBrowser({ machine: debian, log: () => undefined, run: aptGet(debian.files, commands) }))
      .toThrow(/No Chromium-family browser found: run "sudo apt-get install chromium chromium-l10n"/);
    expect(commands).toEqual([]);
  });

  it('installs nothing on a Linux that is not Debian\'s kin, root or not', () => {
    const fedora = machine({ platform: 'linux', env: { PATH: '/usr/bin' }, isRoot: true, osRelease: FEDORA, files: ['/usr/bin/dnf'] });
    const commands: string[][] = [];
    expect(() => ensureBrowser({ machine: fedora, log: () => undefined, run: aptGet(fedora.files, commands) }))
      .toThrow(/install Chromium or Google Chrome with your system's package manager/);
    expect(commands).toEqual([]);
  });

  it('says the install failed when apt-get fails, rather than launching nothing', () => {
    const debian = machine({ platform: 'linux', env: { PATH: '/usr/bin' }, isRoot: true, osRelease: DEBIAN, files: ['/usr/bin/apt-get'] });
    expect(() => ensureBrowser({ machine: debian, log: () => undefined, run: () => false })).toThrow(/Installing chromium with apt-get failed/);
  });

  it('uses a browser already there without installing anything', () => {
    const debian = machine({ platform: 'linux', env: { PATH: '/usr/bin' }, isRoot: true, osRelease: DEBIAN, files: ['/usr/bin/apt-get', '/usr/bin/google-chrome-stable'] });
    const commands: string[][] = [];
    expect(ensureBrowser({ machine: debian, log: () => undefined, run: aptGet(debian.files, commands) }).name).toBe('Google Chrome');
    expect(commands).toEqual([]);
  });
});
