/**
 * From the panel to Cleverence technical support: a request about the
 * devices left without a cloud license, filled into the vendor's form in a
 * new tab (never sent: the person reads it and sends it), or copied, opened
 * as an e-mail, or saved as a file. A device whose cloud license ran out is
 * renewed with «Продлить»; its request asks for a renewal.
 */
import { useState } from 'preact/hooks';
import type { DeviceCheck } from '@/utils/checks/checks';
import type { AnalysedPage } from '@/utils/reading/account-page';
import { download } from '@/utils/shared/download';
import { t } from '@/utils/shared/i18n';
import { sendMessage, type SupportPayload } from '@/utils/shared/messaging';
import { mailtoOf, requestText, supportPayload } from '@/utils/support/support-request';

/** The request about these devices of the account on this page. */
export const payloadOf = (page: AnalysedPage, checks: readonly DeviceCheck[]): SupportPayload => supportPayload({
  account: { login: page.report.login, ...(page.report.company && { company: page.report.company }), origin: page.report.origin },
  checks,
  licenses: page.check.counts.licenses,
  deviceCount: page.check.counts.devices,
  checkedAt: Date.now(),
  version: browser.runtime.getManifest().version,
});

/** Opens the vendor's form in a new tab with the request; says whether it could. */
function useOpen(): [state: 'opened' | 'failed' | undefined, open: (payload: SupportPayload) => void] {
  const [state, setState] = useState<'opened' | 'failed'>();
  const open = (payload: SupportPayload) => {
    void sendMessage('openSupportRequest', payload).then((opened) => setState(opened ? 'opened' : 'failed'), () => setState('failed'));
  };
  return [state, open];
}

/** One device's own request, beside its name in the panel's list. */
export function SupportOne({ entry, page }: { entry: DeviceCheck; page: AnalysedPage }) {
  const [state, open] = useOpen();
  return (
    <button type="button" class="support-one" data-clh-support={entry.device.id} title={state ? t(state === 'opened' ? 'supportOpened' : 'supportNotOpened') : undefined}
      onClick={() => open(payloadOf(page, [entry]))}>
      {t('supportFillOne')}
    </button>
  );
}

/** The request about every device of a group, and the ways around a form that cannot be had. */
export function SupportActions({ entries, page, renew }: { entries: readonly DeviceCheck[]; page: AnalysedPage; renew?: boolean }) {
  const [state, open] = useOpen();
  const [copied, setCopied] = useState(false);
  // Made when asked for: a partner's list may have thousands of such devices.
  const payload = () => payloadOf(page, entries);
  return (
    <div class="support" data-clh-support-actions>
      {renew && page.tabUrls.licenses && <a class="primary" href={page.tabUrls.licenses} data-clh-renew>{t('supportRenewOne')}</a>}
      <button type="button" class={renew ? undefined : 'primary'} data-clh-support="all" onClick={() => open(payload())}>
        {entries.length > 1 ? t('supportFillAll', entries.length) : t('supportFill')}
      </button>
      <button type="button" data-clh-support="copy" onClick={() => {
        const request = payload();
        void navigator.clipboard.writeText(requestText(request)).then(() => setCopied(true));
      }}>{copied ? t('copied') : t('supportCopy')}</button>
      <a data-clh-support="mail" href="mailto:" onClick={(event) => {
        // Written when clicked: the devices are the ones seen now.
        event.currentTarget.href = mailtoOf(payload());
      }}>{t('supportMail')}</a>
      <button type="button" data-clh-support="save" onClick={() => {
        const request = payload();
        download(request.csvName.replace(/\.csv$/, '.txt'), requestText(request), 'text/plain;charset=utf-8');
      }}>{t('supportSave')}</button>
      {state && <p class={state === 'failed' ? 'source warn' : 'muted'} role="status">{t(state === 'opened' ? 'supportOpened' : 'supportNotOpened')}</p>}
      <p class="hours">{t('supportHours')}</p>
    </div>
  );
}
