/**
 * What the seeded accounts are made of: the vendor's products, the terminals
 * (ТСД) customers connect, their databases, and the shapes of device ids and
 * activation codes. Names follow the help article (cleverence.ru/support/357081)
 * and the vendor's public price list; the full names are ours, cut by the
 * account at 30 characters so that the article's rows come out letter for letter.
 */
import type { Random } from './random.ts';

/** Main (основные) products: licensed to a device of a local database, by code or XML file. */
export const MAIN_PRODUCTS: readonly string[] = [
  'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ + ИСМП (маркировка)',
  'Лицензия ПРОФ на 1 (один) терминал сбора данных',
  'Mobile SMARTS: Склад 15, БАЗОВЫЙ',
  'Mobile SMARTS: Склад 15, РАСШИРЕННЫЙ с ЕГАИС',
  'Mobile SMARTS: Магазин 15, ПОЛНЫЙ',
  'Mobile SMARTS: Маркировка, МИНИМУМ',
  'Mobile SMARTS: Шмотки',
  'Mobile SMARTS: Кировка',
];

export interface CloudProduct {
  name: string;
  /** Cloud licenses are sold for 1 month, 3 months or 1 year (kb.cleverence.ru). */
  termDays: number;
}

/** Cloud (облачные) products: obtained by a device of a cloud database. */
export const CLOUD_PRODUCTS: readonly CloudProduct[] = [
  { name: 'ОБЛАКО Mobile SMARTS: Магазин 15, БАЗОВЫЙ, 1 месяц', termDays: 30 },
  { name: 'ОБЛАКО Mobile SMARTS: Магазин 15, РАСШИРЕННЫЙ, 3 месяца', termDays: 90 },
  { name: 'ОБЛАКО Mobile SMARTS: Магазин 15, ПОЛНЫЙ, 1 год', termDays: 365 },
  { name: 'ОБЛАКО Mobile SMARTS: Склад 15, ПОЛНЫЙ, 1 год', termDays: 365 },
  { name: 'ОБЛАКО Mobile SMARTS: Маркировка, 3 месяца', termDays: 90 },
];

/** A cloud product whose term covers `daysLeft` more days (a 1-month license cannot end in 60 days). */
export function cloudProductLasting(random: Random, daysLeft: number): CloudProduct {
  return random.pick(CLOUD_PRODUCTS.filter((product) => product.termDays >= daysLeft));
}

/** Android terminals. Their ids start with `@`, as `@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B` does. */
const TERMINALS: readonly { brand: string; model: string; name: string }[] = [
  { brand: 'XIAOMI', model: 'M2010J19SY', name: 'Xiaomi Redmi 9T' },
  { brand: 'UROVO', model: 'DT40', name: 'Urovo DT40' },
  { brand: 'ZEBRA', model: 'TC21', name: 'Zebra TC21' },
  { brand: 'HONEYWELL', model: 'EDA51', name: 'Honeywell EDA51' },
  { brand: 'MINDEO', model: 'M40', name: 'Mindeo M40' },
  { brand: 'POINTMOBILE', model: 'PM75', name: 'Point Mobile PM75' },
  { brand: 'NEWLAND', model: 'MT90', name: 'Newland MT90' },
  { brand: 'CIPHERLAB', model: 'RS35', name: 'CipherLab RS35' },
];

/** Windows machines. Their ids look like `WIN-H-4A5F39F07C114C76B6C958170C940A9D`. */
const WINDOWS_NAMES: readonly string[] = ['ПК кладовщика', 'Ноутбук склада', 'ПК кассы', 'Планшет приёмки'];

export const CLOUD_DATABASES: readonly string[] = ['Магазин на Ленина', 'Магазин на Садовой', 'Интернет-магазин'];
export const LOCAL_DATABASES: readonly string[] = ['Склад Южный', 'Склад Северный', 'Оптовый склад'];

const HEX = '0123456789ABCDEF';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Activation codes avoid I and O, which read as 1 and 0. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export interface DeviceIdentity {
  id: string;
  name: string;
}

/** A new terminal: mostly Android, now and then Windows, as customers' fleets are. */
export function newDeviceIdentity(random: Random): DeviceIdentity {
  if (random.next() < 0.2) {
    const suffix = random.next() < 0.5 ? '' : ` ${random.int(1, 9)}`;
    return { id: `WIN-H-${random.chars(HEX, 32)}`, name: `${random.pick(WINDOWS_NAMES)}${suffix}` };
  }
  const terminal = random.pick(TERMINALS);
  return {
    id: `@${terminal.brand}-${terminal.model}-O-${random.chars(LETTERS, 3)}${random.chars(HEX, 16)}`,
    name: terminal.name,
  };
}

/** Codes like `A1B2C-D3E4F-G5H6J-K7L8M-N9P0Q`. */
export function newActivationCode(random: Random): string {
  return Array.from({ length: 5 }, () => random.chars(CODE_ALPHABET, 5)).join('-');
}
