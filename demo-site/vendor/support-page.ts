/**
 * The vendor's support portal, as the demo draws it: a page for a new request
 * with the fields a helpdesk form has (a category, a subject, the message, a
 * contact e-mail and phone, files), and the page a sent request lands on. Its
 * address, names and markup are the demo's guess (the real form is not
 * public): the extension finds it by its labels. Nothing is sent until a
 * person clicks «Отправить обращение»; the tests count the POSTs that reached
 * SUPPORT_SEND_PATH (stats.requests).
 */
import { html, type Html } from '../html.ts';
import { vendorPage } from './page.ts';

export const SUPPORT_REQUEST_PATH = '/support/request/';
export const SUPPORT_SEND_PATH = '/support/request/send';

const HOURS = html`<p class="support-hours">Техподдержка бесплатна: по будням с 9:00 до 18:00 по Москве, +7 (495) 662-98-03, доб. 2.</p>`;

export function supportRequestPage(): Html {
  return vendorPage(
    'Новое обращение',
    html`<h1>Новое обращение в техподдержку</h1>
<p>Опишите, что случилось: какой кабинет, какое устройство, что вы ожидали увидеть. Ответ придёт на указанную почту.</p>
<form class="support-form" method="post" action="${SUPPORT_SEND_PATH}" enctype="multipart/form-data">
  <p><label for="f-kind">Категория</label><br>
    <select id="f-kind" name="f1" required>
      <option value="">— выберите —</option>
      <option value="10">Установка и обновление</option>
      <option value="20">Лицензии и личный кабинет</option>
      <option value="30">Облачная база</option>
      <option value="40">Другое</option>
    </select></p>
  <p><label for="f-title">Тема обращения</label><br><input id="f-title" name="f2" type="text" size="80" required></p>
  <p><label for="f-text">Опишите вопрос</label><br><textarea id="f-text" name="f3" rows="14" cols="80" required></textarea></p>
  <p><label for="f-mail">Ваш e-mail</label><br><input id="f-mail" name="f4" type="email" required></p>
  <p><label for="f-phone">Телефон для связи</label><br><input id="f-phone" name="f5" type="tel"></p>
  <p><label for="f-files">Файлы (скриншоты, списки)</label><br><input id="f-files" name="f6" type="file" multiple></p>
  <p><button type="submit">Отправить обращение</button></p>
</form>
${HOURS}`,
  );
}

export function supportSentPage(subject: string): Html {
  return vendorPage('Обращение принято', html`<h1>Обращение принято</h1><p>«${subject}»: ответ придёт на указанную почту.</p>${HOURS}`);
}

/** The portal when it wants its own log-in first: a page with no request form on it. */
export function supportLogInPage(): Html {
  return vendorPage(
    'Вход в систему обращений',
    html`<h1>Войдите, чтобы создать обращение</h1>
<form class="support-login" method="post" action="/support/login">
  <p><label for="l-mail">E-mail</label><br><input id="l-mail" name="mail" type="email"></p>
  <p><label for="l-pass">Пароль</label><br><input id="l-pass" name="password" type="password"></p>
  <p><button type="submit">Войти</button></p>
</form>
${HOURS}`,
  );
}
