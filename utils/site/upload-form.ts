/**
 * «Загрузить лицензии»: where the upload page is, its two forms (found by
 * their words and roles, not by the demo's markup), the site's answer to
 * each item (or, naming none, the page's own message), and the activation
 * code a «Показать код активации» page shows.
 */
import { isActivationCode } from '../upload/activation-code';
import type { SiteAnswer } from '../upload/upload-job';
import { accountLogin, isLoginForm, linkSaying, showsAccountNavigation } from './page';
import { normalise } from './texts';
import {
  ANSWER_ADDED, ANSWER_HEDGED, ANSWER_ITEM_LABEL, ANSWER_PENDING, ANSWER_PRESENT, ANSWER_REFUSED, CODE_FIELD_WORDS, FILE_FIELD_WORDS,
  PAGE_MESSAGE_NAME, SHOW_CODE_WORDS, UPLOAD_LINK,
} from './words';

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
export function fieldWords(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): string {
  const doc = input.ownerDocument;
  const labelledBy = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => doc.getElementById(id)?.textContent ?? '').join(' ');
  // A select's label also holds its options' words: they are not its name.
  const labels = [...(input.labels ?? [])].map((label) => [...label.childNodes]
    .filter((node) => !(node.nodeType === 1 && (node as Element).matches('select, textarea'))).map((node) => node.textContent ?? '').join(' ')).join(' ');
  const placeholder = 'placeholder' in input ? input.placeholder : '';
  return normalise(`${labels} ${labelledBy} ${input.getAttribute('aria-label') ?? ''} ${placeholder} ${input.title} ${input.name.replace(/[_-]/g, ' ')} ${input.id.replace(/[_-]/g, ' ')}`);
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

/** Where `wanted` stands in `text` (lower case) as a whole name, not inside a longer one, from `from` on; -1 when it does not. */
function nameAt(lower: string, wanted: string, from = 0): number {
  for (let at = lower.indexOf(wanted, from); at >= 0; at = lower.indexOf(wanted, at + 1)) {
    const before = at > 0 ? lower[at - 1]! : '';
    const after = lower.slice(at + wanted.length, at + wanted.length + 2);
    // A full stop right after the name ends the sentence, unless more of a name follows it.
    const continues = after !== '' && NAME_CHARACTER.test(after[0]!) && !(after[0] === '.' && !NAME_CHARACTER.test(after[1] ?? ' '));
    if (!(before && NAME_CHARACTER.test(before)) && !continues) return at;
  }
  return -1;
}

/** The text with every whole mention of the item taken out, for its words to be judged; undefined when it names the item nowhere. */
function withoutName(text: string, wanted: string): string | undefined {
  const lower = text.toLowerCase();
  let at = nameAt(lower, wanted);
  if (at < 0) return undefined;
  let rest = '';
  let from = 0;
  for (; at >= 0; at = nameAt(lower, wanted, from)) {
    rest += `${text.slice(from, at)} `;
    from = at + wanted.length;
  }
  return rest + text.slice(from);
}

/** Where an answer is never read: a form (its field and hint may repeat the item), code, templates. */
const NOT_AN_ANSWER = new Set(['form', 'script', 'style', 'template']);

/**
 * An element's text with a space between its text nodes (a table row's cells
 * are not run together), without what a form, a script or a template inside
 * it says: the block around an answer and the form must not take the form's words.
 */
function spacedText(element: Node): string {
  const walker = element.ownerDocument!.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === 1 && NOT_AN_ANSWER.has((node as Element).localName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
  return normalise(parts.join(' '));
}

/** What the site's answer page says of one item: added, refused (or already there), waiting for a review, or unclear. */
export type UploadAnswerRead = Extract<SiteAnswer, { kind: 'added' | 'rejected' | 'pending' | 'unclear' }>;
type Verdict = { kind: 'added' | 'pending' | 'unclear' } | { kind: 'rejected'; present?: true };

/** What words say of the item (its name already taken out), in the order words.ts gives; «already there» is asked first only to mark such a refusal present. */
function verdictOf(text: string): Verdict {
  // A code says nothing: its groups are not words (`MAY6U`, `TRYEF` and `CAN67` are no "may", "try" or "can").
  const said = text.replace(CODE_TOKEN, (token) => (isActivationCode(token) ? ' ' : token));
  if (ANSWER_PRESENT.test(said)) return { kind: 'rejected', present: true };
  if (ANSWER_REFUSED.test(said)) return { kind: 'rejected' };
  if (ANSWER_PENDING.test(said)) return { kind: 'pending' };
  // Nor does a name in quotes hedge a success (a product «… с проверкой марок»); a refusal there still counts, above.
  if (ANSWER_ADDED.test(said) && !ANSWER_HEDGED.test(said.replace(QUOTED, ' '))) return { kind: 'added' };
  return { kind: 'unclear' };
}

/** A name in quotes, as the site writes a product's or a file's: «…», “…”, "…". */
const QUOTED = /«[^«»]*»|“[^“”]*”|"[^"]*"/g;

/** A letter or a sign (✓, ✗) besides the words that only label the item: an element that has none says nothing about it. */
const SAYS_SOMETHING = /[\p{L}\p{So}]/u;
const saysSomething = (said: string) => SAYS_SOMETHING.test(said.replace(ANSWER_ITEM_LABEL, ' '));

/** A file's name ends in its extension; a code has none. */
const FILE_EXTENSION = /\.([\p{L}\p{N}]{1,8})$/u;
/** A code's stand-in in a hint, `XXXXX-XXXXX-…`: each group one character over and over. */
const CODE_PLACEHOLDER = /^([A-Za-z0-9])\1*(?:-([A-Za-z0-9])\2*)*$/;

/**
 * Whether a text names an item of the same kind other than ours (another
 * file of its extension, or another code): then it is a block holding the
 * answers about several (a results list), and none of its words are ours.
 * A file's own answer may name its code, and a code's the file it came in.
 */
function otherItemTest(wanted: string): (said: string) => boolean {
  const extension = FILE_EXTENSION.exec(wanted)?.[1];
  if (extension) {
    const otherFile = new RegExp(`[\\p{L}\\p{N}_-]\\.${extension}(?![\\p{L}\\p{N}_])`, 'iu');
    return (said) => otherFile.test(said);
  }
  return (said) => [...said.matchAll(CODE_TOKEN)].some(([token]) => isActivationCode(token) && !CODE_PLACEHOLDER.test(token));
}

/**
 * The site's answer about one item on the page it sent back, read from the
 * shortest text that names the item (its code, or its file's name, as a
 * whole name) and says something of it — a sentence, a list item, or a
 * results table's row (the cell holding only the name says nothing). Forms
 * are not read (a field may repeat the code), nor a block naming other items
 * too (their answers are not ours). Only plain words of success are taken for
 * added (words.ts): a license read as added is never sent again. Unclear when
 * the item is named in words we cannot judge; a success further out does not
 * overrule them (it may be about something else). Undefined when the page
 * names the item nowhere: its fate is then unknown, and it is looked up in the list.
 */
export function readUploadAnswer(doc: Document, item: string): UploadAnswerRead | undefined {
  const wanted = normalise(item).toLowerCase();
  if (!wanted || !doc.body) return undefined;
  const namesAnother = otherItemTest(wanted);
  const found: { text: string; said: string }[] = [];
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (NOT_AN_ANSWER.has((node as Element).localName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // A quick skip of the page's large blocks; the text read leaves out a form inside, so it may be much shorter than this.
    if ((node.textContent ?? '').length > ANSWER_TEXT_MAX * 10) continue;
    const text = spacedText(node);
    if (text.length > ANSWER_TEXT_MAX) continue;
    const said = withoutName(text, wanted);
    if (said !== undefined && saysSomething(said) && !namesAnother(said)) found.push({ text, said });
  }
  // Shortest first; an element and its only child say the same.
  found.sort((a, b) => a.text.length - b.text.length);
  let unclear: string | undefined;
  for (const { text, said } of found) {
    const verdict = verdictOf(said);
    if (verdict.kind === 'unclear') unclear ??= text;
    else if (verdict.kind !== 'added' || unclear === undefined) return { ...verdict, message: text };
  }
  return unclear === undefined ? undefined : { kind: 'unclear', message: unclear };
}

/** Where a page's own message may stand, strongest first: an alert, a status or live region, then a class or id that says so. */
const MESSAGE_ROLES = ['[role="alert"], [role="alertdialog"]', '[role="status"], [aria-live]:not([aria-live="off"])'];
/** Never a message: controls, navigation, a cookie banner. */
const NOT_A_MESSAGE = 'a, button, input, textarea, select, option, label, nav, [role="navigation"], [role="menu"], [role="menubar"], [role="tablist"], html, body';
const BANNER = /cookie|consent|gdpr/i;
/** Text never read into a message: code, a field's value, a control's caption, an icon. */
const UNREAD = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'select', 'option', 'input', 'button', 'svg']);
/** The usual ways a page hides an element without a stylesheet we can see: attributes, inline style, utility classes. */
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|invisible|is-hidden|hide|visually-hidden|sr-only)(?:\s|$)/i;

function hidesItself(element: Element): boolean {
  return element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true'
    || HIDDEN_STYLE.test(element.getAttribute('style') ?? '') || HIDDEN_CLASS.test(element.getAttribute('class') ?? '');
}

function isHidden(element: Element): boolean {
  for (let at: Element | null = element; at; at = at.parentElement) if (hidesItself(at)) return true;
  return false;
}

/** The text a page shows in an element: no scripts, field values, button captions or hidden parts. */
function shownText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === 1 && (UNREAD.has((node as Element).localName) || hidesItself(node as Element))
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
  return normalise(parts.join(' '));
}

/** A message cut to the length of one answer, at a word where it can be. */
function cut(text: string): string {
  if (text.length <= ANSWER_TEXT_MAX) return text;
  const space = text.lastIndexOf(' ', ANSWER_TEXT_MAX - 1);
  return `${text.slice(0, space > ANSWER_TEXT_MAX - 60 ? space : ANSWER_TEXT_MAX - 1)}…`;
}

/**
 * The page's own status or alert message, for an answer that names no item
 * («Внутренняя ошибка сервера», a validation message beside the field):
 * kept as the site's words rather than "no message". Alerts first, then
 * status and live regions, then elements whose class or id says alert,
 * message, error, flash…; within each, the first on the page that shows
 * some text. Undefined when the page has none.
 */
export function answerPageMessage(doc: Document): string | undefined {
  if (!doc.body) return undefined;
  const byName = [...doc.body.querySelectorAll('[class], [id]')]
    .filter((element) => PAGE_MESSAGE_NAME.test(`${element.getAttribute('class') ?? ''} ${element.id}`));
  for (const candidates of [...MESSAGE_ROLES.map((roles) => [...doc.body.querySelectorAll(roles)]), byName]) {
    for (const element of candidates) {
      if (element.matches(NOT_A_MESSAGE) || element.closest('nav, [role="navigation"], [role="menu"], [role="menubar"], script, style, template, noscript')) continue;
      if (BANNER.test(`${element.getAttribute('class') ?? ''} ${element.id}`) || isHidden(element)) continue;
      const text = shownText(element);
      if (/\p{L}/u.test(text)) return cut(text);
    }
  }
  return undefined;
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
