import { fillSupportRequest } from '@/utils/support/support-filler';

/**
 * Put into a tab the extension opened on the vendor's support section for a
 * request (support/support-service.ts), into each page it loads until the
 * request is filled in: finds the form, fills it, never sends it.
 */
export default defineUnlistedScript(() => {
  void fillSupportRequest();
});
