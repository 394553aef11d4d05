import { render } from 'preact';
import { UploadPopup } from '@/components/UploadPopup';
import '@/components/popup.css';

// Opened from the toolbar it serves the active tab; opened in a tab of its own
// («Открыть в отдельной вкладке», or a test) it serves the tab named by `?tab=`.
const named = Number(new URLSearchParams(location.search).get('tab'));
document.documentElement.lang = browser.i18n.getUILanguage().startsWith('ru') ? 'ru' : 'en';
render(<UploadPopup tabId={Number.isInteger(named) && named > 0 ? named : undefined} />, document.getElementById('app')!);
