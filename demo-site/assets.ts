/**
 * The demo's own static files: two small style sheets (the account and the
 * vendor's public site must not look alike) and the account's browser
 * scripts, which are inlined into pages as the real account's likely are.
 */
import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

/** A browser script without its opening comment block, which is for readers of the file, not of the page. */
const readScript = (path: string) => read(path).replace(/^(\/\/.*\n)+/, '');

export const STYLE_SHEETS: Readonly<Record<string, string>> = {
  'account.css': read('./assets/account.css'),
  'vendor.css': read('./assets/vendor.css'),
};

export const BROWSER_SCRIPTS = {
  /** Row menu, «Показать код активации», the upload page's two ways, the filter's auto-submit. */
  account: readScript('./account/browser/account.js'),
  /** The `client` layout: fetches and renders the rows, pages without reloading. */
  clientList: readScript('./account/browser/client-list.js'),
};
