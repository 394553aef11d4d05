/**
 * The content script's side of the summary panel, whose code is a script of
 * its own (entrypoints/summary-panel.ts): every page of the vendor's sites
 * loads the content script, while only the account's list tabs need the
 * panel, and Preact with the panel would be a third of what every page loads.
 * The background puts the panel's script into the page when it is asked
 * (`loadPanel`); it runs in this same isolated world (no page script can
 * reach it) and leaves its factory under PANEL_GLOBAL, where this takes it.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../shared/messaging';
import type { AccountPageUi } from './account-page';

/** Where the panel's script leaves its factory, in the content scripts' isolated world. */
export const PANEL_GLOBAL = '__clhSummaryPanel';

export type PanelFactory = (ctx: ContentScriptContext) => Omit<AccountPageUi, 'load'>;

type Scope = typeof globalThis & { [PANEL_GLOBAL]?: PanelFactory };

/**
 * The panel, loaded when first asked for (`load()`, as soon as the page is
 * known to be an account tab, so that it comes while the rows are read).
 * Until it has come, or if it cannot (the background could not put it in),
 * drawing does nothing: the page's marks and its `data-clh` state do not
 * depend on it.
 */
export function lazyPanel(ctx: ContentScriptContext): AccountPageUi {
  let panel: Omit<AccountPageUi, 'load'> | undefined;
  let loading: Promise<void> | undefined;
  const load = () => {
    loading ??= (async () => {
      const scope = globalThis as Scope;
      if (!scope[PANEL_GLOBAL]) await sendMessage('loadPanel', {}).catch(() => false);
      const factory = scope[PANEL_GLOBAL];
      if (factory && ctx.isValid) panel = factory(ctx);
    })();
    return loading;
  };
  // The extension is gone (the panel takes itself off the page): a reading still under way draws nothing more.
  ctx.onInvalidated(() => {
    panel = undefined;
  });
  return {
    load,
    draw: (...args) => panel?.draw(...args),
    show: (place) => panel?.show(place),
    showUnrecognized: (...args) => panel?.showUnrecognized(...args),
    support: (...args) => panel?.support(...args),
    remove: () => panel?.remove(),
  };
}
