/**
 * The frame of every account page: header (logo, the customer's name and
 * e-mail, «Выйти»), the tab navigation, and the account's words and script.
 */
import { BROWSER_SCRIPTS } from '../assets.ts';
import { html, type Html, jsonForScript, trusted } from '../html.ts';
import type { SeededAccount } from '../seed.ts';
import type { Words } from './words.ts';

export type AccountTab = 'licenses' | 'devices' | 'profile' | 'orders';

export interface AccountPageParts {
  words: Words;
  title: string;
  main: Html;
  /** Absent on the log-in page. */
  account?: SeededAccount;
  tab?: AccountTab;
  /** True on a tab's own page; false on pages reached from it (upload, renew). */
  onTabPage?: boolean;
  /** The list is rendered in the browser (the `client` layout). */
  clientList?: boolean;
}

const TAB_PATHS: Record<AccountTab, string> = {
  licenses: '/licenses',
  devices: '/devices',
  profile: '/profile',
  orders: '/orders',
};

/**
 * `aria-current="page"` marks the tab whose page this is; a page reached from
 * a tab (Загрузить лицензии, Продлить) marks it `aria-current="true"` instead.
 */
function tabNavigation(words: Words, tab: AccountTab | undefined, onTabPage: boolean): Html {
  const links = (Object.keys(TAB_PATHS) as AccountTab[]).map((name) => {
    const current = name !== tab ? '' : onTabPage ? 'page' : 'true';
    return current
      ? html`<a href="${TAB_PATHS[name]}" aria-current="${current}">${words.tabs[name]}</a>`
      : html`<a href="${TAB_PATHS[name]}">${words.tabs[name]}</a>`;
  });
  return html`<nav class="account-tabs" aria-label="${words.accountSections}">
${links.map((link) => html`  ${link}
`)}</nav>`;
}

function accountHeader(words: Words, account: SeededAccount | undefined): Html {
  return html`<header class="site-header">
  <a class="logo" href="/licenses">${words.logo}</a>
  <span class="logo-caption">${words.accountTitle}</span>
  ${account
    ? html`<div class="who"><span class="who-name">${account.displayName}</span> <span class="who-email">${account.email}</span> <a class="logout" href="/logout">${words.logout}</a></div>`
    : ''}
</header>`;
}

/** Only what the scripts print themselves; rows bring their own kind and status words. */
function scriptWords(words: Words) {
  const { until, renew, showCode, rowMenu, unlink, select, pages, shown, nothingFound } = words;
  return { until, renew, showCode, rowMenu, unlink, select, pages, shown, nothingFound };
}

/**
 * Scripts and their words sit in <head>, so the body's text is only what the
 * page shows. They act once the document is parsed.
 */
export function accountPage({ words, title, main, account, tab, onTabPage = true, clientList = false }: AccountPageParts): Html {
  return html`<!doctype html>
<html lang="${words.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${words.accountTitle} ${words.logo}</title>
<link rel="stylesheet" href="/assets/account.css">
<script type="application/json" id="account-words">${jsonForScript(scriptWords(words))}</script>
<script>${trusted(BROWSER_SCRIPTS.account)}</script>
${clientList ? html`<script>${trusted(BROWSER_SCRIPTS.clientList)}</script>` : ''}
</head>
<body class="account">
${accountHeader(words, account)}
${account ? tabNavigation(words, tab, onTabPage) : ''}
<main class="content">
${main}
</main>
<footer class="site-footer">${words.footer}</footer>
</body>
</html>`;
}
