/**
 * Device ids as terminals of many makers would give them, in the one shape
 * the help article shows (`@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B`: maker,
 * model, a letter, a serial) and Windows PCs' `WIN-H-<32 hex>`. Models carry
 * dashes of their own where the maker's do (`SM-A525F`, `SKORPIO-X5`).
 */
import type { Random } from '../../demo-site/random';

export interface Terminal {
  maker: string;
  model: string;
  /** What a person calls it on the Устройства tab. */
  name: string;
}

export const TERMINALS: readonly Terminal[] = [
  { maker: 'ZEBRA', model: 'TC21', name: 'Zebra TC21' },
  { maker: 'ZEBRA', model: 'MC3300', name: 'Zebra MC3300' },
  { maker: 'UROVO', model: 'DT40', name: 'Urovo DT40' },
  { maker: 'UROVO', model: 'I6310', name: 'Urovo i6310' },
  { maker: 'HONEYWELL', model: 'EDA51', name: 'Honeywell EDA51' },
  { maker: 'HONEYWELL', model: 'CT40', name: 'Honeywell CT40' },
  { maker: 'CIPHERLAB', model: 'RS35', name: 'CipherLab RS35' },
  { maker: 'NEWLAND', model: 'MT90', name: 'Newland MT90' },
  { maker: 'POINTMOBILE', model: 'PM75', name: 'Point Mobile PM75' },
  { maker: 'MERTECH', model: 'SEUIC_AUTOID9', name: 'Mertech Seuic AutoID 9' },
  { maker: 'ATOL', model: 'SMART_LITE', name: 'АТОЛ Smart.Lite' },
  { maker: 'DATALOGIC', model: 'SKORPIO-X5', name: 'Datalogic Skorpio X5' },
  { maker: 'SUNMI', model: 'L2S', name: 'Sunmi L2s' },
  { maker: 'SUNMI', model: 'V2-PRO', name: 'Sunmi V2 Pro' },
  { maker: 'M3', model: 'SL10', name: 'M3 Mobile SL10' },
  { maker: 'XIAOMI', model: 'M2010J19SY', name: 'Xiaomi Redmi 9T' },
  { maker: 'SAMSUNG', model: 'SM-A525F', name: 'Samsung Galaxy A52' },
  { maker: 'CHAINWAY', model: 'C66', name: 'Chainway C66' },
  { maker: 'MINDEO', model: 'M40', name: 'Mindeo M40' },
];

const HEX = '0123456789ABCDEF';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

/** A terminal's id, with the `@` the article shows before it in a license's status. */
export function terminalId(random: Random, terminal: Terminal): string {
  // The article's serial is three letters and sixteen hex digits; other makers' may be shorter or plainer.
  const serial = random.next() < 0.6
    ? random.chars(LETTERS, 3) + random.chars(HEX, 16)
    : random.chars(ALNUM, random.int(8, 20)).replace(/^\d/, 'S');
  const letter = random.next() < 0.8 ? 'O' : random.chars(LETTERS, 1);
  return `@${terminal.maker}-${terminal.model}-${letter}-${serial}`;
}

export const WINDOWS_NAMES: readonly string[] = ['ПК кладовщика', 'Ноутбук склада', 'ПК кассы', 'Планшет приёмки', 'Office PC'];

export function windowsId(random: Random): string {
  return `WIN-${random.next() < 0.9 ? 'H' : random.chars(LETTERS, 1)}-${random.chars(HEX, 32)}`;
}

/** A device of a customer's fleet: mostly terminals, now and then a Windows PC. */
export function newDevice(random: Random): { id: string; name: string } {
  if (random.next() < 0.2) return { id: windowsId(random), name: random.pick(WINDOWS_NAMES) };
  const terminal = random.pick(TERMINALS);
  return { id: terminalId(random, terminal), name: terminal.name };
}
