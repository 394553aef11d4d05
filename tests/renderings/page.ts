/**
 * A whole account page around a generated list, for unit tests: the header
 * with the customer's name and e-mail, the tab navigation in the rendering's
 * style, the tab's heading and toolbar, the list, the range line. (The demo
 * site draws its own page around the same lists.)
 */
import type { Words } from '../../demo-site/account/words';
import { escapeHtml } from './markup';
import type { Rendering } from './rendering';

export type PageTab = 'licenses' | 'devices' | 'profile';

const PATHS: Record<PageTab | 'orders', string> = { licenses: '/licenses', devices: '/devices', profile: '/profile', orders: '/orders' };

function navigation(words: Words, tab: PageTab, rendering: Rendering): string {
  const names = Object.keys(PATHS) as Array<keyof typeof PATHS>;
  switch (rendering.navigation) {
    case 'aria-current':
      return `<nav class="tabs">${names.map((name) => `<a href="${PATHS[name]}"${name === tab ? ' aria-current="page"' : ''}>${escapeHtml(words.tabs[name])}</a>`).join(' ')}</nav>`;
    case 'active-class':
      // No ARIA: the current tab is the link to this page's own address.
      return `<ul class="menu">${names.map((name) => `<li${name === tab ? ' class="active"' : ''}><a href="${PATHS[name]}">${escapeHtml(words.tabs[name])}</a></li>`).join('')}</ul>`;
    case 'tablist':
      return `<div role="tablist">${names.map((name) => `<a role="tab" href="${PATHS[name]}" aria-selected="${name === tab}">${escapeHtml(words.tabs[name])}</a>`).join('')}</div>`;
  }
}

export interface PageParts {
  tab: PageTab;
  words: Words;
  rendering: Rendering;
  /** The list's markup (markup.ts), or anything else to stand where it goes. */
  list: string;
  /** «Показаны 1–N из N» under the list, when given. */
  range?: { from: number; to: number; total: number };
  email?: string;
}

export function accountPageHtml({ tab, words, rendering, list, range, email = 'typical@example.ru' }: PageParts): string {
  const heading = tab === 'licenses'
    ? `<div class="toolbar"><h1>${escapeHtml(words.tabs.licenses)}</h1> <a class="button" href="/licenses/upload">${escapeHtml(words.uploadLicenses)}</a></div>`
    : `<h1>${escapeHtml(words.tabs[tab])}</h1>`;
  const rangeLine = range
    ? `<p class="range">${escapeHtml(words.shown.replace('{from}', String(range.from)).replace('{to}', String(range.to)).replace('{total}', String(range.total)))}</p>`
    : '';
  return `<!doctype html>
<html lang="${words.language}"><head><meta charset="utf-8"><title>${escapeHtml(words.tabs[tab])} — ${escapeHtml(words.accountTitle)}</title></head>
<body>
<header><a class="logo" href="/">${escapeHtml(words.logo)}</a> <span class="who">ООО "Ромашка" ${escapeHtml(email)}</span> <a href="/logout">${escapeHtml(words.logout)}</a></header>
${navigation(words, tab, rendering)}
<main>
${heading}
${list}
${rangeLine}
</main>
<footer>${escapeHtml(words.footer)}</footer>
</body></html>`;
}
