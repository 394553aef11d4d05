/** Why a job waits, in words: the popup, the in-page indicator and the toolbar badge's tooltip say it alike. */
import type { MessageName } from '../shared/i18n';
import type { PauseReason } from './upload-job';

export const PAUSE_MESSAGES: Record<PauseReason, MessageName> = {
  'user': 'jobPausedUser',
  'session-expired': 'jobPausedSession',
  'other-account': 'jobPausedOtherAccount',
  'tab-closed': 'jobPausedTab',
  'no-form': 'jobPausedNoForm',
  'storage': 'jobPausedStorage',
};
