/**
 * Once before the end-to-end tests: the browser they run in, found as
 * `npm start` finds it (installed with apt-get on Debian as root when there
 * is none), and said, so a log shows which browser the figures come from.
 */
import { ensureBrowser } from '../scripts/find-browser';

export default function setup(): void {
  const browser = ensureBrowser();
  console.log(`End-to-end tests in ${browser.name}: ${browser.path}`);
}
