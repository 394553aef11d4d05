/** «Вход в личный кабинет»: login, password, «Войти». */
import { html, type Html } from '../html.ts';
import { accountPage } from './page.ts';
import type { Words } from './words.ts';

export interface LoginForm {
  /** Where to go once logged in (the page that asked for the log-in). */
  next: string;
  login?: string;
  wrong?: boolean;
}

export function loginPage(words: Words, form: LoginForm): Html {
  const text = words.login;
  return accountPage({
    words,
    title: text.title,
    main: html`<form class="login-form" method="post" action="/login">
  <h1>${text.title}</h1>
  ${form.wrong ? html`<p class="form-error" role="alert">${text.wrong}</p>` : ''}
  <input type="hidden" name="next" value="${form.next}">
  <label>${text.login} <input name="login" autocomplete="username" required value="${form.login ?? ''}"></label>
  <label>${text.password} <input name="password" type="password" autocomplete="current-password"></label>
  <button type="submit">${text.submit}</button>
  <p class="form-hint">${text.demoHint}</p>
</form>`,
  });
}
