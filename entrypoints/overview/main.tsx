import { render } from 'preact';
import { Overview } from '@/components/Overview';
import '@/components/pages.css';

document.documentElement.lang = browser.i18n.getUILanguage().startsWith('ru') ? 'ru' : 'en';
document.title = browser.i18n.getMessage('overviewTitle');
render(<Overview />, document.getElementById('app')!);
