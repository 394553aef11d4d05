import { describe, expect, it } from 'vitest';
import { dayNumber } from '@/utils/dates';
import { listPageUrls, readDevice, readLicense, recogniseAccountTab } from '@/utils/site-adapter';

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

  it('keeps a revealed activation code, and never takes the device id for one', () => {
    const read = readLicense(['Облачная ОБЛАКО Mobile SMARTS: Магазин ...', 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', 'Истекла @XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', '20.10.2022', 'До 20.10.2022']);
    expect(read?.license).toMatchObject({ activationCode: 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q', status: 'expired', deviceId: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B' });
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

  it('is the page itself when it has no pagination, and ignores links to other places', () => {
    const doc = page('<a href="/licenses?page=2">2</a><a href="https://evil.example/devices?page=9">9</a>');
    expect(listPageUrls(doc, new URL(`${LK}/devices`)).map(String)).toEqual([`${LK}/devices`]);
  });
});
