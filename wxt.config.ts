import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { VENDOR_MATCHES } from './utils/site/vendor-hosts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The content script runs on every page of the vendor's sites and uses three APIs (runtime.sendMessage,
    // storage, i18n), all promise-based in Chrome's MV3 already: there the polyfill would only add 10 kB to
    // what every page loads; so does the summary panel's script, which runs beside it. The other entrypoints
    // keep it (promise-returning onMessage listeners).
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.some((entrypoint) => entrypoint.type === 'content-script' || entrypoint.name === 'summary-panel')) return;
      const own = { find: 'wxt/browser', replacement: '@wxt-dev/browser' };
      const alias = config.resolve?.alias;
      config.resolve = {
        ...config.resolve,
        alias: Array.isArray(alias)
          ? [own, ...alias.filter((entry: { find: unknown }) => entry.find !== own.find)]
          : { ...alias, [own.find]: own.replacement },
      };
    },
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'ru',
    // Only the vendor's own sites: the account lives there, and nothing else is read.
    host_permissions: VENDOR_MATCHES,
    // `storage`: whether the summary panel is folded, and which ended uploads were put away with
    // «Новая загрузка» (saved lists and upload jobs live in IndexedDB and need no permission). `scripting`: the upload driver is put into the
    // account tab only while a bulk upload runs, instead of into every page of the site.
    // `offscreen`: the list parser (utils/reading/list-parser.ts) reads the other tab's list beside
    // the account's page rather than on its main thread.
    // `alarms`: the toolbar badge counts what ends soon again every hour, so a new day counts without a visit.
    // `notifications`: the desktop notice before a subscription ends; sent only once the user turns it on (options).
    permissions: ['storage', 'scripting', 'offscreen', 'alarms', 'notifications'],
    // The toolbar button's icon, from public/icon/ (`npm run icons`); WXT lists all four sizes in `icons` itself.
    // The offscreen document needs Chrome 109, the panel's popover 114; Edge and Yandex Browser follow Chromium's numbers.
    minimum_chrome_version: '114',
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
  },
});
