/**
 * The summary panel, in a shadow root right above the account's list. It
 * starts as one bar: whose findings, the worst of them, a chip for each kind
 * found on this tab (its colour is the marks' colour, its count a filter),
 * copy and CSV. «Подробнее» opens every count (each a filter, a count of the
 * other tab opens that tab filtered) and the rows of each kind, each linking
 * to its row on the page. It renders an analysed page and nothing else.
 */
import { download } from '@/utils/shared/download';
import { useEffect, useState } from 'preact/hooks';
import type { DeviceCheck, LicenseCheck } from '@/utils/checks/checks';
import { formatDay } from '@/utils/shared/dates';
import { t, type MessageName } from '@/utils/shared/i18n';
import type { AnalysedPage, GroupOnPage, ListSource, PanelView, Unreadable } from '@/utils/reading/account-page';
import { reportCsv, reportFileName, reportText } from '@/utils/checks/report';
import { panelOpen } from '@/utils/reading/panel-state';
import type { FindingGroup, GroupKey } from '@/utils/checks/finding-groups';
import type { AccountTab } from '@/utils/site/words';
import { changesLine } from '@/utils/accounts/change-text';
import { hasChanges } from '@/utils/accounts/changes';
import { ChangeList } from './ChangeList';
import { SupportActions, SupportOne } from './SupportActions';

interface Props {
  page: AnalysedPage;
  view: PanelView;
  /** Whether the details were left open, as read before the panel is first drawn (panel-host.tsx). */
  openAtFirst?: boolean;
}

const PROBLEM_KEYS: Record<string, MessageName> = {
  'not-the-list': 'problemNotTheList',
  'too-many-pages': 'problemTooManyPages',
  'logged-out': 'problemLoggedOut',
  unreadable: 'problemUnreadable',
  http: 'problemHttp',
  network: 'problemNetwork',
};

const tabName = (tab: AccountTab) => t(tab === 'licenses' ? 'tabLicenses' : 'tabDevices');

function SourceNote({ source }: { source: ListSource }) {
  if (source.state === 'fresh') return null;
  if (source.state === 'saved') {
    const saved = new Date(source.savedAt);
    const when = `${formatDay(Date.UTC(saved.getFullYear(), saved.getMonth(), saved.getDate()) / 86_400_000)} ${saved.toTimeString().slice(0, 5)}`;
    return <p class="source warn" data-clh-source="saved">{t('sourceSaved', tabName(source.tab), when)}</p>;
  }
  return <p class="source warn" data-clh-source="missing">{t('sourceNone', tabName(source.tab), t(PROBLEM_KEYS[source.problem] ?? 'problemNetwork'))}</p>;
}

/** A row of a group, as the panel names it: the license's product and device, or the device's name, id and database. */
function rowText(entry: LicenseCheck | DeviceCheck): string {
  if ('license' in entry) {
    const { license } = entry;
    const end = typeof license.subscriptionEnd === 'number' ? t('reportUntil', formatDay(license.subscriptionEnd)) : '';
    return [license.product, license.deviceId, end].filter(Boolean).join(' · ');
  }
  return [entry.device.name, entry.device.id !== entry.device.name ? entry.device.id : '', entry.device.database].filter(Boolean).join(' · ');
}

/** A partner's account may have thousands in a group: the panel names the first ones, the CSV all of them. */
const ROWS_LISTED = 10;

interface RowProps {
  entry: LicenseCheck | DeviceCheck;
  /** The tab its row is on. */
  tab: AccountTab;
  page: AnalysedPage;
  view: PanelView;
}

/** A row named: a link to it where this page shows it, else its name alone. */
function RowName({ entry, tab, page, view }: RowProps) {
  return tab === page.tab && page.rowOf(entry)
    ? <button type="button" class="row" data-clh-reveal onClick={() => view.reveal(entry)}>{rowText(entry)}</button>
    : <span class="row">{rowText(entry)}</span>;
}

/** One row of a group, and where it is when this page does not show it. */
function RowLink(props: RowProps) {
  const { entry, tab, page } = props;
  // The devices support must hear of, by id: what tests (and user scripts) read.
  const missing = 'device' in entry && entry.flags.includes('missing-cloud-license') ? entry.device.id : undefined;
  const shown = tab === page.tab && page.rowOf(entry);
  const toSupport = 'device' in entry && (entry.flags.includes('missing-cloud-license') || entry.flags.includes('cloud-license-expired'));
  return (
    <li data-clh-missing-device={missing}>
      <RowName {...props} />
      {!shown && <> <small>{tab === page.tab ? t('rowOtherPage') : t('rowOtherTab', tabName(tab))}</small></>}
      {toSupport && <> <SupportOne entry={entry} page={page} /></>}
    </li>
  );
}

function RowList({ entries, tab, page, view }: { entries: readonly (LicenseCheck | DeviceCheck)[]; tab: AccountTab; page: AnalysedPage; view: PanelView }) {
  const [all, setAll] = useState(false);
  const shown = all ? entries : entries.slice(0, ROWS_LISTED);
  return (
    <>
      <ul class="rows">
        {shown.map((entry, index) => <RowLink key={index} entry={entry} tab={tab} page={page} view={view} />)}
      </ul>
      {shown.length < entries.length && (
        <button type="button" class="more" onClick={() => setAll(true)}>{t('showAllRows', String(entries.length))}</button>
      )}
    </>
  );
}

/** A kind's colour beside its name: the chips and counts are the legend of the marks on the page. */
const Swatch = ({ group }: { group: FindingGroup }) => <i class="swatch" style={{ background: group.color }} />;

/**
 * A count that filters: on this tab it shows only its rows (pressed again, all
 * of them); a count of the other tab opens that tab with its rows filtered.
 */
function CountFilter({ entry: { group }, page, view, children }: { entry: GroupOnPage; page: AnalysedPage; view: PanelView; children: preact.ComponentChildren }) {
  const here = group.tab === page.tab;
  const pressed = here && view.filter === group.key;
  const onClick = () => (here ? view.setFilter(pressed ? undefined : group.key) : view.openFiltered(group.tab, group.key));
  return (
    <button
      type="button" class={`count ${group.tone}`} data-clh-filter={group.key} aria-pressed={here ? pressed : undefined}
      title={here ? undefined : t('countOnOtherTab', tabName(group.tab))} onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Which rows the filter shows, and where the rest of them are: other pages of the list, or nowhere else. */
function FilterNote({ page, view, onList }: { page: AnalysedPage; view: PanelView; onList: () => void }) {
  const { filter } = view;
  if (filter === undefined) return null;
  const group = page.groups.find((each) => each.group.key === filter);
  const onPage = group ? group.onPage : page.problemRows.onPage;
  const inList = group ? group.group.entries.length : page.problemRows.inList;
  const elsewhere = inList - onPage;
  return (
    <p class="filter-note" data-clh-elsewhere={elsewhere}>
      {t('filterShown', onPage)}
      {elsewhere > 0 && <> {t('filterElsewhere', elsewhere)} </>}
      {elsewhere > 0 && page.wholeListUrl && (
        <a href={page.wholeListUrl} data-clh-whole-list>{t('filterShowWhole')}</a>
      )}
      {elsewhere > 0 && !page.wholeListUrl && group && (
        <button type="button" data-clh-list-elsewhere onClick={onList}>{t('filterListThem')}</button>
      )}
    </p>
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

export function SummaryPanel({ page, view, openAtFirst = false }: Props) {
  const [open, setOpen] = useState(openAtFirst);
  /** The group whose rows are listed open in the details (the one a filter's "list them" asked for). */
  const [listed, setListed] = useState<GroupKey | undefined>(undefined);
  useEffect(() => {
    void panelOpen.getValue().then(setOpen);
    return panelOpen.watch(setOpen);
  }, []);
  const toggle = () => {
    setOpen(!open);
    void panelOpen.setValue(!open);
  };
  const [copied, copy] = useCopy();
  const { check, sources, unread, groups } = page;
  const { counts, summary } = check;
  const problems = counts.missingCloud + counts.cloudExpired + counts.cloudEnding + counts.expiring + counts.expired + counts.unknownDevice
    + summary.duplicates.length;
  // "All is well" only about what was seen whole: both lists read now, every row of this page read.
  const sawEverything = sources.licenses.state === 'fresh' && sources.devices.state === 'fresh' && unread === 0;
  const found = groups.filter(({ group }) => group.entries.length > 0);
  const worst = found.find(({ group }) => group.tone !== 'note');
  const chips = found.filter(({ group }) => group.tab === page.tab);
  const { pairs, spareLicenses, uncoveredDevices } = summary.suggestions;
  const listThem = (key: GroupKey) => {
    setListed(key);
    if (!open) toggle();
  };

  return (
    <section class="panel" aria-label={t('panelTitle')} data-clh-open={open}>
      <div class="head">
        <div class="bar">
          <h2>{t('panelTitle')}</h2>
          {problems > 0 && <span class="badge" title={t('badgeTitle', problems)} aria-label={t('badgeTitle', problems)}>{problems}</span>}
          {worst && (
            <span class={`headline ${worst.group.tone}`} data-clh-worst={worst.group.key}>
              <CountFilter entry={worst} page={page} view={view}>{t(worst.group.label)}</CountFilter>: <b>{worst.group.entries.length}</b>
            </span>
          )}
          {problems === 0 && sawEverything && <span class="ok">{t('nothingWrong')}</span>}
          <span class="spacer" />
          <button type="button" data-clh-copy onClick={() => void copy(reportText(check, page.report))}>{copied ? t('copied') : t('copyText')}</button>
          <button type="button" data-clh-csv onClick={() => download(reportFileName(page.report), reportCsv(check, page.report))}>{t('exportCsv')}</button>
          <button type="button" class="toggle" aria-expanded={open} onClick={toggle}>{t(open ? 'panelCollapse' : 'panelMore')}</button>
        </div>
        <SourceNote source={sources.licenses} />
        <SourceNote source={sources.devices} />
        {page.changes && <p class="changes" data-clh-changes>{changesLine(page.changes)}</p>}
        {unread > 0 && <p class="source warn" data-clh-unread={unread}>{t('unreadRows', String(unread), String(unread + (page.tab === 'licenses' ? counts.licenses : counts.devices)))}</p>}
        {chips.length > 0 && (
          <div class="chips" role="group" aria-label={t('filterLabel')}>
            <button type="button" aria-pressed={view.filter === undefined} data-clh-filter="all" onClick={() => view.setFilter(undefined)}>{t('filterAll')}</button>
            <button type="button" aria-pressed={view.filter === 'problems'} data-clh-filter="problems" onClick={() => view.setFilter('problems')}>
              {t('filterProblems')} · {page.problemRows.inList}
            </button>
            {chips.map((entry) => (
              <CountFilter key={entry.group.key} entry={entry} page={page} view={view}>
                <Swatch group={entry.group} />{t(entry.group.label)} · {entry.group.entries.length}
              </CountFilter>
            ))}
          </div>
        )}
        <FilterNote page={page} view={view} onList={() => view.filter && listThem(view.filter as GroupKey)} />
      </div>
      {open && (
        <div class="details">
          <ul class="counts">
            <li><span>{t('countLicenses')}</span> <b>{counts.licenses}</b></li>
            <li><span>{t('countDevices')}</span> <b>{counts.devices}</b></li>
            {groups.map((entry) => (
              <li key={entry.group.key} class={entry.group.entries.length > 0 ? entry.group.tone : undefined}>
                {entry.group.entries.length > 0
                  ? <CountFilter entry={entry} page={page} view={view}><Swatch group={entry.group} />{t(entry.group.label)}</CountFilter>
                  : <span>{t(entry.group.label)}</span>}{' '}
                <b>{entry.group.entries.length}</b>
              </li>
            ))}
          </ul>
          {found.map(({ group }) => (
            <details key={group.key} class="group" data-clh-group={group.key} open={group.key === listed || group.key === 'missing-cloud'}>
              <summary><Swatch group={group} />{t(group.label)} ({group.entries.length})</summary>
              <RowList entries={group.entries} tab={group.tab} page={page} view={view} />
              {group.key === 'missing-cloud' && <p class="advice">{t('missingCloudAdvice')}</p>}
              {(group.key === 'missing-cloud' || group.key === 'cloud-expired') && (
                <SupportActions entries={group.entries as DeviceCheck[]} page={page} renew={group.key === 'cloud-expired'} />
              )}
            </details>
          ))}
          {page.changes && hasChanges(page.changes) && (
            <details class="group" data-clh-changes-details>
              <summary>{changesLine(page.changes)}</summary>
              <ChangeList changes={page.changes} />
            </details>
          )}
          {pairs.length > 0 && (
            <div class="suggestion" data-clh-suggestion>
              <p><b>{t('suggestionHeading')}:</b> {t('suggestionFree', pairs.length + spareLicenses.length, pairs.length + uncoveredDevices.length)}</p>
              <ul class="rows">
                {pairs.map(({ license, device }, index) => (
                  <li key={index} data-clh-pair>
                    <RowName entry={license} tab="licenses" page={page} view={view} />
                    {' → '}
                    <RowName entry={device} tab="devices" page={page} view={view} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {pairs.length === 0 && uncoveredDevices.length > 0 && (
            <p class="suggestion"><b>{t('suggestionHeading')}:</b> {t('suggestionNoFree', uncoveredDevices.length)}</p>
          )}
        </div>
      )}
    </section>
  );
}

/** What the panel says on a page that is clearly the tab but whose list it could not read: never a finding, never "all is well". */
export function UnrecognizedNotice({ tab, reason }: { tab: 'licenses' | 'devices'; reason: Unreadable }) {
  const name = tabName(tab);
  const text = reason.why === 'no-rows' ? t('unrecognizedNoRows', name) : t('unrecognizedFewRows', name, String(reason.read), String(reason.shown));
  const [copied, copy] = useCopy();
  return (
    <div class="floating notice" role="status" data-clh-unrecognized={reason.why}>
      <p>{text}</p>
      <button type="button" data-clh-copy-unread onClick={() => void copy(unreadReport(name, text))}>{copied ? t('copied') : t('unreadCopyReport')}</button>
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
