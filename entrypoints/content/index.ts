export default defineContentScript({
  matches: ['https://*.cleverence.ru/*', 'https://*.cleverence.com/*'],
  main() {},
});
