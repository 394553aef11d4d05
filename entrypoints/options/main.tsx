import { render } from 'preact';
import { Options } from '@/components/Options';
import '@/components/pages.css';

document.documentElement.lang = browser.i18n.getUILanguage().startsWith('ru') ? 'ru' : 'en';
document.title = browser.i18n.getMessage('optionsTitle');
render(<Options />, document.getElementById('app')!);
