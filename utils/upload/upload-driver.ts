/**
 * The upload driver: runs in the account tab while a bulk upload runs, and
 * sends one item at a time through the account's own «Загрузить лицензии»
 * form, with the user's own session, as the user would: it opens the form
 * page, checks it shows the job's account, fills the code (or sets the file
 * through a DataTransfer), submits the form's own fields (hidden ones, such
 * as a CSRF token, included) to the form's own address, and reads the site's
 * answer from the page that comes back. The form's page is fetched for every
 * item, right before it is sent: its header names the account the session is
 * in at that moment, and a log-in as someone else in this browser (even in
 * the middle of the tab's own navigation) pauses the job instead of sending
 * an item into the wrong account. Between that look and the POST the session
 * can still change two ways. The tab may be leaving its page (a log-in form
 * submitted in it): the POST is then held back. Or a log-in in another tab of
 * this browser may land in between, which nothing here can prevent: the
 * answer's own header then names the other account, and the item is reported
 * as gone there, not as added.
 */
import { onMessage, type DriverAccount } from '../shared/messaging';
import { SUBMIT_TIMEOUT_MS, type LookUpAnswer, type SiteAnswer } from './upload-job';
import { uploadIndicator } from './upload-indicator';
import { accountLogin, isLogInPage, showsAccountNavigation, tabUrl } from '../site/page';
import { activationCodeOnPage, answerPageMessage, readUploadAnswer, uploadForm, uploadPageUrl } from '../site/upload-form';
import { findLicenseWithCode } from '../reading/whole-list';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

type Page = { doc: Document; url: URL } | { problem: SiteAnswer };

/**
 * How long after this page began to leave (`beforeunload`) nothing is sent
 * from it. The POST would carry whatever session cookie the browser holds when
 * it goes, and a log-in form submitted in this tab changes that cookie before
 * this page is gone. A navigation that never happens (cancelled, a download)
 * would otherwise hold the job here for good.
 */
const LEAVING_HOLD_MS = 10_000;
let leavingAt = -Infinity;
const leaving = () => performance.now() - leavingAt < LEAVING_HOLD_MS;

/**
 * How long a page of the account (the form, the list) is waited for. Nothing
 * is sent by opening one, so giving up costs only a later try.
 */
const PAGE_TIMEOUT_MS = 30_000;

/** Where a response came from: a page of another site (a redirect away) is never read as the account's. */
const sameSite = (response: Response) => !response.url || new URL(response.url).origin === location.origin;

async function openPage(url: string): Promise<Page> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' }, signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    // Gone for good is no form; any other failure is the server's moment, and waits for a retry.
    if (response.status === 404 || response.status === 410) return { problem: { kind: 'no-form', detail: `HTTP ${response.status} ${url}` } };
    if (!response.ok) return { problem: { kind: 'busy' } };
    if (!sameSite(response)) return { problem: { kind: 'no-form', detail: `redirected to ${new URL(response.url).host}` } };
    text = await response.text();
  } catch {
    // Nothing was submitted yet (a network error, or the time-out): the item simply waits for the next try.
    return { problem: { kind: 'busy' } };
  }
  return { doc: parse(text), url: new URL(response.url || url) };
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 600) * 1000;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.min(Math.max(at - Date.now(), 0), 600_000) : undefined;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

type SubmitData = Parameters<typeof submit>[0];

/**
 * Every request this page has sent, by its id, with its answer to come: the
 * service worker that asked may stop while the request is out, and the one
 * that starts next asks here (`recall`) before it ever looks the item up or
 * sends it again. Kept while the page lives; a reload forgets them, which is
 * why an unknown request waits out its grace before its look-up.
 */
const requests = new Map<string, Promise<SiteAnswer>>();
/** A page drives one job at a time, two requests out at once: the last few hundred are plenty. */
const REQUESTS_KEPT = 500;

/** Sends an item once per request id: asked again (the worker restarted and sent the same), it answers what the first one got. */
function submitOnce(data: SubmitData & { requestId: string }): Promise<SiteAnswer> {
  const known = requests.get(data.requestId);
  if (known) return known;
  const answer = submit(data);
  requests.set(data.requestId, answer);
  if (requests.size > REQUESTS_KEPT) requests.delete(requests.keys().next().value!);
  return answer;
}

async function submit(data: { uploadUrl: string; login: string; way: 'code' | 'file'; code: string; fileName?: string; fileBase64?: string; sendBy: number }): Promise<SiteAnswer> {
  // Only into a known account: a job always names one, but the message is checked, not trusted.
  if (!data.login) return { kind: 'no-form', detail: 'no account' };
  const page = await openPage(data.uploadUrl);
  if ('problem' in page) return page.problem;
  if (isLogInPage(page.doc)) return { kind: 'logged-out' };
  // Only a page of the account (its tabs) is a page to send a license from.
  if (!showsAccountNavigation(page.doc)) return { kind: 'no-form', detail: page.url.href };
  const login = accountLogin(page.doc);
  if (login !== data.login) return { kind: 'other-account', login };
  const found = uploadForm(page.doc, data.way);
  if (!found) return { kind: 'no-form', detail: page.url.href };

  const { form, field } = found;
  if (data.way === 'code') {
    field.value = data.code;
  } else {
    const transfer = new DataTransfer();
    transfer.items.add(new File([fromBase64(data.fileBase64 ?? '')], data.fileName ?? 'license.xml', { type: 'text/xml' }));
    field.files = transfer.files;
  }
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));

  // The form's own address and method, resolved against the page it came from.
  const action = new URL(form.getAttribute('action') || page.url.href, page.url);
  if (action.origin !== location.origin) return { kind: 'no-form', detail: action.href };
  // Checked in the same task as the fetch below: nothing can begin to leave in between.
  if (leaving()) return { kind: 'leaving' };
  // The background stops waiting for this answer at `sendBy` plus the time-out: past it, nothing may go out,
  // or a request nobody waits for could land after its item was looked up and sent again.
  if (Date.now() > data.sendBy) return { kind: 'busy' };
  let response: Response;
  let text: string;
  try {
    response = await fetch(action, {
      method: (form.getAttribute('method') || 'post').toUpperCase(), body: new FormData(form), credentials: 'same-origin',
      signal: AbortSignal.timeout(SUBMIT_TIMEOUT_MS),
    });
    // 429 says the request was not handled; any other error may have come after the license was added.
    if (response.status === 429) return { kind: 'busy', retryAfterMs: retryAfterMs(response) };
    // The server answered: it is done with the request, so the list can be looked at at once.
    if (!response.ok) return { kind: 'unsure', detail: `HTTP ${response.status}`, settleMs: 0 };
    // Sent, and answered from another site: what the account did with it is not said there.
    if (!sameSite(response)) return { kind: 'unsure', detail: `redirected to ${new URL(response.url).host}`, settleMs: 0 };
    text = await response.text();
  } catch (error) {
    return { kind: 'unsure', detail: String(error) };
  }
  const answer = parse(text);
  if (isLogInPage(answer)) return { kind: 'logged-out' };
  // An answer with no account named in it is taken at its word; one that names another account is not the job's.
  const answeredFor = accountLogin(answer);
  if (answeredFor && answeredFor !== data.login) return { kind: 'sent-elsewhere', login: answeredFor };
  const read = readUploadAnswer(answer, data.way === 'code' ? data.code : data.fileName ?? '');
  if (read) return read;
  // Words about the page, not the item: kept, and the item is not sent again blindly.
  const said = answerPageMessage(answer);
  return said ? { kind: 'unclear', message: said } : { kind: 'unsure', detail: 'no message', settleMs: 0 };
}

/** Codes read from «Показать код активации» pages on this page's life: a code page is opened once. */
const codesByPage = new Map<string, string>();

async function lookUp(data: { uploadUrl: string; login: string; code: string; requestId: string; how: 'recall' | 'list' }): Promise<LookUpAnswer> {
  // The request may still be out from this page, or answered here after the worker that sent it stopped.
  // An answer that says nothing of the item's fate (`unsure`) is told once, to `recall`; a look-up goes on to the list.
  const sent = await requests.get(data.requestId);
  if (sent && (data.how === 'recall' || sent.kind !== 'unsure')) return { kind: 'answered', answer: sent };
  if (data.how === 'recall') return { kind: 'unknown-request' };
  const page = await openPage(data.uploadUrl);
  if ('problem' in page) return { kind: 'unreachable', detail: 'upload page' };
  if (isLogInPage(page.doc)) return { kind: 'logged-out' };
  const login = accountLogin(page.doc);
  if (login !== data.login) return { kind: 'other-account', login };
  return findLicenseWithCode(page.doc, page.url, data.code, async (url) => {
    const known = codesByPage.get(url);
    if (known !== undefined) return known;
    const codePage = await openPage(url);
    const code = 'problem' in codePage ? undefined : activationCodeOnPage(codePage.doc);
    if (code !== undefined) codesByPage.set(url, code);
    return code;
  });
}

/**
 * Who the tab's page shows logged in, and where «Загрузить лицензии» is:
 * on this page, or, from any other page of the account (Устройства,
 * Профиль), on the Лицензии page its tabs lead to.
 */
async function account(): Promise<DriverAccount> {
  if (isLogInPage(document)) return { kind: 'logged-out' };
  const here = new URL(location.href);
  const login = accountLogin(document);
  if (!showsAccountNavigation(document) || !login) return { kind: 'not-account' };
  let upload = uploadPageUrl(document, here);
  const licenses = tabUrl(document, 'licenses', here);
  if (!upload && licenses) {
    const page = await openPage(licenses.href);
    if (!('problem' in page) && accountLogin(page.doc) === login) upload = uploadPageUrl(page.doc, page.url);
  }
  if (upload) return { kind: 'account', origin: location.origin, login, uploadUrl: upload.href };
  return { kind: 'no-upload', origin: location.origin, login, ...(licenses ? { licensesUrl: licenses.href } : {}) };
}

/** Installs once per page: the background injects the driver again after each reload. */
export function installUploadDriver(): void {
  const flag = '__clhUploadDriver';
  const scope = globalThis as typeof globalThis & { [flag]?: true };
  if (scope[flag]) return;
  scope[flag] = true;

  const indicator = uploadIndicator();
  addEventListener('beforeunload', (event) => {
    // Only the browser's own: a page's script could dispatch one to stall the job.
    if (event.isTrusted) leavingAt = performance.now();
  });
  // Only the extension itself talks to the driver: the background, or the popup (in its window or a tab of its own).
  const fromExtension = (sender: { id?: string; tab?: unknown; url?: string }) =>
    sender.id === browser.runtime.id && (!sender.tab || !!sender.url?.startsWith(browser.runtime.getURL('/')));
  onMessage('driverAccount', ({ sender }) => (fromExtension(sender) ? account() : { kind: 'not-account' as const }));
  onMessage('driverSubmit', ({ data, sender }) => (fromExtension(sender) ? submitOnce(data) : { kind: 'no-form' as const, detail: 'sender' }));
  onMessage('driverLookUp', ({ data, sender }) => (fromExtension(sender) ? lookUp(data) : { kind: 'cannot-tell' as const }));
  onMessage('driverProgress', ({ data, sender }) => {
    if (fromExtension(sender)) indicator.show(data);
  });
}
