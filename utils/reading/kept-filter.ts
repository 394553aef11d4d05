/**
 * The row filter the user chose, kept for the tab's next pages: paging
 * through a filtered list keeps it filtered, and a count of the other tab
 * opens that tab filtered. In the page's sessionStorage: it is this browser
 * tab's alone, as the filter is, and goes with it. The page can write there
 * too, so what is read back is only ever a filter we know; the worst a page
 * can do is filter its own rows, which the panel then says it does.
 */
import { isGroupOf } from '../checks/finding-groups';
import type { AccountTab } from '../site/words';

const KEY = 'clh-filter';

export function keptFilter(tab: AccountTab): string | undefined {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (typeof kept !== 'object' || kept === null) return undefined;
    const { tab: keptTab, filter } = kept as Record<string, unknown>;
    return keptTab === tab && (filter === 'problems' || isGroupOf(tab, filter)) ? filter : undefined;
  } catch {
    return undefined; // storage refused (a sandboxed page) or not ours: no filter
  }
}

export function keepFilter(tab: AccountTab, filter: string | undefined): void {
  try {
    if (filter === undefined) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, JSON.stringify({ tab, filter }));
  } catch {
    // Storage refused: the filter holds on this page only.
  }
}

export function forgetFilter(): void {
  keepFilter('licenses', undefined);
}
