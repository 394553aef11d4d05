/**
 * «Загрузить лицензии», reached from the Лицензии tab. The help article shows
 * its text and two links with `href="#"` that open a way in place: an
 * activation code, or protection files (.xml).
 *
 * A POST is answered with this same page (HTTP 200), not with a redirect and
 * a flash message: the answer belongs to that one submission, there is no
 * second request in which it could be lost, and the demo's fault switches act
 * on exactly one request. The answer sits above the forms in
 * `<div class="upload-answer" role="status">`, one `.upload-message` per code
 * or file, and the way just used stays open below it.
 *
 * Whether the file input takes several files at once is not known (DOMAIN.md):
 * the server decides (several by default), `?multiple=0` or `?multiple=1` on
 * the page overrides it, and the files form then keeps that query so its
 * answer comes in the same variant. The handler takes any number of `file`
 * parts either way.
 */
import { html, type Html } from '../html.ts';
import type { SeededAccount } from '../seed.ts';
import { accountPage } from './page.ts';
import { type UploadAnswer, answerText, type UploadVerdict } from './uploads.ts';
import { fillIn, type Words } from './words.ts';

export const UPLOAD_PAGE_PATH = '/licenses/upload';
export const UPLOAD_CODE_PATH = '/licenses/upload/code';
export const UPLOAD_FILES_PATH = '/licenses/upload/files';

export type UploadWayShown = 'code' | 'files';

export type UploadPageAnswer = { way: 'code'; answer: UploadAnswer } | { way: 'files'; answers: UploadAnswer[] };

export interface UploadView {
  /** The file input takes several files at once. */
  multiple: boolean;
  /** `?multiple=…` as the page was asked for it, kept on the files form; absent when the server's default applies. */
  multipleQuery?: string;
  /** The way shown open: the one just used, or the one a GET of its path asked for. */
  open?: UploadWayShown;
  /** The code field's value: what was typed, kept after an answer that asks to correct it. */
  typedCode?: string;
  answer?: UploadPageAnswer;
}

/** `?multiple=0` and `?multiple=1` choose; anything else leaves the server's default. */
export function multipleFromQuery(value: string | undefined): boolean | undefined {
  return value === '0' ? false : value === '1' ? true : undefined;
}

const MESSAGE_CLASS: Record<UploadVerdict, string> = {
  added: 'upload-message upload-message-success',
  present: 'upload-message upload-message-warning',
  unknown: 'upload-message upload-message-error',
  malformed: 'upload-message upload-message-error',
  'not-a-license': 'upload-message upload-message-error',
  unreadable: 'upload-message upload-message-error',
};

function answerBlock(shown: UploadPageAnswer, words: Words): Html {
  if (shown.way === 'code') {
    return html`<div class="upload-answer" role="status">
  <p class="${MESSAGE_CLASS[shown.answer.verdict]}">${answerText(shown.answer, words)}</p>
</div>`;
  }
  if (shown.answers.length === 0) {
    return html`<div class="upload-answer" role="status">
  <p class="upload-message upload-message-error">${words.uploadAnswers.noFiles}</p>
</div>`;
  }
  const added = shown.answers.filter((answer) => answer.verdict === 'added').length;
  return html`<div class="upload-answer" role="status">
  <p class="upload-summary">${fillIn(words.uploadAnswers.filesSummary, { files: shown.answers.length, added })}</p>
  <ul class="upload-file-results">
${shown.answers.map((answer) => html`    <li class="${MESSAGE_CLASS[answer.verdict]}">${answerText(answer, words)}</li>
`)}  </ul>
</div>`;
}

/** A form is hidden until its way is chosen (account.js), unless it is the way shown open. */
const hiddenUnless = (open: boolean) => (open ? '' : html` hidden`);

export function uploadPage(account: SeededAccount, words: Words, view: UploadView): Html {
  const filesAction = view.multipleQuery === undefined ? UPLOAD_FILES_PATH : `${UPLOAD_FILES_PATH}?multiple=${view.multipleQuery}`;
  return accountPage({
    words,
    account,
    tab: 'licenses',
    onTabPage: false,
    title: words.uploadTitle,
    main: html`<h1>${words.uploadTitle}</h1>
<p class="upload-intro">${words.uploadIntro}</p>
<p class="upload-ways">
  <a class="button" href="#" data-action="upload-way" data-shows="upload-code">${words.addCode}</a>
  <a class="button" href="#" data-action="upload-way" data-shows="upload-files">${words.uploadFiles}</a>
</p>
${view.answer ? answerBlock(view.answer, words) : ''}
<form id="upload-code" class="upload-form" method="post" action="${UPLOAD_CODE_PATH}"${hiddenUnless(view.open === 'code')}>
  <label>${words.codeLabel} <input name="code" autocomplete="off" placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" required${view.typedCode === undefined ? '' : html` value="${view.typedCode}"`}></label>
  <button type="submit">${words.add}</button>
</form>
<form id="upload-files" class="upload-form" method="post" action="${filesAction}" enctype="multipart/form-data"${hiddenUnless(view.open === 'files')}>
  <label>${view.multiple ? words.filesLabel : words.fileLabel} <input type="file" name="file" accept=".xml"${view.multiple ? html` multiple` : ''}></label>
  <button type="submit">${words.upload}</button>
</form>`,
  });
}
