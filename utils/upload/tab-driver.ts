/**
 * The background's side of uploading: reaches the upload driver in the job's
 * account tab (injecting it when the tab has none, e.g. after a reload) and
 * turns what can go wrong between the two into answers the job understands.
 * The driver itself (utils/upload/upload-driver.ts) fills and sends the account's form.
 */
import type { KeptFile } from './job-store';
import type { UploadDriver } from './job-runner';
import { sendToTab, type DriverAccount } from '../shared/messaging';
import { LAND_GRACE_MS, requestIdOf, SUBMIT_TIMEOUT_MS, type JobCounts, type LookUpAnswer, type SiteAnswer, type UploadJob } from './upload-job';

/** The unlisted script WXT builds from entrypoints/upload-driver.ts. */
const DRIVER_SCRIPT = '/upload-driver.js';
/** A tab still loading after this long is treated as not answering. */
const LOAD_WAIT_MS = 30_000;
/**
 * How long the driver may take to open the form before it sends: past this
 * it sends nothing (the message says so, `sendBy`), and after the answer's
 * own time-out (SUBMIT_TIMEOUT_MS) nothing is left out. The background stops
 * waiting a little after both, so no request is left that could still land
 * unless its look-up waits out LAND_GRACE_MS first.
 */
const SEND_WITHIN_MS = 35_000;
const ANSWER_WAIT_MS = SEND_WITHIN_MS + SUBMIT_TIMEOUT_MS + 5_000;
/** A look-up reads the list, a page or a few: it may take as long as opening pages does, several times over. */
const LOOK_UP_WAIT_MS = 120_000;

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
async function ask<Answer>(tabId: number, origin: string, send: () => Promise<Answer>, waitMs: number): Promise<Reached<Answer>> {
  const timedOut = `no answer from the tab in ${waitMs / 1000} s`;
  try {
    return await within(send(), waitMs, timedOut);
  } catch (error) {
    if (!NOT_DELIVERED.test(String(error))) return { lost: String(error) };
  }
  const where = await reach(tabId, origin);
  if (where.kind !== 'ready') return where;
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [DRIVER_SCRIPT] });
    return await within(send(), waitMs, timedOut);
  } catch (error) {
    return { lost: String(error) };
  }
}

/** The answer, or a failure once `ms` have passed: a page that hangs (frozen, a debugger) holds no lane for ever. */
function within<Answer>(answer: Promise<Answer>, ms: number, why: string): Promise<Answer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(why)), ms);
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
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
        requestId: requestIdOf(job, item),
        sendBy: Date.now() + SEND_WITHIN_MS,
        way: item.way,
        code: item.code,
        ...(file ? { fileName: file.name, fileBase64: base64(file.bytes) } : {}),
      };
      const answer = await ask(job.tabId, job.origin, () => sendToTab(job.tabId, 'driverSubmit', data), ANSWER_WAIT_MS);
      if ('lost' in answer) {
        // The tab reloaded or closed with the request out, or never answered: it may have been carried
        // out, and the server may still be at it, so the look-up waits until it can no longer land.
        return { kind: 'unsure', detail: answer.lost, settleMs: LAND_GRACE_MS };
      }
      return answer.kind === 'elsewhere' ? otherSite(answer.url) : answer;
    },

    async lookUp(job: UploadJob, item, how): Promise<LookUpAnswer> {
      const data = { uploadUrl: job.uploadUrl, login: job.login, code: item.code, requestId: requestIdOf(job, item), how };
      // The tab may be waiting for the request's own answer (up to its time-out) before it says anything.
      const answer = await ask(job.tabId, job.origin, () => sendToTab(job.tabId, 'driverLookUp', data), ANSWER_WAIT_MS + LOOK_UP_WAIT_MS);
      if ('lost' in answer) return { kind: 'unreachable', detail: answer.lost };
      return answer.kind === 'elsewhere' ? otherSite(answer.url) : answer;
    },
  };
}

/** Who the account tab shows, for the popup before a job exists. */
export async function accountInTab(tabId: number, origin: string): Promise<DriverAccount | undefined> {
  const answer = await ask(tabId, origin, () => sendToTab(tabId, 'driverAccount', {}), LOOK_UP_WAIT_MS);
  return 'lost' in answer || answer.kind === 'tab-closed' || answer.kind === 'elsewhere' ? undefined : answer;
}

/**
 * Tells the in-page indicator of `tabId` (the job's own tab, or an account tab opened after it was closed), giving
 * the tab the driver once it has loaded a page of the job's site, if it has none; a tab elsewhere is told nothing.
 */
export function showProgress(job: UploadJob, counts: JobCounts, tabId = job.tabId): Promise<unknown> {
  // What was sent of what is to send: items skipped before sending are no progress.
  const data = {
    done: counts.sent, total: counts.toSend, added: counts.added, rejected: counts.rejected, failed: counts.failed,
    state: job.state, ...(job.pause ? { pause: job.pause } : {}),
  };
  return ask(tabId, job.origin, () => sendToTab(tabId, 'driverProgress', data), 5_000).catch(() => undefined);
}
