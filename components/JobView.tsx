/**
 * A bulk upload as it goes: progress, counts, what it waits for, one line per
 * item with its outcome, and pause, resume, cancel, retry the failed and the
 * CSV report. It shows the job kept in IndexedDB and asks the background for
 * every change: closing the popup changes nothing.
 */
import { download } from '@/utils/shared/download';
import { useEffect, useState } from 'preact/hooks';
import { toCsv } from '@/utils/shared/csv';
import { t, type MessageName } from '@/utils/shared/i18n';
import type { JobControl } from '@/utils/upload/job-runner';
import { loadJob } from '@/utils/upload/job-store';
import { onMessage, sendMessage } from '@/utils/shared/messaging';
import { jobCounts, type ItemNote, type ItemOutcome, type JobItem, type UploadJob } from '@/utils/upload/upload-job';
import { PAUSE_MESSAGES } from '@/utils/upload/pause-text';

/** The job as kept, read again each time the background says it changed. */
export function useJob(jobId: string | undefined, initial?: UploadJob): UploadJob | undefined {
  const [job, setJob] = useState<UploadJob>();
  useEffect(() => {
    if (!jobId) {
      setJob(undefined);
      return undefined;
    }
    let current = true;
    /** What the background could not write (storage full): its word on the job's state beats IndexedDB's. */
    let unsaved: Pick<UploadJob, 'state' | 'pause' | 'pauseDetail'> | undefined;
    const read = () => void loadJob(jobId).then((loaded) => current && setJob(loaded && unsaved ? { ...loaded, ...unsaved } : loaded));
    read();
    const stop = onMessage('jobChanged', ({ data, sender }) => {
      if (sender.id !== browser.runtime.id || data.jobId !== jobId) return;
      const states = ['running', 'paused', 'finished', 'cancelled'];
      unsaved = data.unsaved && states.includes(data.unsaved.state)
        ? { state: data.unsaved.state, pause: data.unsaved.pause, pauseDetail: typeof data.unsaved.pauseDetail === 'string' ? data.unsaved.pauseDetail : undefined }
        : undefined;
      read();
    });
    return () => {
      current = false;
      stop();
    };
  }, [jobId]);
  // Until the first read lands, a job already in hand (the one the popup opened on) is shown.
  if (job?.id === jobId) return job;
  return initial?.id === jobId ? initial : undefined;
}

const OUTCOME_TEXT: Record<ItemOutcome, MessageName> = {
  queued: 'outcomeQueued',
  sending: 'outcomeSending',
  added: 'outcomeAdded',
  rejected: 'outcomeRejected',
  failed: 'outcomeFailed',
  skipped: 'outcomeSkipped',
};

const NOTE_TEXT: Record<ItemNote, MessageName> = {
  'unreadable': 'noteUnreadable',
  'duplicate': 'noteDuplicate',
  'present': 'notePresent',
  'cancelled': 'noteCancelled',
  'busy': 'noteBusy',
  'unsure': 'noteUnsure',
  'found-in-list': 'noteFoundInList',
  'not-in-list': 'noteNotInList',
  'cannot-tell': 'noteCannotTell',
  'file-lost': 'noteFileLost',
  'sent-elsewhere': 'noteSentElsewhere',
  'pending-review': 'notePendingReview',
  'unclear-answer': 'noteUnclearAnswer',
  'unticked': 'noteUnticked',
};


/** What to say about an item: the site's own words when it answered, else our account of it. */
export function itemText(item: JobItem): string {
  if (item.message && !item.note) return item.message;
  if (item.note === 'present' && item.message) return item.message;
  // The site's words first, then what they mean for the item.
  if ((item.note === 'pending-review' || item.note === 'unclear-answer') && item.message) return t(NOTE_TEXT[item.note], item.message);
  if (!item.note) return item.outcome === 'failed' && item.detail ? item.detail : '';
  return t(NOTE_TEXT[item.note], item.detail ?? '');
}

/** Already in the account (the preview knew, or the site said): neither a success of this upload nor a failure. */
const isPresent = (item: JobItem) => item.note === 'present' && (item.outcome === 'rejected' || item.outcome === 'skipped');
const needsLook = (item: JobItem) => item.outcome === 'failed' || (item.outcome === 'rejected' && !isPresent(item));

export function jobReportCsv(job: UploadJob): string {
  return toCsv(t('jobCsvHeader'), job.items.map((item) => [item.label, item.code, t(isPresent(item) ? 'outcomePresent' : OUTCOME_TEXT[item.outcome]), itemText(item)]));
}

export function JobView({ job, tabId, onNew }: { job: UploadJob; tabId: number; onNew: () => void }) {
  const counts = jobCounts(job);
  const control = (action: JobControl) => void sendMessage('controlJob', {
    jobId: job.id,
    action,
    // A job whose tab was closed goes on in the tab the popup was opened from.
    ...(job.pause === 'tab-closed' || action === 'retry-failed' ? { tabId } : {}),
  });
  const status = job.state === 'paused' && job.pause
    ? t(PAUSE_MESSAGES[job.pause], job.pauseDetail ?? '')
    : t(job.state === 'running' ? 'jobRunning' : job.state === 'finished' ? 'jobFinished' : 'jobCancelled', counts.sent, counts.toSend);
  // What needs the user's eye first: failures and refusals, then the rest in the order they were chosen.
  const lines = [...job.items].sort((a, b) => Number(!needsLook(a)) - Number(!needsLook(b)));

  return (
    <section class="job" data-clh-job={job.state} data-clh-job-counts={`added=${counts.added} present=${counts.present} rejected=${counts.rejected} failed=${counts.failed} skipped=${counts.skipped} queued=${counts.queued} sending=${counts.sending}`}>
      <progress max={counts.toSend || 1} value={counts.sent} />
      <p class={`status ${job.state === 'paused' ? 'warn' : ''}`} role="status">{status}</p>
      <p class="summary">{t('jobCounts', counts.added, counts.present, counts.rejected, counts.failed, counts.skipped)}</p>
      <div class="actions">
        {job.state === 'running' && <button type="button" data-clh-control="pause" onClick={() => control('pause')}>{t('jobPause')}</button>}
        {job.state === 'paused' && <button type="button" class="primary" data-clh-control="resume" onClick={() => control('resume')}>{t('jobResume')}</button>}
        {(job.state === 'running' || job.state === 'paused') && <button type="button" data-clh-control="cancel" onClick={() => control('cancel')}>{t('jobCancel')}</button>}
        {job.state !== 'running' && counts.failed > 0 && !job.secretsForgotten && <button type="button" data-clh-control="retry-failed" onClick={() => control('retry-failed')}>{t('jobRetryFailed')}</button>}
        <button type="button" data-clh-report onClick={() => download(`licenses-upload-${new Date(job.createdAt).toISOString().slice(0, 10)}.csv`, jobReportCsv(job))}>{t('jobReport')}</button>
        {(job.state === 'finished' || job.state === 'cancelled') && <button type="button" data-clh-new onClick={onNew}>{t('jobNew')}</button>}
      </div>
      <ol class="items">
        {lines.map((item) => {
          const shown = isPresent(item) ? 'present' : item.outcome;
          return (
          <li key={item.index} class={`item ${shown}`} data-clh-outcome={item.outcome} data-clh-present={isPresent(item) || undefined}>
            <span class={`label ${item.way}`} title={item.label}>{item.label}</span>
            <span class={`verdict ${shown}`}>{t(isPresent(item) ? 'outcomePresent' : OUTCOME_TEXT[item.outcome])}</span>
            {itemText(item) && <span class="why">{itemText(item)}</span>}
          </li>
          );
        })}
      </ol>
    </section>
  );
}
