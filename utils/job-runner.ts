/**
 * Runs bulk uploads in the background, one item at a time: each step is
 * written to IndexedDB before it is taken, so a job picks up where it was
 * after the popup closes, the account tab reloads or the service worker
 * stops. Every change of a job goes through `update`, one at a time per job,
 * so a pause pressed mid-request is never overwritten by the answer.
 */
import type { KeptFile } from './job-store';
import {
  applyAnswer, applyLookUp, cancelJob, failUnsent, unmarkSending, markSending, nextStep, pauseJob, resumeJob, retryFailed, settle,
  type JobItem, type LookUpAnswer, type SiteAnswer, type UploadJob,
} from './upload-job';

/** Drives the account's upload form in the job's tab (utils/tab-driver.ts in the extension). */
export interface UploadDriver {
  submit(job: UploadJob, item: JobItem, file: KeptFile | undefined): Promise<SiteAnswer>;
  lookUp(job: UploadJob, item: JobItem): Promise<LookUpAnswer>;
}

export interface JobRunnerDeps {
  driver: UploadDriver;
  store: {
    loadJob(id: string): Promise<UploadJob | undefined>;
    saveJob(job: UploadJob): Promise<void>;
    loadFile(jobId: string, index: number): Promise<KeptFile | undefined>;
  };
  /** Told after every change, to show progress (popup, in-page indicator). */
  changed(job: UploadJob): void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type JobControl = 'pause' | 'resume' | 'cancel' | 'retry-failed';

export interface JobRunner {
  /** Drives the job while it runs; returns when it pauses, ends or is gone. Safe to call again. */
  drive(jobId: string): Promise<void>;
  control(jobId: string, action: JobControl, tabId?: number): Promise<UploadJob | undefined>;
}

/** Longest single wait, so that a pause or cancel pressed during a back-off is noticed soon. */
const WAIT_SLICE_MS = 1_000;

export function jobRunner(deps: JobRunnerDeps): JobRunner {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const queues = new Map<string, Promise<unknown>>();
  /**
   * The background is the only writer once a job runs, so it keeps each job
   * it has read: every change is still written before anything depends on it,
   * but an item costs two writes and no reads.
   */
  const known = new Map<string, UploadJob>();
  const load = async (jobId: string) => known.get(jobId) ?? (await deps.store.loadJob(jobId));
  const driving = new Set<string>();
  /** Asked to drive while already driving: look again once the current drive ends (a resume must never be lost). */
  const again = new Set<string>();

  /** Load, change, save and tell, one change at a time per job. */
  function update(jobId: string, change: (job: UploadJob) => UploadJob): Promise<UploadJob | undefined> {
    const previous = queues.get(jobId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const job = await load(jobId);
      if (!job) return undefined;
      const changed = change(job);
      if (changed !== job) {
        await deps.store.saveJob(changed);
        deps.changed(changed);
      }
      known.set(jobId, changed);
      return changed;
    });
    queues.set(jobId, next.catch(() => undefined));
    return next;
  }

  async function drive(jobId: string): Promise<void> {
    if (driving.has(jobId)) {
      again.add(jobId);
      return;
    }
    driving.add(jobId);
    try {
      do {
        again.delete(jobId);
        await driveWhileRunning(jobId);
      } while (again.has(jobId));
    } finally {
      driving.delete(jobId);
    }
  }

  /**
   * One item at a time. The answer to an item and the mark on the next code
   * are written together, so an item costs the account's answer plus one
   * write: an upload of 200 codes should take little more than 200 answers.
   */
  async function driveWhileRunning(jobId: string): Promise<void> {
    /** The code marked `sending` in the same write as the last answer, and not sent yet. */
    let markedNext: number | undefined;
    for (;;) {
      const job = await load(jobId);
      if (!job || job.state !== 'running') {
        // Paused or cancelled between the mark and the send: the mark is taken back.
        const marked = markedNext;
        if (job && marked !== undefined) await update(jobId, (current) => unmarkSending(current, marked));
        return;
      }
      let item: JobItem;
      if (markedNext !== undefined && job.items[markedNext]?.outcome === 'sending' && !job.items[markedNext]?.inDoubt) {
        item = job.items[markedNext]!;
      } else {
        const step = nextStep(job, now());
        if (step.kind === 'done') {
          await update(jobId, settle);
          return;
        }
        if (step.kind === 'wait') {
          await sleep(Math.min(WAIT_SLICE_MS, Math.max(0, step.until - now())));
          continue;
        }
        const { index } = step.item;
        if (step.kind === 'look-up') {
          const answer = await deps.driver.lookUp(job, step.item);
          await update(jobId, (current) => {
            if (current.items[index]?.outcome === 'sending') return applyLookUp(current, index, answer, now());
            // Cancelled meanwhile: a license found in the list is still recorded as added.
            if (current.items[index]?.inDoubt && answer.kind === 'found') return applyLookUp(current, index, answer, now());
            return current;
          });
          continue;
        }
        const marked = await update(jobId, (current) =>
          current.state === 'running' && current.items[index]?.outcome === 'queued' ? markSending(current, index) : current);
        if (marked?.items[index]?.outcome !== 'sending') continue;
        item = marked.items[index]!;
      }
      markedNext = undefined;
      const { index } = item;

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
        const next = nextStep(answered, now());
        if (next.kind !== 'send' || next.item.way !== 'code') return answered;
        markedNext = next.item.index;
        return markSending(answered, next.item.index);
      });
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
    const job = await update(jobId, changes[action]);
    if (job?.state === 'running') void drive(jobId);
    return job;
  }

  return { drive, control };
}
