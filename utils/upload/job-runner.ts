/**
 * Runs bulk uploads in the background, an item at a time in each of two
 * lanes: each step is written to IndexedDB before it is taken, so a job picks
 * up where it was after the popup closes, the account tab reloads or the
 * service worker stops. Every change of a job goes through `update`, one at a
 * time per job, so a pause pressed mid-request is never overwritten by the
 * answer.
 */
import type { KeptFile } from './job-store';
import {
  applyAnswer, applyLookUp, cancelJob, failUnsent, hasEnded, unmarkSending, markSending, nextStep, pauseJob, resumeJob, retryFailed, settle,
  type JobItem, type LookUpAnswer, type SiteAnswer, type UploadJob,
} from './upload-job';

/** Drives the account's upload form in the job's tab (utils/upload/tab-driver.ts in the extension). */
export interface UploadDriver {
  submit(job: UploadJob, item: JobItem, file: KeptFile | undefined): Promise<SiteAnswer>;
  /**
   * What became of an item sent whose answer was not seen: `recall` asks only
   * the tab (its page may have the request out still, or its answer);
   * `list` asks the tab too, then looks into the account's license list.
   */
  lookUp(job: UploadJob, item: JobItem, how: 'recall' | 'list'): Promise<LookUpAnswer>;
}

export interface JobRunnerDeps {
  driver: UploadDriver;
  store: {
    loadJob(id: string): Promise<UploadJob | undefined>;
    /** `forgetFiles`: items whose file bytes are no longer needed (settled), dropped with the same write. */
    saveJob(job: UploadJob, forgetFiles?: readonly number[]): Promise<void>;
    loadFile(jobId: string, index: number): Promise<KeptFile | undefined>;
  };
  /** Told after every change, to show progress (popup, in-page indicator); `unsaved`: the change could not be written. */
  changed(job: UploadJob, how?: { unsaved: true }): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Requests out at once per job; LANES unless a test asks for one at a time. */
  lanes?: number;
}

export type JobControl = 'pause' | 'resume' | 'cancel' | 'retry-failed';

export interface JobRunner {
  /** Drives the job while it runs; returns when it pauses, ends or is gone. Safe to call again. */
  drive(jobId: string): Promise<void>;
  control(jobId: string, action: JobControl, tabId?: number): Promise<UploadJob | undefined>;
}

/**
 * Requests out at once per job. Two keep the account busy while the
 * extension reads one answer and records it (an upload of 200 codes takes
 * about as long as 200 answers), and stay a modest pace next to the six
 * connections a browser opens to one site by itself.
 */
const LANES = 2;
/** Longest single wait, so that a pause or cancel pressed during a back-off is noticed soon. */
const WAIT_SLICE_MS = 1_000;

/** What a failed write says, for the pause: the quota's own name where the browser gives it. */
function storageFault(error: unknown): string {
  if (error instanceof DOMException || (error instanceof Error && error.name)) {
    const { name, message } = error as Error;
    return name === 'QuotaExceededError' ? name : `${name}: ${message}`.slice(0, 200);
  }
  return String(error).slice(0, 200);
}

const SETTLED: ReadonlySet<string> = new Set(['added', 'rejected', 'skipped']);

/** Files of items settled by this change: their bytes are kept no longer (a failed one's stay, for a retry). */
function settledFiles(before: UploadJob, after: UploadJob): number[] {
  return after.items.filter((item) => item.way === 'file' && SETTLED.has(item.outcome) && !SETTLED.has(before.items[item.index]?.outcome ?? '')).map((item) => item.index);
}

function haltedForStorage(job: UploadJob, error: unknown): UploadJob {
  return job.state === 'running' ? { ...job, state: 'paused', pause: 'storage', pauseDetail: storageFault(error) } : job;
}

export function jobRunner(deps: JobRunnerDeps): JobRunner {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const queues = new Map<string, Promise<unknown>>();
  /**
   * The background is the only writer once a job runs, so it keeps each job
   * it has read: every change is still written before anything depends on it,
   * but reading it back costs nothing.
   */
  const known = new Map<string, UploadJob>();
  const load = async (jobId: string) => known.get(jobId) ?? (await deps.store.loadJob(jobId));
  /** Asked to drive while already driving: look again once the current drive ends (a resume must never be lost). */
  const again = new Set<string>();

  /**
   * Load, change, save and tell, one change at a time per job. A change that
   * cannot be written stops the job where it is: it is kept here paused for
   * storage, and told, so the popup says so (reading IndexedDB it would see
   * the job still running); nothing is sent that is not written down first.
   * The user's resume writes it all again.
   */
  function update(jobId: string, change: (job: UploadJob) => UploadJob): Promise<UploadJob | undefined> {
    const previous = queues.get(jobId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const job = await load(jobId);
      if (!job) return undefined;
      let changed = change(job);
      if (changed !== job && hasEnded(changed) && changed.endedAt === undefined) changed = { ...changed, endedAt: now() };
      if (changed !== job) {
        try {
          await deps.store.saveJob(changed, settledFiles(job, changed));
        } catch (error) {
          const halted = haltedForStorage(changed, error);
          known.set(jobId, halted);
          deps.changed(halted, { unsaved: true });
          throw error;
        }
        deps.changed(changed);
      }
      known.set(jobId, changed);
      return changed;
    });
    queues.set(jobId, next.catch(() => undefined));
    return next;
  }

  /** Each job's drive while it lasts: a resume waits for it, so no answer from before the pause lands after it. */
  const drives = new Map<string, Promise<void>>();

  function drive(jobId: string): Promise<void> {
    const current = drives.get(jobId);
    if (current) {
      again.add(jobId);
      return current;
    }
    const driving = (async () => {
      try {
        do {
          again.delete(jobId);
          await driveWhileRunning(jobId);
        } while (again.has(jobId));
      } finally {
        drives.delete(jobId);
      }
    })();
    drives.set(jobId, driving);
    return driving;
  }

  /** Items out right now per job: being sent or looked up by one of its lanes. */
  const out = new Map<string, Set<number>>();

  async function driveWhileRunning(jobId: string): Promise<void> {
    // Asked to go on while stopped for storage (the popup wakes the jobs it shows): say so again, to the new popup.
    const halted = known.get(jobId);
    if (halted?.state === 'paused' && halted.pause === 'storage') deps.changed(halted, { unsaved: true });
    const mine = new Set<number>();
    out.set(jobId, mine);
    try {
      // Every lane ends before the drive does, a failed one too: no second drive may start beside a lane still out.
      await Promise.allSettled(Array.from({ length: deps.lanes ?? LANES }, () => lane(jobId, mine)));
    } finally {
      out.delete(jobId);
    }
  }

  /**
   * One lane: an item at a time. The answer to an item and the mark on the
   * lane's next code are written together, so an item costs the account's
   * answer plus one write.
   */
  async function lane(jobId: string, busy: Set<number>): Promise<void> {
    /** The code this lane marked `sending` in the same write as its last answer, and has not sent yet. */
    let markedNext: number | undefined;
    for (;;) {
      const job = await load(jobId);
      if (!job || job.state !== 'running') {
        // Paused or cancelled between the mark and the send: the mark is taken back.
        const marked = markedNext;
        if (job && marked !== undefined) {
          await update(jobId, (current) => unmarkSending(current, marked));
          busy.delete(marked);
        }
        return;
      }
      let item: JobItem;
      if (markedNext !== undefined && job.items[markedNext]?.outcome === 'sending' && !job.items[markedNext]?.inDoubt) {
        item = job.items[markedNext]!;
      } else {
        if (markedNext !== undefined) busy.delete(markedNext);
        const step = nextStep(job, now(), busy);
        if (step.kind === 'done') {
          // The other lane may still have an item out; the last one out settles the job.
          if (busy.size === 0) await update(jobId, settle);
          return;
        }
        if (step.kind === 'wait') {
          await sleep(Math.min(WAIT_SLICE_MS, Math.max(0, step.until - now())));
          continue;
        }
        const { index } = step.item;
        busy.add(index);
        if (step.kind === 'look-up') {
          try {
            const answer = await deps.driver.lookUp(job, step.item, step.item.inDoubt ? 'list' : 'recall');
            await update(jobId, (current) => {
              if (current.items[index]?.outcome === 'sending') return applyLookUp(current, index, answer, now());
              // Cancelled meanwhile: a license found in the list, or an answer the tab had, is still recorded.
              if (current.items[index]?.inDoubt && (answer.kind === 'found' || answer.kind === 'answered')) return applyLookUp(current, index, answer, now());
              return current;
            });
          } finally {
            busy.delete(index);
          }
          continue;
        }
        const marked = await update(jobId, (current) =>
          current.state === 'running' && current.items[index]?.outcome === 'queued' ? markSending(current, index) : current);
        if (marked?.items[index]?.outcome !== 'sending') {
          busy.delete(index);
          continue;
        }
        item = marked.items[index]!;
      }
      markedNext = undefined;
      const { index } = item;
      try {
        const file = item.way === 'file' ? await deps.store.loadFile(jobId, index) : undefined;
        if (item.way === 'file' && !file) {
          // Nothing went out: the item fails as unsendable, not in doubt.
          await update(jobId, (current) => failUnsent(unmarkSending(current, index), index, 'file-lost'));
          continue;
        }
        const answer = await deps.driver.submit(job, item, file);
        await update(jobId, (current) => {
          const answered = applyAnswer(current, index, answer, now());
          if (answered.state !== 'running') return answered;
          // Without this item among those out, so that if its answer was lost it is looked up first.
          const others = new Set(busy);
          others.delete(index);
          const next = nextStep(answered, now(), others);
          if (next.kind !== 'send' || next.item.way !== 'code') return answered;
          markedNext = next.item.index;
          busy.add(markedNext);
          return markSending(answered, markedNext);
        });
      } finally {
        busy.delete(index);
      }
    }
  }

  async function control(jobId: string, action: JobControl, tabId?: number): Promise<UploadJob | undefined> {
    const changes: Record<JobControl, (job: UploadJob) => UploadJob> = {
      pause: pauseJob,
      // Resuming from another tab of the same account moves the job there (the driver checks the account).
      resume: (job) => resumeJob(tabId === undefined || job.state !== 'paused' ? job : { ...job, tabId }),
      cancel: cancelJob,
      'retry-failed': (job) => retryFailed(tabId === undefined ? job : { ...job, tabId }),
    };
    // A request still out when the job paused (the other lane's) may yet answer "logged out": that
    // answer must land before the resume, not pause the job again after it.
    if (action === 'resume' || action === 'retry-failed') await drives.get(jobId)?.catch(() => undefined);
    const job = await update(jobId, changes[action]);
    if (job?.state === 'running') void drive(jobId);
    return job;
  }

  return { drive, control };
}
