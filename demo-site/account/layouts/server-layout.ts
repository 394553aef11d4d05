/**
 * A markup for the Лицензии and Устройства lists, rendered on the server.
 * Nobody knows the real account's markup, so the demo has several that print
 * the same texts (see table.ts, grid.ts, and client.ts for a script-rendered
 * one); the extension must recognise rows by their content in all of them.
 * Cells are separated by whitespace in every layout, so a row's textContent
 * reads like the article's line.
 */
import type { Html } from '../../html.ts';
import type { SeededDevice, SeededLicense } from '../../seed.ts';
import type { Words } from '../words.ts';

export interface ServerLayout {
  licenseList(licenses: readonly SeededLicense[], words: Words): Html;
  deviceList(devices: readonly SeededDevice[], words: Words): Html;
}
