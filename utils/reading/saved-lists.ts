/**
 * The shape of a whole list as it travels and is kept, and the checks that
 * any list must pass first. Apart from list-cache.ts so the content script
 * can check what it gets back without bundling IndexedDB code.
 */
import type { Device, License } from '../shared/records';

export interface SavedLists {
  licenses: License[];
  devices: Device[];
}
export type ListName = keyof SavedLists;

const MAX_ITEMS = 200_000;
const isDate = (value: unknown) => value === 'none' || value === 'unknown' || Number.isInteger(value);
const isText = (value: unknown) => typeof value === 'string' && value.length < 2_000;
const isOptionalText = (value: unknown) => value === undefined || isText(value);

function isLicense(value: unknown): boolean {
  const item = value as Partial<License> | null;
  return !!item && (item.kind === 'cloud' || item.kind === 'main') && isText(item.product)
    && ['free', 'activated', 'expired', 'unknown'].includes(item.status as string)
    && isOptionalText(item.deviceId) && isOptionalText(item.activationCode) && isOptionalText(item.codeFingerprint)
    && isDate(item.date) && isDate(item.subscriptionEnd);
}

function isDevice(value: unknown): boolean {
  const item = value as Partial<Device> | null;
  return !!item && isText(item.id) && isText(item.name) && isText(item.database)
    && (item.connection === 'cloud' || item.connection === 'local') && isDate(item.lastSeen);
}

/**
 * Whether a message's list is what the content script sends. Content scripts
 * read pages, and a page's text can be anything: the background keeps only
 * well-formed records.
 */
export function isListOf(list: unknown, items: unknown): list is ListName {
  return isItemsOf(list as ListName, items);
}

/** The same check, narrowing the items to the named list's records. */
export function isItemsOf<Name extends ListName>(list: Name, items: unknown): items is SavedLists[Name] {
  if (!Array.isArray(items) || items.length > MAX_ITEMS) return false;
  if (list === 'licenses') return items.every(isLicense);
  if (list === 'devices') return items.every(isDevice);
  return false;
}
