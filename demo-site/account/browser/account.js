// The account's own page script, inlined into the <head> of every account page
// (a browser script, not a module). It drives the row controls in every layout,
// found by their data-action attribute: the «...» menu, «Показать код
// активации», the upload page's two ways in, and the status filter's
// auto-submit. Listening on the document, it needs no DOMContentLoaded.
(() => {
  'use strict';

  const wordsElement = document.getElementById('account-words');
  const words = wordsElement ? JSON.parse(wordsElement.textContent || '{}') : {};

  /** The one open row menu, if any: { button, menu }. */
  let open = null;

  function closeMenu() {
    if (!open) return;
    open.button.setAttribute('aria-expanded', 'false');
    open.menu.remove();
    open = null;
  }

  // The menu's one item posts to the server, which unlinks and sends the browser back here.
  function openMenu(button) {
    closeMenu();
    const form = document.createElement('form');
    form.method = 'post';
    form.action = `/licenses/${encodeURIComponent(button.dataset.license)}/unlink`;
    const back = document.createElement('input');
    back.type = 'hidden';
    back.name = 'back';
    back.value = location.pathname + location.search;
    const unlink = document.createElement('button');
    unlink.type = 'submit';
    unlink.setAttribute('role', 'menuitem');
    unlink.textContent = words.unlink;
    form.append(back, unlink);

    const menu = document.createElement('div');
    menu.className = 'row-menu';
    menu.setAttribute('role', 'menu');
    menu.append(form);
    const box = button.getBoundingClientRect();
    menu.style.top = `${box.bottom + window.scrollY + 4}px`;
    menu.style.left = `${box.right + window.scrollX}px`;
    document.body.append(menu);
    button.setAttribute('aria-expanded', 'true');
    open = { button, menu };
    unlink.focus();
  }

  // The code is fetched only when asked for, and then shown where the link was.
  async function showCode(link) {
    const response = await fetch(`/api/licenses/${encodeURIComponent(link.dataset.license)}/code`, {
      credentials: 'same-origin',
    });
    if (!response.ok) {
      location.assign(link.href);
      return;
    }
    const { code } = await response.json();
    const shown = document.createElement('code');
    shown.className = 'activation-code';
    shown.textContent = code;
    link.replaceWith(shown);
  }

  function showUploadWay(formId) {
    for (const form of document.querySelectorAll('.upload-form')) form.hidden = form.id !== formId;
    document.getElementById(formId)?.querySelector('input')?.focus();
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const control = target?.closest('[data-action]');
    if (open && !open.menu.contains(target) && control !== open.button) closeMenu();
    if (!control) return;
    switch (control.dataset.action) {
      case 'license-menu':
        event.preventDefault();
        if (open?.button === control) closeMenu();
        else openMenu(control);
        break;
      case 'show-code':
        event.preventDefault();
        void showCode(control);
        break;
      case 'upload-way':
        event.preventDefault();
        showUploadWay(control.dataset.shows);
        break;
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeMenu();
  });

  document.addEventListener('change', (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute('data-autosubmit')) select.form?.requestSubmit();
  });
})();
