/**
 * The `client` layout: the server sends only a shell (the page adds
 * client-list.js to its head, see page.ts); the script fetches
 * `/api/licenses` or `/api/devices` after 600 ms, renders the rows with DOM
 * calls (textContent, never innerHTML), and pages without reloading
 * (history.pushState, fetch, render). It stands for a single-page account.
 */
import { html, type Html } from '../../html.ts';
import type { Words } from '../words.ts';

export type ClientList = 'licenses' | 'devices';

export function clientListShell(list: ClientList, words: Words): Html {
  return html`<div id="client-list" class="cl-list" data-list="${list}" aria-busy="true" aria-live="polite"><p class="cl-loading">${words.loading}</p></div>
<div id="client-pager" class="cl-pager"></div>`;
}
