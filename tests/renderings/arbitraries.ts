/**
 * fast-check arbitraries: random accounts (licenses bound to listed devices,
 * to unlisted ones, free, expired; names that are markup or carry words the
 * reader looks for) and random renderings of them.
 */
import fc from 'fast-check';
import { deviceTexts, licenseTexts, type DeviceTexts, type LicenseTexts } from '../../demo-site/account/rows';
import type { Words } from '../../demo-site/account/words';
import { momentOf, NO_DATE } from '../../demo-site/calendar';
import { CLOUD_PRODUCTS, MAIN_PRODUCTS } from '../../demo-site/catalog';
import { mulberry32 } from '../../demo-site/random';
import type { SeededDevice, SeededLicense } from '../../demo-site/seed';
import { newDevice } from './makers';
import { renderingFor, type Rendering } from './rendering';

/** Names a reader must take as they are: markup, a connection word, quotes and ampersands, Latin. */
const DEVICE_NAMES = ['<img src=x onerror=alert(1)>', 'Облачный терминал', 'Cloud POS 1', 'Терминал "Ёлки & Палки"', 'Zebra TC21 №3', 'ТСД приёмки'];
const DATABASES = ['Магазин на Ленина', 'Склад Южный', 'Облачный склад', 'Local warehouse', 'Интернет-магазин', 'Магазин "Ёлки & <i>Палки</i>"'];
const PRODUCTS = [
  ...MAIN_PRODUCTS,
  ...CLOUD_PRODUCTS.map((product) => product.name),
  '<script>alert(1)</script> ОБЛАКО Mobile SMARTS: Магазин 15',
  'Mobile SMARTS: ЕГАИС & маркировка «Полный»',
];

/** The day the accounts are drawn around (their dates are relative to it). */
export const DRAWN_TODAY = 20_794; // 07.12.2026

const deviceArbitrary = fc.record({
  seed: fc.integer({ min: 1, max: 0x7fff_ffff }),
  name: fc.option(fc.constantFrom(...DEVICE_NAMES), { nil: undefined }),
  database: fc.constantFrom(...DATABASES),
  databaseKind: fc.constantFrom('cloud' as const, 'local' as const),
  seenDaysAgo: fc.integer({ min: 0, max: 90 }),
  seenMinute: fc.integer({ min: 0, max: 1439 }),
});

const licenseArbitrary = fc.record({
  kind: fc.constantFrom('cloud' as const, 'main' as const),
  product: fc.constantFrom(...PRODUCTS),
  status: fc.constantFrom('free' as const, 'activated' as const, 'expired' as const),
  /** The index of a listed device, or an id no listed device has. */
  device: fc.oneof(fc.nat(40), fc.constant(-1)),
  unlistedSeed: fc.integer({ min: 1, max: 0x7fff_ffff }),
  dateDaysAgo: fc.integer({ min: 0, max: 800 }),
  endDaysAhead: fc.integer({ min: -400, max: 400 }),
  undated: fc.boolean(),
  showsCode: fc.boolean(),
});

export interface DrawnAccount {
  licenses: SeededLicense[];
  devices: SeededDevice[];
}

/** A random account: up to `maxDevices` devices and `maxLicenses` licenses, as the demo seeds them. */
export function accountArbitrary({ maxDevices = 10, maxLicenses = 14 } = {}): fc.Arbitrary<DrawnAccount> {
  return fc.record({
    devices: fc.array(deviceArbitrary, { maxLength: maxDevices }),
    licenses: fc.array(licenseArbitrary, { maxLength: maxLicenses }),
  }).map(({ devices: drawnDevices, licenses: drawnLicenses }) => {
    const devices: SeededDevice[] = [];
    const ids = new Set<string>();
    for (const drawn of drawnDevices) {
      const identity = newDevice(mulberry32(drawn.seed));
      if (ids.has(identity.id.replace(/^@/, ''))) continue;
      ids.add(identity.id.replace(/^@/, ''));
      devices.push({
        id: identity.id,
        name: drawn.name ?? identity.name,
        database: drawn.database,
        databaseKind: drawn.databaseKind,
        lastConnection: momentOf(DRAWN_TODAY - drawn.seenDaysAgo, drawn.seenMinute),
      });
    }
    const licenses = drawnLicenses.map((drawn, index): SeededLicense => {
      const bound = drawn.status !== 'free';
      const deviceId = !bound ? undefined
        : drawn.device >= 0 && devices.length > 0 ? devices[drawn.device % devices.length]!.id : newDevice(mulberry32(drawn.unlistedSeed)).id;
      const date = drawn.undated && drawn.status === 'free' ? NO_DATE : DRAWN_TODAY - drawn.dateDaysAgo;
      const subscriptionEnd = date === NO_DATE ? NO_DATE : DRAWN_TODAY + drawn.endDaysAhead;
      return {
        id: String(200_001 + index),
        kind: drawn.kind,
        product: drawn.product,
        status: drawn.status,
        ...(deviceId ? { deviceId } : {}),
        date,
        subscriptionEnd,
        activationCode: '',
        codeKnown: drawn.showsCode,
      };
    });
    return { licenses, devices };
  });
}

/** An account's rows as the list prints them, in the given words. */
export function textsOf(account: DrawnAccount, words: Words): { licenses: LicenseTexts[]; devices: DeviceTexts[] } {
  return {
    licenses: account.licenses.map((license) => licenseTexts(license, words)),
    devices: account.devices.map((device) => deviceTexts(device, words)),
  };
}

/** A random rendering: the n-th of renderingFor, so a failure's seed names the rendering the demo can show too. */
export const renderingArbitrary: fc.Arbitrary<{ seed: number; rendering: Rendering }> = fc
  .integer({ min: 1, max: 0x7fff_ffff })
  .map((seed) => ({ seed, rendering: renderingFor(mulberry32(seed)) }));

