/**
 * «Загрузить лицензии»: where the upload page is, its two forms (found by
 * their words and roles, not by the demo's markup), the site's answer to
 * each item, and the activation code a «Показать код активации» page shows.
 */
import { isActivationCode } from '../upload/activation-code';
import type { SiteAnswer } from '../upload/upload-job';
import { accountLogin, isLoginForm, linkSaying, showsAccountNavigation } from './page';
import { normalise } from './texts';
import { ANSWER_ADDED, ANSWER_PRESENT, ANSWER_REFUSED, CODE_FIELD_WORDS, FILE_FIELD_WORDS, SHOW_CODE_WORDS, UPLOAD_LINK } from './words';

/**
 * Where «Загрузить лицензии» leads from this page; this page itself when it
 * holds the upload forms. Only on a page of the account (its tabs) that
 * names who is logged in: another site's page with a form is no upload page.
 */
export function uploadPageUrl(doc: Document, location: URL): URL | undefined {
  if (!showsAccountNavigation(doc) || !accountLogin(doc)) return undefined;
  if (uploadForm(doc, 'code') || uploadForm(doc, 'file')) return location;
  return linkSaying(doc, UPLOAD_LINK, location);
}

export interface UploadForm {
  form: HTMLFormElement;
  field: HTMLInputElement;
}

/** The words a field is known by: its label(s), accessible name, placeholder, name and id. */
function fieldWords(input: HTMLInputElement): string {
  const doc = input.ownerDocument;
  const labelledBy = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => doc.getElementById(id)?.textContent ?? '').join(' ');
  const labels = [...(input.labels ?? [])].map((label) => label.textContent ?? '').join(' ');
  return normalise(`${labels} ${labelledBy} ${input.getAttribute('aria-label') ?? ''} ${input.placeholder} ${input.title} ${input.name.replace(/[_-]/g, ' ')} ${input.id.replace(/[_-]/g, ' ')}`);
}

/** The words a form says of itself: its own text (legend, labels, button), its accessible name, the heading just before it. */
function formWords(form: HTMLFormElement): string {
  const before = form.previousElementSibling;
  const heading = before && /^(?:h[1-6]|legend)$/.test(before.localName) ? before.textContent ?? '' : '';
  return normalise(`${heading} ${form.getAttribute('aria-label') ?? ''} ${form.textContent ?? ''}`);
}

/** A site search or a filter: never where licenses are added. */
function isSearchForm(form: HTMLFormElement): boolean {
  return form.getAttribute('role') === 'search' || form.querySelector('input[type="search"], [role="search"]') !== null
    || /search|поиск/i.test(form.getAttribute('action') ?? '');
}

const isTextField = (input: HTMLInputElement) => input.type === 'text' && !input.disabled;

/**
 * The form of one way in, by what it says. «Добавить код активации»: a form
 * with a text field that says it takes an activation code (its label,
 * accessible name or placeholder: «Код активации», `XXXXX-XXXXX-…`), or a
 * form's one text field when the form itself says so. «Загрузить файлы
 * защиты»: a form with a file field that takes license protection files
 * (`.xml`, «Файлы защиты»). Log-in and search forms are never these; the
 * article shows both ways on one page, each opened by its link (hidden until
 * then, which does not matter to a form's fields).
 */
export function uploadForm(doc: Document, way: 'code' | 'file'): UploadForm | undefined {
  for (const form of doc.forms) {
    if (isLoginForm(form) || isSearchForm(form)) continue;
    const inputs = [...form.querySelectorAll('input')];
    if (way === 'file') {
      const file = inputs.find((input) => input.type === 'file' && !input.disabled
        && (FILE_FIELD_WORDS.test(`${input.accept} ${fieldWords(input)}`) || FILE_FIELD_WORDS.test(formWords(form))));
      if (file) return { form, field: file };
      continue;
    }
    const text = inputs.filter(isTextField);
    const field = text.find((input) => CODE_FIELD_WORDS.test(fieldWords(input)))
      ?? (text.length === 1 && CODE_FIELD_WORDS.test(formWords(form)) ? text[0] : undefined);
    if (field) return { form, field };
  }
  return undefined;
}

/** Answers are short sentences; a longer text is a block holding several. */
const ANSWER_TEXT_MAX = 400;

/** Characters a code or a file name is made of: the item named must not be part of a longer one (`a.xml` in `data.xml`). */
const NAME_CHARACTER = /[\p{L}\p{N}_.-]/u;

/** Where `wanted` stands in `text` as a whole name, not inside a longer one; -1 when it does not. */
function nameAt(text: string, wanted: string): number {
  const lower = text.toLowerCase();
  for (let at = lower.indexOf(wanted); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    const before = at > 0 ? lower[at - 1]! : '';
    const after = lower.slice(at + wanted.length, at + wanted.length + 2);
    // A full stop right after the name ends the sentence, unless more of a name follows it.
    const continues = after !== '' && NAME_CHARACTER.test(after[0]!) && !(after[0] === '.' && !NAME_CHARACTER.test(after[1] ?? ' '));
    if (!(before && NAME_CHARACTER.test(before)) && !continues) return at;
  }
  return -1;
}

/** An element's text with a space between its text nodes: a table row's cells are not run together. */
function spacedText(element: Node): string {
  const walker = element.ownerDocument!.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? '');
  return normalise(parts.join(' '));
}

/** What the site's answer page says of one item: added, refused (or already there), waiting for a review, or unclear. */
export type UploadAnswerRead = Extract<SiteAnswer, { kind: 'added' | 'rejected' | 'pending' | 'unclear' }>;

/** What a text says of the item, its own name taken out first (a file may be called `error-fixed.xml`). */
function verdictOf(text: string, at: number, length: number): { kind: 'added' | 'rejected'; present?: boolean } | undefined {
  const said = `${text.slice(0, at)} ${text.slice(at + length)}`;
  if (ANSWER_REFUSED.test(said)) return { kind: 'rejected' };
  if (ANSWER_PRESENT.test(said)) return { kind: 'rejected', present: true };
  if (ANSWER_ADDED.test(said)) return { kind: 'added' };
  return undefined;
}

/**
 * The site's answer about one item on the page it sent back: the shortest
 * text that names the item (its code, or its file's name) and says what
 * became of it — a sentence, a list item, or a results table's row. Forms are
 * not read (a field may repeat the code). Undefined when the page names it
 * nowhere, or in words we do not know: the item's fate is then unknown, and it
 * is looked up in the list.
 */
export function readUploadAnswer(doc: Document, item: string): UploadAnswerRead | undefined {
  const wanted = item.trim().toLowerCase();
  if (!wanted || !doc.body) return undefined;
  let best: UploadAnswerRead | undefined;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => ((node as Element).closest('form, script, style, template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = node.textContent ?? '';
    if (raw.length > ANSWER_TEXT_MAX || (best && raw.length >= best.message.length)) continue;
    const text = spacedText(node);
    const at = nameAt(text, wanted);
    if (at < 0) continue;
    const verdict = verdictOf(text, at, wanted.length);
    if (verdict && (!best || text.length < best.message.length)) best = { ...verdict, message: text };
  }
  return best;
}

const SHOW_CODE = new RegExp(`^(?:${SHOW_CODE_WORDS.join('|')})$`, 'i');

/** A row's «Показать код активации» link, when it leads to a page (not only to a script). */
export function codeLinkOf(row: Element, location: URL): URL | undefined {
  return linkSaying(row, SHOW_CODE, location);
}

/** Letters, digits and dashes: a code stands between spaces, quotes, brackets, a colon or a full stop. */
const CODE_TOKEN = /[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g;

/** The activation code a «Показать код активации» page shows: the first code-shaped text on it. */
export function activationCodeOnPage(doc: Document): string | undefined {
  if (!doc.body) return undefined;
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const [token] of (node.nodeValue ?? '').matchAll(CODE_TOKEN)) if (isActivationCode(token)) return token;
  }
  return undefined;
}
