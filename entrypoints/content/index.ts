import { panelHost } from '@/components/panel-host';
import { watchAccountPage } from '@/utils/account-page';
import { VENDOR_MATCHES } from '@/utils/vendor-hosts';

export default defineContentScript({
  matches: VENDOR_MATCHES,
  // The panel's styles go into its own shadow root, never into the page.
  cssInjectionMode: 'manual',
  main(ctx) {
    watchAccountPage(ctx, panelHost(ctx));
  },
});
