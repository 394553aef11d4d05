/**
 * Where a bulk upload can go: the browser's tabs on the vendor's sites, and
 * what each shows of the account (logged in, where its «Загрузить лицензии»
 * is). The popup works wherever it is opened (from the toolbar on any page,
 * in a tab of its own, with no account open at all): reading and checking
 * what to send needs none of this; only sending needs an account tab.
 */
import type { DriverAccount } from '../shared/messaging';
import { VENDOR_MATCHES } from '../site/vendor-hosts';
import { accountInTab } from './tab-driver';

export interface VendorTab {
  tabId: number;
  title: string;
  account: DriverAccount;
}

/** Tabs asked at most: a partner may keep dozens of the vendor's pages open, and each asked costs its page a script. */
const TABS_ASKED_AT_MOST = 12;

/**
 * The vendor's tabs and what each shows of the account, `preferred` first
 * (the tab the popup was opened on, or named), then the most recently used.
 */
export async function vendorTabs(preferred: number | undefined): Promise<VendorTab[]> {
  const tabs = (await browser.tabs.query({ url: VENDOR_MATCHES })).filter((tab) => tab.id !== undefined && tab.url);
  tabs.sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return Promise.all(tabs.slice(0, TABS_ASKED_AT_MOST).map(async (tab) => ({
    tabId: tab.id!,
    title: tab.title ?? '',
    account: (await accountInTab(tab.id!, new URL(tab.url!).origin)) ?? { kind: 'not-account' as const },
  })));
}

export type AccountOf = Extract<DriverAccount, { kind: 'account' }>;
export type AccountTab = VendorTab & { account: AccountOf };

export const isAccountTab = (tab: VendorTab): tab is AccountTab => tab.account.kind === 'account';

/** The tab to send to when nobody has chosen: `preferred` when it shows the account, else the only one that does. */
export function defaultAccountTab(tabs: readonly VendorTab[], preferred: number | undefined): number | undefined {
  const accounts = tabs.filter(isAccountTab);
  return (accounts.find((tab) => tab.tabId === preferred) ?? (accounts.length === 1 ? accounts[0] : undefined))?.tabId;
}

/**
 * What stands between the user and sending, when no tab shows the account
 * ready to take licenses: the furthest any tab has got. `log-in`: a tab
 * shows the account's log-in form; `no-upload`: a tab shows the account but
 * not where to upload (its Лицензии page, if known, is where to go).
 */
export type MissingStep =
  | { step: 'open-account' }
  | { step: 'log-in'; tabId: number }
  | { step: 'no-upload'; tabId: number; licensesUrl?: string };

export function missingStep(tabs: readonly VendorTab[]): MissingStep {
  const noUpload = tabs.find((tab) => tab.account.kind === 'no-upload');
  if (noUpload && noUpload.account.kind === 'no-upload') {
    return { step: 'no-upload', tabId: noUpload.tabId, ...(noUpload.account.licensesUrl ? { licensesUrl: noUpload.account.licensesUrl } : {}) };
  }
  const logIn = tabs.find((tab) => tab.account.kind === 'logged-out');
  return logIn ? { step: 'log-in', tabId: logIn.tabId } : { step: 'open-account' };
}
