// @vitest-environment-options {"settings":{"handleDisabledFileLoadingAsSuccess":true}}
// (the saved pages read below link the account's style sheet, which happy-dom need not fetch)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '@/utils/shared/dates';
import { listPageUrls, recogniseAccountTab, tabUrl } from '@/utils/site/page';
import { readDevice as readDeviceTexts, readDeviceRows, readLicense, readLicenseRows } from '@/utils/site/rows';

const readDevice = (texts: readonly string[]) => readDeviceTexts(texts)?.device;

const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const LK = 'https://lk.cleverence.ru';

describe('readLicense (a row\'s texts, cell by cell)', () => {
  it('reads the article\'s free main license', () => {
    const read = readLicense(['Основная Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ...', 'Свободная', '17.04.2019', 'До 17.04.2019', 'Продлить', '...']);
    expect(read?.license).toEqual({
      kind: 'main', product: 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ...', status: 'free',
      date: dayNumber(2019, 4, 17), subscriptionEnd: dayNumber(2019, 4, 17),
    });
  });

  it('reads the article\'s activated cloud license with its device, kind and product in separate cells', () => {
    const read = readLicense(['Облачная', 'ОБЛАКО Mobile SMARTS: Магазин ...', 'Показать код активации', 'Активирована', 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', '08.11.2022', 'До 08.11.2022', 'Продлить']);
    expect(read?.license).toMatchObject({ kind: 'cloud', product: 'ОБЛАКО Mobile SMARTS: Магазин ...', status: 'activated', deviceId: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D' });
    expect(read?.license.activationCode).toBeUndefined();
  });

  it.each([
    ['in one text', ['Основная X', 'Свободная', '01.02.2026', 'До 01.02.2027', 'Продлить']],
    ['with «До» and its date in two texts', ['Основная X', 'Свободная', '01.02.2026', 'До', '01.02.2027', 'Продлить']],
    ['before the row\'s own date', ['Основная X', 'Свободная', 'До 01.02.2027', '01.02.2026']],
    ['in two texts, before the row\'s own date', ['Основная X', 'Свободная', 'До', '01.02.2027', '01.02.2026']],
    ['with the row\'s own date in the same text', ['Основная X', 'Свободная', '01.02.2026 До 01.02.2027']],
  ])('tells the subscription\'s end from the row\'s own date, the end written %s', (_, segments) => {
    expect(readLicense(segments)?.license).toMatchObject({ date: dayNumber(2026, 2, 1), subscriptionEnd: dayNumber(2027, 2, 1) });
  });

  it('keeps a revealed activation code, and never takes the device id for one', () => {
    const read = readLicense(['Облачная ОБЛАКО Mobile SMARTS: Магазин ...', 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'Истекла @XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', '20.10.2022', 'До 20.10.2022']);
    expect(read?.license).toMatchObject({ activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', status: 'expired', deviceId: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B' });
  });

  it('reads a row whose cells run the kind, the product and «Показать код активации» (or the code it revealed) into one text', () => {
    const byNodes = readLicense(['Облачная', 'ОБЛАКО Mobile SMARTS: Магазин ...', 'Показать код активации', 'Активирована', '@NEWLAND-MT90-O-LAM613E9FC89DE07CBF', '13.05.2026', 'До 13.05.2027', 'Продлить', '...']);
    const byCells = readLicense(['Облачная ОБЛАКО Mobile SMARTS: Магазин ... Показать код активации', 'Активирована @NEWLAND-MT90-O-LAM613E9FC89DE07CBF', '13.05.2026', 'До 13.05.2027 Продлить', '...']);
    expect(byCells?.license).toEqual(byNodes?.license);
    expect(byCells?.license.product).toBe('ОБЛАКО Mobile SMARTS: Магазин ...');

    const revealed = readLicense(['Облачная ОБЛАКО Mobile SMARTS: Магазин ... A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'Свободная', '13.05.2026', 'До 13.05.2027 Продлить']);
    expect(revealed?.license).toMatchObject({ product: 'ОБЛАКО Mobile SMARTS: Магазин ...', activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', status: 'free' });
    expect(readLicense(['Cloud CLOUD Mobile SMARTS: Shop ... Show activation code', 'Free', '13.05.2026', 'Until 13.05.2027 Renew'])?.license.product)
      .toBe('CLOUD Mobile SMARTS: Shop ...');
  });

  it('cuts a product short only at the link\'s words or a whole code, never at a device id', () => {
    expect(readLicense(['Основная Mobile SMARTS: Склад 15', 'Свободная', '13.05.2026'])?.license).toMatchObject({ product: 'Mobile SMARTS: Склад 15' });
    expect(readLicense(['Основная Mobile SMARTS WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'Свободная', '13.05.2026'])?.license)
      .toMatchObject({ product: 'Mobile SMARTS WIN-H-4A5F39F07C114C76B6C958170C940A9D' });
  });

  it('reads the English UI', () => {
    const read = readLicense(['Cloud CLOUD Mobile SMARTS: Shop ...', 'Activated WIN-H-4A5F39F07C114C76B6C958170C940A9D', '08.11.2022', 'Until 08.11.2022', 'Renew']);
    expect(read?.license).toMatchObject({ kind: 'cloud', status: 'activated', subscriptionEnd: dayNumber(2022, 11, 8) });
  });

  it('takes 01.01.1970 as no date and an impossible day as unknown', () => {
    expect(readLicense(['Основная Лицензия ПРОФ на 1 (один) терм...', 'Свободная', '01.01.1970', 'До 01.01.1970'])?.license)
      .toMatchObject({ date: 'none', subscriptionEnd: 'none' });
    expect(readLicense(['Основная X', 'Свободная', '31.02.2026', 'До 31.02.2026'])?.license)
      .toMatchObject({ date: 'unknown', subscriptionEnd: 'unknown' });
  });

  it('keeps a row whose status word is new to us, as unknown', () => {
    expect(readLicense(['Основная X', 'Заблокирована', '01.02.2026', 'До 01.02.2027'])?.license.status).toBe('unknown');
  });

  it('is not a license without a kind word or without any date', () => {
    expect(readLicense(['Mobile SMARTS', 'Свободная', '01.02.2026'])).toBeUndefined();
    expect(readLicense(['Основная X', 'Свободная'])).toBeUndefined();
  });
});

describe('readDevice', () => {
  it('reads name, id, database, connection and last connection', () => {
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Склад Москва', 'Облачная база', '27.11.2026 14:05'])).toEqual({
      name: 'Urovo RT40', id: '@UROVO-RT40-O-1A2B3C4D', database: 'Склад Москва', connection: 'cloud', lastSeen: dayNumber(2026, 11, 27),
    });
  });
  it('reads a local database device in English', () => {
    expect(readDevice(['PC scanner', 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'Shop 1', 'Local database', '01.10.2026 09:00'])?.connection).toBe('local');
  });
  it('is not a device without an id shape or a database type', () => {
    expect(readDevice(['Urovo RT40', 'RT40-123', 'Склад', 'Облачная база'])).toBeUndefined();
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Склад'])).toBeUndefined();
  });

  it('does not take a connection word in the device\'s name for its database type', () => {
    expect(readDevice(['Cloud POS 1', 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'Shop 1', 'Local database', '01.10.2026 09:00'])).toEqual({
      name: 'Cloud POS 1', id: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', database: 'Shop 1', connection: 'local', lastSeen: dayNumber(2026, 10, 1),
    });
    expect(readDevice(['Облачный терминал', '@UROVO-RT40-O-1A2B3C4D', 'Склад', 'Локальная база', '27.11.2026 14:05']))
      .toMatchObject({ name: 'Облачный терминал', database: 'Склад', connection: 'local' });
  });

  it('does not take a connection word in the database\'s name for its type', () => {
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Облачный склад', 'Локальная база', '27.11.2026 14:05']))
      .toMatchObject({ database: 'Облачный склад', connection: 'local' });
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Local warehouse', 'Cloud database', '27.11.2026 14:05']))
      .toMatchObject({ database: 'Local warehouse', connection: 'cloud' });
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Облако', 'Локальная', '27.11.2026 14:05']))
      .toMatchObject({ database: 'Облако', connection: 'local' });
  });

  it('still reads a type written in the database\'s own cell, and the last mention when none stands alone', () => {
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Склад (облако)', '27.11.2026 14:05']))
      .toMatchObject({ database: 'Склад (облако)', connection: 'cloud', lastSeen: dayNumber(2026, 11, 27) });
    expect(readDevice(['Urovo RT40', '@UROVO-RT40-O-1A2B3C4D', 'Облачный склад', 'Склад (локальная)']))
      .toMatchObject({ database: 'Облачный склад', connection: 'local', lastSeen: 'unknown' });
  });

  it('is not a device when the only connection word stands before the id', () => {
    expect(readDevice(['Cloud POS 1', 'WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'Shop 1', '01.10.2026 09:00'])).toBeUndefined();
  });
});

describe('a row of one tab never reads as a row of the other', () => {
  const licenseRow = ['Облачная', 'ОБЛАКО Mobile SMARTS: Магазин ...', 'Показать код активации', 'Активирована', '@NEWLAND-MT90-O-LAM613E9FC89DE07CBF', '13.05.2026', 'До 13.05.2027', 'Продлить', '...'];
  const deviceRow = ['Mindeo M40', '@MINDEO-M40-O-VTJ2A12A8A85C817E8D', 'Магазин на Ленина', 'Облачная база', '26.11.2026 09:57'];
  const englishDeviceRow = ['Mindeo M40', '@MINDEO-M40-O-VTJ2A12A8A85C817E8D', 'Lenin St. shop', 'Cloud database', '26.11.2026 09:57'];

  it('a device row («Облачная база» starts with a kind word) is no license: no status word, no «До» date', () => {
    expect(readLicense(deviceRow)).toBeUndefined();
    expect(readLicense(englishDeviceRow)).toBeUndefined();
  });

  it('a license row (its device id, then dates) is no device: no database type after the id', () => {
    expect(readDevice(licenseRow)).toBeUndefined();
  });

  it('a license with a status word but no «До» date, or a «До» date but a status word new to us, is still a license', () => {
    expect(readLicense(['Основная X', 'Свободная', '01.02.2026'])?.license).toMatchObject({ status: 'free', subscriptionEnd: 'unknown' });
    expect(readLicense(['Основная X', 'Заблокирована', '01.02.2026', 'До 01.02.2027'])?.license.status).toBe('unknown');
    expect(readLicense(['Основная X', 'Заблокирована', '01.02.2026'])).toBeUndefined();
  });

  const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');
  const saved = (file: string) => page(readFileSync(join(FIXTURES, file), 'utf8'));

  it.each(['typical-licenses-table.html', 'typical-licenses-grid.html', 'typical-licenses-client.html', 'typical-en-licenses-table.html', 'article-licenses.html'])(
    'no devices on the saved Лицензии page %s',
    async (file) => {
      expect(await readDeviceRows(saved(file).body)).toEqual([]);
    },
  );

  it.each(['typical-devices-table.html', 'typical-devices-grid.html', 'typical-devices-client.html', 'typical-en-devices-table.html', 'hostile-devices.html'])(
    'no licenses on the saved Устройства page %s',
    async (file) => {
      expect(await readLicenseRows(saved(file).body)).toEqual([]);
    },
  );
});

describe('reading rows from a page', () => {
  const licenseTr = (kind: string, product: string, status: string, date: string, until: string, extra = '') =>
    `<tr><td><input type="checkbox"></td><td><span>${kind}</span> <span>${product}</span></td><td><span class="status">${status}</span>${extra}</td>`
    + `<td>${date}</td><td>До ${until} <a href="#">Продлить</a></td><td><button>...</button></td></tr>\n`;

  it('reads every row beside the first, in page order, and its marker goes beside its status', async () => {
    const doc = page(`<table><tbody>\n${licenseTr('Основная', 'A', 'Свободная', '01.02.2026', '01.02.2027')}`
      + `${licenseTr('Облачная', 'B', 'Активирована', '02.02.2026', '02.02.2027', ' <span>WIN-H-4A5F39F07C114C76B6C958170C940A9D</span>')}`
      + `${licenseTr('Основная', 'C', 'Истекла', '03.02.2026', '03.02.2027')}</tbody></table>`);
    const rows = await readLicenseRows(doc.body);
    expect(rows.map((row) => row.license.product)).toEqual(['A', 'B', 'C']);
    expect(rows.map((row) => row.element)).toEqual([...doc.querySelectorAll('tr')]);
    expect(rows.map((row) => row.markerSlot.textContent)).toEqual(['Свободная', 'Активирована', 'Истекла']);
    expect(rows[1]!.license.deviceId).toBe('WIN-H-4A5F39F07C114C76B6C958170C940A9D');
  });

  it('a sibling that is not one row ends the run of rows, and the rows after it are still read, in page order', async () => {
    const doc = page(`<table><tbody>${licenseTr('Основная', 'A', 'Свободная', '01.02.2026', '01.02.2027')}`
      + '<tr><td colspan="6">Реклама: купите Основная лицензия</td></tr>'
      + '<tr><td colspan="6">Основная и Облачная: две лицензии 01.02.2026, Свободная</td></tr>'
      + `${licenseTr('Основная', 'B', 'Свободная', '02.02.2026', '02.02.2027')}`
      + '<tr><td>Облачная</td><td>D</td><td>Свободная</td><td>04.02.2026</td><td><table><tr><td>nested</td></tr></table></td></tr>'
      + `${licenseTr('Облачная', 'E', 'Истекла', '05.02.2026', '05.02.2027')}</tbody></table>`);
    const rows = await readLicenseRows(doc.body);
    expect(rows.map((row) => row.license.product)).toEqual(['A', 'B', 'D', 'E']);
    const elements = rows.map((row) => row.element);
    for (const element of elements) expect(elements.filter((other) => other !== element && other.contains(element))).toEqual([]);
  });

  it('rows are grown to hold their status, not just a date beside the kind', async () => {
    const doc = page('<ul><li><div>Основная X<br>01.02.2026</div><div><b>Свободная</b></div></li>'
      + '<li><div>Облачная Y<br>02.02.2026</div><div><b>Активирована</b></div></li></ul>');
    const rows = await readLicenseRows(doc.body);
    expect(rows.map((row) => [row.license.product, row.license.status])).toEqual([['X', 'free'], ['Y', 'activated']]);
    expect(rows.map((row) => row.element.tagName)).toEqual(['LI', 'LI']);
    expect(rows.map((row) => row.markerSlot.tagName)).toEqual(['B', 'B']);
  });

  it('reads no-break and thin spaces as spaces, and leaves scripts and styles in rows out', async () => {
    const doc = page('<table><tbody>'
      + '<tr><td>Основная\u00a0Mobile\u2009SMARTS:  Склад</td><td>\u202fСвободная\n</td><td>01.02.2026</td><td>До\u00a001.02.2027</td></tr>'
      + '<tr><td>Облачная</td><td><style>td { color: red }</style>Y</td><td>Истекла<script>var x = "Основная"</script></td><td>02.02.2026</td><td>До 02.02.2027</td></tr>'
      + '</tbody></table>');
    const rows = await readLicenseRows(doc.body);
    expect(rows.map((row) => row.license)).toEqual([
      { kind: 'main', product: 'Mobile SMARTS: Склад', status: 'free', date: dayNumber(2026, 2, 1), subscriptionEnd: dayNumber(2027, 2, 1) },
      { kind: 'cloud', product: 'Y', status: 'expired', date: dayNumber(2026, 2, 2), subscriptionEnd: dayNumber(2027, 2, 2) },
    ]);
  });

  it('reads devices whose names hold connection words, in any cell layout, with the marker beside the id', async () => {
    const doc = page('<div class="list">'
      + '<div><span>Cloud POS 1</span><span>WIN-H-4A5F39F07C114C76B6C958170C940A9D</span><span>Shop 1</span><span>Local database</span><span>01.10.2026 09:00</span></div>'
      + '<div><span>Urovo RT40</span><span>@UROVO-RT40-O-1A2B3C4D</span><span>Облачный склад</span><span>Локальная база</span><span>27.11.2026 14:05</span></div>'
      + '<div><span>Local scanner<br>@UROVO-RT40-O-5E6F7A8B</span><span>Local warehouse</span><span>Cloud database</span><span>27.11.2026 14:05</span></div>'
      + '</div>');
    const rows = await readDeviceRows(doc.body);
    expect(rows.map((row) => [row.device.name, row.device.database, row.device.connection])).toEqual([
      ['Cloud POS 1', 'Shop 1', 'local'],
      ['Urovo RT40', 'Облачный склад', 'local'],
      ['Local scanner', 'Local warehouse', 'cloud'],
    ]);
    expect(rows.map((row) => row.element)).toEqual([...doc.querySelectorAll('.list > div')]);
    expect(rows.map((row) => row.markerSlot.textContent)).toEqual([
      'WIN-H-4A5F39F07C114C76B6C958170C940A9D', '@UROVO-RT40-O-1A2B3C4D', 'Local scanner@UROVO-RT40-O-5E6F7A8B',
    ]);
  });

  describe('rows read cell by cell, beside a first row that reads the same both ways', () => {
    const cloudCode = '<a href="/code">Показать код активации</a>';
    const id = 'WIN-H-4A5F39F07C114C76B6C958170C940A9D';

    it('a status run together with its device id is read node by node, and the marker still goes beside the status', async () => {
      const doc = page(`<table><tbody>${licenseTr('Основная', 'A', 'Свободная', '01.02.2026', '01.02.2027')}`
        + `${licenseTr('Облачная', 'B', 'Активирована', '02.02.2026', '02.02.2027', `<span>${id}</span>`)}`
        + `${licenseTr('Основная', 'C', 'Свободная', '03.02.2026', '03.02.2027')}</tbody></table>`);
      const rows = await readLicenseRows(doc.body);
      expect(rows.map((row) => [row.license.product, row.license.status, row.license.deviceId])).toEqual([
        ['A', 'free', undefined], ['B', 'activated', id], ['C', 'free', undefined],
      ]);
      expect(rows.map((row) => row.markerSlot.textContent)).toEqual(['Свободная', 'Активирована', 'Свободная']);
    });

    it('a product run together with «Показать код активации» keeps to the product', async () => {
      const doc = page(`<table><tbody>${licenseTr('Основная', 'A', 'Свободная', '01.02.2026', '01.02.2027')}`
        + `<tr><td><span>Облачная</span> <span>ОБЛАКО Склад 15</span>${cloudCode}</td><td><span>Свободная</span></td>`
        + '<td>02.02.2026</td><td>До 02.02.2027</td></tr></tbody></table>');
      const rows = await readLicenseRows(doc.body);
      expect(rows.map((row) => row.license.product)).toEqual(['A', 'ОБЛАКО Склад 15']);
    });

    it('markup that runs texts together in every row is read node by node, the first row included', async () => {
      const device = (n: number) => `<div><div><span>Mindeo</span><span>M40</span></div><div>@MINDEO-M40-O-${n}A2B3C4D</div>`
        + '<div>Склад</div><div>Облачная база</div><div>27.11.2026 14:05</div></div>';
      const doc = page(`<div class="list">${device(1)}${device(2)}${device(3)}</div>`);
      const rows = await readDeviceRows(doc.body);
      expect(rows.map((row) => [row.device.name, row.device.id])).toEqual([1, 2, 3].map((n) => ['Mindeo M40', `@MINDEO-M40-O-${n}A2B3C4D`]));
    });

    it('a row read cell by cell finds its marker\'s place only when asked, beside the status word', async () => {
      const doc = page(`<table><tbody>${licenseTr('Основная', 'A', 'Свободная', '01.02.2026', '01.02.2027')}`
        + `${licenseTr('Облачная', 'B', 'Активирована', '02.02.2026', '02.02.2027', ` <span>${id}</span>`)}</tbody></table>`);
      const [, second] = await readLicenseRows(doc.body);
      expect(second!.license.deviceId).toBe(id);
      expect(second!.markerSlot).toBe(doc.querySelectorAll('.status')[1]);
    });
  });

  describe('rows read line by line, beside a first row that reads the same both ways', () => {
    const id = 'WIN-H-4A5F39F07C114C76B6C958170C940A9D';
    /** A row as a server writes it: each cell on a line of its own. */
    const lineTr = (license: string, status: string, date: string) =>
      `<tr>\n<td><input type="checkbox"></td>\n<td>${license}</td>\n<td>${status}</td>\n<td>${date}</td>\n<td>До 01.02.2027 <a href="#">Продлить</a></td>\n</tr>\n`;
    const first = lineTr('<span>Основная</span> <span>A</span>', '<span class="status">Свободная</span>', '01.02.2026');

    it('a product whose own text breaks a line is read node by node, whole', async () => {
      const doc = page(`<table><tbody>\n${first}${lineTr('<span>Основная</span> <span>Mobile SMARTS:\nСклад 15</span>', '<span class="status">Свободная</span>', '02.02.2026')}</tbody></table>`);
      const rows = await readLicenseRows(doc.body);
      expect(rows.map((row) => row.license.product)).toEqual(['A', 'Mobile SMARTS: Склад 15']);
    });

    it.each([
      ['parted by a space, is read line by line', ' '],
      ['run together, is read node by node', ''],
    ])('a status and its device id %s, and the marker goes beside the status, found only when asked', async (_, between) => {
      const doc = page(`<table><tbody>\n${first}`
        + `${lineTr('<span>Облачная</span> <span>B</span>', `<span class="status">Активирована</span>${between}<span>${id}</span>`, '02.02.2026')}</tbody></table>`);
      const [, second] = await readLicenseRows(doc.body);
      expect([second!.license.product, second!.license.status, second!.license.deviceId]).toEqual(['B', 'activated', id]);
      expect(second!.markerSlot).toBe(doc.querySelectorAll('.status')[1]);
    });
  });

  it('reads only the rows inside the element it is given', async () => {
    const doc = page(`<table><tbody>${licenseTr('Основная', 'A', 'Свободная', '01.02.2026', '01.02.2027')}`
      + `${licenseTr('Основная', 'B', 'Свободная', '02.02.2026', '02.02.2027')}</tbody></table>`);
    const first = doc.querySelector('tr')!;
    expect((await readLicenseRows(first)).map((row) => row.license.product)).toEqual(['A']);
  });
});

describe('recogniseAccountTab', () => {
  const nav = (current: 'licenses' | 'devices') => `<header>typical@example.ru</header><nav>
    <a href="/licenses" ${current === 'licenses' ? 'aria-current="page"' : ''}>Лицензии</a>
    <a href="/devices" ${current === 'devices' ? 'aria-current="page"' : ''}>Устройства</a></nav>`;

  it('knows the tab from its navigation', () => {
    expect(recogniseAccountTab(page(nav('licenses')), new URL(`${LK}/licenses`))).toBe('licenses');
    expect(recogniseAccountTab(page(nav('devices')), new URL(`${LK}/devices?page=2`))).toBe('devices');
  });

  it('knows the tab from the link matching the address when nothing marks it current', () => {
    const doc = page('<nav><a href="/lk/licenses">Licenses</a><a href="/lk/devices">Devices</a></nav>');
    expect(recogniseAccountTab(doc, new URL(`${LK}/lk/devices`))).toBe('devices');
  });

  it('leaves an article that only mentions the tabs alone', () => {
    const doc = page('<article><p>Во вкладке «Лицензии» личного кабинета отображаются лицензии со всех устройств («Устройства»).</p></article>');
    expect(recogniseAccountTab(doc, new URL('https://www.cleverence.ru/support/357081/'))).toBeUndefined();
  });

  it('takes the first link of each name (the navigation), and still knows a link whose text is padded', () => {
    const doc = page(`<nav><a href="/licenses" aria-current="page">\n${' '.repeat(60)}Лицензии\n${' '.repeat(40)}</a><a href="/devices">Устройства</a></nav>`
      + '<main><a href="/help/devices">Устройства</a></main>');
    expect(recogniseAccountTab(doc, new URL(`${LK}/licenses`))).toBe('licenses');
    expect(tabUrl(doc, 'devices', new URL(`${LK}/licenses`))?.href).toBe(`${LK}/devices`);
  });

  it('leaves a page whose menu names both, far apart, alone', () => {
    const doc = page('<div><div><div><div><div><a href="/shop/licenses">Лицензии</a></div></div></div></div></div><footer><a href="/devices">Устройства</a></footer>');
    expect(recogniseAccountTab(doc, new URL('https://www.cleverence.ru/shop/licenses'))).toBeUndefined();
  });
});

describe('listPageUrls', () => {
  it('prefers the «Все» page size: one request for the whole list', () => {
    const doc = page('<a href="?size=20">20</a><a href="?size=100">100</a><a href="?size=all">Все</a><a href="?page=2">2</a>');
    expect(listPageUrls(doc, new URL(`${LK}/devices`)).map(String)).toEqual([`${LK}/devices?size=all`]);
  });

  it('lists every page up to the last one linked, even where pagination elides the middle', () => {
    const doc = page('<a href="/devices?page=1">1</a><a href="/devices?page=2">2</a><span>…</span><a href="/devices?page=5">5</a><a href="/devices?page=2">›</a>');
    expect(listPageUrls(doc, new URL(`${LK}/devices`)).map((url) => url.searchParams.get('page'))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('prefers «Все» even when it comes after the page numbers', () => {
    const doc = page('<a href="?page=1">1</a><a href="?page=2">2</a><a href="?size=all">Все</a>');
    expect(listPageUrls(doc, new URL(`${LK}/devices`)).map(String)).toEqual([`${LK}/devices?size=all`]);
  });

  it('is not thrown off by links that are neither numbers nor «Все», or whose address cannot be read', () => {
    const doc = page('<a href="http://[bad">Продлить</a><a href="http://[bad">3</a><a href="?status=all">Все статусы</a>'
      + '<a href="/devices?page=1">1</a><a href="/devices?page=4">4</a>');
    expect(listPageUrls(doc, new URL(`${LK}/devices`)).map((url) => url.searchParams.get('page'))).toEqual(['1', '2', '3', '4']);
  });

  it('is the page itself when it has no pagination, and ignores links to other places', () => {
    const doc = page('<a href="/licenses?page=2">2</a><a href="https://evil.example/devices?page=9">9</a>');
    expect(listPageUrls(doc, new URL(`${LK}/devices`)).map(String)).toEqual([`${LK}/devices`]);
  });
});
