/** A small shop page: license products with prices. Public, not the account. */
import { html, type Html } from '../html.ts';
import { vendorPage } from './page.ts';

interface Offer {
  product: string;
  /** Roubles. */
  price: number;
}

const MAIN_OFFERS: readonly Offer[] = [
  { product: 'Mobile SMARTS: Магазин 15, ПОЛНЫЙ', price: 21_900 },
  { product: 'Mobile SMARTS: Склад 15, БАЗОВЫЙ', price: 9_900 },
  { product: 'Mobile SMARTS: Склад 15, РАСШИРЕННЫЙ с ЕГАИС', price: 26_900 },
  { product: 'Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ + ИСМП (маркировка)', price: 32_900 },
  { product: 'Лицензия ПРОФ на 1 (один) терминал сбора данных', price: 4_500 },
];

const CLOUD_OFFERS: readonly Offer[] = [
  { product: 'ОБЛАКО Mobile SMARTS: Магазин 15, БАЗОВЫЙ, 1 месяц', price: 590 },
  { product: 'ОБЛАКО Mobile SMARTS: Магазин 15, РАСШИРЕННЫЙ, 3 месяца', price: 2_490 },
  { product: 'ОБЛАКО Mobile SMARTS: Склад 15, ПОЛНЫЙ, 1 год', price: 11_900 },
];

/** «21 900 ₽»: thousands apart and the sign kept on the line with non-breaking spaces. */
function roubles(price: number): string {
  return `${price.toLocaleString('ru-RU').replace(/\s/g, '\u00a0')}\u00a0₽`;
}

function offers(title: string, list: readonly Offer[]): Html {
  return html`<section class="shop-section">
<h2>${title}</h2>
<ul class="shop-offers">
${list.map(
  (offer) => html`  <li class="shop-offer"><span class="shop-product">${offer.product}</span> <span class="shop-price">${roubles(offer.price)}</span> <button type="button">В корзину</button></li>
`,
)}</ul>
</section>`;
}

export function shopPage(): Html {
  return vendorPage(
    'Магазин',
    html`<h1>Магазин</h1>
<p>Лицензии бессрочные; подписка на обновления действует год с активации и продлевается отдельно.</p>
${offers('Основные лицензии', MAIN_OFFERS)}
${offers('Облачные лицензии', CLOUD_OFFERS)}
${offers('Продление', [{ product: 'Продление подписки на обновления на 1 год (одна лицензия)', price: 3_900 }])}`,
  );
}
