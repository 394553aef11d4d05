/** The Лицензии tab: heading, «Загрузить лицензии», status filter, page size, rows, pager. */
import { html, type Html } from '../html.ts';
import type { Layout, LicenseStatus, SeededAccount, SeededLicense } from '../seed.ts';
import { clientListShell } from './layouts/client.ts';
import { serverLayout } from './layouts/index.ts';
import { listRange, pager, pageSizeChoice } from './list-parts.ts';
import { type ListPage, type ListQuery, type PageSize, pageOf, pagerLinks } from './listing.ts';
import { accountPage } from './page.ts';
import type { Words } from './words.ts';

export const LICENSES_PAGE_SIZE: PageSize = 20;

/** The licenses a query shows: the status filter first, then the page. */
export function licensesShown(account: SeededAccount, query: ListQuery): ListPage<SeededLicense> {
  const matching = query.status ? account.licenses.filter((license) => license.status === query.status) : account.licenses;
  return pageOf(matching, query);
}

/** A GET form, so the filter lives in the URL like paging does; account.js submits it on change. */
function statusFilter(query: ListQuery, words: Words): Html {
  const option = (value: LicenseStatus | '', label: string) =>
    (query.status ?? '') === value
      ? html`<option value="${value}" selected>${label}</option>`
      : html`<option value="${value}">${label}</option>`;
  return html`<form class="status-filter" method="get" action="/licenses">
  <label>${words.statusFilter} <select name="status" data-autosubmit>
    ${option('', words.allStatuses)}
    ${option('free', words.status.free)}
    ${option('activated', words.status.activated)}
    ${option('expired', words.status.expired)}
  </select></label>
  ${query.size === LICENSES_PAGE_SIZE ? '' : html`<input type="hidden" name="size" value="${query.size}">`}
  <button type="submit">${words.applyFilter}</button>
</form>`;
}

export function licensesPage(account: SeededAccount, words: Words, layout: Layout, query: ListQuery, drawAfterMs?: number): Html {
  const toolbar = html`<div class="list-heading">
  <h1>${words.tabs.licenses}</h1>
  <a class="button" href="/licenses/upload">${words.uploadLicenses}</a>
</div>
<div class="list-toolbar">
${statusFilter(query, words)}
${pageSizeChoice(query, words)}
</div>`;
  let list: Html;
  if (layout === 'client') {
    list = clientListShell('licenses', words);
  } else {
    const shown = licensesShown(account, query);
    list = html`${serverLayout(layout, drawAfterMs).licenseList(shown.rows, words)}
${listRange(shown, words)}
${pager(pagerLinks(shown, query, LICENSES_PAGE_SIZE), words)}`;
  }
  return accountPage({
    words,
    account,
    tab: 'licenses',
    title: words.tabs.licenses,
    main: html`${toolbar}\n${list}`,
    clientList: layout === 'client',
  });
}
