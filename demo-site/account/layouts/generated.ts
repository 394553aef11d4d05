/**
 * `gen-N`: the N-th generated rendering of the lists (tests/renderings):
 * markup nobody drew by hand, in one of many structures (tables, cards, ARIA
 * grids, definition lists), with headers or labels, hidden menus, decoys, and
 * rows drawn by script a moment after load. The words are the site's own
 * language's; the rendering's other choices are renderingFor(N)'s.
 */
import { licenseListHtml, deviceListHtml } from '../../../tests/renderings/markup.ts';
import { renderingFor, type Rendering } from '../../../tests/renderings/rendering.ts';
import { trusted } from '../../html.ts';
import { mulberry32 } from '../../random.ts';
import { deviceTexts, licenseTexts } from '../rows.ts';
import type { Words } from '../words.ts';
import type { ServerLayout } from './server-layout.ts';

export const GENERATED_LAYOUT = /^gen-(\d{1,10})$/;

function renderingOf(number: number, words: Words): Rendering {
  return { ...renderingFor(mulberry32(number)), language: words.language };
}

/** `drawAfterMs`: when the rendering draws its rows by script, how long after load (the demo's fault switch of that name). */
export function generatedLayout(number: number, drawAfterMs?: number): ServerLayout {
  const options = { seed: number, ...(drawAfterMs === undefined ? {} : { delayMs: drawAfterMs }) };
  return {
    licenseList: (licenses, words) =>
      trusted(licenseListHtml(licenses.map((license) => licenseTexts(license, words)), words, renderingOf(number, words), options)),
    deviceList: (devices, words) =>
      trusted(deviceListHtml(devices.map((device) => deviceTexts(device, words)), words, renderingOf(number, words), options)),
  };
}
