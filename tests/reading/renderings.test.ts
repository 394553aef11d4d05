// Reading any rendering of the account: random accounts drawn in random
// markups (tests/renderings/), read by the site adapter, must give exactly the
// records drawn, with no row left unread, and the same findings whatever the
// markup. `npm test` runs a bounded number of cases; `npm run test:renderings`
// runs many more (RENDERING_RUNS). Every failure found is kept below as a
// fixed case (regressions.ts).
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { WORDS } from '../../demo-site/account/words';
import { mulberry32 } from '../../demo-site/random';
import { crossCheck } from '@/utils/checks/checks';
import { readDeviceList, readLicenseList } from '@/utils/site/rows';
import { accountArbitrary, DRAWN_TODAY, renderingArbitrary, textsOf, type DrawnAccount } from '../renderings/arbitraries';
import { expectedDevice, expectedLicense } from '../renderings/expected';
import { deviceListHtml, drawScriptedRows, licenseListHtml } from '../renderings/markup';
import { accountPageHtml } from '../renderings/page';
import { describeRendering, renderingFor, type Rendering } from '../renderings/rendering';
import { REGRESSIONS } from '../renderings/regressions';

const RUNS = Number(process.env.RENDERING_RUNS ?? 120);
const TIMEOUT_MS = Math.max(30_000, RUNS * 200);

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** An account's Лицензии or Устройства page in one rendering, as a document (rows drawn by script put in place). */
function pageOf(account: DrawnAccount, tab: 'licenses' | 'devices', rendering: Rendering, seed: number): Document {
  const words = WORDS[rendering.language];
  const { licenses, devices } = textsOf(account, words);
  const list = tab === 'licenses' ? licenseListHtml(licenses, words, rendering, { seed }) : deviceListHtml(devices, words, rendering, { seed });
  const doc = parse(accountPageHtml({ tab, words, rendering, list }));
  drawScriptedRows(doc);
  return doc;
}

async function readBoth(account: DrawnAccount, rendering: Rendering, seed: number) {
  const licenses = await readLicenseList(pageOf(account, 'licenses', rendering, seed).body);
  const devices = await readDeviceList(pageOf(account, 'devices', rendering, seed).body);
  return {
    licenses: licenses.rows.map((row) => row.license),
    devices: devices.rows.map((row) => row.device),
    unread: licenses.unread + devices.unread,
  };
}

function expectedOf(account: DrawnAccount, rendering: Rendering) {
  const { licenses, devices } = textsOf(account, WORDS[rendering.language]);
  return {
    licenses: licenses.map((texts) => expectedLicense(texts, rendering)),
    devices: devices.map((texts) => expectedDevice(texts, rendering)),
  };
}

describe('any rendering of an account', () => {
  test.prop([accountArbitrary(), renderingArbitrary], { numRuns: RUNS })('reads exactly the licenses and devices drawn, none left unread', async (account, { seed, rendering }) => {
    const read = await readBoth(account, rendering, seed);
    const expected = expectedOf(account, rendering);
    const where = `rendering ${seed}: ${describeRendering(rendering)}`;
    expect(read.licenses, where).toEqual(expected.licenses);
    expect(read.devices, where).toEqual(expected.devices);
    expect(read.unread, where).toBe(0);
  }, TIMEOUT_MS);

  test.prop([accountArbitrary(), renderingArbitrary, renderingArbitrary], { numRuns: Math.ceil(RUNS / 2) })(
    'finds the same whatever the markup: the counts of two renderings are those of the records drawn',
    async (account, first, second) => {
      const counts = async ({ seed, rendering }: { seed: number; rendering: Rendering }) => {
        const read = await readBoth(account, rendering, seed);
        return crossCheck(read.licenses, read.devices, DRAWN_TODAY).counts;
      };
      const drawn = expectedOf(account, first.rendering);
      const truth = crossCheck(drawn.licenses, drawn.devices, DRAWN_TODAY).counts;
      expect(await counts(first), describeRendering(first.rendering)).toEqual(truth);
      expect(await counts(second), describeRendering(second.rendering)).toEqual(truth);
    },
    TIMEOUT_MS,
  );

  it.each(REGRESSIONS)('reads rendering $rendering as drawn ($why)', async ({ rendering: seed, account }) => {
    const rendering = renderingFor(mulberry32(seed));
    const read = await readBoth(account, rendering, seed);
    expect(read).toEqual({ ...expectedOf(account, rendering), unread: 0 });
  });
});


