/**
 * The popup: bulk upload into the account shown in the current tab. Before a
 * job: files (drop, picker, folder) and pasted text, a preview line for each,
 * and nothing sent until the user confirms. Once a job exists the popup only
 * shows it: the job lives in IndexedDB and the background runs it, so closing
 * the popup or opening it again changes nothing.
 */
import { useEffect, useState } from 'preact/hooks';
import { allJobs } from '@/utils/upload/job-store';
import { t } from '@/utils/shared/i18n';
import { sendMessage, type DriverAccount } from '@/utils/shared/messaging';
import { accountInTab } from '@/utils/upload/tab-driver';
import { isVendorUrl } from '@/utils/site/vendor-hosts';
import type { UploadJob } from '@/utils/upload/upload-job';
import { Composer } from './UploadComposer';
import { JobView, useJob } from './JobView';

type AccountTabState =
  | { kind: 'looking' }
  | { kind: 'none'; why: 'not-account' | 'logged-out' | 'no-upload' }
  | { kind: 'account'; tabId: number; account: Extract<DriverAccount, { kind: 'account' }> };

async function findAccountTab(named: number | undefined): Promise<AccountTabState> {
  const tab = named !== undefined
    ? await browser.tabs.get(named).catch(() => undefined)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined || !isVendorUrl(tab.url)) return { kind: 'none', why: 'not-account' };
  const account = await accountInTab(tab.id, new URL(tab.url!).origin);
  if (!account) return { kind: 'none', why: 'not-account' };
  if (account.kind !== 'account') return { kind: 'none', why: account.kind };
  return { kind: 'account', tabId: tab.id, account };
}

/**
 * Jobs the user put away with «Новая загрузка», kept in storage.local (a
 * popup's own setting, not the job's): opening the popup again shows the
 * account's newest job, as it was left, unless it was put away.
 */
const PUT_AWAY_KEY = 'uploadJobsPutAway';
const PUT_AWAY_KEPT = 50;

async function putAway(jobId: string): Promise<void> {
  const stored = (await browser.storage.local.get(PUT_AWAY_KEY))[PUT_AWAY_KEY];
  const ids = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  await browser.storage.local.set({ [PUT_AWAY_KEY]: [...ids, jobId].slice(-PUT_AWAY_KEPT) });
}

async function jobToShow(origin: string, login: string): Promise<UploadJob | undefined> {
  const stored = (await browser.storage.local.get(PUT_AWAY_KEY))[PUT_AWAY_KEY];
  const away = new Set(Array.isArray(stored) ? stored : []);
  const newest = (await allJobs()).find((job) => job.origin === origin && job.login === login);
  // A running or paused job is always shown: it is not done with.
  return newest && (newest.state === 'running' || newest.state === 'paused' || !away.has(newest.id)) ? newest : undefined;
}

export function UploadPopup({ tabId }: { tabId?: number }) {
  const [where, setWhere] = useState<AccountTabState>({ kind: 'looking' });
  const [opened, setOpened] = useState<UploadJob>();
  const [jobId, setJobId] = useState<string>();
  const job = useJob(jobId, opened);

  useEffect(() => {
    void findAccountTab(tabId).then(async (found) => {
      // The job is found before anything is shown, so the form does not flash before it.
      const shown = found.kind === 'account' ? await jobToShow(found.account.origin, found.account.login) : undefined;
      // A running job whose service worker was stopped (a browser update, a crash) is woken by this message.
      if (shown?.state === 'running') sendMessage('startJob', { jobId: shown.id }).catch(() => undefined);
      setOpened(shown);
      setJobId(shown?.id);
      setWhere(found);
    });
  }, [tabId]);

  return (
    <div class="popup">
      <header>
        <h1>{t('popupTitle')}</h1>
        {where.kind === 'account' && <p class="account" data-clh-account={where.account.login}>{where.account.login} · {new URL(where.account.origin).host}</p>}
      </header>
      {where.kind === 'looking' && <p class="muted">{t('popupLooking')}</p>}
      {where.kind === 'none' && <p class="notice" data-clh-popup="no-account">{t(where.why === 'logged-out' ? 'popupLoggedOut' : where.why === 'no-upload' ? 'popupNoUpload' : 'popupNoAccount')}</p>}
      {where.kind === 'account' && (job
        ? <JobView job={job} tabId={where.tabId} onNew={() => {
          void putAway(job.id);
          setJobId(undefined);
        }} />
        : <Composer tabId={where.tabId} account={where.account} onStarted={setJobId} />)}
      {tabId === undefined && (
        <p class="footer">
          <a href={browser.runtime.getURL(`/popup.html${where.kind === 'account' ? `?tab=${where.tabId}` : ''}`)} target="_blank" rel="noreferrer">{t('popupOpenInTab')}</a>
        </p>
      )}
    </div>
  );
}
