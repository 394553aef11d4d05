/**
 * A bulk upload as data: which licenses go to which account, and where each
 * one stands. Pure functions over plain records, so the rules that keep an
 * upload safe (nothing sent twice, nothing lost) are tested without a browser;
 * the background runs them (utils/upload/job-runner.ts) and IndexedDB keeps them
 * (utils/upload/job-store.ts).
 */
import { codeFingerprint, maskedCode } from './code-fingerprint';

/** The contract's words for an item of a job (`data-clh-outcome`). */
export type ItemOutcome = 'queued' | 'sending' | 'added' | 'rejected' | 'failed' | 'skipped';

export type ItemWay = 'code' | 'file';

export interface JobItem {
  /** Position in the job, from 0; also the key of a file's bytes. */
  index: number;
  way: ItemWay;
  /** What the user recognises: the code as typed, or the file's name. */
  label: string;
  /** The activation code: as typed, or as read from the file. */
  code: string;
  product?: string;
  outcome: ItemOutcome;
  /** The site's own words, when it answered (added, rejected). */
  message?: string;
  /** Our own account of what happened, when the site's words do not tell it. */
  note?: ItemNote;
  /** Technical detail for the note: an HTTP status, a network error. */
  detail?: string;
  /**
   * Its fate is unknown (sent, no answer): it must be looked up in the list
   * before it is ever sent again. An item left `sending` without it is one
   * whose request may still be out in its tab (the service worker stopped
   * meanwhile): the tab is asked first.
   */
  inDoubt?: boolean;
  /** Looks into the list that could not be made (the list did not load) since the last answer. */
  lookUps?: number;
  /** Times the server said "not now" (429) to this item: they cost no try, up to MAX_BUSY. */
  busy?: number;
  /** Submissions that reached the network. */
  attempts: number;
  /**
   * Times it was marked to go out, ever: never given back or reset (a retry
   * resets `attempts`), so that each request has an id of its own.
   */
  sends?: number;
  /** Not before this moment (ms since the epoch): a retry waits out its back-off. */
  notBefore?: number;
  /** Once the job's secrets are forgotten: what is left of the code, to tell it again (code-fingerprint.ts). */
  fingerprint?: string;
}

/**
 * Why an item is where it is, when the site did not say: skipped as
 * unreadable (the detail says why), as a duplicate in the batch, as already in the account, unticked by the user in
 * the preview (the detail says what it was), or by cancelling; the
 * server busy (429) or its answer lost; then what a look into the list found.
 */
export type ItemNote =
  | 'unreadable'
  | 'duplicate'
  | 'present'
  | 'cancelled'
  | 'busy'
  | 'unsure'
  | 'found-in-list'
  | 'not-in-list'
  | 'cannot-tell'
  | 'file-lost'
  | 'sent-elsewhere'
  | 'pending-review'
  | 'unclear-answer'
  | 'unticked';

export type JobState = 'running' | 'paused' | 'finished' | 'cancelled';

/**
 * Why a job waits: the user asked; the account's page showed the log-in form;
 * the tab now shows another account; the tab was closed; the upload form was
 * not found where it was; the job's progress could not be saved (the disk or
 * the browser's storage quota is full): nothing goes out that is not written
 * down first.
 */
export type PauseReason = 'user' | 'session-expired' | 'other-account' | 'tab-closed' | 'no-form' | 'storage';

export interface UploadJob {
  id: string;
  /** The account tab the job was created from, and the account it showed. */
  tabId: number;
  origin: string;
  login: string;
  /** The «Загрузить лицензии» page, as the account's own link names it. */
  uploadUrl: string;
  createdAt: number;
  state: JobState;
  pause?: PauseReason;
  /** What the pause is about, in the site's words when there are some. */
  pauseDetail?: string;
  /** Nothing goes before this moment: the tab was leaving its page when an item was about to go. */
  heldUntil?: number;
  /** When it finished or was cancelled: what is kept of it, and for how long, counts from here (job-store.ts). */
  endedAt?: number;
  /** Its codes, shortened, and its files are gone: only outcomes are left, and nothing can be sent again. */
  secretsForgotten?: boolean;
  items: JobItem[];
}

/** Tries that reach the network before an item is marked failed. */
export const MAX_ATTEMPTS = 4;
/** Back-off after a failed try: 1 s, 2 s, 4 s. */
export const BACKOFF_MS = 1_000;
/** After the tab was found leaving its page, the job sends nothing for this long: the next page should be there by then. */
export const HOLD_AFTER_LEAVING_MS = 500;
/** "Not now" answers (429) an item waits out before it is marked failed. */
export const MAX_BUSY = 10;
/**
 * How long a request whose answer was lost (its page reloaded or closed, the
 * service worker stopped, the connection dropped, the time-out passed) may
 * still land on the server: its item is looked up in the list only after
 * that, since a look-up that runs while the server still works on the request
 * finds nothing, and the item would be sent twice. The account answers in
 * 0-10 s on a busy day; a request the server has not finished 15 s after we
 * stopped listening is one it is not going to finish.
 */
export const LAND_GRACE_MS = 15_000;

/**
 * How long the answer to a submitted item is waited for. A slow answer is
 * waited for, not raced: the account takes 0-10 s on a busy day, and an item
 * given up is looked up (after LAND_GRACE_MS), never simply sent again.
 */
export const SUBMIT_TIMEOUT_MS = 60_000;

/** One request of one item: the same id while it is out, a new one for each try, so a tab can tell what it already sent. */
export const requestIdOf = (job: Pick<UploadJob, 'id'>, item: Pick<JobItem, 'index' | 'sends'>) => `${job.id}:${item.index}:${item.sends ?? 0}`;

/**
 * What the account answered to one submission, as the upload driver read it
 * from the page the account sent back.
 */
export type SiteAnswer =
  /** The site's message says the license was added. */
  | { kind: 'added'; message: string }
  /**
   * The site's message refuses it: unknown, malformed, not a license file, or
   * already in the account (`present`, which the next preview remembers).
   */
  | { kind: 'rejected'; message: string; present?: boolean }
  /**
   * The site's message says the license is not added yet: it will be after a
   * review («будет добавлена после проверки»). Not added, not refused: the
   * item fails with the site's words and is not sent again by itself.
   */
  | { kind: 'pending'; message: string }
  /**
   * The site answered, about this item, in words we cannot tell added or
   * refused from. Not sent again blindly: the item fails with those words,
   * in doubt, so that a retry looks it up in the list first.
   */
  | { kind: 'unclear'; message: string }
  /** The log-in form came back instead of the upload page: the request was not carried out. */
  | { kind: 'logged-out' }
  /** The page shows another account than the job's. Nothing was sent. */
  | { kind: 'other-account'; login: string }
  /** No upload form where the job found one. Nothing was sent. */
  | { kind: 'no-form'; detail: string }
  /** The job's tab is gone. Nothing was sent. */
  | { kind: 'tab-closed' }
  /** The tab is leaving its page, perhaps for a log-in as someone else. Nothing was sent. */
  | { kind: 'leaving' }
  /**
   * Sent, and the answer names another account than the job's: a log-in
   * elsewhere in this browser landed between the look at the form and the
   * POST. The item is in that account, or was refused there, not in the job's.
   */
  | { kind: 'sent-elsewhere'; login: string }
  /** The server refused to handle it now (429): it was not carried out. */
  | { kind: 'busy'; retryAfterMs?: number }
  /**
   * Sent, and the answer was lost or not understood: a network error, a
   * server error, a page with no message. The license may have been added.
   * `settleMs`: how long the request may still land (LAND_GRACE_MS unless
   * said; 0 when the server answered, and so is done with it).
   */
  | { kind: 'unsure'; detail: string; settleMs?: number };

/**
 * What became of an item whose answer the job never saw. First the tab is
 * asked (`recall`): its page may still have the request out, or have its
 * answer, since the service worker that asked can stop while the page goes
 * on. Then, once the request can no longer land, the account's license list.
 */
export type LookUpAnswer =
  /** The page that sent it had the answer, or waited for it: the item's fate is that answer. */
  | { kind: 'answered'; answer: SiteAnswer }
  /** The page does not know the request: it was reloaded or closed since (or the request never left). */
  | { kind: 'unknown-request' }
  | { kind: 'found' }
  | { kind: 'absent' }
  /** The list was read and cannot show it (a main license's code is not on its row). */
  | { kind: 'cannot-tell' }
  /** The list could not be read now (network, server error): try again later. */
  | { kind: 'unreachable'; detail: string }
  | { kind: 'logged-out' }
  | { kind: 'other-account'; login: string }
  | { kind: 'tab-closed' };

const isWaiting = (item: JobItem) => item.outcome === 'queued' || item.outcome === 'sending';

/** Counts per outcome, for the progress bar and the in-page indicator. */
/** What a job has come to, counted as the user reads it. */
export interface JobCounts extends Record<ItemOutcome, number> {
  /**
   * Already in the account, whether the preview knew it (skipped) or the site
   * said so (rejected): not a failure, and counted apart from both.
   */
  present: number;
  total: number;
  /** Items to send (those not skipped before sending), and how many of them the site has answered for. */
  toSend: number;
  sent: number;
}

export function jobCounts(job: UploadJob): JobCounts {
  const counts: JobCounts = { queued: 0, sending: 0, added: 0, rejected: 0, failed: 0, skipped: 0, present: 0, total: job.items.length, toSend: 0, sent: 0 };
  for (const item of job.items) {
    if (item.note === 'present' && (item.outcome === 'rejected' || item.outcome === 'skipped')) counts.present += 1;
    else counts[item.outcome] += 1;
    if (item.outcome !== 'skipped') counts.toSend += 1;
  }
  counts.sent = counts.toSend - counts.queued - counts.sending;
  return counts;
}

export type NextStep =
  /** Look the item up in the account's list before anything else: it may already be there. */
  | { kind: 'look-up'; item: JobItem }
  | { kind: 'send'; item: JobItem }
  /** Nothing can go before this moment (a back-off). */
  | { kind: 'wait'; until: number }
  | { kind: 'done' };

const NONE: ReadonlySet<number> = new Set();

/**
 * The next thing to do. An item left `sending` was sent and its answer never
 * seen (the tab reloaded, the service worker stopped, the connection dropped):
 * it is looked up in the account's list before it could ever be sent again.
 * Items in `out` are being sent or looked up right now, and are not offered.
 */
export function nextStep(job: UploadJob, now: number, out: ReadonlySet<number> = NONE): NextStep {
  const step = nextItemStep(job, now, out);
  const held = job.heldUntil ?? 0;
  return (step.kind === 'send' || step.kind === 'look-up') && held > now ? { kind: 'wait', until: held } : step;
}

function nextItemStep(job: UploadJob, now: number, out: ReadonlySet<number>): NextStep {
  let soonest = Infinity;
  let listUnread = false;
  for (const item of job.items) {
    if (item.outcome !== 'sending' || out.has(item.index)) continue;
    if ((item.notBefore ?? 0) <= now) return { kind: 'look-up', item };
    soonest = Math.min(soonest, item.notBefore!);
    if ((item.lookUps ?? 0) > 0) listUnread = true;
  }
  // Nothing new goes out while the account's list cannot be read: what is sent then could not be checked either.
  // An item only waiting out its grace holds back no other: it is never sent again before its look-up.
  if (listUnread) return { kind: 'wait', until: soonest };
  for (const item of job.items) {
    if (item.outcome !== 'queued' || out.has(item.index)) continue;
    if ((item.notBefore ?? 0) <= now) return { kind: 'send', item };
    soonest = Math.min(soonest, item.notBefore!);
  }
  return soonest === Infinity ? { kind: 'done' } : { kind: 'wait', until: soonest };
}

function replaceItem(job: UploadJob, item: JobItem): UploadJob {
  const items = job.items.slice();
  items[item.index] = item;
  return { ...job, items };
}

/** Marked before the request leaves: if the answer is never seen, the item is known to be in doubt. */
export function markSending(job: UploadJob, index: number): UploadJob {
  const item = job.items[index]!;
  // What an earlier try left (a back-off's note) no longer says where the item is.
  return replaceItem(job, {
    ...item, outcome: 'sending', attempts: item.attempts + 1, sends: (item.sends ?? 0) + 1, notBefore: undefined, note: undefined, detail: undefined, message: undefined,
  });
}

function retryOrFail(job: UploadJob, item: JobItem, now: number, note: ItemNote, detail?: string, waitMs?: number): UploadJob {
  const why = { note, detail, message: undefined };
  if (item.attempts >= MAX_ATTEMPTS) return replaceItem(job, { ...item, ...why, outcome: 'failed', notBefore: undefined });
  const backoff = waitMs ?? BACKOFF_MS * 2 ** Math.max(0, item.attempts - 1);
  return replaceItem(job, { ...item, ...why, outcome: 'queued', notBefore: now + backoff });
}

/** A pause the user pressed stays theirs: a log-in page seen meanwhile must not make it resume by itself. */
function paused(job: UploadJob, pause: PauseReason, pauseDetail?: string): UploadJob {
  if (job.state === 'paused' && job.pause === 'user') return job;
  return { ...job, state: 'paused', pause, pauseDetail };
}

/**
 * Takes the answer to the item just sent. An answer that shows nothing was
 * carried out (log-in page, another account, no form, 429) puts the item back
 * as it was before the send; one that leaves the item's fate unknown keeps it
 * `sending` and in doubt, so the next step looks it up in the list first.
 */
export function applyAnswer(job: UploadJob, index: number, answer: SiteAnswer, now: number): UploadJob {
  const next = answered(job, index, answer, now);
  // Cancelled while the request was out: its answer is recorded, nothing is queued again.
  return job.state === 'cancelled' ? cancelJob({ ...next, state: 'running' }) : next;
}

function answered(job: UploadJob, index: number, answer: SiteAnswer, now: number): UploadJob {
  const item = job.items[index]!;
  const notSent: JobItem = { ...item, outcome: 'queued', attempts: Math.max(0, item.attempts - 1), inDoubt: undefined };
  switch (answer.kind) {
    case 'added':
    case 'rejected':
      return replaceItem(job, {
        ...item,
        outcome: answer.kind,
        message: answer.message,
        note: answer.kind === 'rejected' && answer.present ? 'present' : undefined,
        detail: undefined,
        inDoubt: undefined,
        notBefore: undefined,
      });
    case 'pending':
    case 'unclear':
      return replaceItem(job, {
        ...item,
        outcome: 'failed',
        message: answer.message,
        note: answer.kind === 'pending' ? 'pending-review' : 'unclear-answer',
        detail: undefined,
        inDoubt: true,
        notBefore: undefined,
      });
    case 'logged-out':
      return paused(replaceItem(job, notSent), 'session-expired');
    case 'other-account':
      return paused(replaceItem(job, notSent), 'other-account', answer.login);
    case 'no-form':
      return paused(replaceItem(job, notSent), 'no-form', answer.detail);
    case 'tab-closed':
      return paused(replaceItem(job, notSent), 'tab-closed');
    case 'leaving':
      // Sent again from the page the tab lands on, whose driver first checks whose account it shows.
      return { ...replaceItem(job, notSent), heldUntil: now + HOLD_AFTER_LEAVING_MS };
    case 'sent-elsewhere':
      // Not sent again by itself: the user decides, once back in the job's account (retry failed).
      return paused(
        replaceItem(job, { ...item, outcome: 'failed', note: 'sent-elsewhere', detail: answer.login, message: undefined, inDoubt: undefined, notBefore: undefined }),
        'other-account',
        answer.login,
      );
    case 'busy': {
      // Not carried out: the try is given back, and only a server that keeps refusing fails the item.
      const busy = (item.busy ?? 0) + 1;
      const waiting = { ...notSent, busy, note: 'busy' as const, detail: undefined };
      if (busy >= MAX_BUSY) return replaceItem(job, { ...waiting, outcome: 'failed', notBefore: undefined });
      return replaceItem(job, { ...waiting, notBefore: now + (answer.retryAfterMs ?? BACKOFF_MS * 2 ** Math.min(busy - 1, 5)) });
    }
    case 'unsure':
      // The look-up waits until the request can no longer land: LAND_GRACE_MS unless the server itself
      // answered (an HTTP error: it is done with the request) and said so with `settleMs: 0`.
      return replaceItem(job, {
        ...item, outcome: 'sending', inDoubt: true, note: 'unsure', detail: answer.detail, lookUps: 0,
        notBefore: now + (answer.settleMs ?? LAND_GRACE_MS),
      });
  }
}

/** Looks into a list that would not load, before an item in doubt is given up as failed. */
export const MAX_LOOK_UPS = 4;

/**
 * Takes what the account's list says about an item in doubt. Found: it was
 * added. Absent: it was not, and may be sent again after a back-off. Cannot
 * tell: it is not sent again; it fails, still in doubt, for the user to check.
 */
export function applyLookUp(job: UploadJob, index: number, answer: LookUpAnswer, now: number): UploadJob {
  const item = job.items[index]!;
  if (answer.kind === 'answered') return applyAnswer(job, index, answer.answer, now);
  // Asked of the tab only (not yet in doubt) and not known there: the request's page is gone, and the request
  // may still land. The list is looked at once it no longer can.
  if (!item.inDoubt && answer.kind !== 'logged-out' && answer.kind !== 'other-account' && answer.kind !== 'tab-closed') {
    const detail = answer.kind === 'unreachable' ? answer.detail : item.detail;
    return replaceItem(job, { ...item, inDoubt: true, note: 'unsure', detail, lookUps: 0, notBefore: now + LAND_GRACE_MS });
  }
  switch (answer.kind) {
    case 'unknown-request':
      // The list is what is asked of an item in doubt; a tab that says only this could not read it.
      return applyLookUp(job, index, { kind: 'unreachable', detail: 'no answer from the tab' }, now);
    case 'found':
      return replaceItem(job, { ...item, outcome: 'added', note: 'found-in-list', detail: undefined, inDoubt: undefined, lookUps: undefined, notBefore: undefined });
    case 'absent':
      return retryOrFail(job, { ...item, inDoubt: undefined, lookUps: undefined }, now, 'not-in-list', item.detail);
    case 'cannot-tell':
      return replaceItem(job, { ...item, outcome: 'failed', note: 'cannot-tell', inDoubt: true, lookUps: undefined, notBefore: undefined });
    case 'unreachable': {
      const lookUps = (item.lookUps ?? 0) + 1;
      if (lookUps >= MAX_LOOK_UPS) {
        return replaceItem(job, { ...item, outcome: 'failed', note: 'cannot-tell', detail: answer.detail, inDoubt: true, lookUps: undefined, notBefore: undefined });
      }
      return replaceItem(job, { ...item, lookUps, detail: answer.detail, notBefore: now + BACKOFF_MS * 2 ** (lookUps - 1) });
    }
    case 'logged-out':
      return paused(job, 'session-expired');
    case 'other-account':
      return paused(job, 'other-account', answer.login);
    case 'tab-closed':
      return paused(job, 'tab-closed');
  }
}

/** An item marked `sending` that never went out (the job was paused first) goes back to the queue, its try given back. */
export function unmarkSending(job: UploadJob, index: number): UploadJob {
  const item = job.items[index]!;
  if (item.outcome !== 'sending' || item.inDoubt) return job;
  return replaceItem(job, { ...item, outcome: 'queued', attempts: Math.max(0, item.attempts - 1) });
}

/** An item that cannot be sent at all (its file's bytes are gone from the store) fails unsent. */
export function failUnsent(job: UploadJob, index: number, note: ItemNote): UploadJob {
  const item = job.items[index]!;
  return item.outcome === 'queued' ? replaceItem(job, { ...item, outcome: 'failed', note, notBefore: undefined }) : job;
}

/** Ends the job once no item waits. */
export function settle(job: UploadJob): UploadJob {
  if (job.state !== 'running' || job.items.some(isWaiting)) return job;
  return { ...job, state: 'finished', pause: undefined, pauseDetail: undefined };
}

export function pauseJob(job: UploadJob): UploadJob {
  return job.state === 'running' ? paused(job, 'user') : job;
}

/** Resumes a paused job; an item in doubt stays in doubt and is looked up first. */
export function resumeJob(job: UploadJob): UploadJob {
  if (job.state !== 'paused') return job;
  return settle({ ...job, state: 'running', pause: undefined, pauseDetail: undefined });
}

/**
 * Items not yet sent are skipped. One in doubt cannot be called back: it is
 * marked failed, still in doubt, so that a retry looks it up first.
 */
export function cancelJob(job: UploadJob): UploadJob {
  if (job.state === 'finished' || job.state === 'cancelled') return job;
  const items = job.items.map((item): JobItem => {
    if (item.outcome === 'queued') return { ...item, outcome: 'skipped', note: 'cancelled', notBefore: undefined };
    if (item.outcome === 'sending') return { ...item, outcome: 'failed', note: 'unsure', inDoubt: true };
    return item;
  });
  return { ...job, items, state: 'cancelled', pause: undefined, pauseDetail: undefined };
}

/**
 * «Повторить неудавшиеся»: failed items get a fresh set of tries. One whose
 * fate is unknown goes back to `sending`, so it is looked up before any send.
 */
export function retryFailed(job: UploadJob): UploadJob {
  // Its codes and files are gone: there is nothing left to send.
  if (job.secretsForgotten || !job.items.some((item) => item.outcome === 'failed')) return job;
  const items = job.items.map((item): JobItem => {
    if (item.outcome !== 'failed') return item;
    return { ...item, outcome: item.inDoubt ? 'sending' : 'queued', attempts: 0, notBefore: undefined };
  });
  return { ...job, items, state: 'running', pause: undefined, pauseDetail: undefined };
}

/** A job that will not send again by itself: finished, or cancelled. */
export const hasEnded = (job: Pick<UploadJob, 'state'>) => job.state === 'finished' || job.state === 'cancelled';

/**
 * What is kept of an ended job once its day is over: outcomes, not secrets.
 * Each code is shortened to its first and last group (in its line, its label
 * and the site's words about it), with a fingerprint to recognise it by, so a
 * later preview still knows "already in this account".
 */
export function forgetSecrets(job: UploadJob): UploadJob {
  if (job.secretsForgotten) return job;
  const items = job.items.map((item): JobItem => {
    const masked = maskedCode(item.code);
    // The site may write the code in capitals where it was typed in small letters.
    const code = new RegExp(item.code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    const hide = (text: string) => (item.code ? text.replace(code, masked) : text);
    return {
      ...item,
      code: masked,
      label: item.way === 'code' ? masked : item.label,
      ...(item.message === undefined ? {} : { message: hide(item.message) }),
      ...(item.detail === undefined ? {} : { detail: hide(item.detail) }),
      fingerprint: codeFingerprint(item.code),
    };
  });
  return { ...job, items, secretsForgotten: true };
}
