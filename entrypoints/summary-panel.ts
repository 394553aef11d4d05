import { offerPanel } from '@/components/panel-host';

/**
 * The summary panel's code (Preact, the panel, its copy and CSV), put into an
 * account page by the background only once the content script has found the
 * page to be the Лицензии or Устройства tab (utils/reading/panel-loader.ts):
 * the other pages of the vendor's sites never load it. It runs in the content
 * script's own isolated world and hands it the panel.
 */
export default defineUnlistedScript(() => {
  offerPanel();
});
