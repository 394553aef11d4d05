/**
 * How much of the page the adapter reads, not how fast (times in happy-dom say
 * nothing about Chromium): a 10,000-row list must be walked once, its rows'
 * own 25,000 links and buttons must not be read to find the tabs or the pager,
 * and no row's whole text may be built again and again. Counted on the
 * document's own tree walkers and textContent reads.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listPageUrls, recogniseAccountTab, tabUrl } from '@/utils/site/page';
import { readDeviceRows, readLicenseRows } from '@/utils/site/rows';

const LK = 'https://lk.cleverence.ru';
const ROWS = 300;
const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');

const nav = (current: 'licenses' | 'devices') => `<header><span>partner@example.ru</span></header>
<nav><a href="/licenses"${current === 'licenses' ? ' aria-current="page"' : ''}>Лицензии</a>
<a href="/devices"${current === 'devices' ? ' aria-current="page"' : ''}>Устройства</a></nav>
<p>Показывать по: <a href="?size=20">20</a> <a href="?size=all">Все</a></p>`;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (n: number) => `${pad(1 + (n % 28))}.${pad(1 + (n % 12))}.${2020 + (n % 7)}`;
const hex = (n: number) => n.toString(16).toUpperCase().padStart(32, '0');

/** `between`: what the markup has between a row's cells (a client-rendered list has no line breaks). */
function licensesPage(between = '\n'): Document {
  const rows = Array.from({ length: ROWS }, (_, n) => [
    '<tr>',
    `<td><input type="checkbox" name="license" value="${n}"></td>`,
    `<td><span>${n % 2 ? 'Облачная' : 'Основная'}</span> <span>Mobile SMARTS: Склад ${n}</span>${n % 2 ? ' <a href="/licenses/1/code">Показать код активации</a>' : ''}</td>`,
    `<td><span>${n % 3 ? 'Активирована' : 'Свободная'}</span>${n % 3 ? ` <span>WIN-H-${hex(n)}</span>` : ''}</td>`,
    `<td>${day(n)}</td>`,
    `<td>До ${day(n + 1)} <a href="/licenses/${n}/renew">Продлить</a></td>`,
    '<td><button type="button">...</button></td>',
    '</tr>',
  ].join(between)).join('\n');
  return page(`${nav('licenses')}<main><table><thead><tr><th></th><th>Лицензия</th><th>Статус</th></tr></thead>
<tbody>${rows}</tbody></table>
<nav><a href="?page=1">1</a> <a href="?page=2">2</a></nav></main>`);
}

function devicesPage(): Document {
  const rows = Array.from({ length: ROWS }, (_, n) => `<div class="card">
  <div><strong>Urovo RT40 №${n}</strong></div>
  <div><span>@UROVO-RT40-O-${hex(n).slice(-8)}</span></div>
  <div><span>Склад ${n}</span></div>
  <div><span>${n % 2 ? 'Облачная база' : 'Локальная база'}</span></div>
  <div><span>${day(n)} 10:00</span></div>
</div>`).join('\n');
  return page(`${nav('devices')}<main><div class="grid"><div><span>Устройство</span><span>Идентификатор</span></div>
<div class="body">${rows}</div></div></main>`);
}

/** Counts each text node's visits by the document's tree walkers. */
function countVisits(doc: Document): Map<Node, number> {
  const visits = new Map<Node, number>();
  const create = doc.createTreeWalker.bind(doc);
  doc.createTreeWalker = ((root: Node, whatToShow?: number, filter?: NodeFilter | null) => {
    const walker = create(root, whatToShow, filter);
    const next = walker.nextNode.bind(walker);
    walker.nextNode = () => {
      const node = next();
      if (node?.nodeType === 3) visits.set(node, (visits.get(node) ?? 0) + 1);
      return node;
    };
    return walker;
  }) as Document['createTreeWalker'];
  return visits;
}

/** Counts textContent reads, by the element (or node) read (not happy-dom's own reads of its children meanwhile). */
function countTextContent(doc: Document): Map<Node, number> {
  const reads = new Map<Node, number>();
  let depth = 0;
  for (const node of [doc.body, doc.createTextNode('')]) {
    let owner: object | null = node;
    while (owner && !Object.getOwnPropertyDescriptor(owner, 'textContent')) owner = Object.getPrototypeOf(owner) as object | null;
    if (!owner || vi.isMockFunction(Object.getOwnPropertyDescriptor(owner, 'textContent')!.get)) continue;
    const getter = Object.getOwnPropertyDescriptor(owner, 'textContent')!.get!;
    vi.spyOn(owner as Node, 'textContent', 'get').mockImplementation(function (this: Node) {
      if (depth === 0) reads.set(this, (reads.get(this) ?? 0) + 1);
      depth++;
      try {
        return getter.call(this) as string;
      } finally {
        depth--;
      }
    });
  }
  return reads;
}

const textNodes = (doc: Document) => {
  let count = 0;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) count++;
  return count;
};

const sum = (counts: Map<Node, number>) => [...counts.values()].reduce((total, count) => total + count, 0);

/**
 * The texts of the rows after the first that the reader visits one by one:
 * only the second row's, up to its kind word or id (which tells where the
 * list is: what holds both rows), each once; no later row's.
 */
function expectRestNotWalked(rest: readonly HTMLElement[], visits: Map<Node, number>): void {
  const [second, ...later] = rest;
  expect([...visits.keys()].filter((node) => later.some((row) => row.contains(node)))).toEqual([]);
  const inSecond = [...visits].filter(([node]) => second!.contains(node));
  expect(inSecond.every(([, count]) => count === 1)).toBe(true);
  expect(inSecond.length).toBeLessThanOrEqual(4);
}

/**
 * Only the first row is grown by its whole text and read both ways (node by
 * node, and line by line); the rest, its siblings, are read line by line:
 * each one's whole text built once, no cell's alone, and no text node visited
 * but the second row's first few (expectRestNotWalked).
 */
function expectReadLineByLine(rows: ReadonlyArray<{ element: HTMLElement }>, reads: Map<Node, number>, visits: Map<Node, number>): void {
  const [first, ...rest] = rows.map((row) => row.element);
  expect(reads.get(first!)).toBe(2);
  expectRestNotWalked(rest, visits);
  for (const row of rest) {
    expect(reads.get(row)).toBe(1);
    for (const cell of row.children) expect(reads.has(cell)).toBe(false);
  }
}

/** As expectReadLineByLine, but each following row read cell by cell: each cell's text built once, not the row's. */
function expectReadCellByCell(rows: ReadonlyArray<{ element: HTMLElement }>, reads: Map<Node, number>, visits: Map<Node, number>): void {
  const [first, ...rest] = rows.map((row) => row.element);
  expectRestNotWalked(rest, visits);
  expect(reads.has(first!)).toBe(true);
  for (const row of rest) {
    expect(reads.has(row)).toBe(false);
    for (const cell of row.children) expect(reads.get(cell)).toBe(1);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('reading a long list walks it once', () => {
  it(`reads ${ROWS} license rows visiting each text at most twice (the first row's, once more), ${ROWS + 1} and more not at all`, async () => {
    const doc = licensesPage();
    const all = textNodes(doc);
    const visits = countVisits(doc);
    const reads = countTextContent(doc);
    const rows = await readLicenseRows(doc.body);
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((row) => row.license.product)).toEqual(Array.from({ length: ROWS }, (_, n) => `Mobile SMARTS: Склад ${n}`));
    expect(Math.max(...visits.values())).toBeLessThanOrEqual(2);
    expect(sum(visits)).toBeLessThan(all + 40);
    expectReadLineByLine(rows, reads, visits);
  });

  it(`reads ${ROWS} license rows written without line breaks cell by cell`, async () => {
    const doc = licensesPage(' ');
    const visits = countVisits(doc);
    const reads = countTextContent(doc);
    const rows = await readLicenseRows(doc.body);
    expect(rows.map((row) => row.license.product)).toEqual(Array.from({ length: ROWS }, (_, n) => `Mobile SMARTS: Склад ${n}`));
    expect(rows.map((row) => row.license.deviceId)).toEqual(Array.from({ length: ROWS }, (_, n) => (n % 3 ? `WIN-H-${hex(n)}` : undefined)));
    expectReadCellByCell(rows, reads, visits);
  });

  it(`reads ${ROWS} device rows the same way`, async () => {
    const doc = devicesPage();
    const all = textNodes(doc);
    const visits = countVisits(doc);
    const reads = countTextContent(doc);
    const rows = await readDeviceRows(doc.body);
    expect(rows).toHaveLength(ROWS);
    expect(rows.map((row) => row.device.connection)).toEqual(Array.from({ length: ROWS }, (_, n) => (n % 2 ? 'cloud' : 'local')));
    expect(Math.max(...visits.values())).toBeLessThanOrEqual(2);
    expect(sum(visits)).toBeLessThan(all + 40);
    expectReadLineByLine(rows, reads, visits);
  });

  it('reading the other tab\'s rows on a page reads none, and does not build the whole list\'s text once per row', async () => {
    const licenses = licensesPage();
    const licenseReads = countTextContent(licenses);
    expect(await readDeviceRows(licenses.body)).toEqual([]);
    const main = licenses.querySelector('main')!;
    expect([...licenseReads].filter(([node]) => node.contains(main) || main === node).every(([, count]) => count === 1)).toBe(true);
    vi.restoreAllMocks();

    const devices = devicesPage();
    const deviceReads = countTextContent(devices);
    expect(await readLicenseRows(devices.body)).toEqual([]);
    const body = devices.querySelector('.body')!;
    expect(deviceReads.get(body) ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('finding the tabs and the pager does not read the rows', () => {
  it('recogniseAccountTab and tabUrl stop at the navigation, before the rows\' links and buttons', () => {
    const doc = licensesPage();
    const reads = countTextContent(doc);
    const url = new URL(`${LK}/licenses?size=all`);
    expect(recogniseAccountTab(doc, url)).toBe('licenses');
    expect(tabUrl(doc, 'devices', url)?.href).toBe(`${LK}/devices`);
    const main = doc.querySelector('main')!;
    expect([...reads.keys()].filter((node) => main.contains(node))).toEqual([]);
  });

  it('listPageUrls stops at the «Все» page size, before the rows\' «Продлить» links', () => {
    const doc = licensesPage();
    const reads = countTextContent(doc);
    expect(listPageUrls(doc, new URL(`${LK}/licenses`)).map(String)).toEqual([`${LK}/licenses?size=all`]);
    const main = doc.querySelector('main')!;
    expect([...reads.keys()].filter((node) => main.contains(node))).toEqual([]);
  });
});
