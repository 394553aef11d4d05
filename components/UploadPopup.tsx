/**
 * The popup: bulk upload into the account. It works wherever it is opened:
 * from the toolbar on any page, in a tab of its own, or with no account open
 * at all. Files and pasted text are read, checked and previewed in any case;
 * only «Отправить» needs a tab that shows the account, and until there is one
 * the popup says what is missing and offers to do it (open the account, go to
 * its log-in, open «Лицензии»). With several account tabs the user picks one.
 * Once a job exists for the chosen account the popup only shows it: the job
 * lives in IndexedDB and the background runs it.
 */
import { useEffect, useState } from 'preact/hooks';
import { allJobs } from '@/utils/upload/job-store';
import { t } from '@/utils/shared/i18n';
import { sendMessage } from '@/utils/shared/messaging';
import { defaultAccountTab, isAccountTab, missingStep, vendorTabs, type VendorTab } from '@/utils/upload/account-tabs';
import { isVendorUrl } from '@/utils/site/vendor-hosts';
import type { UploadJob } from '@/utils/upload/upload-job';
import { Composer } from './UploadComposer';
import { JobView, useJob } from './JobView';

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

/** The tab the popup serves first: the one named by `?tab=` (a popup in a tab of its own), else the active one. */
async function preferredTab(named: number | undefined): Promise<number | undefined> {
  if (named !== undefined) return named;
  return (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
}

/** The vendor's tabs, looked at again whenever one of them finishes loading or closes (the user logs in, opens «Лицензии»). */
function useVendorTabs(named: number | undefined): { tabs: VendorTab[] | undefined; preferred: number | undefined } {
  const [tabs, setTabs] = useState<VendorTab[]>();
  const [preferred, setPreferred] = useState<number>();
  useEffect(() => {
    let latest = 0;
    const look = async () => {
      const asked = ++latest;
      const first = await preferredTab(named);
      const found = await vendorTabs(first);
      if (asked !== latest) return;
      setPreferred(first);
      setTabs(found);
    };
    const updated = (_id: number, change: { status?: string }, tab: { url?: string }) => {
      if (change.status === 'complete' && isVendorUrl(tab.url)) void look();
    };
    const removed = () => void look();
    browser.tabs.onUpdated.addListener(updated);
    browser.tabs.onRemoved.addListener(removed);
    void look();
    return () => {
      browser.tabs.onUpdated.removeListener(updated);
      browser.tabs.onRemoved.removeListener(removed);
    };
  }, [named]);
  return { tabs, preferred };
}

const host = (origin: string) => new URL(origin).host;

export function UploadPopup({ tabId }: { tabId?: number }) {
  const { tabs, preferred } = useVendorTabs(tabId);
  const [chosen, setChosen] = useState<number>();
  const [opened, setOpened] = useState<UploadJob>();
  const [jobId, setJobId] = useState<string>();
  const [jobLooked, setJobLooked] = useState<string>();
  const job = useJob(jobId, opened);

  const accounts = (tabs ?? []).filter(isAccountTab);
  // The user's choice while its tab still shows the account; else the preferred or only account tab.
  const target = accounts.find((tab) => tab.tabId === chosen) ?? accounts.find((tab) => tab.tabId === defaultAccountTab(accounts, preferred));
  const targetKey = target ? `${target.tabId} ${target.account.origin} ${target.account.login}` : '';

  useEffect(() => {
    // A job shown stays shown while its tab changes (a log-in as someone else pauses it; it goes on once the tab is
    // back): only «Новая загрузка» puts it away.
    if (!target || jobId !== undefined) return;
    // The job is found before the form is shown, so the form does not flash before it.
    void jobToShow(target.account.origin, target.account.login).then((shown) => {
      // A running job whose service worker was stopped (a browser update, a crash) is woken by this message.
      if (shown?.state === 'running') sendMessage('startJob', { jobId: shown.id }).catch(() => undefined);
      setOpened(shown);
      setJobId(shown?.id);
      setJobLooked(targetKey);
    });
  }, [targetKey, jobId]);

  // Looking for the first time: the form waits, so that it does not flash before a job of the account. Once shown it
  // stays, with what the user chose in it, whatever tab comes or goes.
  const [formShown, setFormShown] = useState(false);
  const looking = !job && !formShown && (tabs === undefined || (target !== undefined && jobLooked !== targetKey));
  useEffect(() => {
    if (!looking && !job) setFormShown(true);
  }, [looking, job]);
  // In the toolbar's popup (not yet in a tab of its own): the same popup in a tab, serving the same account tab.
  // It always names a tab (the account's, else the one this popup was opened over): a popup named no tab is the toolbar's.
  const served = target?.tabId ?? preferred;
  const tabUrl = tabId === undefined ? browser.runtime.getURL(`/popup.html${served !== undefined ? `?tab=${served}` : ''}`) : undefined;
  return (
    <div class="popup">
      <header>
        <h1>{t('popupTitle')}</h1>
        {job
        ? <p class="account" data-clh-account={job.login}>{job.login} · {host(job.origin)}</p>
        : target && <p class="account" data-clh-account={target.account.login}>{target.account.login} · {host(target.account.origin)}</p>}
      </header>
      {accounts.length > 1 && !job && (
        <fieldset class="targets" data-clh-targets>
          <legend>{t('popupPickAccount')}</legend>
          {accounts.map((tab) => (
            <label key={tab.tabId}>
              <input type="radio" name="target" value={tab.tabId} checked={tab.tabId === target?.tabId} data-clh-target={tab.account.login}
                onChange={() => setChosen(tab.tabId)} />
              {' '}{tab.account.login} · {host(tab.account.origin)}
            </label>
          ))}
        </fieldset>
      )}
      {looking && <p class="muted">{t('popupLooking')}</p>}
      {!looking && (job
        ? <JobView job={job} tabId={target?.account.login === job.login ? target.tabId : job.tabId} onNew={() => {
          void putAway(job.id);
          setJobId(undefined);
        }} />
        : <Composer target={target} missing={target ? undefined : missingStep(tabs ?? [])} onStarted={setJobId} tabUrl={tabUrl} />)}
      <p class="footer links">
        {tabUrl && job && <a href={tabUrl} target="_blank" rel="noreferrer">{t('popupOpenInTab')}</a>}
        <a href={browser.runtime.getURL('/overview.html')} target="_blank" rel="noreferrer" data-clh-overview-link>{t('popupOverview')}</a>
      </p>
    </div>
  );
}
