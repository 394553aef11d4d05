/**
 * The vendor's public site (www.cleverence.ru): home, support with its form
 * for a new request, the help article, the shop, and a forum topic whose reply form is one text field and
 * a button, by a user logged in to the forum: a form on the vendor's domain
 * that an upload must never be sent through (it is not the account).
 */
import { Hono } from 'hono';
import { html } from '../html.ts';
import { ARTICLE_PATH, ARTICLE_TITLE, articlePage } from './article-page.ts';
import { FORUM_TOPIC_PATH, forumTopicPage } from './forum-page.ts';
import { vendorPage } from './page.ts';
import { shopPage } from './shop-page.ts';
import { SUPPORT_REQUEST_PATH, SUPPORT_SEND_PATH, supportLogInPage, supportRequestPage, supportSentPage } from './support-page.ts';

/** How the support portal behaves: `logInRequired` shows a log-in form where the request form would be. */
export interface SupportPortal {
  logInRequired: boolean;
}

export function vendorSite(portal: SupportPortal = { logInRequired: false }): Hono {
  const app = new Hono();
  app.get('/', (c) =>
    c.html(
      vendorPage(
        'Автоматизация учёта',
        html`<h1>Mobile SMARTS: автоматизация склада и магазина</h1>
<p><a href="/shop/">Магазин лицензий</a> · <a href="/support/">Поддержка</a></p>`,
      ),
    ),
  );
  app.get('/support/', (c) =>
    c.html(
      vendorPage(
        'Поддержка',
        html`<h1>Поддержка</h1>
<p>Техподдержка бесплатна: по будням с 9:00 до 18:00 по Москве, +7 (495) 662-98-03, доб. 2.</p>
<p><a href="${SUPPORT_REQUEST_PATH}">Создать обращение</a></p>
<ul><li><a href="${ARTICLE_PATH}">${ARTICLE_TITLE}</a></li></ul>`,
      ),
    ),
  );
  app.get(SUPPORT_REQUEST_PATH, (c) => c.html(portal.logInRequired ? supportLogInPage() : supportRequestPage()));
  // Reached only by a person's click on «Отправить обращение»: the tests count these POSTs (stats.requests).
  app.post(SUPPORT_SEND_PATH, async (c) => {
    const form = await c.req.parseBody();
    return c.html(supportSentPage(typeof form['f2'] === 'string' ? form['f2'] : ''));
  });
  app.get(ARTICLE_PATH, (c) => c.html(articlePage()));
  app.get('/support/357081', (c) => c.redirect(ARTICLE_PATH, 301));
  app.get(FORUM_TOPIC_PATH, (c) => c.html(forumTopicPage()));
  // A reply is taken and shown nowhere: the tests count the POSTs that reached it (stats.requests).
  app.post(`${FORUM_TOPIC_PATH}/reply`, (c) => c.redirect(FORUM_TOPIC_PATH, 303));
  app.get('/shop/', (c) => c.html(shopPage()));
  app.get('/shop', (c) => c.redirect('/shop/', 301));
  app.notFound((c) => c.html(vendorPage('Страница не найдена', html`<h1>Страница не найдена</h1>`), 404));
  return app;
}
