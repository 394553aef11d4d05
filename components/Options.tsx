/**
 * The options page: the alert windows and notifications, what is muted,
 * whether activation codes are kept, a backup of the local data (saved,
 * restored and checked), wiping it, the version, and what is kept where and
 * for how long.
 */
import { useEffect, useState } from 'preact/hooks';
import { accountOverviews, forgetCodes, HISTORY } from '@/utils/accounts/account-store';
import { importBackup, makeBackup, wipeAll, type ImportResult } from '@/utils/accounts/backup';
import { accountName } from '@/utils/accounts/overview-rows';
import { DEFAULT_SETTINGS, MAX_WINDOW_DAYS, settings, type Settings } from '@/utils/accounts/settings';
import type { AccountOverview } from '@/utils/accounts/account-overview';
import { productOfIdentity } from '@/utils/accounts/changes';
import { formatDay } from '@/utils/shared/dates';
import { download } from '@/utils/shared/download';
import { t, type MessageName } from '@/utils/shared/i18n';

const IMPORT_PROBLEMS: Record<Exclude<ImportResult, { ok: true }>['problem'], MessageName> = {
  'not-json': 'importNotJson',
  'not-a-backup': 'importNotBackup',
  'newer-version': 'importNewer',
  damaged: 'importDamaged',
  lost: 'importLost',
};

function DaysField({ label, value, onChange, name }: { label: string; value: number; onChange: (days: number) => void; name: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input type="number" min={0} max={MAX_WINDOW_DAYS} value={value} data-clh-setting={name}
        onChange={(event) => {
          const days = Number(event.currentTarget.value);
          if (Number.isInteger(days) && days >= 0 && days <= MAX_WINDOW_DAYS) onChange(days);
          else event.currentTarget.value = String(value);
        }} />
    </label>
  );
}

export function Options() {
  const [current, setCurrent] = useState<Settings>(DEFAULT_SETTINGS);
  const [accounts, setAccounts] = useState<AccountOverview[]>([]);
  const [message, setMessage] = useState<{ text: string; bad?: boolean }>();
  const [confirmWipe, setConfirmWipe] = useState(false);
  const reload = () => {
    void settings.get().then(setCurrent);
    void accountOverviews().then(setAccounts, () => setAccounts([]));
  };
  useEffect(() => {
    reload();
    return settings.watch(setCurrent);
  }, []);
  const change = (update: (now: Settings) => Settings) => void settings.update(update).then(setCurrent);
  const nameOf = (account: string) => {
    const known = accounts.find((overview) => overview.account === account);
    return known ? accountName(known) : account;
  };

  const restore = async (file: File | undefined) => {
    if (!file) return;
    const result = await importBackup(await file.text()).catch((error: unknown) => ({ ok: false as const, problem: 'lost' as const, detail: String(error) }));
    setMessage(result.ok
      ? { text: t('optionsImported', result.accounts, result.snapshots, result.licenses, result.devices) }
      : { text: t(IMPORT_PROBLEMS[result.problem], String(result.detail ?? '')), bad: true });
    reload();
  };

  return (
    <div class="options">
      <h1>{t('optionsTitle')}</h1>
      {message && <p class={message.bad ? 'notice' : 'ok'} role="status" data-clh-options-message>{message.text}</p>}

      <section>
        <h2>{t('optionsAlerts')}</h2>
        <DaysField name="alert" label={t('optionsAlertDays')} value={current.windows.alert}
          onChange={(alert) => change((now) => ({ ...now, windows: { alert, urgent: Math.min(alert, now.windows.urgent) } }))} />
        <DaysField name="urgent" label={t('optionsUrgentDays')} value={current.windows.urgent}
          onChange={(urgent) => change((now) => ({ ...now, windows: { alert: Math.max(urgent, now.windows.alert), urgent } }))} />
        <label class="check">
          <input type="checkbox" checked={current.notifications} data-clh-setting="notifications"
            onChange={(event) => {
              const on = event.currentTarget.checked;
              change((now) => ({ ...now, notifications: on }));
            }} />
          {t('optionsNotifications')}
        </label>
      </section>

      <section>
        <h2>{t('optionsMuted')}</h2>
        {current.mutedAccounts.length === 0 && current.mutedLicenses.length === 0 && <p class="muted">{t('optionsMutedNone')}</p>}
        <ul class="muted-list">
          {current.mutedAccounts.map((account) => (
            <li key={account} data-clh-muted-account={account}>
              {nameOf(account)}{' '}
              <button type="button" onClick={() => change((now) => ({ ...now, mutedAccounts: now.mutedAccounts.filter((each) => each !== account) }))}>{t('unmute')}</button>
            </li>
          ))}
          {current.mutedLicenses.map((muted, index) => (
            <li key={`${muted.account} ${muted.license} ${muted.end}`} data-clh-muted-license>
              {t('mutedLicenseLine', nameOf(muted.account), productOfIdentity(muted.license), formatDay(muted.end))}{' '}
              <button type="button" onClick={() => change((now) => ({ ...now, mutedLicenses: now.mutedLicenses.filter((_, at) => at !== index) }))}>{t('unmute')}</button>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>{t('optionsCodes')}</h2>
        <label class="check">
          <input type="checkbox" checked={current.keepCodes} data-clh-setting="keepCodes"
            onChange={(event) => {
              const keep = event.currentTarget.checked;
              change((now) => ({ ...now, keepCodes: keep }));
              // Codes kept so far go as soon as the user no longer wants them kept.
              if (!keep) void forgetCodes();
            }} />
          {t('optionsCodesKeep')}
        </label>
        <p class="muted">{t('optionsCodesHelp')}</p>
      </section>

      <section>
        <h2>{t('optionsData')}</h2>
        <div class="actions">
          <button type="button" data-clh-backup onClick={() => void makeBackup().then((backup) =>
            download(`license-helper-backup-${backup.exportedAt.slice(0, 10)}.json`, JSON.stringify(backup), 'application/json'))}>
            {t('optionsExport')}
          </button>
          <label class="button">
            {t('optionsImport')}
            <input type="file" accept=".json,application/json" data-clh-restore onChange={(event) => {
              const input = event.currentTarget;
              void restore(input.files?.[0]).finally(() => {
                input.value = '';
              });
            }} />
          </label>
          {!confirmWipe && <button type="button" class="danger" data-clh-wipe onClick={() => setConfirmWipe(true)}>{t('optionsWipe')}</button>}
        </div>
        {confirmWipe && (
          <div class="confirm" role="alertdialog" aria-label={t('optionsWipe')}>
            <p>{t('optionsWipeConfirm')}</p>
            <button type="button" class="danger" data-clh-wipe-confirm onClick={() => void wipeAll().then(() => {
              setConfirmWipe(false);
              setMessage({ text: t('optionsWiped') });
              reload();
            })}>{t('optionsWipe')}</button>{' '}
            <button type="button" data-clh-wipe-cancel onClick={() => setConfirmWipe(false)}>{t('cancel')}</button>
          </div>
        )}
      </section>

      <section>
        <h2>{t('optionsKept')}</h2>
        <ul class="kept">
          <li>{t('keptLists', HISTORY)}</li>
          <li>{t('keptOverview')}</li>
          <li>{t('keptJobs')}</li>
          <li>{t('keptSettings')}</li>
          <li>{t('keptNowhere')}</li>
        </ul>
      </section>

      <p class="muted" data-clh-version>{t('optionsVersion', browser.runtime.getManifest().version)}</p>
    </div>
  );
}
