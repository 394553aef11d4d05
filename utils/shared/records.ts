/**
 * The typed records the extension reasons over. The site adapter turns the
 * account's pages into these; the checks and the UI never look at the DOM.
 * Names follow the account's own words (Лицензии, Устройства, облачная, основная).
 */

/**
 * A calendar day as the account prints it (`dd.MM.yyyy`), counted in days
 * since 1970-01-01. The account shows days with no time of day, so they are
 * compared as plain days: no time zone can shift them.
 */
export type DayNumber = number;

/**
 * A date read from the account: a real day, `'none'` where the account shows
 * `01.01.1970` (its way of saying "not set"), or `'unknown'` where the text is
 * not a possible date (e.g. `31.02.2026`). An unknown date is never treated
 * as expired.
 */
export type AccountDate = DayNumber | 'none' | 'unknown';

/** «Облачная» (got by a device of a cloud database) or «Основная» (of a local database on a PC). */
export type LicenseKind = 'cloud' | 'main';

/** «Свободная», «Активирована», «Истекла», or a status word we do not know. */
export type LicenseStatus = 'free' | 'activated' | 'expired' | 'unknown';

/** One row of the Лицензии tab. */
export interface License {
  kind: LicenseKind;
  /** The product as shown, possibly cut by the site with «...». */
  product: string;
  status: LicenseStatus;
  /** The device the license is bound to, as shown after the status word. */
  deviceId?: string;
  /** The license's own date column. */
  date: AccountDate;
  /** «До dd.MM.yyyy»: when the update subscription (or a cloud term) ends. */
  subscriptionEnd: AccountDate;
  /** Only when the page shows it («Показать код активации» opened). */
  activationCode?: string;
  /**
   * What a kept list holds instead of the code, unless the user chose to keep
   * codes (upload/code-fingerprint.ts): enough to tell "already in this
   * account", of no use for getting the code back.
   */
  codeFingerprint?: string;
}

/** Whether a device's database is a cloud one (devices appear by themselves) or local (added by hand). */
export type DeviceConnection = 'cloud' | 'local';

/** One row of the Устройства tab. */
export interface Device {
  /** The id the account binds licenses to, e.g. `WIN-H-4A5F…` or `@XIAOMI-…`. */
  id: string;
  /** Name or model as shown. */
  name: string;
  /** The Mobile SMARTS database the device is connected to. */
  database: string;
  connection: DeviceConnection;
  lastSeen: AccountDate;
}
