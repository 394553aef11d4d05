/**
 * In the tab the extension opened for a support request: finds the vendor's
 * support form (on this page, or one link on), fills it in and says so in a
 * box of its own, in a closed shadow root. It never sends the form: the
 * person reads it and presses the form's own button. Where no form is found,
 * the box offers the request to copy, as an e-mail or as a file, with
 * support's phone and hours.
 */
import { download } from '../shared/download';
import { t } from '../shared/i18n';
import { sendMessage, type SupportPayload } from '../shared/messaging';
import { fillSupportForm, supportForm, supportRequestLink, type SupportForm } from '../site/support-form';
import { mailtoOf, requestText } from './support-request';

/** How long a form drawn by the page's script is waited for. */
const FORM_WAIT_MS = 4_000;

const STYLE = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; }
.box { font: 13px/1.4 system-ui, sans-serif; color: #1d2733; background: #fff; border: 1px solid #c9d2dc;
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.15); padding: 10px 12px; width: 320px; }
.title { font-weight: 600; display: flex; justify-content: space-between; gap: 8px; }
p { margin: 6px 0 0; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
button, a { font: inherit; cursor: pointer; border: 1px solid #c9d1d9; background: #f6f8fa; border-radius: 6px; padding: 3px 8px; color: inherit; text-decoration: none; }
button.close { border: 0; background: none; color: #5b6b7b; padding: 0 4px; }
.hours { color: #57606a; }
button:focus-visible, a:focus-visible { outline: 2px solid #1a73e8; }
`;

function notice(request: SupportPayload, state: 'filled' | 'no-form', attached: boolean): void {
  document.querySelector('clh-support')?.remove();
  const host = document.createElement('clh-support');
  host.setAttribute('data-clh-support-notice', state);
  // Closed: the page's scripts cannot read the request from here.
  const root = host.attachShadow({ mode: 'closed' });
  const add = <Tag extends keyof HTMLElementTagNameMap>(tag: Tag, parent: Node, text = '', className = ''): HTMLElementTagNameMap[Tag] => {
    const made = document.createElement(tag);
    if (text) made.textContent = text;
    if (className) made.className = className;
    parent.appendChild(made);
    return made;
  };
  add('style', root, STYLE);
  const box = add('div', root, '', 'box');
  box.setAttribute('role', 'status');
  const title = add('div', box, '', 'title');
  add('span', title, t(state === 'filled' ? 'supportFilledTitle' : 'supportNoFormTitle'));
  const close = add('button', title, '×', 'close');
  close.setAttribute('aria-label', t('indicatorClose'));
  close.addEventListener('click', () => host.remove());
  add('p', box, t(state === 'filled' ? 'supportFilledCheck' : 'supportNoFormText'));
  if (request.attach && !attached) add('p', box, t('supportAttachHint'));
  const actions = add('div', box, '', 'actions');
  const copy = add('button', actions, t('supportCopy'));
  copy.setAttribute('data-clh-support-copy', '');
  copy.addEventListener('click', () => void navigator.clipboard.writeText(requestText(request)).then(() => {
    copy.textContent = t('copied');
  }));
  const mail = add('a', actions, t('supportMail'));
  mail.setAttribute('href', mailtoOf(request));
  mail.setAttribute('data-clh-support-mail', '');
  const save = add('button', actions, t('supportSave'));
  save.setAttribute('data-clh-support-save', '');
  save.addEventListener('click', () => download(request.csvName.replace(/\.csv$/, '.txt'), requestText(request), 'text/plain;charset=utf-8'));
  if (request.attach && !attached) {
    const csv = add('button', actions, t('supportSaveCsv'));
    csv.addEventListener('click', () => download(request.csvName, request.csv));
  }
  add('p', box, t('supportHours'), 'hours');
  document.documentElement.append(host);
}

/** What this page offers, once it shows it (a page's script may draw it a little later): the form, or a link to it. */
async function formOrLink(mayFollow: boolean): Promise<{ form?: SupportForm; link?: URL }> {
  const started = Date.now();
  for (;;) {
    const form = supportForm(document);
    if (form) return { form };
    const link = mayFollow ? supportRequestLink(document, new URL(location.href)) : undefined;
    if (link || Date.now() - started > FORM_WAIT_MS) return { link };
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function fillSupportRequest(): Promise<void> {
  // Put in once per page: the background may try again on a page that loads twice.
  const scope = globalThis as { clhSupportFiller?: boolean };
  if (scope.clhSupportFiller) return;
  scope.clhSupportFiller = true;
  const pending = await sendMessage('supportPending', {}).catch(() => undefined);
  if (!pending) return;
  const { request, mayFollow } = pending;
  const { form: found, link } = await formOrLink(mayFollow);
  if (found) {
    const attachment = request.attach && found.files ? new File([request.csv], request.csvName, { type: 'text/csv' }) : undefined;
    const filled = fillSupportForm(found, { subject: request.subject, message: request.body, ...(request.email && { email: request.email }), ...(attachment && { attachment }) });
    found.subject.scrollIntoView({ block: 'center' });
    notice(request, 'filled', filled.includes('attachment'));
    await sendMessage('supportDone', { filled: true }).catch(() => undefined);
    return;
  }
  if (link) {
    // The form is one page on; the background puts this script into that page too.
    location.assign(link.href);
    return;
  }
  notice(request, 'no-form', false);
  await sendMessage('supportDone', { filled: false }).catch(() => undefined);
}
