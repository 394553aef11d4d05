/** The Устройства tab: every terminal connected to the customer's databases, 50 a page. */
import { html, type Html } from '../html.ts';
import type { Layout, SeededAccount, SeededDevice } from '../seed.ts';
import { clientListShell } from './layouts/client.ts';
import { serverLayout } from './layouts/index.ts';
import { listRange, pager, pageSizeChoice } from './list-parts.ts';
import { type ListPage, type ListQuery, type PageSize, pageOf, pagerLinks } from './listing.ts';
import { accountPage } from './page.ts';
import type { Words } from './words.ts';

export const DEVICES_PAGE_SIZE: PageSize = 50;

export function devicesShown(account: SeededAccount, query: ListQuery): ListPage<SeededDevice> {
  return pageOf(account.devices, query);
}

export function devicesPage(account: SeededAccount, words: Words, layout: Layout, query: ListQuery, drawAfterMs?: number): Html {
  // The devices list has no status filter: keep a stray ?status= out of its links.
  const deviceQuery: ListQuery = { page: query.page, size: query.size };
  const toolbar = html`<div class="list-heading"><h1>${words.tabs.devices}</h1></div>
<div class="list-toolbar">
${pageSizeChoice(deviceQuery, words)}
</div>`;
  let list: Html;
  if (layout === 'client') {
    list = clientListShell('devices', words);
  } else {
    const shown = devicesShown(account, deviceQuery);
    list = html`${serverLayout(layout, drawAfterMs).deviceList(shown.rows, words)}
${listRange(shown, words)}
${pager(pagerLinks(shown, deviceQuery, DEVICES_PAGE_SIZE), words)}`;
  }
  return accountPage({
    words,
    account,
    tab: 'devices',
    title: words.tabs.devices,
    main: html`${toolbar}\n${list}`,
    clientList: layout === 'client',
  });
}
