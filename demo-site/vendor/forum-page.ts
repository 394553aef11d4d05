/**
 * A topic of the vendor's forum, as a customer with a license problem writes
 * one: it talks of licenses and activation codes, its user is logged in (to
 * the forum, shown in its header), and its reply form is a single text field
 * whose label asks for the code. Everything an account page has, but the
 * account's tabs: the extension must neither read it as the account nor offer
 * to upload through its form.
 */
import { html, type Html } from '../html.ts';
import { vendorPage } from './page.ts';

export const FORUM_TOPIC_PATH = '/forum/topic/4217';

export function forumTopicPage(): Html {
  return vendorPage(
    'Форум: не добавляется лицензия',
    html`<p class="forum-user">Вы вошли как <b>ivan.petrov@example.ru</b> · <a href="/forum/logout">Выйти</a></p>
<h1>Не добавляется лицензия по коду активации</h1>
<article class="forum-post">
  <p>Загружаю лицензии в личный кабинет, «Загрузить лицензии» пишет, что код не найден. Облачная лицензия, терминал Urovo DT50.</p>
</article>
<form class="forum-reply" method="post" action="${FORUM_TOPIC_PATH}/reply">
  <label for="reply">Ответ (если вопрос о лицензии, вставьте код активации)</label>
  <textarea id="reply" name="message" rows="4"></textarea>
  <button type="submit">Отправить</button>
</form>`,
  );
}
