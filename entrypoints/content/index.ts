import { endWithTheExtension, watchAccountPage } from '@/utils/reading/account-page';
import { lazyPanel } from '@/utils/reading/panel-loader';
import { VENDOR_MATCHES } from '@/utils/site/vendor-hosts';

export default defineContentScript({
  matches: VENDOR_MATCHES,
  // The panel's styles go into its own shadow root, never into the page.
  cssInjectionMode: 'manual',
  // A newer copy of this script tells an older one to stop with a DOM event (see endWithTheExtension). The
  // window.postMessage WXT also sends by default, for copies built with older WXT, would reach the vendor's own
  // message listeners and cost our first task, the one that also compiles the script, a few milliseconds more.
  noScriptStartedPostMessage: true,
  main(ctx) {
    endWithTheExtension(ctx);
    watchAccountPage(ctx, lazyPanel(ctx));
  },
});
