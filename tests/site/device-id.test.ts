// The one rule a text is taken for a device id by (utils/site/device-id.ts):
// real-looking ids of many makers, with and without the `@`, Windows PCs, and
// what rows are full of besides that must never be taken for one.
import { describe, expect, it } from 'vitest';
import { DEVICE_ID, deviceIdIn, deviceKey } from '@/utils/site/device-id';
import { normalise } from '@/utils/site/texts';

const TERMINALS = [
  '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B', // the help article's
  '@ZEBRA-TC21-O-ZZH9B6F772632716C43',
  '@ZEBRA-MC3300-O-ABC1234567890DEF0',
  '@UROVO-DT40-O-KLM0A1B2C3D4E5F6A7B',
  '@UROVO-I6310-Q-21A0045B7C',
  '@HONEYWELL-EDA51-O-HON19283746ABCDEF',
  '@HONEYWELL-CT40-X-19283746AB',
  '@CIPHERLAB-RS35-O-CPL0011223344556677',
  '@NEWLAND-MT90-O-LAM613E9FC89DE07CBF',
  '@POINTMOBILE-PM75-O-PMX1A2B3C4D5E6F708',
  '@MERTECH-SEUIC_AUTOID9-O-MRT55AA66BB77CC88',
  '@ATOL-SMART_LITE-O-ATL0123456789ABCDE',
  '@DATALOGIC-SKORPIO-X5-O-DLG00FF11EE22DD33',
  '@SUNMI-L2S-O-SNM9F8E7D6C5B4A3210',
  '@SUNMI-V2-PRO-B-V2P7788990011',
  '@M3-SL10-O-M3M1122334455667788',
  '@SAMSUNG-SM-A525F-O-R58R12ABCDE',
  '@CHAINWAY-C66-O-CWY5566778899AABB',
  '@MINDEO-M40-O-MND0000111122223333',
];
const WINDOWS = ['WIN-H-4A5F39F07C114C76B6C958170C940A9D', 'WIN-D-0123456789ABCDEF0123456789ABCDEF', 'win-h-4a5f39f07c114c76b6c958170c940a9d'];

describe('device ids', () => {
  it.each([...TERMINALS, ...TERMINALS.map((id) => id.slice(1)), ...WINDOWS])('%s is a device id', (id) => {
    expect(DEVICE_ID.test(id)).toBe(true);
    expect(deviceIdIn(`Активирована ${id}`)).toBe(id);
    expect(deviceIdIn(`${id} (Облачная база)`)).toBe(id);
  });

  it.each([
    ['an activation code', 'A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q'],
    ['an order number', '2026-0001-1234'],
    ['a card number', '4276-3801-2345-6789'],
    ['an order number with letters', 'ORD-2026-00012345'],
    ['a GUID', '3F2504E0-4F89-11D3-9A0C-0305E82C3301'],
    ['a GUID starting with letters', 'ABCDEF01-4F89-11D3-9A0C-0305E82C3301'],
    ['an e-mail', 'ivan.petrov@example.ru'],
    ['an e-mail with a dashed name', 'sklad-1-a-b@zebra-tc21.ru'],
    ['a phone number', '+7-495-662-98-03'],
    ['a date', '17.04.2019'],
    ['an ISO date', '2026-11-27'],
    ['a product code', 'MS-EGAIS-3-FULL'],
    ['a model alone', 'SM-A525F'],
    ['a maker and model with no serial', '@ZEBRA-TC21'],
    ['a serial too short', '@ZEBRA-TC21-O-AB12'],
    ['a Cyrillic look-alike', '@ЗЕБРА-TC21-O-ZZH9B6F772632716C43'],
    ['a word with dashes', 'long-term-support'],
  ])('%s (%s) is none', (_, text) => {
    expect(DEVICE_ID.test(text)).toBe(false);
    expect(deviceIdIn(`Статус ${text} готов`)).toBeUndefined();
  });

  it('reads an id with invisible characters inside as the id', () => {
    for (const invisible of ['\u200B', '\u2060', '\u00AD', '\uFEFF', '\u200E']) {
      const text = normalise(`\u2068@ZEBRA-TC21-O-ZZH9B6${invisible}F772632716C43\u2069`);
      expect(deviceIdIn(text)).toBe('@ZEBRA-TC21-O-ZZH9B6F772632716C43');
    }
  });

  it('takes an id at the end of a sentence without its full stop', () => {
    expect(deviceIdIn('Лицензия привязана к @ZEBRA-TC21-O-ZZH9B6F772632716C43.')).toBe('@ZEBRA-TC21-O-ZZH9B6F772632716C43');
  });

  it('compares one device with or without its `@`, whatever the case', () => {
    expect(deviceKey('@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B')).toBe(deviceKey('xiaomi-m2010j19sy-o-axi15a64262e0f6593b'));
    expect(deviceKey(' WIN-H-4A5F39F07C114C76B6C958170C940A9D ')).toBe(deviceKey('win-h-4a5f39f07c114c76b6c958170c940a9d'));
    expect(deviceKey('@ZEBRA-TC21-O-AAAA1111')).not.toBe(deviceKey('@ZEBRA-TC21-O-AAAA1112'));
  });
});
