/**
 * The vendor's domains: the only sites the extension reads or is reachable
 * from. Kept beside the manifest's host permissions (wxt.config.ts) so the
 * two cannot drift apart unnoticed.
 */
export const VENDOR_MATCHES = ['https://*.cleverence.ru/*', 'https://*.cleverence.com/*'];

/** Whether a URL is on one of the vendor's domains over HTTPS. */
export function isVendorUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && /(^|\.)cleverence\.(ru|com)$/.test(hostname);
  } catch {
    return false;
  }
}

/**
 * Where to open the personal account when no tab shows it. The account's
 * address is not public (shared/domain/DOMAIN.md): this is the demo
 * account's, where the extension has been tried; the page it lands on is
 * recognised by its content, whatever the address.
 */
export const ACCOUNT_HOME = 'https://lk.cleverence.ru/licenses';

/**
 * Where a support request is written: the vendor's support section (its help
 * articles live under it, cleverence.ru/support/357081). The form itself is
 * found on that page, or one link on from it, by its words (site/support-form.ts).
 */
export const SUPPORT_HOME = 'https://www.cleverence.ru/support/';
