// The summary panel as a user reads it: the bar (the worst finding, a chip a
// kind, copy), every count it promises and the filter each one is, the rows of
// each kind, the suggestion, and where the rows of a filter are. The checks behind it have
// tests of their own (checks.test.ts, report.test.ts); here the question is
// whether the panel shows what they found. In real Chromium the panel is
// tested on the demo account (e2e/licenses-tab.test.ts).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SummaryPanel } from '@/components/SummaryPanel';
import type { AnalysedPage, PanelView } from '@/utils/reading/account-page';
import { findingGroups } from '@/utils/checks/finding-groups';
import { crossCheck, type DeviceCheck, type LicenseCheck } from '@/utils/checks/checks';
import { dayNumber } from '@/utils/shared/dates';
import type { Device, License } from '@/utils/shared/records';

const { text: ru } = await vi.hoisted(async () => (await import('../locale-messages')).answerFromLocales());

const TODAY = dayNumber(2026, 6, 15)!;

function license(fields: Partial<License> = {}): License {
  return { kind: 'main', product: 'Mobile SMARTS: Склад 15, ПОЛНЫЙ', status: 'free', date: TODAY - 100, subscriptionEnd: 'none', ...fields };
}

function device(id: string, connection: Device['connection']): Device {
  return { id, name: `ТСД ${id}`, database: connection === 'cloud' ? 'Облако' : 'Склад на ПК', connection, lastSeen: TODAY };
}

const activated = (deviceId: string, daysLeft: number | 'none', kind: License['kind'] = 'main'): License =>
  license({ kind, status: 'activated', deviceId, subscriptionEnd: daysLeft === 'none' ? 'none' : TODAY + daysLeft });

/**
 * One of each finding: subscriptions ending in 5, 20 and 60 days and one
 * ended; a device with two licenses of one product; a cloud device with no
 * cloud license; a local device with none, and a free main license for it.
 */
const LICENSES: License[] = [
  activated('CLOUD-1', 5, 'cloud'),
  activated('LOCAL-1', 20),
  activated('LOCAL-2', 60),
  activated('LOCAL-5', -3),
  activated('LOCAL-3', 'none'),
  activated('LOCAL-3', 'none'),
  license(),
];
const DEVICES: Device[] = [
  device('CLOUD-1', 'cloud'), device('CLOUD-2', 'cloud'),
  device('LOCAL-1', 'local'), device('LOCAL-2', 'local'), device('LOCAL-3', 'local'), device('LOCAL-4', 'local'), device('LOCAL-5', 'local'),
];

interface Shown {
  /** Rows of the list this page shows, by the check of their record (all of them, unless told). */
  onPage?: (entry: LicenseCheck | DeviceCheck) => boolean;
  wholeListUrl?: string;
}

function analysed(licenses = LICENSES, devices = DEVICES, { onPage = () => true, wholeListUrl }: Shown = {}): AnalysedPage {
  const check = crossCheck(licenses, devices, TODAY);
  const shownRows = check.licenses.filter(onPage);
  const groups = findingGroups(check).map((group) => ({
    group, onPage: group.tab === 'licenses' ? group.entries.filter((entry) => shownRows.includes(entry as LicenseCheck)).length : 0,
  }));
  const rows = new Map(shownRows.map((entry) => [entry, document.createElement('tr')]));
  return {
    tab: 'licenses',
    check,
    sources: { licenses: { tab: 'licenses', state: 'fresh', items: licenses }, devices: { tab: 'devices', state: 'fresh', items: devices } },
    groups,
    problemRows: { onPage: shownRows.filter((entry) => entry.flags.length > 0).length, inList: check.licenses.filter((entry) => entry.flags.length > 0).length },
    rowOf: (entry) => rows.get(entry as LicenseCheck),
    wholeListUrl,
    tabUrls: { licenses: 'https://lk.cleverence.ru/licenses', devices: 'https://lk.cleverence.ru/devices' },
    unread: 0,
    report: { login: 'typical@example.ru', company: 'ООО "Ромашка"', origin: 'https://lk.cleverence.ru', checkedOn: TODAY },
  };
}

let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.unstubAllGlobals();
});

function viewOf(filter?: string): PanelView & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    filter, calls,
    setFilter: (next) => void calls.push(['setFilter', next]),
    reveal: (entry) => (calls.push(['reveal', entry]), true),
    openFiltered: (tab, next) => void calls.push(['openFiltered', tab, next]),
  };
}

const button = (selector: string) => root.querySelector<HTMLElement>(selector)!;

/** The panel as it first shows: one bar, its details closed. */
async function shown(page: AnalysedPage, view = viewOf()) {
  render(<SummaryPanel page={page} view={view} />, root);
  await vi.waitFor(() => expect(root.querySelector('.panel')).not.toBeNull());
  return view;
}

/** The panel with its details open, as «Подробнее» leaves it (and keeps it, for every page). */
async function opened(page: AnalysedPage, view = viewOf()) {
  await shown(page, view);
  button('button.toggle').click();
  await vi.waitFor(() => expect(root.querySelector('.counts')).not.toBeNull());
  return view;
}

/** The panel's counts as a user reads them: each label with its number. */
const counts = () => Object.fromEntries([...root.querySelectorAll('.counts li')].map((item) =>
  [item.firstElementChild!.textContent, Number(item.querySelector('b')!.textContent)]));

describe('the summary panel', () => {
  it('starts as one bar: the worst finding, a chip for each kind on this tab with its count and colour, copy and CSV; the details on request', async () => {
    await shown(analysed());
    expect(root.querySelector('.counts')).toBeNull();
    expect(button('[data-clh-worst]').textContent).toBe(`${ru('countMissingCloud')}: 1`);
    const chips = [...root.querySelectorAll('.chips button')].map((chip) => [chip.getAttribute('data-clh-filter'), chip.textContent]);
    expect(chips).toEqual([
      ['all', ru('filterAll')],
      // Rows with a finding: CLOUD-1 and LOCAL-1 ending, LOCAL-5 ended, both of LOCAL-3 (LOCAL-2's 60 days are no finding yet).
      ['problems', `${ru('filterProblems')} · 5`],
      ['cloud-ending-7', `${ru('countCloudEnding7')} · 1`],
      ['cloud-ending-30', `${ru('countCloudEnding30')} · 1`],
      ['duplicate', `${ru('countDuplicate')} · 2`],
      ['ended', `${ru('countExpired')} · 1`],
      ['ending-30', `${ru('countExpiring30')} · 1`],
      ['ending-90', `${ru('countExpiring90')} · 2`],
    ]);
    // Each chip's colour is its kind's, as the marks on the page have it: no two kinds found here share one.
    const colours = [...root.querySelectorAll<HTMLElement>('.chips .swatch')].map((swatch) => swatch.style.background);
    expect(colours.every(Boolean)).toBe(true);
    expect(root.querySelector('[data-clh-copy]')).not.toBeNull();
    expect(root.querySelector('[data-clh-csv]')).not.toBeNull();
    button('button.toggle').click();
    await vi.waitFor(() => expect(root.querySelector('.counts')).not.toBeNull());
    expect(await fakeBrowser.storage.local.get('panelOpen')).toEqual({ panelOpen: true });
  });

  it('shows every count: cloud terms apart from update subscriptions, ending within 7, 30 and 90 days, ended ones, and repeated licenses', async () => {
    await opened(analysed());
    expect(counts()).toEqual({
      [ru('countLicenses')]: 7,
      [ru('countDevices')]: 7,
      [ru('countMissingCloud')]: 1,
      [ru('countCloudExpired')]: 0,
      [ru('countDeviceCloudEnding7')]: 1,
      [ru('countDeviceCloudEnding30')]: 1,
      [ru('countCloudEnded')]: 0,
      // CLOUD-1's paid term ends in 5 days: within 7, and so within 30.
      [ru('countCloudEnding7')]: 1,
      [ru('countCloudEnding30')]: 1,
      [ru('countUnknownDevice')]: 0,
      // Both licenses of the one product on LOCAL-3.
      [ru('countDuplicate')]: 2,
      [ru('countExpired')]: 1,
      [ru('countExpiring7')]: 0,
      [ru('countExpiring30')]: 1,
      [ru('countExpiring90')]: 2,
      [ru('countExpiredStatus')]: 0,
    });
  });

  it('makes each count a filter: of this tab\'s rows here (pressed again, all rows), of the other tab\'s rows there', async () => {
    const view = await opened(analysed());
    button('.counts [data-clh-filter="ending-90"]').click();
    button('.counts [data-clh-filter="missing-cloud"]').click();
    expect(view.calls).toEqual([['setFilter', 'ending-90'], ['openFiltered', 'devices', 'missing-cloud']]);
    expect(button('.counts [data-clh-filter="missing-cloud"]').title).toBe(ru('countOnOtherTab').replace('$1', 'Устройства'));

    const pressed = await opened(analysed(), viewOf('ending-90'));
    expect(button('.chips [data-clh-filter="ending-90"]').getAttribute('aria-pressed')).toBe('true');
    button('.chips [data-clh-filter="ending-90"]').click();
    expect(pressed.calls).toEqual([['setFilter', undefined]]);
  });

  it('says how many rows of a filter are on other pages, and offers the site\'s whole list, or lists them itself', async () => {
    // This page shows the first two licenses of seven: LOCAL-2's subscription (ending in 60 days) is on another page.
    const firstTwo = (entry: LicenseCheck | DeviceCheck) => 'license' in entry && entry.index < 2;
    await shown(analysed(LICENSES, DEVICES, { onPage: firstTwo, wholeListUrl: 'https://lk.cleverence.ru/licenses?size=all' }), viewOf('ending-90'));
    const note = button('.filter-note');
    expect(note.getAttribute('data-clh-elsewhere')).toBe('1');
    expect(note.textContent).toContain(ru('filterShown').replace('$1', '1'));
    expect(note.textContent).toContain(ru('filterElsewhere').replace('$1', '1'));
    expect(button('[data-clh-whole-list]').getAttribute('href')).toBe('https://lk.cleverence.ru/licenses?size=all');

    render(null, root);
    await shown(analysed(LICENSES, DEVICES, { onPage: firstTwo }), viewOf('ending-90'));
    expect(root.querySelector('[data-clh-whole-list]')).toBeNull();
    button('[data-clh-list-elsewhere]').click();
    await vi.waitFor(() => expect(root.querySelector('[data-clh-group="ending-90"]')?.hasAttribute('open')).toBe(true));
    const rows = [...root.querySelectorAll('[data-clh-group="ending-90"] li')].map((row) => row.textContent);
    expect(rows).toEqual([
      `Mobile SMARTS: Склад 15, ПОЛНЫЙ · LOCAL-1 · ${ru('reportUntil').replace('$1', '05.07.2026')}`,
      `Mobile SMARTS: Склад 15, ПОЛНЫЙ · LOCAL-2 · ${ru('reportUntil').replace('$1', '14.08.2026')} ${ru('rowOtherPage')}`,
    ]);
  });

  it('names the rows of each finding, each a link to its row where this page shows it', async () => {
    const view = await opened(analysed());
    const missing = root.querySelector('[data-clh-group="missing-cloud"]')!;
    // Open by itself: the site's failure that support must hear of. Its device is on the other tab.
    expect(missing.hasAttribute('open')).toBe(true);
    // With its own request to support beside it, and one for all of the group's devices below.
    expect(missing.querySelector('li')!.textContent).toBe(`ТСД CLOUD-2 · CLOUD-2 · Облако ${ru('rowOtherTab').replace('$1', 'Устройства')} ${ru('supportFillOne')}`);
    expect(missing.querySelector('li [data-clh-support="CLOUD-2"]')).not.toBeNull();
    expect(missing.querySelector('[data-clh-support="all"]')!.textContent).toBe(ru('supportFill'));
    expect(missing.textContent).toContain(ru('missingCloudAdvice'));
    expect(missing.textContent).toContain(ru('supportHours'));
    root.querySelector<HTMLElement>('[data-clh-group="ended"] [data-clh-reveal]')!.click();
    expect(view.calls).toEqual([['reveal', expect.objectContaining({ license: LICENSES[3] })]]);
  });

  it('suggests which free license could go on which unlicensed local device', async () => {
    await opened(analysed());
    expect(root.querySelector('.suggestion p')!.textContent).toBe(`${ru('suggestionHeading')}: ${ru('suggestionFree').replace('$1', '1').replace('$2', '1')}`);
    expect([...root.querySelectorAll('[data-clh-pair]')].map((pair) => pair.textContent)).toEqual(['Mobile SMARTS: Склад 15, ПОЛНЫЙ → ТСД LOCAL-4 · LOCAL-4 · Склад на ПК']);
  });

  it('says there is no free license to suggest when none is left for the unlicensed devices', async () => {
    await opened(analysed(LICENSES.slice(0, -1)));
    expect(root.querySelector('.suggestion')!.textContent).toBe(`${ru('suggestionHeading')}: ${ru('suggestionNoFree').replace('$1', '1')}`);
  });

  it('never says all is well about lists it did not read whole: a saved or missing list, or rows of this page it could not read', async () => {
    const fine = analysed([activated('LOCAL-1', 200)], [device('LOCAL-1', 'local')]);
    await shown({ ...fine, sources: { ...fine.sources, devices: { tab: 'devices', state: 'missing', problem: 'network' } } });
    expect(root.querySelector('.ok')).toBeNull();
    await shown({ ...fine, sources: { ...fine.sources, devices: { tab: 'devices', state: 'saved', items: [device('LOCAL-1', 'local')], savedAt: Date.now(), problem: 'unreadable' } } });
    expect(root.querySelector('.ok')).toBeNull();
    await shown({ ...fine, unread: 1 });
    expect(root.querySelector('.ok')).toBeNull();
    expect(root.querySelector('[data-clh-unread]')!.textContent).toBe(ru('unreadRows').replace('$1', '1').replace('$2', '2'));
    await shown(fine);
    expect(root.querySelector('.ok')!.textContent).toBe(ru('nothingWrong'));
  });

  it('says what its badge counts, to a mouse and to a screen reader, and keeps each count apart from its words in the text', async () => {
    await opened(analysed());
    const badge = root.querySelector('.badge')!;
    expect(badge.getAttribute('title')).toBe(ru('badgeTitle').replace('$1', badge.textContent!));
    expect(badge.getAttribute('aria-label')).toBe(badge.getAttribute('title'));
    for (const count of root.querySelectorAll('.counts li')) expect(count.textContent).toMatch(/\D \d+$/);
  });

  it('says nothing is wrong, and shows no badge, no chips and no worst finding, on an account without findings', async () => {
    await opened(analysed([activated('LOCAL-1', 200)], [device('LOCAL-1', 'local')]));
    expect(root.querySelector('.ok')!.textContent).toBe(ru('nothingWrong'));
    expect(root.querySelector('.badge')).toBeNull();
    expect(root.querySelector('.chips')).toBeNull();
    expect(root.querySelector('[data-clh-worst]')).toBeNull();
    expect(root.querySelector('.suggestion')).toBeNull();
  });

  it('copies the findings as text, and says so on the button', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await shown(analysed());
    const copy = button('[data-clh-copy]');
    expect(copy.textContent).toBe(ru('copyText'));
    copy.click();
    await vi.waitFor(() => expect(copy.textContent).toBe(ru('copied')));
    expect(writeText).toHaveBeenCalledOnce();
    const copied = writeText.mock.calls[0]![0];
    expect(copied).toContain('CLOUD-2');
    expect(copied).toContain('LOCAL-3');
  });
});
