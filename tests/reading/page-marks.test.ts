// What the extension writes into the account's list: row attributes, a marker
// with a tooltip sentence, and a filter that hides rows and puts them back.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyMarks, filterRows, isOurs, MARKER_ELEMENTS_UP_TO, PANEL_TAG, type RowMark } from '@/utils/reading/page-marks';

/** The demo's `table` markup: a status cell whose status word holds the marker. */
function listPage(rows: number): HTMLElement[] {
  document.body.replaceChildren();
  const table = document.createElement('table');
  const body = document.createElement('tbody');
  const made: HTMLElement[] = [];
  for (let n = 1; n <= rows; n++) {
    const row = document.createElement('tr');
    row.className = 'license-row';
    for (const text of [`Основная Mobile SMARTS №${n}`, '', '17.04.2025', 'До 17.04.2026 Продлить']) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    const status = document.createElement('span');
    status.className = 'status';
    status.textContent = 'Активирована';
    row.children[1]!.append(status);
    body.append(row);
    made.push(row);
  }
  table.append(body);
  document.body.append(table);
  return made;
}

const statusOf = (row: HTMLElement) => row.querySelector<HTMLElement>('.status')!;
const markersIn = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>('[data-clh-marker]')];

/** Each shadow root made, by its host: a marker's is closed, so neither the page nor a test finds it through the marker. */
const shadowRoots = new WeakMap<Element, { root: ShadowRoot; mode: ShadowRootMode }>();
const shadowOf = (host: Element) => shadowRoots.get(host)!.root;
beforeAll(() => {
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attach.call(this, init);
    shadowRoots.set(this, { root, mode: init.mode });
    return root;
  });
});
afterAll(() => {
  vi.restoreAllMocks();
});

function mark(element: HTMLElement, fields: Partial<RowMark> = {}): RowMark {
  return {
    element,
    markerSlot: () => statusOf(element),
    attributes: { 'data-clh-license': 'activated', 'data-clh-flags': 'expired' },
    flags: ['expired'],
    sentences: ['Подписка на обновление закончилась 05.06.2026: продлите её ссылкой «Продлить».'],
    groups: ['ended'],
    color: '#7b1fa2',
    ...fields,
  };
}

beforeEach(() => {
  // Rows left hidden by a test that failed are put back before the next one.
  filterRows([], undefined);
});

afterEach(() => {
  filterRows([], undefined);
});

describe('applyMarks', () => {
  it('puts one marker into the slot of each row that has something to say, and none elsewhere', async () => {
    const [flagged, quiet, other] = listPage(3);
    await applyMarks([mark(flagged!), mark(quiet!, { flags: [], sentences: [] }), mark(other!)]);
    expect(markersIn(statusOf(flagged!))).toHaveLength(1);
    expect(markersIn(quiet!)).toHaveLength(0);
    expect(markersIn(statusOf(other!))).toHaveLength(1);
    expect(markersIn(document)).toHaveLength(2);
  });

  it('gives the marker its sentences as the tooltip and the accessible name', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!, { sentences: ['Первое.', 'Второе.'] })]);
    const [marker] = markersIn(row!);
    expect(marker!.title).toBe('Первое.\nВторое.');
    expect(marker!.getAttribute('aria-label')).toBe('Первое.\nВторое.');
    expect(marker!.getAttribute('role')).toBe('img');
  });

  it('shows a sentence holding markup as text: no element is made from it', async () => {
    const [row] = listPage(1);
    const sentence = 'Лицензия привязана к устройству <img src=x onerror="window.pwned=1">, которого нет во вкладке «Устройства».';
    await applyMarks([mark(row!, { sentences: [sentence] })]);
    const [marker] = markersIn(row!);
    expect(marker!.title).toBe(sentence);
    expect(row!.querySelector('img')).toBeNull();
    expect(marker!.children).toHaveLength(0);
    expect(shadowOf(marker!).querySelector('img')).toBeNull();
    // The badge, and the same words as text for keyboard and touch.
    expect(shadowOf(marker!).textContent).toBe(`!${sentence}`);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('opens its words under it when focused (Tab) or tapped, and closes them on leaving or Escape', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!, { sentences: ['Подписка на обновление закончилась.'] })]);
    const [marker] = markersIn(row!);
    const tip = [...shadowOf(marker!).children].find((child) => child.textContent === 'Подписка на обновление закончилась.') as HTMLElement;
    expect(marker!.tabIndex).toBe(0);
    expect(tip.hidden).toBe(true);
    marker!.focus();
    expect(tip.hidden).toBe(false);
    marker!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(tip.hidden).toBe(true);
    marker!.blur();
    marker!.focus();
    expect(tip.hidden).toBe(false);
    marker!.blur();
    expect(tip.hidden).toBe(true);
  });

  it('colours the marker as its kind', async () => {
    const [ended, missing] = listPage(2);
    await applyMarks([mark(ended!), mark(missing!, { color: '#c62828' })]);
    const colour = (row: HTMLElement) => (shadowOf(markersIn(row)[0]!).firstChild as HTMLElement).style.background;
    expect([colour(ended!), colour(missing!)]).toEqual(['#7b1fa2', '#c62828']);
  });

  it('keeps the marker\'s badge in a closed shadow root: the page cannot look into it', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!)]);
    const [marker] = markersIn(row!);
    expect(shadowRoots.get(marker!)?.mode).toBe('closed');
    expect(marker!.shadowRoot).toBeNull();
  });

  it('writes nothing once its signal has aborted (the extension went while it worked)', async () => {
    const rows = listPage(3);
    const aborter = new AbortController();
    aborter.abort();
    await applyMarks(rows.map((row) => mark(row)), aborter.signal);
    expect(markersIn(document)).toHaveLength(0);
    expect(rows.filter((row) => row.hasAttribute('data-clh-flags'))).toHaveLength(0);
  });

  it('does not add a second marker when the same marks are applied again, and keeps the newest sentence', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!, { sentences: ['Старое.'] })]);
    await applyMarks([mark(row!, { sentences: ['Новое.'] })]);
    await applyMarks([mark(row!, { sentences: ['Новое.'] })]);
    expect(markersIn(document)).toHaveLength(1);
    expect(markersIn(row!)[0]!.title).toBe('Новое.');
  });

  it('adds or removes no node when the same marks are applied again (the page observer stays asleep)', async () => {
    const rows = listPage(3);
    const marks = rows.map((row) => mark(row));
    await applyMarks(marks);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    await applyMarks(marks);
    changes.push(...observer.takeRecords());
    observer.disconnect();
    expect(changes).toEqual([]);
  });

  it('removes the marker once the row has nothing more to say', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!)]);
    await applyMarks([mark(row!, { flags: [], sentences: [] })]);
    expect(markersIn(document)).toHaveLength(0);
  });

  it('asks where a marker goes only of the rows that get one', async () => {
    const [flagged, quiet] = listPage(2);
    const asked: HTMLElement[] = [];
    const slotOf = (row: HTMLElement) => () => {
      asked.push(row);
      return statusOf(row);
    };
    await applyMarks([mark(flagged!, { markerSlot: slotOf(flagged!) }), mark(quiet!, { flags: [], sentences: [], markerSlot: slotOf(quiet!) })]);
    expect(asked).not.toContain(quiet);
    expect(asked).toContain(flagged);
    expect(markersIn(statusOf(flagged!))).toHaveLength(1);
  });

  it('puts a marker back when the site redraws the row\'s cell', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!)]);
    const redrawn = document.createElement('span');
    redrawn.className = 'status';
    redrawn.textContent = 'Активирована';
    row!.children[1]!.replaceChildren(redrawn);
    await applyMarks([mark(row!, { markerSlot: () => redrawn })]);
    expect(markersIn(redrawn)).toHaveLength(1);
    expect(markersIn(document)).toHaveLength(1);
  });

  it('sets the row\'s data attributes and removes those marked undefined', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!, { attributes: { 'data-clh-license': 'activated', 'data-clh-flags': 'expiring', 'data-clh-days-left': '12' } })]);
    expect(row!.getAttribute('data-clh-flags')).toBe('expiring');
    expect(row!.getAttribute('data-clh-days-left')).toBe('12');

    await applyMarks([mark(row!, { attributes: { 'data-clh-license': 'activated', 'data-clh-flags': '', 'data-clh-days-left': undefined } })]);
    expect(row!.getAttribute('data-clh-license')).toBe('activated');
    expect(row!.getAttribute('data-clh-flags')).toBe('');
    expect(row!.hasAttribute('data-clh-days-left')).toBe(false);
  });

  it('leaves the row\'s own text and the site\'s attributes as they were', async () => {
    const [row] = listPage(1);
    const text = row!.textContent;
    await applyMarks([mark(row!)]);
    expect(row!.textContent).toBe(text);
    expect(row!.className).toBe('license-row');
  });
});

describe('isOurs', () => {
  it('knows our markers and the panel, and nothing of the page', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!)]);
    expect(isOurs(markersIn(row!)[0]!)).toBe(true);
    expect(isOurs(document.createElement(PANEL_TAG))).toBe(true);
    expect(isOurs(row!)).toBe(false);
    expect(isOurs(statusOf(row!))).toBe(false);
    expect(isOurs(statusOf(row!).firstChild!)).toBe(false); // the status word's text
  });
});

describe('filterRows', () => {
  it('hides the rows the filter does not keep and shows every row again when cleared', () => {
    const rows = listPage(3);
    const marks = [mark(rows[0]!), mark(rows[1]!, { flags: [] }), mark(rows[2]!)];
    filterRows(marks, (m) => m.flags.length > 0);
    expect(rows.map((row) => row.style.display)).toEqual(['', 'none', '']);

    filterRows(marks, undefined);
    expect(rows.map((row) => row.getAttribute('style'))).toEqual([null, null, null]);
  });

  it('restores the style attribute exactly: a row\'s own style back, a row with none left with none', () => {
    const rows = listPage(2);
    rows[0]!.setAttribute('style', 'color: red');
    const marks = rows.map((row) => mark(row, { flags: [] }));

    filterRows(marks, () => false);
    expect(rows[0]!.getAttribute('style')).toBe('color: red; display: none !important;');
    expect(rows[1]!.getAttribute('style')).toBe('display: none !important;');
    expect(rows[0]!.style.color).toBe('red');

    filterRows(marks, undefined);
    expect(rows[0]!.getAttribute('style')).toBe('color: red');
    expect(rows[1]!.getAttribute('style')).toBeNull();
  });

  it('wins over the row\'s own display, and gives it back', () => {
    const [row] = listPage(1);
    row!.setAttribute('style', 'display: table-row;');
    filterRows([mark(row!, { flags: [] })], () => false);
    expect(row!.style.getPropertyValue('display')).toBe('none');
    expect(row!.style.getPropertyPriority('display')).toBe('important');
    filterRows([mark(row!, { flags: [] })], undefined);
    expect(row!.getAttribute('style')).toBe('display: table-row;');
  });

  it('switches from one filter to another without losing what the rows had', () => {
    const rows = listPage(3);
    rows[1]!.setAttribute('style', 'color: red');
    const marks = [mark(rows[0]!, { flags: ['expired'] }), mark(rows[1]!, { flags: ['unknown-device'] }), mark(rows[2]!, { flags: [] })];

    filterRows(marks, (m) => m.flags.includes('expired'));
    filterRows(marks, (m) => m.flags.includes('unknown-device'));
    expect(rows.map((row) => row.style.display)).toEqual(['none', '', 'none']);
    expect(rows[1]!.getAttribute('style')).toBe('color: red');

    filterRows(marks, undefined);
    expect(rows.map((row) => row.getAttribute('style'))).toEqual([null, 'color: red', null]);
  });

  it('hides a row listed twice once, and restores it to the site\'s own style', () => {
    const [row] = listPage(1);
    row!.setAttribute('style', 'color: red');
    const marks = [mark(row!, { flags: [] }), mark(row!, { flags: [] })];
    filterRows(marks, () => false);
    expect(row!.getAttribute('style')).toBe('color: red; display: none !important;');
    filterRows(marks, undefined);
    expect(row!.getAttribute('style')).toBe('color: red');
  });

  it('leaves the markers in place while rows are hidden', async () => {
    const [row] = listPage(1);
    await applyMarks([mark(row!)]);
    filterRows([mark(row!)], () => false);
    expect(markersIn(row!)).toHaveLength(1);
    filterRows([mark(row!)], undefined);
    expect(markersIn(row!)).toHaveLength(1);
  });
});

describe('a page of thousands of rows', () => {
  const many = MARKER_ELEMENTS_UP_TO + 1;

  it('adds no element to the list: the status word lends its tooltip and is underlined in the finding\'s colour, its own colour kept', async () => {
    const rows = listPage(many);
    statusOf(rows[1]!).title = 'Своя подсказка сайта';
    await applyMarks(rows.map((row, n) => (n % 2 === 0 ? mark(row) : mark(row, { flags: [], sentences: [] }))));
    expect(markersIn(document)).toHaveLength(0);
    expect(statusOf(rows[0]!).title).toBe(mark(rows[0]!).sentences[0]);
    expect(statusOf(rows[0]!).getAttribute('style')).toBe('text-decoration: underline 2px #7b1fa2 !important; text-underline-offset: 3px !important;');
    expect(statusOf(rows[0]!).style.getPropertyValue('color')).toBe('');
    // A quiet row keeps its own tooltip and gets no colour.
    expect(statusOf(rows[1]!).title).toBe('Своя подсказка сайта');
    expect(statusOf(rows[1]!).hasAttribute('style')).toBe(false);
  });

  it('gives the cell its own tooltip back once the row has nothing to say, and when the page shrinks back to markers', async () => {
    const rows = listPage(many);
    statusOf(rows[0]!).title = 'Своя подсказка сайта';
    await applyMarks(rows.map((row) => mark(row)));
    expect(statusOf(rows[0]!).title).not.toBe('Своя подсказка сайта');

    await applyMarks(rows.map((row) => mark(row, { flags: [], sentences: [] })));
    expect(statusOf(rows[0]!).title).toBe('Своя подсказка сайта');
    expect(statusOf(rows[1]!).hasAttribute('title')).toBe(false);
    expect(statusOf(rows[1]!).hasAttribute('style')).toBe(false);

    await applyMarks(rows.map((row) => mark(row)));
    await applyMarks(rows.slice(0, 2).map((row) => mark(row)));
    expect(markersIn(document)).toHaveLength(2);
    expect(statusOf(rows[0]!).title).toBe('Своя подсказка сайта');
    expect(statusOf(rows[1]!).hasAttribute('title')).toBe(false);
  });
});
