/**
 * Where the panel lives: a shadow root on an element of our own, created on
 * first use (so pages that are not the account get nothing). The page's CSS
 * cannot reach inside; ours does not leak out. The summary stands in the
 * page's flow right above the list (site/page.ts panelDock says where): it
 * takes its own room, so it covers none of the list's «Продлить» or menus at
 * any window width, as a panel floating in a corner did. Over a list of
 * thousands of rows, which moved would be laid out again whole, it floats at
 * the bottom left instead, short of the rows' actions (account-page.ts
 * PanelPlace). It is drawn off the page first, and put on in a task of its
 * own. The notice of a list that could not be read has no list to stand
 * above: it floats in the corner. Floating, it is a popover: in the top
 * layer, above whatever the site puts there, laid out apart from the page.
 */
import { render, type ComponentChild } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import css from './panel.css?inline';
import { SummaryPanel, UnrecognizedNotice } from './SummaryPanel';
import type { AccountPageUi, PanelPlace } from '@/utils/reading/account-page';
import { sendMessage } from '@/utils/shared/messaging';
import { payloadOf } from './SupportActions';
import { PANEL_GLOBAL, type PanelFactory } from '@/utils/reading/panel-loader';
import { PANEL_TAG } from '@/utils/reading/page-marks';
import { panelDock } from '@/utils/site/page';
import { panelOpen } from '@/utils/reading/panel-state';

export function panelHost(ctx: ContentScriptContext): Omit<AccountPageUi, 'load'> {
  let root: ShadowRoot | undefined;
  let host: HTMLElement | undefined;
  // Read while the rows are: drawn at once as the user left it, the panel neither flashes open nor moves the list twice.
  let openAtFirst = false;
  void panelOpen.getValue().then((open) => (openAtFirst = open), () => undefined);

  const draw = (node: ComponentChild) => {
    if (!root) {
      host = document.createElement(PANEL_TAG);
      // Closed: the page's scripts cannot read the panel (the account's findings) or reach into it.
      root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    }
    render(node, root);
  };
  /**
   * Above the list (its place looked up each time: the site may have drawn the list anew); floating left of a long
   * list's actions; or, for a notice, in the corner.
   */
  const show = (place?: PanelPlace) => {
    if (!host) return;
    const dock = place && 'list' in place && place.list.isConnected ? panelDock(place.list) : undefined;
    if (!dock) {
      // The room left of the rows' actions, less the panel's margin: the style sheet keeps it within its limits.
      if (place && 'leftOf' in place) host.style.setProperty('--clh-room', `${Math.round(place.leftOf - 24)}px`);
      host.setAttribute('data-float', place ? 'list' : 'corner');
      if (host.isConnected && host.popover) return;
      host.remove();
      host.popover = 'manual';
      document.documentElement.append(host);
      // A browser without popovers (before Chromium 114) still shows it, laid out with the page.
      if (typeof host.showPopover === 'function') host.showPopover();
      return;
    }
    if (host.isConnected && !host.popover && host.nextElementSibling === dock) return;
    host.remove();
    host.removeAttribute('popover');
    host.removeAttribute('data-float');
    if (dock === document.body) document.body.prepend(host);
    else dock.before(host);
  };
  const remove = () => {
    if (root) render(null, root);
    host?.remove();
    host = root = undefined;
  };
  ctx.onInvalidated(remove);

  return {
    draw: (page, view) => draw(<SummaryPanel page={page} view={view} openAtFirst={openAtFirst} />),
    show,
    showUnrecognized: (tab, reason) => {
      draw(<UnrecognizedNotice tab={tab} reason={reason} />);
      show(undefined);
    },
    support: (page, devices) => void sendMessage('openSupportRequest', payloadOf(page, devices)).catch(() => false),
    remove,
  };
}

/** Hands the content script the panel (see utils/reading/panel-loader.ts): the summary-panel script's one job. */
export function offerPanel(): void {
  (globalThis as typeof globalThis & { [PANEL_GLOBAL]?: PanelFactory })[PANEL_GLOBAL] = panelHost;
}
