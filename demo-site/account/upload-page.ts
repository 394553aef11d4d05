/**
 * «Загрузить лицензии», reached from the Лицензии tab. The help article shows
 * its text and two links with `href="#"` that open a way in place: an
 * activation code, or protection files (.xml). Receiving them is not part of
 * the demo yet: the forms post to handlers that answer 501.
 */
import { html, type Html } from '../html.ts';
import type { SeededAccount } from '../seed.ts';
import { accountPage } from './page.ts';
import type { Words } from './words.ts';

export const UPLOAD_CODE_PATH = '/licenses/upload/code';
export const UPLOAD_FILES_PATH = '/licenses/upload/files';

export function uploadPage(account: SeededAccount, words: Words): Html {
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
<form id="upload-code" class="upload-form" method="post" action="${UPLOAD_CODE_PATH}" hidden>
  <label>${words.codeLabel} <input name="code" autocomplete="off" placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" required></label>
  <button type="submit">${words.add}</button>
</form>
<form id="upload-files" class="upload-form" method="post" action="${UPLOAD_FILES_PATH}" enctype="multipart/form-data" hidden>
  <label>${words.filesLabel} <input type="file" name="file" accept=".xml"></label>
  <button type="submit">${words.upload}</button>
</form>`,
  });
}

/** What both upload handlers answer, honestly, until uploading is built. */
export function uploadUnsupportedPage(account: SeededAccount, words: Words): Html {
  return accountPage({
    words,
    account,
    tab: 'licenses',
    onTabPage: false,
    title: words.uploadUnsupported,
    main: html`<h1>${words.uploadUnsupported}</h1>
<p><a href="/licenses/upload">${words.uploadTitle}</a></p>`,
  });
}
