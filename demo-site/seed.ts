/**
 * The demo accounts' data, generated the same way on every start (a fixed-seed
 * PRNG per login, dates relative to the server's today). Each account comes with
 * its `truth`: what is wrong in it, recorded while the data is built, never by
 * analysing the result, so tests can hold the extension's checks against it.
 */
import { type Day, type Moment, dayOf, momentOf, NO_DATE } from './calendar.ts';
import {
  CLOUD_DATABASES,
  CLOUD_PRODUCTS,
  cloudProductLasting,
  LOCAL_DATABASES,
  MAIN_PRODUCTS,
  newActivationCode,
  newDeviceIdentity,
} from './catalog.ts';
import { mulberry32, type Random } from './random.ts';

export const ACCOUNT_LOGINS = ['article', 'typical', 'partner', 'hostile', 'broken'] as const;
export type AccountLogin = (typeof ACCOUNT_LOGINS)[number];

export function isAccountLogin(login: string): login is AccountLogin {
  return (ACCOUNT_LOGINS as readonly string[]).includes(login);
}

/** «Облачная» or «Основная». */
export type LicenseKind = 'cloud' | 'main';
/** «Свободная», «Активирована», «Истекла». */
export type LicenseStatus = 'free' | 'activated' | 'expired';
/** «Облачная база» (devices appear by themselves) or «Локальная база» (on a PC, devices added by hand). */
export type DatabaseKind = 'cloud' | 'local';
/**
 * How the account marks up its lists. Nobody knows the real markup, so the
 * demo offers three of its own, any number generated (`gen-N`) and three
 * that cannot be read (see account/layouts/); `unreadable` is the `broken`
 * account's own and cannot be chosen.
 */
export type Layout = 'table' | 'grid' | 'client' | 'unreadable' | 'canvas' | 'image' | 'prose' | `gen-${number}`;

export interface SeededLicense {
  /** The account's own id, seen in its links (`/licenses/<id>/renew`). */
  id: string;
  kind: LicenseKind;
  /** The full product name; the list cuts it at 30 characters. */
  product: string;
  status: LicenseStatus;
  /** The device the license is bound to (activated or expired licenses). */
  deviceId?: string;
  /** The row's own date column. NO_DATE prints as 01.01.1970. */
  date: Day;
  /** «До dd.MM.yyyy»: when the update subscription (or a cloud term) ends. NO_DATE as above. */
  subscriptionEnd: Day;
  activationCode: string;
  /**
   * The account was given this license's code (added on «Загрузить лицензии»),
   * so its row offers «Показать код активации» as cloud rows do. The article's
   * main rows came some other way and offer none.
   */
  codeKnown?: boolean;
}

export interface SeededDevice {
  /** What licenses are bound to: `@XIAOMI-…` (Android) or `WIN-H-…` (Windows). */
  id: string;
  /** Name or model. */
  name: string;
  database: string;
  databaseKind: DatabaseKind;
  lastConnection: Moment;
}

/** What is wrong in an account, by construction. Device ids unless a count. */
export interface SeedTruth {
  /** Cloud-database devices with no cloud license in the list at all: the help article's problem case. */
  missingCloudLicense: string[];
  /**
   * Cloud-database devices left with no cloud license: their only cloud
   * licenses are Истекла, or the paid term of their activated one has passed.
   */
  cloudLicenseExpired: string[];
  /** Cloud-database devices whose activated cloud license's paid term ends today or within the next 30 days. */
  cloudLicenseEnding: string[];
  /** Devices that licenses are bound to but that Устройства does not list. */
  unknownDevice: string[];
  /** Activated licenses whose «До» day is today or within the next 30 days. */
  expiringWithin30: number;
  /**
   * Activated main licenses whose «До» day (the update subscription's end)
   * has passed: they work but get no updates. Free and Истекла licenses are
   * not counted (the article's free rows show a past «До» too), nor is
   * 01.01.1970, which means "no date".
   */
  subscriptionEnded: number;
  /** Activated cloud licenses whose «До» day (the end of the paid term) has passed. */
  cloudTermEnded: number;
  /** Licenses whose status is Истекла. */
  expiredStatus: number;
  /** Devices holding two activated licenses of the same product. */
  duplicatePairs: number;
  /** Local-database devices with no license at all. */
  unlicensedLocal: string[];
}

export interface SeededAccount {
  login: AccountLogin;
  /** Shown in the page header, e.g. ООО "Ромашка". */
  displayName: string;
  email: string;
  defaultLayout: Layout;
  licenses: SeededLicense[];
  devices: SeededDevice[];
  truth: SeedTruth;
}

/** How many rows the list flags `expired`: the status Истекла, and activated licenses whose «До» day has passed. */
export function expiredRows(truth: SeedTruth): number {
  return truth.expiredStatus + truth.subscriptionEnded + truth.cloudTermEnded;
}

export function seedAccount(login: AccountLogin, today: Day): SeededAccount {
  const profile = PROFILES[login];
  const builder = newAccountBuilder(mulberry32(profile.seed), today);
  profile.fill(builder);
  return {
    login,
    displayName: profile.displayName,
    email: `${login}@example.ru`,
    defaultLayout: profile.defaultLayout,
    ...builder.finish({ keepOrder: login === 'article' }),
  };
}

interface Profile {
  seed: number;
  displayName: string;
  defaultLayout: Layout;
  fill(builder: AccountBuilder): void;
}

const PROFILES: Record<AccountLogin, Profile> = {
  article: { seed: 357_081, displayName: 'ИП Смирнова Е. В.', defaultLayout: 'table', fill: fillArticle },
  typical: {
    seed: 20_240_326,
    displayName: 'ООО "Ромашка"',
    defaultLayout: 'table',
    fill: (builder) => fillFleet(builder, TYPICAL_FLEET),
  },
  partner: {
    seed: 10_000,
    displayName: 'ООО "Интегратор Плюс"',
    defaultLayout: 'table',
    fill: (builder) => fillFleet(builder, PARTNER_FLEET),
  },
  hostile: { seed: 666, displayName: 'ООО "<svg onload=alert(1)>"', defaultLayout: 'grid', fill: fillHostile },
  broken: { seed: 404, displayName: 'АО "Северный склад"', defaultLayout: 'unreadable', fill: fillBroken },
};

// ---------------------------------------------------------------------------
// Building an account

type NewLicense = Omit<SeededLicense, 'id' | 'activationCode'>;

interface AccountBuilder {
  random: Random;
  today: Day;
  truth: SeedTruth;
  addDevice(databaseKind: DatabaseKind, fields?: Partial<SeededDevice>): SeededDevice;
  addLicense(license: NewLicense): void;
  /** An id no listed device has, for licenses bound to a device Устройства does not show. */
  unlistedDeviceId(): string;
  /** Licenses get ids in list order: shuffled, unless the account copies a fixed list. */
  finish(options: { keepOrder: boolean }): Pick<SeededAccount, 'licenses' | 'devices' | 'truth'>;
}

function newAccountBuilder(random: Random, today: Day): AccountBuilder {
  const devices: SeededDevice[] = [];
  const licenses: NewLicense[] = [];
  const usedDeviceIds = new Set<string>();
  const truth: SeedTruth = {
    missingCloudLicense: [],
    cloudLicenseExpired: [],
    cloudLicenseEnding: [],
    unknownDevice: [],
    expiringWithin30: 0,
    subscriptionEnded: 0,
    cloudTermEnded: 0,
    expiredStatus: 0,
    duplicatePairs: 0,
    unlicensedLocal: [],
  };
  const freshIdentity = () => {
    for (;;) {
      const identity = newDeviceIdentity(random);
      if (!usedDeviceIds.has(identity.id)) {
        usedDeviceIds.add(identity.id);
        return identity;
      }
    }
  };

  return {
    random,
    today,
    truth,
    addDevice(databaseKind, fields = {}) {
      const device: SeededDevice = {
        ...freshIdentity(),
        database: random.pick(databaseKind === 'cloud' ? CLOUD_DATABASES : LOCAL_DATABASES),
        databaseKind,
        lastConnection: momentOf(today - random.int(0, 45), random.int(7 * 60, 21 * 60)),
        ...fields,
      };
      usedDeviceIds.add(device.id);
      devices.push(device);
      return device;
    },
    addLicense(license) {
      licenses.push(license);
    },
    unlistedDeviceId: () => freshIdentity().id,
    finish({ keepOrder }) {
      const ordered = keepOrder ? licenses : random.shuffled(licenses);
      return {
        // Numeric ids, as an account's database would hand out.
        licenses: ordered.map((license, index) => ({
          id: String(100_001 + index),
          ...license,
          activationCode: newActivationCode(random),
        })),
        devices: keepOrder ? devices : [...devices].sort((a, b) => b.lastConnection - a.lastConnection),
        truth,
      };
    },
  };
}

const MAIN_SUBSCRIPTION_DAYS = 365;

/** An activated license whose «До» day is `daysLeft` from today; its date column is the activation day. */
function addActivated(builder: AccountBuilder, binding: Binding, daysLeft: number): void {
  const subscriptionEnd = builder.today + daysLeft;
  if (binding.kind === 'cloud') {
    const product = cloudProductLasting(builder.random, daysLeft);
    builder.addLicense({
      kind: 'cloud',
      product: product.name,
      status: 'activated',
      deviceId: binding.deviceId,
      date: subscriptionEnd - product.termDays,
      subscriptionEnd,
    });
    return;
  }
  builder.addLicense({
    kind: 'main',
    product: binding.mainProduct ?? builder.random.pick(MAIN_PRODUCTS),
    status: 'activated',
    deviceId: binding.deviceId,
    date: subscriptionEnd - MAIN_SUBSCRIPTION_DAYS,
    subscriptionEnd,
  });
}

function addExpiredCloud(builder: AccountBuilder, deviceId: string): void {
  const product = builder.random.pick(CLOUD_PRODUCTS);
  const subscriptionEnd = builder.today - builder.random.int(1, 400);
  builder.addLicense({
    kind: 'cloud',
    product: product.name,
    status: 'expired',
    deviceId,
    date: subscriptionEnd - product.termDays,
    subscriptionEnd,
  });
}

/** A free license shows the same day in both columns, as the article's free rows do; or 01.01.1970 in both. */
function addFree(builder: AccountBuilder, undated: boolean): void {
  const day = undated ? NO_DATE : builder.today - builder.random.int(30, 1500);
  builder.addLicense({
    kind: 'main',
    product: builder.random.pick(MAIN_PRODUCTS),
    status: 'free',
    date: day,
    subscriptionEnd: day,
  });
}

/** Subscriptions that are neither ending soon nor ended: 150 days or more ahead (within a year of activation). */
const untroubledDaysLeft = (random: Random) => random.int(150, 360);

function times<T>(count: number, make: (index: number) => T): T[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

// ---------------------------------------------------------------------------
// `article`: the help article's four rows, letter for letter

function fillArticle(builder: AccountBuilder): void {
  const xiaomi = builder.addDevice('cloud', {
    id: '@XIAOMI-M2010J19SY-O-AXI15A64262E0F6593B',
    name: 'Xiaomi Redmi 9T',
    database: 'Магазин на Ленина',
  });
  const windows = builder.addDevice('cloud', {
    id: 'WIN-H-4A5F39F07C114C76B6C958170C940A9D',
    name: 'ПК кассы',
    database: 'Магазин на Ленина',
  });
  const [egais, prof] = MAIN_PRODUCTS;
  const store = CLOUD_PRODUCTS[0]!.name;
  const fixed = (text: string) => dayOf(text);
  builder.addLicense({ kind: 'main', product: egais!, status: 'free', date: fixed('17.04.2019'), subscriptionEnd: fixed('17.04.2019') });
  builder.addLicense({ kind: 'main', product: prof!, status: 'free', date: NO_DATE, subscriptionEnd: NO_DATE });
  builder.addLicense({
    kind: 'cloud',
    product: store,
    status: 'expired',
    deviceId: xiaomi.id,
    date: fixed('20.10.2022'),
    subscriptionEnd: fixed('20.10.2022'),
  });
  builder.addLicense({
    kind: 'cloud',
    product: store,
    status: 'activated',
    deviceId: windows.id,
    date: fixed('08.11.2022'),
    subscriptionEnd: fixed('08.11.2022'),
  });
  builder.truth.cloudLicenseExpired.push(xiaomi.id);
  builder.truth.expiredStatus += 1;
  // WIN-H…'s activated cloud license: paid until 08.11.2022, so the device has been left with none since.
  builder.truth.cloudLicenseExpired.push(windows.id);
  builder.truth.cloudTermEnded += 1;
}

// ---------------------------------------------------------------------------
// `typical` and `partner`: a fleet with every kind of trouble, in set numbers

interface FleetMix {
  /** Cloud devices with an activated cloud license: the normal case. */
  licensedCloudDevices: number;
  /** Cloud devices whose only cloud license is Истекла. */
  expiredCloudDevices: number;
  /** Cloud devices with no cloud license at all. */
  unlicensedCloudDevices: number;
  /** Local devices with an activated main license. */
  licensedLocalDevices: number;
  unlicensedLocalDevices: number;
  /** Old Истекла cloud licenses of devices that hold a current one too: not a problem. */
  renewedCloudLicenses: number;
  /** Activated main licenses of another product on an already licensed local device. */
  secondProductLicenses: number;
  freeLicenses: number;
  /** Of the free licenses, those with 01.01.1970 in both columns. */
  undatedFreeLicenses: number;
  duplicatePairs: number;
  /** Activated licenses bound to devices Устройства does not list (half main, half cloud). */
  unknownDeviceLicenses: number;
  /** Activated licenses whose subscription ends in exactly 3, in 20 and in 60 days: this many each. */
  endingIn3And20And60: number;
  /** Activated main licenses whose update subscription ended: they still work. */
  endedSubscriptions: number;
}

/** 25 devices, 40 licenses. */
const TYPICAL_FLEET: FleetMix = {
  licensedCloudDevices: 10,
  expiredCloudDevices: 1,
  unlicensedCloudDevices: 3,
  licensedLocalDevices: 8,
  unlicensedLocalDevices: 3,
  renewedCloudLicenses: 2,
  secondProductLicenses: 8,
  freeLicenses: 8,
  undatedFreeLicenses: 1,
  duplicatePairs: 1,
  unknownDeviceLicenses: 2,
  endingIn3And20And60: 1,
  endedSubscriptions: 3,
};

/** The typical fleet 200 times over (5,000 devices); more second products and free ones make 10,000 licenses. */
const PARTNER_FLEET: FleetMix = {
  ...scaled(TYPICAL_FLEET, 200),
  secondProductLicenses: 3200,
  freeLicenses: 2000,
};

function scaled(mix: FleetMix, factor: number): FleetMix {
  return Object.fromEntries(Object.entries(mix).map(([key, value]) => [key, value * factor])) as unknown as FleetMix;
}

/** An activated license waiting for its subscription end. */
interface Binding {
  kind: LicenseKind;
  deviceId: string;
  mainProduct?: string;
}

function fillFleet(builder: AccountBuilder, mix: FleetMix): void {
  const { random, truth } = builder;
  const licensedCloud = times(mix.licensedCloudDevices, () => builder.addDevice('cloud'));
  const expiredCloud = times(mix.expiredCloudDevices, () => builder.addDevice('cloud'));
  const unlicensedCloud = times(mix.unlicensedCloudDevices, () => builder.addDevice('cloud'));
  const licensedLocal = times(mix.licensedLocalDevices, () => builder.addDevice('local'));
  const unlicensedLocal = times(mix.unlicensedLocalDevices, () => builder.addDevice('local'));
  truth.missingCloudLicense.push(...unlicensedCloud.map((device) => device.id));
  truth.unlicensedLocal.push(...unlicensedLocal.map((device) => device.id));

  // Activated licenses that take the planned subscription ends, and those always far ahead.
  const cloudBindings: Binding[] = licensedCloud.map((device) => ({ kind: 'cloud', deviceId: device.id }));
  const mainBindings: Binding[] = [];
  const farAhead: Binding[] = [];

  const primaryProductIndex = new Map<string, number>();
  for (const device of licensedLocal) {
    const index = random.int(0, MAIN_PRODUCTS.length - 1);
    primaryProductIndex.set(device.id, index);
    mainBindings.push({ kind: 'main', deviceId: device.id, mainProduct: MAIN_PRODUCTS[index] });
  }
  // The n-th round over the devices takes the product n places after the device's own,
  // so a device never gets the same product twice by accident.
  for (let i = 0; i < mix.secondProductLicenses; i++) {
    const device = licensedLocal[i % licensedLocal.length]!;
    const round = 1 + Math.floor(i / licensedLocal.length);
    const index = (primaryProductIndex.get(device.id)! + round) % MAIN_PRODUCTS.length;
    mainBindings.push({ kind: 'main', deviceId: device.id, mainProduct: MAIN_PRODUCTS[index] });
  }
  for (let i = 0; i < mix.duplicatePairs; i++) {
    const device = licensedLocal[licensedLocal.length - 1 - i]!;
    farAhead.push({ kind: 'main', deviceId: device.id, mainProduct: MAIN_PRODUCTS[primaryProductIndex.get(device.id)!] });
    truth.duplicatePairs += 1;
  }
  for (let i = 0; i < mix.unknownDeviceLicenses; i++) {
    const deviceId = builder.unlistedDeviceId();
    farAhead.push({ kind: i % 2 === 0 ? 'main' : 'cloud', deviceId });
    truth.unknownDevice.push(deviceId);
  }

  // Ended subscriptions only on main licenses: a cloud license whose term ends becomes Истекла.
  const mains = random.shuffled(mainBindings);
  for (const binding of mains.splice(0, mix.endedSubscriptions)) {
    addActivated(builder, binding, -random.int(1, 900));
    truth.subscriptionEnded += 1;
  }
  const rest = random.shuffled([...cloudBindings, ...mains]);
  for (const daysLeft of [3, 20, 60]) {
    for (const binding of rest.splice(0, mix.endingIn3And20And60)) {
      addActivated(builder, binding, daysLeft);
      if (daysLeft <= 30) truth.expiringWithin30 += 1;
      // A cloud device has one activated cloud license here: its end is the device's.
      if (daysLeft <= 30 && binding.kind === 'cloud') truth.cloudLicenseEnding.push(binding.deviceId);
    }
  }
  for (const binding of [...rest, ...farAhead]) addActivated(builder, binding, untroubledDaysLeft(random));

  for (const device of expiredCloud) {
    addExpiredCloud(builder, device.id);
    truth.cloudLicenseExpired.push(device.id);
    truth.expiredStatus += 1;
  }
  for (let i = 0; i < mix.renewedCloudLicenses; i++) {
    addExpiredCloud(builder, licensedCloud[i % licensedCloud.length]!.id);
    truth.expiredStatus += 1;
  }
  for (let i = 0; i < mix.freeLicenses; i++) addFree(builder, i < mix.undatedFreeLicenses);
}

// ---------------------------------------------------------------------------
// `hostile`: markup in names, which the site must print as text

function fillHostile(builder: AccountBuilder): void {
  const { random, truth } = builder;
  const named = builder.addDevice('cloud', {
    name: '<img src=x onerror=alert(1)>',
    database: 'Магазин "Ёлки & <i>Палки</i>"',
  });
  truth.missingCloudLicense.push(named.id);
  const cloud = builder.addDevice('cloud');
  const local = builder.addDevice('local');
  builder.addLicense({
    kind: 'cloud',
    product: '<script>alert(1)</script> ОБЛАКО Mobile SMARTS: Магазин 15',
    status: 'activated',
    deviceId: cloud.id,
    date: builder.today - 100,
    subscriptionEnd: builder.today + 265,
  });
  addActivated(builder, { kind: 'main', deviceId: local.id }, untroubledDaysLeft(random));
  addFree(builder, false);
}

// ---------------------------------------------------------------------------
// `broken`: ordinary data; its pages are what cannot be read

function fillBroken(builder: AccountBuilder): void {
  const { random, truth } = builder;
  const cloud = times(2, () => builder.addDevice('cloud'));
  const unlicensed = builder.addDevice('cloud');
  const local = times(2, () => builder.addDevice('local'));
  truth.missingCloudLicense.push(unlicensed.id);
  for (const device of cloud) addActivated(builder, { kind: 'cloud', deviceId: device.id }, untroubledDaysLeft(random));
  for (const device of local) addActivated(builder, { kind: 'main', deviceId: device.id }, untroubledDaysLeft(random));
  addFree(builder, false);
}
