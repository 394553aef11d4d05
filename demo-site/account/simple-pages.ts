/** The account's small pages: renewal ordered, an activation code, profile, orders, not found. */
import { html, type Html } from '../html.ts';
import type { SeededAccount, SeededLicense } from '../seed.ts';
import { accountPage } from './page.ts';
import { shownProduct } from './rows.ts';
import type { Words } from './words.ts';

/** «Продлить» lands here: the demo takes the order and says so. */
export function renewPage(account: SeededAccount, words: Words, license: SeededLicense): Html {
  return accountPage({
    words,
    account,
    tab: 'licenses',
    onTabPage: false,
    title: words.renewOrdered,
    main: html`<h1>${words.renewOrdered}</h1>
<p>${words.renewOrderedText}</p>
<p class="renew-product" title="${license.product}">${words.kind[license.kind]} ${shownProduct(license.product)}</p>
<p><a href="/licenses">${words.backToLicenses}</a></p>`,
  });
}

/** «Показать код активации» without script: the code on a page of its own. */
export function activationCodePage(account: SeededAccount, words: Words, license: SeededLicense): Html {
  return accountPage({
    words,
    account,
    tab: 'licenses',
    onTabPage: false,
    title: words.activationCode,
    main: html`<h1>${words.activationCode}</h1>
<p class="renew-product" title="${license.product}">${words.kind[license.kind]} ${shownProduct(license.product)}</p>
<p><code class="activation-code">${license.activationCode}</code></p>
<p><a href="/licenses">${words.backToLicenses}</a></p>`,
  });
}

export function profilePage(account: SeededAccount, words: Words): Html {
  return accountPage({
    words,
    account,
    tab: 'profile',
    title: words.profileTitle,
    main: html`<h1>${words.profileTitle}</h1>
<dl class="profile">
  <dt>${words.company}</dt><dd>${account.displayName}</dd>
  <dt>${words.email}</dt><dd>${account.email}</dd>
  <dt>${words.login.login}</dt><dd>${account.login}</dd>
</dl>`,
  });
}

export function ordersPage(account: SeededAccount, words: Words): Html {
  return accountPage({
    words,
    account,
    tab: 'orders',
    title: words.ordersTitle,
    main: html`<h1>${words.ordersTitle}</h1>
<p>${words.noOrders}</p>`,
  });
}

export function notFoundPage(account: SeededAccount, words: Words): Html {
  return accountPage({ words, account, title: words.notFound, main: html`<h1>${words.notFound}</h1>` });
}
