/**
 * The background's side of uploading: reaches the upload driver in the job's
 * account tab (injecting it when the tab has none, e.g. after a reload) and
 * turns what can go wrong between the two into answers the job understands.
 * The driver itself (utils/upload/upload-driver.ts) fills and sends the account's form.
 */
import type { KeptFile } from './job-store';
import type { UploadDriver } from './job-runner';
import { sendToTab, type DriverAccount } from '../shared/messaging';
import type { LookUpAnswer, SiteAnswer, UploadJob } from './upload-job';

/** The unlisted script WXT builds from entrypoints/upload-driver.ts. */
const DRIVER_SCRIPT = '/upload-driver.js';
/** How long a request cut off by a reload is given to finish on the server before the list is looked at. */
const LOST_SETTLE_MS = 1_000;
/** A tab still loading after this long is treated as not answering. */
const LOAD_WAIT_MS = 30_000;

type Reach = { kind: 'ready' } | { kind: 'tab-closed' } | { kind: 'elsewhere'; url: string };

function waitUntilLoaded(tabId: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(listener);
      browser.tabs.onRemoved.removeListener(removed);
      done();
    };
    const listener = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') finish();
    };
    const removed = (id: number) => {
      if (id === tabId) finish();
    };
    const timer = setTimeout(finish, LOAD_WAIT_MS);
    browser.tabs.onUpdated.addListener(listener);
    browser.tabs.onRemoved.addListener(removed);
    // It may have finished between the caller's look and these listeners.
    void browser.tabs.get(tabId).then((tab) => tab.status === 'complete' && finish(), finish);
  });
}

/** The tab, loaded, still on the job's site. */
async function reach(tabId: number, origin: string): Promise<Reach> {
  let tab;
  try {
    tab = await browser.tabs.get(tabId);
    if (tab.status !== 'complete') {
      await waitUntilLoaded(tabId);
      tab = await browser.tabs.get(tabId);
    }
  } catch {
    return { kind: 'tab-closed' };
  }
  const url = tab.url ?? '';
  return url.startsWith(`${origin}/`) ? { kind: 'ready' } : { kind: 'elsewhere', url };
}

/** Chromium's words when no listener is in the tab: the message was not delivered, so nothing was sent. */
const NOT_DELIVERED = /Receiving end does not exist|Could not establish connection/i;

type Reached<Answer> = Answer | { lost: string } | { kind: 'tab-closed' } | { kind: 'elsewhere'; url: string };

/**
 * Sends to the driver. Most of the time it is there and answers; when it is
 * not (the tab reloaded, or never had it), the tab is waited for, checked to
 * be still on the job's site, and given the driver, and the message is sent
 * again. `lost` means the tab went away or reloaded while the driver worked.
 */
async function ask<Answer>(tabId: number, origin: string, send: () => Promise<Answer>): Promise<Reached<Answer>> {
  try {
    return await send();
  } catch (error) {
    if (!NOT_DELIVERED.test(String(error))) return { lost: String(error) };
  }
  const where = await reach(tabId, origin);
  if (where.kind !== 'ready') return where;
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [DRIVER_SCRIPT] });
    return await send();
  } catch (error) {
    return { lost: String(error) };
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

const otherSite = (url: string) => ({ kind: 'other-account' as const, login: URL.canParse(url) ? new URL(url).host : '' });

export function tabDriver(): UploadDriver {
  return {
    async submit(job: UploadJob, item, file: KeptFile | undefined): Promise<SiteAnswer> {
      const data = {
        uploadUrl: job.uploadUrl,
        login: job.login,
        way: item.way,
        code: item.code,
        ...(file ? { fileName: file.name, fileBase64: base64(file.bytes) } : {}),
      };
      const answer = await ask(job.tabId, job.origin, () => sendToTab(job.tabId, 'driverSubmit', data));
      if ('lost' in answer) {
        // The tab reloaded or closed with the request out: it may have been carried out, and the
        // server may still be at it, so the look-up waits a moment.
        return { kind: 'unsure', detail: answer.lost, settleMs: LOST_SETTLE_MS };
      }
      return answer.kind === 'elsewhere' ? otherSite(answer.url) : answer;
    },

    async lookUp(job: UploadJob, item): Promise<LookUpAnswer> {
      const data = { uploadUrl: job.uploadUrl, login: job.login, code: item.code };
      const answer = await ask(job.tabId, job.origin, () => sendToTab(job.tabId, 'driverLookUp', data));
      if ('lost' in answer) return { kind: 'unreachable', detail: answer.lost };
      return answer.kind === 'elsewhere' ? otherSite(answer.url) : answer;
    },
  };
}

/** Who the account tab shows, for the popup before a job exists. */
export async function accountInTab(tabId: number, origin: string): Promise<DriverAccount | undefined> {
  const answer = await ask(tabId, origin, () => sendToTab(tabId, 'driverAccount', {}));
  return 'lost' in answer || answer.kind === 'tab-closed' || answer.kind === 'elsewhere' ? undefined : answer;
}

/** Tells the in-page indicator; a tab without the driver (reloading) simply misses one update. */
export function showProgress(job: UploadJob, counts: { done: number; total: number; added: number; rejected: number; failed: number }): void {
  const data = { ...counts, state: job.state, ...(job.pause ? { pause: job.pause } : {}) };
  sendToTab(job.tabId, 'driverProgress', data).catch(() => undefined);
}
