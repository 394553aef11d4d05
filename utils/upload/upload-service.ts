/**
 * Bulk uploads, as the background serves them: starts and steers jobs at the
 * popup's request, resumes running jobs when the service worker starts again,
 * and resumes a job paused for a log-in or another account once its tab has
 * loaded a page again (the driver checks whether that page is the right one).
 */
import type { Browser } from 'wxt/browser';
import { allJobs, loadFile, loadJob, saveJob, tidyJobs } from './job-store';
import { jobRunner } from './job-runner';
import { onMessage, sendMessage } from '../shared/messaging';
import { showProgress, tabDriver } from './tab-driver';
import { jobCounts, type UploadJob } from './upload-job';
import { PAUSE_MESSAGES } from './pause-text';
import { setBadge, type BadgeState } from '../badge/badge-service';
import { t } from '../shared/i18n';

/**
 * The toolbar badge while an upload waits: the user may have closed the popup
 * and the account tab, and nothing else would say that licenses are still to
 * send. The job with the most left to send is named; the tooltip says why it
 * waits, as the popup does.
 */
export function pausedUploadBadge(jobs: readonly UploadJob[]): BadgeState | undefined {
  let waiting: { job: UploadJob; left: number } | undefined;
  for (const job of jobs) {
    if (job.state !== 'paused' || !job.pause) continue;
    const counts = jobCounts(job);
    const left = counts.queued + counts.sending;
    if (!waiting || left > waiting.left) waiting = { job, left };
  }
  if (!waiting) return undefined;
  const { job, left } = waiting;
  const others = jobs.filter((each) => each.state === 'paused' && each !== job).length;
  const why = t(PAUSE_MESSAGES[job.pause!], job.pauseDetail ?? '');
  return {
    text: '!',
    color: '#b26a00',
    title: [t('badgeUploadPaused', job.login, left), why, others > 0 ? t('badgeUploadsPausedMore', others) : ''].filter(Boolean).join('\n'),
  };
}

/** Only the extension's own pages (the popup, in its window or a tab) steer jobs; content scripts cannot. */
function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export function serveUploads(): void {
  const badgeStates = new Map<string, string>();
  const runner = jobRunner({
    driver: tabDriver(),
    store: { loadJob, saveJob, loadFile },
    changed(job: UploadJob, how) {
      const unsaved = how?.unsaved ? { unsaved: { state: job.state, pause: job.pause, pauseDetail: job.pauseDetail } } : {};
      // No popup open is the usual case, not an error.
      sendMessage('jobChanged', { jobId: job.id, ...unsaved }).catch(() => undefined);
      void showProgress(job, jobCounts(job));
      // The badge changes with a job's state, not with each item.
      const state = `${job.state} ${job.pause ?? ''}`;
      if (badgeStates.get(job.id) !== state || how?.unsaved) {
        badgeStates.set(job.id, state);
        void showBadge(how?.unsaved ? [job] : undefined);
      }
    },
  });

  /** The badge from the jobs kept (or, when they could not be written, from the one job in hand). */
  const showBadge = async (inHand?: UploadJob[]) => {
    const jobs = inHand ?? await allJobs().catch(() => []);
    await setBadge('upload-paused', pausedUploadBadge(jobs));
  };

  onMessage('startJob', ({ data, sender }) => {
    if (!fromExtensionPage(sender) || typeof data.jobId !== 'string') return;
    void runner.drive(data.jobId);
  });

  onMessage('controlJob', async ({ data, sender }) => {
    const actions = ['pause', 'resume', 'cancel', 'retry-failed'];
    if (!fromExtensionPage(sender) || typeof data.jobId !== 'string' || !actions.includes(data.action)) return;
    const tabId = Number.isInteger(data.tabId) ? data.tabId : undefined;
    await runner.control(data.jobId, data.action, tabId);
  });

  // Paused for a log-in or for another account: the tab's next page may be the right one again.
  const selfResuming = new Set<string>(['session-expired', 'other-account']);
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete') return;
    void allJobs().then((jobs) => {
      for (const job of jobs) {
        if (job.tabId === tabId && job.state === 'paused' && selfResuming.has(job.pause ?? '')) void runner.control(job.id, 'resume');
        // Its tab was closed: the account opened again says so where the user is, and how to go on from there.
        else if (job.state === 'paused' && job.pause === 'tab-closed' && tab.url?.startsWith(`${job.origin}/`)) void showProgress(job, jobCounts(job), tabId);
      }
    });
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void allJobs().then((jobs) => {
      for (const job of jobs) if (job.tabId === tabId && job.state === 'running') void runner.drive(job.id);
    });
  });

  // What has been kept long enough goes (job-store.ts tidyJobs): the worker starts often enough for a daily chore.
  void tidyJobs().catch(() => undefined);

  // The service worker stopped mid-job: carry on (an item left `sending` is looked up first). A job that waits is
  // on the badge again: the badge's states live no longer than the worker.
  void allJobs().then((jobs) => {
    for (const job of jobs) if (job.state === 'running') void runner.drive(job.id);
    void showBadge(jobs);
  });
}
