/** The parts around a list that every server-rendered layout shares: page-size choice, pager, range. */
import { html, type Html } from '../html.ts';
import { type ListPage, type ListQuery, PAGE_SIZES, type PageSize, type PagerLinks, sizeSearch } from './listing.ts';
import { fillIn, type Words } from './words.ts';

/** «Показывать по: 20 50 100 Все»: links, the current one marked. */
export function pageSizeChoice(query: ListQuery, words: Words): Html {
  const links = PAGE_SIZES.map((size: PageSize) => {
    const label = size === 'all' ? words.allRows : String(size);
    return size === query.size
      ? html`<a class="page-size-current" href="${sizeSearch(query, size)}" aria-current="true">${label}</a>`
      : html`<a href="${sizeSearch(query, size)}">${label}</a>`;
  });
  return html`<p class="page-size">${words.pageSize} ${links.map((link) => html`${link} `)}</p>`;
}

/** «‹ 1 … 4 5 6 … 500 ›»; the current page is `aria-current="page"`, as in most sites' pagers. */
export function pager(links: PagerLinks, words: Words): Html {
  const step = (search: string | null, label: string, rel: 'prev' | 'next') =>
    search
      ? html`<a class="pager-step" href="${search}" rel="${rel}">${label}</a>`
      : html`<span class="pager-step pager-step-off">${label}</span>`;
  const items = links.items.map((item) => {
    if (item === 'gap') return html`<span class="pager-gap">…</span>`;
    return item.current
      ? html`<span class="pager-current" aria-current="page">${item.page}</span>`
      : html`<a href="${item.search}">${item.page}</a>`;
  });
  return html`<nav class="pager" aria-label="${words.pages}">${step(links.previous, '‹', 'prev')} ${items.map((item) => html`${item} `)}${step(links.next, '›', 'next')}</nav>`;
}

/** «Показаны 1–20 из 40», or «Ничего не найдено». */
export function listRange(shown: ListPage<unknown>, words: Words): Html {
  return html`<p class="list-range">${shown.total ? fillIn(words.shown, { from: shown.from, to: shown.to, total: shown.total }) : words.nothingFound}</p>`;
}
