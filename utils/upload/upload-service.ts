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

/** Only the extension's own pages (the popup, in its window or a tab) steer jobs; content scripts cannot. */
function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

export function serveUploads(): void {
  const runner = jobRunner({
    driver: tabDriver(),
    store: { loadJob, saveJob, loadFile },
    changed(job: UploadJob, how) {
      const unsaved = how?.unsaved ? { unsaved: { state: job.state, pause: job.pause, pauseDetail: job.pauseDetail } } : {};
      // No popup open is the usual case, not an error.
      sendMessage('jobChanged', { jobId: job.id, ...unsaved }).catch(() => undefined);
      showProgress(job, jobCounts(job));
    },
  });

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
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status !== 'complete') return;
    void allJobs().then((jobs) => {
      for (const job of jobs) {
        if (job.tabId === tabId && job.state === 'paused' && selfResuming.has(job.pause ?? '')) void runner.control(job.id, 'resume');
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

  // The service worker stopped mid-job: carry on (an item left `sending` is looked up first).
  void allJobs().then((jobs) => {
    for (const job of jobs) if (job.state === 'running') void runner.drive(job.id);
  });
}
