import { installUploadDriver } from '@/utils/upload/upload-driver';

/**
 * Put into the account tab by the background (browser.scripting) only while a
 * bulk upload runs, and again after each reload of that tab: it drives the
 * account's upload form and shows the in-page progress.
 */
export default defineUnlistedScript(() => {
  installUploadDriver();
});
