/**
 * The overview page: every account the extension has seen, from their
 * overviews alone (a partner's 500 accounts open at once); and the renewal
 * plan, which reads the licenses of only those accounts with something
 * ending in its window. Muting an account or a license is a setting: the
 * worker counts the badge again when it changes.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ChangeList } from './ChangeList';
import { accountOverviews, latestLists } from '@/utils/accounts/account-store';
import type { AccountOverview } from '@/utils/accounts/account-overview';
import { changesLine } from '@/utils/accounts/change-text';
import { hasChanges } from '@/utils/accounts/changes';
import {
  ACCOUNT_FILTERS, accountName, accountRows, accountsCsv, accountsEndingWithin, filterAccounts, planOf, renewalCsv, sortAccounts, timelineWeeks, timeText,
  type AccountFilter, type AccountPlan, type AccountRow, type AccountSort, type PlannedRenewal,
} from '@/utils/accounts/overview-rows';
import { DEFAULT_SETTINGS, MAX_WINDOW_DAYS, settings, type Settings } from '@/utils/accounts/settings';
import { formatDay, today } from '@/utils/shared/dates';
import { download } from '@/utils/shared/download';
import { browserLanguage, days, speakOnPage, t, type LocaleMessages, type MessageName } from '@/utils/shared/i18n';
import { sendMessage } from '@/utils/shared/messaging';
import { crossCheck } from '@/utils/checks/checks';
import { supportPayload } from '@/utils/support/support-request';

const OVERVIEW_READY = 'clh-overview-ready';

const FILTER_WORDS: Record<AccountFilter, MessageName> = {
  all: 'overviewFilterAll',
  attention: 'overviewFilterAttention',
  ending: 'overviewFilterEnding',
  'missing-cloud': 'overviewFilterMissingCloud',
  muted: 'overviewFilterMuted',
};

const COLUMNS: ReadonlyArray<[AccountSort, MessageName]> = [
  ['name', 'colAccount'], ['licenses', 'colLicenses'], ['missingCloud', 'colMissingCloud'], ['ending7', 'colEnding7'],
  ['ending30', 'colEnding30'], ['ending90', 'colEnding90'], ['expired', 'colExpired'], ['nextEnd', 'colNextEnd'], ['seenAt', 'colSeen'],
];

/** Where the account's Лицензии tab is: as last seen, else the account's start page. */
const accountUrl = (overview: AccountOverview) => overview.licensesUrl ?? `${overview.origin}/`;

const toggleIn = <Item,>(list: readonly Item[], item: Item, same: (a: Item, b: Item) => boolean): Item[] =>
  (list.some((each) => same(each, item)) ? list.filter((each) => !same(each, item)) : [...list, item]);

function useKept(): { overviews?: AccountOverview[]; current: Settings; failed?: string; reload: () => void } {
  const [overviews, setOverviews] = useState<AccountOverview[]>();
  const [current, setCurrent] = useState<Settings>(DEFAULT_SETTINGS);
  const [failed, setFailed] = useState<string>();
  const reload = () => {
    accountOverviews().then(setOverviews, (error: unknown) => setFailed(String((error as Error)?.message ?? error)));
    void settings.get().then(setCurrent);
  };
  useEffect(() => {
    reload();
    const unwatch = settings.watch(setCurrent);
    // Accounts visited in other tabs meanwhile: shown when the user comes back to this one.
    const onShow = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onShow);
    return () => {
      unwatch();
      document.removeEventListener('visibilitychange', onShow);
    };
  }, []);
  return { overviews, current, failed, reload };
}

export function Overview() {
  const { overviews, current, failed } = useKept();
  const [view, setView] = useState<'accounts' | 'plan'>(location.hash === '#plan' ? 'plan' : 'accounts');
  const day = today();
  const rows = useMemo(() => (overviews ? accountRows(overviews, day, current) : []), [overviews, current, day]);
  const ending = rows.reduce((sum, row) => sum + (row.muted ? 0 : row.standing.alert), 0);
  // What `npm run bench` reads (BENCH overview-open): the accounts first drawn, from the page's start.
  useEffect(() => {
    if (overviews && performance.getEntriesByName(OVERVIEW_READY).length === 0) performance.mark(OVERVIEW_READY);
  }, [overviews]);

  const show = (next: 'accounts' | 'plan') => {
    setView(next);
    history.replaceState(null, '', next === 'plan' ? '#plan' : '#');
  };

  return (
    <div class="overview">
      <header>
        <h1>{t('overviewTitle')}</h1>
        {overviews && <p class="muted" data-clh-overview-summary>{t('overviewSummary', overviews.length, days(current.windows.alert), ending)}</p>}
        <nav class="tabs">
          <button type="button" aria-pressed={view === 'accounts'} data-clh-view="accounts" onClick={() => show('accounts')}>{t('overviewTabAccounts')}</button>
          <button type="button" aria-pressed={view === 'plan'} data-clh-view="plan" onClick={() => show('plan')}>{t('overviewTabPlan')}</button>
          <span class="spacer" />
          <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">{t('overviewLinkOptions')}</a>
        </nav>
      </header>
      {failed && <p class="notice" role="alert">{t('overviewLoadFailed', failed)}</p>}
      {!overviews && !failed && <p class="muted">{t('overviewLoading')}</p>}
      {overviews?.length === 0 && <p class="notice" data-clh-overview-empty>{t('overviewEmpty')}</p>}
      {overviews && overviews.length > 0 && (view === 'accounts'
        ? <AccountList rows={rows} />
        : <RenewalPlan overviews={overviews} current={current} day={day} />)}
    </div>
  );
}

/** Rows drawn at once; the rest follow a batch per frame. */
const FIRST_ROWS = 60;
const MORE_ROWS = 150;

/**
 * How many of `total` rows to draw: a screenful at once, then the rest in
 * batches, a frame apart. 500 accounts drawn in one go kept the page blank
 * for 300-400 ms (a table's layout of 12,000 cells); the first screen of them
 * is drawn in a tenth of that, and all of them within a few frames.
 */
function useGrowing(total: number, key: unknown): number {
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  useEffect(() => setDrawn(FIRST_ROWS), [key]);
  useEffect(() => {
    if (drawn >= total) return;
    const frame = requestAnimationFrame(() => setDrawn((before) => before + MORE_ROWS));
    return () => cancelAnimationFrame(frame);
  }, [drawn, total]);
  return Math.min(drawn, total);
}

function AccountList({ rows }: { rows: AccountRow[] }) {
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<AccountFilter>('all');
  const [sort, setSort] = useState<{ by: AccountSort; descending: boolean }>({ by: 'nextEnd', descending: false });
  const shown = useMemo(() => sortAccounts(filterAccounts(rows, search, filter), sort.by, sort.descending), [rows, search, filter, sort]);
  const drawn = useGrowing(shown.length, shown);
  const sortBy = (by: AccountSort) => setSort((before) => ({ by, descending: before.by === by ? !before.descending : by !== 'name' && by !== 'nextEnd' }));
  const mute = (account: string) => void settings.update((now) => ({ ...now, mutedAccounts: toggleIn(now.mutedAccounts, account, (a, b) => a === b) }));

  return (
    <section>
      <div class="tools">
        <input type="search" placeholder={t('overviewSearch')} aria-label={t('overviewSearch')} value={search} data-clh-search
          onInput={(event) => setSearch(event.currentTarget.value)} />
        <div class="chips" role="group">
          {ACCOUNT_FILTERS.map((each) => (
            <button key={each} type="button" aria-pressed={filter === each} data-clh-account-filter={each} onClick={() => setFilter(each)}>{t(FILTER_WORDS[each])}</button>
          ))}
        </div>
        <span class="spacer" />
        <button type="button" data-clh-accounts-csv onClick={() => download(`accounts-${new Date().toISOString().slice(0, 10)}.csv`, accountsCsv(shown))}>{t('exportCsv')}</button>
      </div>
      <table class="accounts">
        <thead>
          <tr>
            {COLUMNS.map(([by, words]) => (
              <th key={by} aria-sort={sort.by === by ? (sort.descending ? 'descending' : 'ascending') : undefined}>
                <button type="button" class="sort" data-clh-sort={by} onClick={() => sortBy(by)}>{t(words)}</button>
              </th>
            ))}
            <th>{t('colChanges')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, drawn).map((row) => <AccountLine key={row.overview.account} row={row} onMute={() => mute(row.overview.account)} />)}
        </tbody>
      </table>
      {shown.length === 0 && <p class="muted">{t('overviewNoneShown')}</p>}
    </section>
  );
}

/**
 * A support request about the account's devices left without a cloud license, from its last whole lists, in the
 * language its pages speak; filled into the vendor's form in a new tab. False when there is nothing to ask.
 */
async function openSupportFor(overview: AccountOverview): Promise<boolean> {
  const { licenses, devices } = await latestLists(overview.account);
  if (!licenses || !devices) return false;
  const check = crossCheck(licenses, devices, today());
  const checks = [...check.summary.missingCloudLicense, ...check.summary.cloudLicenseExpired];
  if (checks.length === 0) return false;
  const other = overview.language && overview.language !== browserLanguage() ? overview.language : undefined;
  const messages = other && await fetch(browser.runtime.getURL(`/_locales/${other}/messages.json`)).then((answer) => answer.json() as Promise<LocaleMessages>).catch(() => undefined);
  speakOnPage(messages ? other : undefined, messages || undefined);
  try {
    return await sendMessage('openSupportRequest', supportPayload({
      account: { login: overview.login, ...(overview.company && { company: overview.company }), origin: overview.origin },
      checks, licenses: licenses.length, deviceCount: devices.length, checkedAt: overview.seenAt, version: browser.runtime.getManifest().version,
    }));
  } finally {
    speakOnPage(undefined);
  }
}

function SupportButton({ overview }: { overview: AccountOverview }) {
  const [state, setState] = useState<'opened' | 'failed'>();
  return (
    <button type="button" data-clh-support={overview.account} title={state && t(state === 'opened' ? 'supportOpened' : 'supportNotOpened')}
      onClick={() => void openSupportFor(overview).then((opened) => setState(opened ? 'opened' : 'failed'), () => setState('failed'))}>
      {t('supportFillOne')}
    </button>
  );
}

function AccountLine({ row, onMute }: { row: AccountRow; onMute: () => void }) {
  const { overview, standing, muted } = row;
  const urgent = (count: number) => (count > 0 && !muted ? 'warn' : undefined);
  return (
    <tr data-clh-account-row={overview.account} class={muted ? 'muted-row' : undefined}>
      <td class="name">
        <a href={accountUrl(overview)} target="_blank" rel="noreferrer" data-clh-open-account>{overview.company ?? overview.login}</a>
        <div class="sub">
          {overview.company && <span>{overview.login}</span>}
          {overview.inn && <span>{t('innLabel', overview.inn)}</span>}
          <span>{overview.origin.replace(/^https:\/\//, '')}</span>
          {muted && <span class="tag">{t('mutedMark')}</span>}
        </div>
      </td>
      <td data-clh-col="licenses">{overview.licenses?.count ?? '—'}</td>
      <td data-clh-col="missingCloud" class={overview.missingCloud ? 'bad' : undefined}
        title={overview.missingCloud === undefined ? t('overviewDevicesUnseen') : undefined}>{overview.missingCloud ?? '?'}</td>
      <td data-clh-col="ending7" class={urgent(standing.ending[7]) && 'bad'}>{standing.ending[7]}</td>
      <td data-clh-col="ending30" class={urgent(standing.ending[30])}>{standing.ending[30]}</td>
      <td data-clh-col="ending90">{standing.ending[90]}</td>
      <td data-clh-col="expired">{standing.expired}</td>
      <td data-clh-col="nextEnd">{standing.nextEnd === undefined ? '—' : formatDay(standing.nextEnd)}</td>
      <td data-clh-col="seenAt">{timeText(overview.seenAt)}</td>
      <td data-clh-col="changes">
        {overview.changes && (hasChanges(overview.changes)
          ? <details><summary>{changesLine(overview.changes)}</summary><ChangeList changes={overview.changes} /></details>
          : <span class="muted">{changesLine(overview.changes)}</span>)}
      </td>
      <td>
        <button type="button" data-clh-mute-account={muted ? 'muted' : 'shown'} onClick={onMute}>{t(muted ? 'unmute' : 'mute')}</button>
        {(overview.missingCloud ?? 0) > 0 && <SupportButton overview={overview} />}
      </td>
    </tr>
  );
}

function RenewalPlan({ overviews, current, day }: { overviews: AccountOverview[]; current: Settings; day: number }) {
  const [within, setWithin] = useState(90);
  const [plans, setPlans] = useState<AccountPlan[]>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let stale = false;
    setPlans(undefined);
    void (async () => {
      const found: AccountPlan[] = [];
      // Only the accounts whose overview says something ends in the window: their licenses are read, no one else's.
      for (const overview of accountsEndingWithin(overviews, day, within, current)) {
        const { licenses = [] } = await latestLists(overview.account);
        const plan = planOf(overview, licenses, day, within, current);
        if (plan.renewals.length > 0) found.push(plan);
      }
      found.sort((a, b) => a.renewals[0]!.end - b.renewals[0]!.end);
      if (!stale) setPlans(found);
    })().catch((error: unknown) => !stale && setFailed(String((error as Error)?.message ?? error)));
    return () => {
      stale = true;
    };
  }, [overviews, current, day, within]);

  const muteLicense = (overview: AccountOverview, renewal: PlannedRenewal) => void settings.update((now) => ({
    ...now,
    mutedLicenses: toggleIn(now.mutedLicenses, { account: overview.account, license: renewal.identity, end: renewal.end },
      (a, b) => a.account === b.account && a.license === b.license && a.end === b.end),
  }));
  const total = plans?.reduce((sum, plan) => sum + plan.renewals.length, 0) ?? 0;

  return (
    <section>
      <div class="tools">
        <label>
          {t('planDays')}{' '}
          <input type="number" min={1} max={MAX_WINDOW_DAYS} value={within} data-clh-plan-days
            onChange={(event) => {
              const value = Number(event.currentTarget.value);
              if (Number.isInteger(value) && value >= 1 && value <= MAX_WINDOW_DAYS) setWithin(value);
            }} />
        </label>
        {plans && <span class="muted" data-clh-plan-summary>{t('planSummary', total, plans.length)}</span>}
        <span class="spacer" />
        {plans && plans.length > 0 && (
          <button type="button" data-clh-plan-csv onClick={() => download(`renewal-plan-${new Date().toISOString().slice(0, 10)}.csv`, renewalCsv(plans))}>{t('exportCsv')}</button>
        )}
      </div>
      {failed && <p class="notice" role="alert">{t('overviewLoadFailed', failed)}</p>}
      {!plans && !failed && <p class="muted">{t('overviewLoading')}</p>}
      {plans?.length === 0 && <p class="muted" data-clh-plan-empty>{t('planEmpty', days(within))}</p>}
      {plans && plans.length > 0 && <Timeline plans={plans} within={within} day={day} />}
      {plans?.map((plan) => (
        <div class="plan" key={plan.overview.account} data-clh-plan-account={plan.overview.account}>
          <h2>{accountName(plan.overview)}</h2>
          <table>
            <tbody>
              {plan.renewals.map((renewal, index) => (
                <tr key={index} data-clh-renewal class={renewal.muted ? 'muted-row' : undefined}>
                  <td>{formatDay(renewal.end)}</td>
                  <td class={renewal.daysLeft <= current.windows.urgent ? 'bad' : undefined}>{renewal.daysLeft === 0 ? t('planToday') : t('planIn', days(renewal.daysLeft))}</td>
                  <td>{t(renewal.license.kind === 'cloud' ? 'kindCloud' : 'kindMain')}</td>
                  <td class="product">{renewal.license.product}</td>
                  <td class="device">{renewal.license.deviceId ?? ''}</td>
                  <td><a href={accountUrl(plan.overview)} target="_blank" rel="noreferrer" data-clh-renew>{t('planRenew')}</a></td>
                  <td>
                    <button type="button" data-clh-mute-license={renewal.muted ? 'muted' : 'shown'} onClick={() => muteLicense(plan.overview, renewal)}>
                      {t(renewal.muted ? 'unmute' : 'mute')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** Weeks across, accounts down: a circle as large as the number ending that week. */
function Timeline({ plans, within, day }: { plans: AccountPlan[]; within: number; day: number }) {
  const { weeks, counts } = timelineWeeks(plans, within);
  const most = Math.max(1, ...counts.flat());
  const cell = 44;
  const label = 220;
  const width = label + weeks * cell;
  const height = 24 + plans.length * cell;
  return (
    <figure class="timeline" data-clh-timeline>
      <figcaption>{t('timelineTitle')}</figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('timelineTitle')}>
        {Array.from({ length: weeks }, (_, week) => (
          <text key={week} x={label + week * cell + cell / 2} y={14} text-anchor="middle" class="week">{formatDay(day + week * 7).slice(0, 5)}</text>
        ))}
        {plans.map((plan, row) => (
          <g key={plan.overview.account} transform={`translate(0 ${24 + row * cell})`}>
            <text x={0} y={cell / 2 + 4} class="account">{accountName(plan.overview).slice(0, 34)}</text>
            {counts[row]!.map((count, week) => count > 0 && (
              <circle key={week} cx={label + week * cell + cell / 2} cy={cell / 2} r={4 + (8 * count) / most} data-clh-timeline-week={week}>
                <title>{`${accountName(plan.overview)}: ${formatDay(day + week * 7)} – ${formatDay(day + week * 7 + 6)}: ${count}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
