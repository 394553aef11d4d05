/**
 * The small in-page sign of a running bulk upload, in the account tab: how far
 * it is, and whether it waits for something (a log-in). Plain DOM in a shadow
 * root of our own element beside <body>: the driver that shows it is injected
 * only while a job runs, and a UI framework would triple its size.
 */
import { t } from '../shared/i18n';
import type { PauseReason } from './upload-job';
import { PAUSE_MESSAGES } from './pause-text';

export interface UploadProgress {
  done: number;
  total: number;
  added: number;
  rejected: number;
  failed: number;
  state: string;
  pause?: string;
}

const STYLE = `
:host { all: initial; position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; }
.box { font: 13px/1.4 system-ui, sans-serif; color: #1d2733; background: #fff; border: 1px solid #c9d2dc;
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 10px 12px; width: 280px; }
.title { font-weight: 600; margin-bottom: 6px; display: flex; justify-content: space-between; gap: 8px; }
.bar { height: 6px; background: #e6ebf0; border-radius: 3px; overflow: hidden; }
.fill { height: 100%; background: #2f7d32; width: 0; transition: width .2s; }
.line { margin-top: 6px; }
.wait { color: #a15c00; }
button { all: unset; cursor: pointer; color: #5b6b7b; padding: 0 4px; }
button.reload { color: #0969da; text-decoration: underline; padding: 0; }
[hidden] { display: none; }
button:focus-visible { outline: 2px solid #1a73e8; }
`;


/**
 * The in-page indicator. An extension reloaded or updated during an upload
 * leaves the old driver in the page, orphaned (its runtime gone), and the job
 * going on gives the page a new one: the new indicator says it started with a
 * DOM event, and an old one whose runtime is gone takes itself off the page
 * (so it does when the tab is shown again, if no new one came). A page can
 * send that event too: while the extension is here, it changes nothing.
 */
export function uploadIndicator(): { show(progress: UploadProgress): void; remove(): void } {
  let host: HTMLElement | undefined;
  let parts: { title: Text; fill: HTMLElement; counts: Text; wait: HTMLElement; reload: HTMLElement } | undefined;
  // Closed by the user: it stays away on this page, unless the job starts waiting for them.
  let closed = false;
  let orphaned = false;

  const started = `${browser.runtime.id}:clh-upload-indicator-started`;
  const remove = () => {
    host?.remove();
    host = parts = undefined;
  };
  const ifGone = () => {
    if (browser.runtime?.id != null) return;
    orphaned = true;
    remove();
    document.removeEventListener(started, ifGone);
    document.removeEventListener('visibilitychange', ifGone);
  };
  document.addEventListener(started, ifGone);
  document.addEventListener('visibilitychange', ifGone);
  document.dispatchEvent(new Event(started));

  const build = () => {
    host = document.createElement('clh-upload');
    // Closed: the page's scripts cannot read the job's progress or press its buttons.
    const root = host.attachShadow({ mode: 'closed' });
    const element = (tag: string, className: string, parent: Node) => {
      const made = document.createElement(tag);
      made.className = className;
      parent.appendChild(made);
      return made;
    };
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
    const box = element('div', 'box', root);
    box.setAttribute('role', 'status');
    const heading = element('div', 'title', box);
    const title = document.createTextNode('');
    heading.append(title);
    const close = element('button', '', heading);
    close.textContent = '×';
    close.setAttribute('aria-label', t('indicatorClose'));
    close.addEventListener('click', () => {
      closed = true;
      host?.remove();
    });
    const fill = element('div', 'fill', element('div', 'bar', box));
    const counts = document.createTextNode('');
    element('div', 'line', box).append(counts);
    const wait = element('div', 'line wait', box);
    // The page was read before the licenses were added: a reload shows them, and the marks follow.
    const reload = element('button', 'line reload', box);
    reload.textContent = t('indicatorReload');
    reload.hidden = true;
    reload.addEventListener('click', () => location.reload());
    parts = { title, fill, counts, wait, reload };
    document.documentElement.append(host);
  };

  return {
    show(progress) {
      if (progress.state === 'paused' && progress.pause !== 'user') closed = false;
      if (closed || orphaned) return;
      if (!parts) build();
      const { title, fill, counts, wait, reload } = parts!;
      title.data = progress.state === 'running' || progress.state === 'paused'
        ? t('indicatorRunning', progress.done, progress.total)
        : t('indicatorFinished', progress.done, progress.total);
      fill.style.width = `${progress.total ? Math.round((progress.done / progress.total) * 100) : 0}%`;
      counts.data = t('indicatorCounts', progress.added, progress.rejected, progress.failed);
      // Shown in an account tab while the job waits, a closed tab is always another one: the job goes on from here.
      const reason = progress.state === 'paused' ? progress.pause as PauseReason | undefined : undefined;
      const pause = reason === undefined || !Object.hasOwn(PAUSE_MESSAGES, reason) ? ''
        : reason === 'tab-closed' ? t('jobPausedTabHere') : t(PAUSE_MESSAGES[reason], '');
      wait.textContent = pause;
      wait.hidden = !pause;
      reload.hidden = !(progress.state === 'finished' || progress.state === 'cancelled') || progress.added === 0;
      if (host && !host.isConnected) document.documentElement.append(host);
    },
    remove,
  };
}
