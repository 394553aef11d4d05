// The `client` layout's script, inlined into the page's <head> (a browser
// script, not a module); it starts once the list's shell is parsed. It stands
// for a single-page account: rows arrive from the JSON API 600 ms late and are
// built with DOM calls (textContent only: names are data); the pager changes
// rows without a page load (pushState, fetch, render), while the old rows stay
// until the new ones come, under aria-busy="true".
(() => {
  'use strict';

  const DELAY_MS = 600;
  let root, pagerRoot, list, words;
  let latestRequest = 0;

  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(className, href, text) {
    const node = element('a', className, text);
    node.href = href;
    return node;
  }

  /** Cells apart by a space, as in the server's layouts, so the row's text reads the same. */
  function row(className, cells) {
    const item = element('li', className);
    cells.forEach((cell, index) => {
      if (index > 0) item.append(' ');
      item.append(cell);
    });
    return item;
  }

  function licenseRow(license) {
    const pick = element('span', 'cl-pick');
    const box = element('input');
    box.type = 'checkbox';
    box.name = 'license';
    box.value = license.id;
    box.setAttribute('aria-label', words.select);
    pick.append(box);

    const name = element('span', 'cl-name');
    const product = element('span', 'cl-product', license.productShown);
    product.title = license.product;
    name.append(element('b', 'cl-kind', license.kindWord), ' ', product);
    if (license.showsCode) {
      const code = link('show-code', `/licenses/${encodeURIComponent(license.id)}/code`, words.showCode);
      code.dataset.action = 'show-code';
      code.dataset.license = license.id;
      name.append(' ', code);
    }

    const state = element('span', 'cl-state', license.statusWord);
    if (license.deviceId) state.append(' ', element('span', 'cl-device', license.deviceId));

    const term = element('span', 'cl-term', `${words.until} ${license.subscriptionEnd}`);
    term.append(' ', link('renew', `/licenses/${encodeURIComponent(license.id)}/renew`, words.renew));

    const more = element('span', 'cl-more');
    const button = element('button', 'row-menu-button', '...');
    button.type = 'button';
    button.dataset.action = 'license-menu';
    button.dataset.license = license.id;
    button.setAttribute('aria-haspopup', 'menu');
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-label', words.rowMenu);
    more.append(button);

    return row('cl-row', [pick, name, state, element('span', 'cl-date', license.date), term, more]);
  }

  function deviceRow(device) {
    return row('cl-row cl-device-row', [
      element('span', 'cl-device-name', device.name),
      element('span', 'cl-device-id', device.id),
      element('span', 'cl-database', device.database),
      element('span', 'cl-database-kind', device.databaseKindWord),
      element('span', 'cl-seen', device.lastConnection),
    ]);
  }

  function pager(links) {
    const nav = element('nav', 'pager');
    nav.setAttribute('aria-label', words.pages);
    const step = (search, label, rel) => {
      if (!search) return element('span', 'pager-step pager-step-off', label);
      const node = link('pager-step', search, label);
      node.rel = rel;
      return node;
    };
    nav.append(step(links.previous, '‹', 'prev'), ' ');
    for (const item of links.items) {
      if (item === 'gap') nav.append(element('span', 'pager-gap', '…'));
      else if (item.current) {
        const current = element('span', 'pager-current', String(item.page));
        current.setAttribute('aria-current', 'page');
        nav.append(current);
      } else nav.append(link('', item.search, String(item.page)));
      nav.append(' ');
    }
    nav.append(step(links.next, '›', 'next'));
    return nav;
  }

  function render(data) {
    const rows = element('ul', list === 'licenses' ? 'cl-rows' : 'cl-rows cl-device-rows');
    for (const item of data.rows) rows.append(list === 'licenses' ? licenseRow(item) : deviceRow(item));
    root.replaceChildren(rows);
    const range = data.total
      ? words.shown.replace('{from}', data.from).replace('{to}', data.to).replace('{total}', data.total)
      : words.nothingFound;
    pagerRoot.replaceChildren(element('p', 'list-range', range), pager(data.pager));
  }

  async function load() {
    const request = ++latestRequest;
    root.setAttribute('aria-busy', 'true');
    await wait(DELAY_MS);
    const shown = new URLSearchParams(location.search);
    const asked = new URLSearchParams();
    for (const name of ['page', 'status', 'size']) {
      const value = shown.get(name);
      if (value) asked.set(name, value);
    }
    const response = await fetch(`/api/${list}?${asked}`, { credentials: 'same-origin' });
    if (request !== latestRequest) return; // a newer page was asked for meanwhile
    if (response.status === 401) {
      location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    const data = await response.json();
    if (request !== latestRequest) return;
    render(data);
    root.setAttribute('aria-busy', 'false');
  }

  function start() {
    root = document.getElementById('client-list');
    pagerRoot = document.getElementById('client-pager');
    const wordsElement = document.getElementById('account-words');
    if (!root || !pagerRoot || !wordsElement) return;
    list = root.dataset.list; // 'licenses' or 'devices'
    words = JSON.parse(wordsElement.textContent || '{}');

    pagerRoot.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!target || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      history.pushState(null, '', target.href);
      void load();
    });
    window.addEventListener('popstate', () => void load());
    void load();
  }

  // Run from <head>, the shell is not parsed yet: start once it is.
  if (document.getElementById('client-list')) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
})();
