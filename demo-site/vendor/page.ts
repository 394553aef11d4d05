/**
 * The frame of the vendor's public site (www.cleverence.ru). It must not look
 * like the account: its menu has no Лицензии / Устройства tabs, so the
 * extension has to leave these pages alone even where their text talks about
 * licenses.
 */
import { html, type Html } from '../html.ts';

export function vendorPage(title: string, main: Html): Html {
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Клеверенс</title>
<link rel="stylesheet" href="/assets/vendor.css">
</head>
<body class="vendor">
<header class="vendor-header">
  <a class="vendor-logo" href="/">Клеверенс</a>
  <nav class="vendor-menu" aria-label="Разделы сайта">
    <a href="/shop/">Магазин</a>
    <a href="/support/">Поддержка</a>
    <a href="https://lk.cleverence.ru/">Личный кабинет</a>
  </nav>
  <span class="vendor-phone">+7 (495) 662-98-03</span>
</header>
<main class="vendor-main">
${main}
</main>
<footer class="vendor-footer">© Клеверенс. Программные решения для автоматизации складского и торгового учёта.</footer>
</body>
</html>`;
}
