/**
 * Where the panel lives: a shadow root on an element of our own beside
 * <body> (so the site's markup stays exactly as it was), created on first
 * use (so pages that are not the account get nothing). The page's CSS cannot
 * reach inside; ours does not leak out. It is drawn off the page first, and
 * put on in a task of its own, as a popover: in the top layer it is laid out
 * and painted apart from the page. Put on like any element, it made the
 * browser lay out and walk a 10,000-row list again before the next paint:
 * in the same light trace a frame of 100-140 ms, against 25-30 ms as a
 * popover, most of which is the page's own repaint.
 */
import { render, type ComponentChild } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import css from './panel.css?inline';
import { SummaryPanel, UnrecognizedNotice } from './SummaryPanel';
import type { AccountPageUi } from '@/utils/reading/account-page';
import { PANEL_GLOBAL, type PanelFactory } from '@/utils/reading/panel-loader';

export function panelHost(ctx: ContentScriptContext): Omit<AccountPageUi, 'load'> {
  let root: ShadowRoot | undefined;
  let host: HTMLElement | undefined;

  const draw = (node: ComponentChild) => {
    if (!root) {
      host = document.createElement('clh-panel');
      host.popover = 'manual';
      // Closed: the page's scripts cannot read the panel (the account's findings) or reach into it.
      root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = css;
      root.append(style);
    }
    render(node, root);
  };
  const show = () => {
    if (!host || host.isConnected) return;
    document.documentElement.append(host);
    // A browser without popovers (before Chromium 114) still shows the panel, laid out with the page.
    if (typeof host.showPopover === 'function') host.showPopover();
  };
  const remove = () => {
    if (root) render(null, root);
    host?.remove();
    host = root = undefined;
  };
  ctx.onInvalidated(remove);

  return {
    draw: (page, filter, onFilter) => draw(<SummaryPanel page={page} filter={filter} onFilter={onFilter} />),
    show,
    showUnrecognized: (tab, reason) => {
      draw(<UnrecognizedNotice tab={tab} reason={reason} />);
      show();
    },
    remove,
  };
}

/** Hands the content script the panel (see utils/reading/panel-loader.ts): the summary-panel script's one job. */
export function offerPanel(): void {
  (globalThis as typeof globalThis & { [PANEL_GLOBAL]?: PanelFactory })[PANEL_GLOBAL] = panelHost;
}
