// The summary panel as a user reads it: every count it promises, the devices
// to report, the suggestion, and the copy button. The checks behind it have
// tests of their own (checks.test.ts, report.test.ts); here the question is
// whether the panel shows what they found. In real Chromium the panel is
// tested on the demo account (e2e/licenses-tab.test.ts).
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SummaryPanel } from '@/components/SummaryPanel';
import type { AnalysedPage } from '@/utils/reading/account-page';
import { crossCheck } from '@/utils/checks/checks';
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

function analysed(licenses = LICENSES, devices = DEVICES): AnalysedPage {
  return {
    tab: 'licenses',
    check: crossCheck(licenses, devices, TODAY),
    sources: { licenses: { tab: 'licenses', state: 'fresh', items: licenses }, devices: { tab: 'devices', state: 'fresh', items: devices } },
    flagsOnPage: [],
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

async function shown(page: AnalysedPage) {
  render(<SummaryPanel page={page} filter={undefined} onFilter={() => undefined} />, root);
  await vi.waitFor(() => expect(root.querySelector('.counts')).not.toBeNull()); // unfolded once the stored state is read
}

/** The panel's counts as a user reads them: each label with its number. */
const counts = () => Object.fromEntries([...root.querySelectorAll('.counts li')].map((item) =>
  [item.querySelector('span')!.textContent, Number(item.querySelector('b')!.textContent)]));

describe('the summary panel', () => {
  it('shows every count: cloud terms apart from update subscriptions, ending within 7, 30 and 90 days, ended ones, and repeated licenses', async () => {
    await shown(analysed());
    expect(counts()).toEqual({
      [ru('countLicenses')]: 7,
      [ru('countDevices')]: 7,
      [ru('countMissingCloud')]: 1,
      [ru('countCloudExpired')]: 0,
      [ru('countCloudEnded')]: 0,
      // CLOUD-1's paid term ends in 5 days: within 7, and so within 30.
      [ru('countCloudEnding7')]: 1,
      [ru('countCloudEnding30')]: 1,
      [ru('countExpired')]: 1,
      [ru('countExpiring7')]: 0,
      [ru('countExpiring30')]: 1,
      [ru('countExpiring90')]: 2,
      [ru('countExpiredStatus')]: 0,
      [ru('countUnknownDevice')]: 0,
      [ru('countDuplicate')]: 1,
    });
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

  it('names the devices to report to support, and suggests the free license for the unlicensed local device', async () => {
    await shown(analysed());
    expect([...root.querySelectorAll('[data-clh-missing-device]')].map((item) => item.getAttribute('data-clh-missing-device'))).toEqual(['CLOUD-2']);
    expect(root.textContent).toContain(ru('missingCloudAdvice'));
    expect(root.querySelector('.suggestion')!.textContent).toBe(`${ru('suggestionHeading')}: ${ru('suggestionFree').replace('$1', '1').replace('$2', '1')}`);
  });

  it('says there is no free license to suggest when none is left for the unlicensed devices', async () => {
    await shown(analysed(LICENSES.slice(0, -1)));
    expect(root.querySelector('.suggestion')!.textContent).toBe(`${ru('suggestionHeading')}: ${ru('suggestionNoFree').replace('$1', '1')}`);
  });

  it('says what its badge counts, to a mouse and to a screen reader, and keeps each count apart from its words in the text', async () => {
    await shown(analysed());
    const badge = root.querySelector('.badge')!;
    expect(badge.getAttribute('title')).toBe(ru('badgeTitle').replace('$1', badge.textContent!));
    expect(badge.getAttribute('aria-label')).toBe(badge.getAttribute('title'));
    for (const count of root.querySelectorAll('.counts li')) expect(count.textContent).toMatch(/\D \d+$/);
  });

  it('says nothing is wrong, and shows no badge, on an account without findings', async () => {
    await shown(analysed([activated('LOCAL-1', 200)], [device('LOCAL-1', 'local')]));
    expect(root.querySelector('.ok')!.textContent).toBe(ru('nothingWrong'));
    expect(root.querySelector('.badge')).toBeNull();
    expect(root.querySelector('.suggestion')).toBeNull();
  });

  it('copies the findings as text, and says so on the button', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await shown(analysed());
    const button = [...root.querySelectorAll('.actions button')].find((item) => item.textContent === ru('copyText')) as HTMLButtonElement;
    button.click();
    await vi.waitFor(() => expect(button.textContent).toBe(ru('copied')));
    expect(writeText).toHaveBeenCalledOnce();
    const copied = writeText.mock.calls[0]![0];
    expect(copied).toContain('CLOUD-2');
    expect(copied).toContain('LOCAL-3');
  });
});
