/**
 * The summary panel, shown in a shadow root over the account page: counts,
 * the devices missing a cloud license, filter chips over the site's own list,
 * copy as text and CSV export. It renders an analysed page and nothing else.
 */
import { useEffect, useState } from 'preact/hooks';
import { CLOUD_URGENT_DAYS, type DeviceCheck } from '@/utils/checks/checks';
import { formatDay } from '@/utils/shared/dates';
import { t, type MessageName } from '@/utils/shared/i18n';
import type { AnalysedPage, ListSource, RowFilter, Unreadable } from '@/utils/reading/account-page';
import { reportCsv, reportFileName, reportText } from '@/utils/checks/report';
import { flagName } from '@/utils/checks/finding-text';
import { panelFolded } from '@/utils/reading/panel-state';
import { SEVERITY_COLORS } from '@/utils/reading/severity';

interface Props {
  page: AnalysedPage;
  filter: RowFilter | undefined;
  onFilter: (filter: RowFilter | undefined) => void;
}

const PROBLEM_KEYS: Record<string, MessageName> = {
  'not-the-list': 'problemNotTheList',
  'too-many-pages': 'problemTooManyPages',
  'logged-out': 'problemLoggedOut',
  unreadable: 'problemUnreadable',
  http: 'problemHttp',
  network: 'problemNetwork',
};

function SourceNote({ source }: { source: ListSource }) {
  const tabName = t(source.tab === 'licenses' ? 'tabLicenses' : 'tabDevices');
  if (source.state === 'fresh') return null;
  if (source.state === 'saved') {
    const saved = new Date(source.savedAt);
    const when = `${formatDay(Date.UTC(saved.getFullYear(), saved.getMonth(), saved.getDate()) / 86_400_000)} ${saved.toTimeString().slice(0, 5)}`;
    return <p class="source warn" data-clh-source="saved">{t('sourceSaved', tabName, when)}</p>;
  }
  return <p class="source warn" data-clh-source="missing">{t('sourceNone', tabName, t(PROBLEM_KEYS[source.problem] ?? 'problemNetwork'))}</p>;
}

function Count({ label, value, tone }: { label: string; value: number; tone?: 'problem' | 'warning' }) {
  // The space keeps the words and the number apart where the text is read out or copied, not only on screen.
  return (
    <li class={value > 0 && tone ? tone : undefined}>
      <span>{label}</span>{' '}<b>{value}</b>
    </li>
  );
}

/** What each colour of the marks on the page means. */
const LEGEND = { problem: 'legendProblem', warning: 'legendWarning', note: 'legendNote' } as const;

/** A partner's account may miss hundreds: the panel names the first ones, the CSV and the copied text name all. */
const DEVICES_LISTED = 25;

function DeviceList({ devices }: { devices: readonly DeviceCheck[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? devices : devices.slice(0, DEVICES_LISTED);
  return (
    <>
      <ul class="devices">
        {shown.map(({ device }) => (
          <li key={device.id} data-clh-missing-device={device.id}>
            <span class="name">{device.name}</span>
            <code>{device.id}</code>
            <span class="db">{device.database}</span>
          </li>
        ))}
      </ul>
      {shown.length < devices.length && (
        <button type="button" class="more" onClick={() => setAll(true)}>{t('showAllDevices', String(devices.length))}</button>
      )}
    </>
  );
}

/** Copies a text, and says so on its button for two seconds. */
function useCopy(): [copied: boolean, copy: (text: string) => Promise<void>] {
  const [copied, setCopied] = useState(false);
  const copy = async (text: string) => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  };
  return [copied, copy];
}

function download(name: string, text: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function SummaryPanel({ page, filter, onFilter }: Props) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    void panelFolded.getValue().then((folded) => setOpen(!folded));
    return panelFolded.watch((folded) => setOpen(!folded));
  }, []);
  const toggle = () => {
    setOpen(!open);
    void panelFolded.setValue(open);
  };
  const [copied, copy] = useCopy();
  const { check, sources, flagsOnPage, unread } = page;
  const { counts, summary } = check;
  const problems = counts.missingCloud + counts.cloudExpired + counts.cloudEnding + counts.expiring + counts.expired + counts.unknownDevice
    + summary.duplicates.length;
  // "All is well" only about what was seen whole: both lists read now, every row of this page read.
  const sawEverything = sources.licenses.state === 'fresh' && sources.devices.state === 'fresh' && unread === 0;
  const cloudUrgent = summary.cloudTermEnding.filter((entry) => entry.daysLeft! <= CLOUD_URGENT_DAYS).length;
  const { pairs, spareLicenses, uncoveredDevices } = summary.suggestions;

  return (
    <section class="panel" aria-label={t('panelTitle')}>
      <header>
        <h2>{t('panelTitle')}</h2>
        {problems > 0 && <span class="badge" title={t('badgeTitle', problems)} aria-label={t('badgeTitle', problems)}>{problems}</span>}
        <button type="button" class="toggle" aria-expanded={open} onClick={toggle} title={t(open ? 'panelCollapse' : 'panelExpand')}>
          {open ? '–' : '+'}
        </button>
      </header>
      {open && (
        <div class="body">
          <SourceNote source={sources.licenses} />
          <SourceNote source={sources.devices} />
          {unread > 0 && <p class="source warn" data-clh-unread={unread}>{t('unreadRows', String(unread), String(unread + (page.tab === 'licenses' ? counts.licenses : counts.devices)))}</p>}
          <ul class="counts">
            <Count label={t('countLicenses')} value={counts.licenses} />
            <Count label={t('countDevices')} value={counts.devices} />
            <Count label={t('countMissingCloud')} value={counts.missingCloud} tone="problem" />
            <Count label={t('countCloudExpired')} value={counts.cloudExpired} tone="problem" />
            <Count label={t('countCloudEnded')} value={summary.cloudTermEnded.length} tone="problem" />
            <Count label={t('countCloudEnding7')} value={cloudUrgent} tone="problem" />
            <Count label={t('countCloudEnding30')} value={summary.cloudTermEnding.length} tone="warning" />
            <Count label={t('countExpired')} value={summary.ended.length} tone="problem" />
            <Count label={t('countExpiring7')} value={summary.endingWithin[7].length} tone="warning" />
            <Count label={t('countExpiring30')} value={summary.endingWithin[30].length} tone="warning" />
            <Count label={t('countExpiring90')} value={summary.endingWithin[90].length} />
            <Count label={t('countExpiredStatus')} value={summary.expiredLicenses.length} tone="warning" />
            <Count label={t('countUnknownDevice')} value={counts.unknownDevice} tone="problem" />
            <Count label={t('countDuplicate')} value={summary.duplicates.length} tone="problem" />
          </ul>
          {problems > 0 && (
            <p class="legend" data-clh-legend>
              {(['problem', 'warning', 'note'] as const).map((severity) => (
                <span key={severity}><i style={{ background: SEVERITY_COLORS[severity] }} />{t(LEGEND[severity])}</span>
              ))}
            </p>
          )}
          {problems === 0 && sawEverything && <p class="ok">{t('nothingWrong')}</p>}
          {summary.missingCloudLicense.length > 0 && (
            <div class="missing">
              <h3>{t('missingCloudHeading')}</h3>
              <DeviceList devices={summary.missingCloudLicense} />
              <p class="advice">{t('missingCloudAdvice')}</p>
            </div>
          )}
          {pairs.length > 0 && (
            <p class="suggestion">
              <b>{t('suggestionHeading')}:</b> {t('suggestionFree', pairs.length + spareLicenses.length, pairs.length + uncoveredDevices.length)}
            </p>
          )}
          {pairs.length === 0 && uncoveredDevices.length > 0 && (
            <p class="suggestion">
              <b>{t('suggestionHeading')}:</b> {t('suggestionNoFree', uncoveredDevices.length)}
            </p>
          )}
          {flagsOnPage.length > 0 && (
            <div class="chips" role="group">
              <button type="button" aria-pressed={filter === undefined} onClick={() => onFilter(undefined)}>{t('filterAll')}</button>
              <button type="button" aria-pressed={filter === 'problems'} data-clh-filter="problems" onClick={() => onFilter('problems')}>{t('filterProblems')}</button>
              {flagsOnPage.map(({ flag, rows }) => (
                <button type="button" key={flag} aria-pressed={filter === flag} data-clh-filter={flag} onClick={() => onFilter(flag)}>
                  {flagName(flag)} · {rows}
                </button>
              ))}
            </div>
          )}
          <div class="actions">
            <button type="button" data-clh-copy onClick={() => void copy(reportText(check, page.report))}>{copied ? t('copied') : t('copyText')}</button>
            <button type="button" data-clh-csv onClick={() => download(reportFileName(page.report), reportCsv(check, page.report))}>{t('exportCsv')}</button>
          </div>
        </div>
      )}
    </section>
  );
}

/** What the panel says on a page that is clearly the tab but whose list it could not read: never a finding, never "all is well". */
export function UnrecognizedNotice({ tab, reason }: { tab: 'licenses' | 'devices'; reason: Unreadable }) {
  const tabName = t(tab === 'licenses' ? 'tabLicenses' : 'tabDevices');
  const text = reason.why === 'no-rows' ? t('unrecognizedNoRows', tabName) : t('unrecognizedFewRows', tabName, String(reason.read), String(reason.shown));
  const [copied, copy] = useCopy();
  return (
    <div class="panel notice" role="status" data-clh-unrecognized={reason.why}>
      <p>{text}</p>
      <button type="button" data-clh-copy-unread onClick={() => void copy(unreadReport(tabName, text))}>{copied ? t('copied') : t('unreadCopyReport')}</button>
    </div>
  );
}

/**
 * What support needs to see why a page was not read: which page (its address without the query, which may hold
 * the user's search), what was seen, and which extension and browser. Nothing of the account's data.
 */
function unreadReport(tabName: string, seen: string): string {
  return [
    t('unreadReportTitle'),
    t('unreadReportPage', `${location.origin}${location.pathname}`, tabName),
    seen,
    t('unreadReportVersion', browser.runtime.getManifest().version),
    t('unreadReportBrowser', navigator.userAgent),
    t('unreadReportWhen', new Date().toISOString()),
  ].join('\n');
}
