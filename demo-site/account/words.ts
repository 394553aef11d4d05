/**
 * Every word the account prints, in Russian (lk.cleverence.ru) and English
 * (lk.cleverence.com). The Russian ones the extension relies on come from the
 * help article (cleverence.ru/support/357081); the English ones are our guess at
 * the .com account. Dates stay dd.MM.yyyy in both. Plain strings only: the
 * client layout's script gets this object as JSON.
 */
import type { DatabaseKind, LicenseKind, LicenseStatus } from '../seed.ts';

export type Language = 'ru' | 'en';

export interface Words {
  language: Language;
  logo: string;
  accountTitle: string;
  logout: string;
  tabs: { licenses: string; devices: string; profile: string; orders: string };
  kind: Record<LicenseKind, string>;
  status: Record<LicenseStatus, string>;
  databaseKind: Record<DatabaseKind, string>;
  /** «До 17.04.2019»: the subscription end's prefix. */
  until: string;
  renew: string;
  showCode: string;
  rowMenu: string;
  unlink: string;
  select: string;
  licenseColumns: { license: string; status: string; date: string; subscription: string };
  deviceColumns: { device: string; id: string; database: string; databaseKind: string; lastConnection: string };
  statusFilter: string;
  allStatuses: string;
  applyFilter: string;
  pageSize: string;
  allRows: string;
  pages: string;
  /** `{from}`, `{to}`, `{total}` are filled in. */
  shown: string;
  nothingFound: string;
  loading: string;
  uploadLicenses: string;
  /** The upload page's heading, as in the help article. */
  uploadTitle: string;
  uploadIntro: string;
  addCode: string;
  uploadFiles: string;
  codeLabel: string;
  /** The file input's label when it takes several files, and when it takes one. */
  filesLabel: string;
  fileLabel: string;
  add: string;
  upload: string;
  /** What «Загрузить лицензии» answers; `{code}`, `{product}`, `{file}`, `{answer}`, `{files}`, `{added}` are filled in. */
  uploadAnswers: UploadAnswerWords;
  /** The bare pages a failing server answers with (the demo's fault switches). */
  serverError: string;
  tooManyRequests: string;
  backToLicenses: string;
  activationCode: string;
  renewOrdered: string;
  renewOrderedText: string;
  profileTitle: string;
  ordersTitle: string;
  noOrders: string;
  company: string;
  email: string;
  login: { title: string; login: string; password: string; submit: string; wrong: string; demoHint: string };
  notFound: string;
  footer: string;
  accountSections: string;
}

export interface UploadAnswerWords {
  added: string;
  present: string;
  unknown: string;
  malformed: string;
  notALicense: string;
  unreadable: string;
  /** One line per uploaded file: its name, then the answer about it. */
  fileLine: string;
  filesSummary: string;
  noFiles: string;
}

const ru: Words = {
  language: 'ru',
  logo: 'Клеверенс',
  accountTitle: 'Личный кабинет',
  logout: 'Выйти',
  tabs: { licenses: 'Лицензии', devices: 'Устройства', profile: 'Профиль', orders: 'Заказы' },
  kind: { cloud: 'Облачная', main: 'Основная' },
  status: { free: 'Свободная', activated: 'Активирована', expired: 'Истекла' },
  databaseKind: { cloud: 'Облачная база', local: 'Локальная база' },
  until: 'До',
  renew: 'Продлить',
  showCode: 'Показать код активации',
  rowMenu: 'Действия с лицензией',
  unlink: 'Отвязать от устройства',
  select: 'Выбрать',
  licenseColumns: { license: 'Лицензия', status: 'Статус', date: 'Дата', subscription: 'Подписка' },
  deviceColumns: {
    device: 'Устройство',
    id: 'Идентификатор',
    database: 'База',
    databaseKind: 'Тип базы',
    lastConnection: 'Последнее подключение',
  },
  statusFilter: 'Статус',
  allStatuses: 'Все',
  applyFilter: 'Показать',
  pageSize: 'Показывать по:',
  allRows: 'Все',
  pages: 'Страницы',
  shown: 'Показаны {from}–{to} из {total}',
  nothingFound: 'Ничего не найдено',
  loading: 'Загрузка…',
  uploadLicenses: 'Загрузить лицензии',
  uploadTitle: 'Загрузка лицензий',
  uploadIntro:
    'Если у вас есть неиспользованные лицензионные карточки, вы можете загрузить их здесь для дальнейшего использования через личный кабинет',
  addCode: 'Добавить код активации',
  uploadFiles: 'Загрузить файлы защиты',
  codeLabel: 'Код активации',
  filesLabel: 'Файлы защиты (.xml)',
  fileLabel: 'Файл защиты (.xml)',
  add: 'Добавить',
  upload: 'Загрузить',
  uploadAnswers: {
    added: 'Лицензия «{product}» с кодом активации {code} добавлена в личный кабинет.',
    present: 'Лицензия с кодом активации {code} уже есть в личном кабинете.',
    unknown: 'Код активации {code} не найден. Проверьте, правильно ли он введён.',
    malformed: 'Неверный формат кода активации: «{code}». Код активации выглядит так: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.',
    notALicense: 'Это не файл лицензии.',
    unreadable: 'Не удалось прочитать файл.',
    fileLine: 'Файл «{file}»: {answer}',
    filesSummary: 'Обработано файлов: {files}, добавлено лицензий: {added}.',
    noFiles: 'Выберите файлы защиты (.xml).',
  },
  serverError: 'Внутренняя ошибка сервера',
  tooManyRequests: 'Слишком много запросов. Повторите попытку позже.',
  backToLicenses: 'Вернуться к лицензиям',
  activationCode: 'Код активации',
  renewOrdered: 'Продление заказано',
  renewOrderedText: 'Заказ на продление подписки на обновления принят. Менеджер свяжется с вами.',
  profileTitle: 'Профиль',
  ordersTitle: 'Заказы',
  noOrders: 'Заказов пока нет.',
  company: 'Организация',
  email: 'Эл. почта',
  login: {
    title: 'Вход в личный кабинет',
    login: 'Логин',
    password: 'Пароль',
    submit: 'Войти',
    wrong: 'Неверный логин или пароль',
    demoHint: 'Демо: логины article, typical, partner, hostile, broken; пароль любой.',
  },
  notFound: 'Страница не найдена',
  footer: 'Техподдержка «Клеверенс»: +7 (495) 662-98-03, доб. 2, по будням с 9:00 до 18:00 по Москве',
  accountSections: 'Разделы личного кабинета',
};

const en: Words = {
  language: 'en',
  logo: 'Cleverence',
  accountTitle: 'Personal account',
  logout: 'Log out',
  tabs: { licenses: 'Licenses', devices: 'Devices', profile: 'Profile', orders: 'Orders' },
  kind: { cloud: 'Cloud', main: 'Main' },
  status: { free: 'Free', activated: 'Activated', expired: 'Expired' },
  databaseKind: { cloud: 'Cloud database', local: 'Local database' },
  until: 'Until',
  renew: 'Renew',
  showCode: 'Show activation code',
  rowMenu: 'License actions',
  unlink: 'Unlink from device',
  select: 'Select',
  licenseColumns: { license: 'License', status: 'Status', date: 'Date', subscription: 'Subscription' },
  deviceColumns: {
    device: 'Device',
    id: 'Device ID',
    database: 'Database',
    databaseKind: 'Database type',
    lastConnection: 'Last connection',
  },
  statusFilter: 'Status',
  allStatuses: 'All',
  applyFilter: 'Show',
  pageSize: 'Show by:',
  allRows: 'All',
  pages: 'Pages',
  shown: 'Showing {from}–{to} of {total}',
  nothingFound: 'Nothing found',
  loading: 'Loading…',
  uploadLicenses: 'Upload licenses',
  uploadTitle: 'Uploading licenses',
  uploadIntro: 'If you have unused license cards, you can upload them here to use them through your personal account',
  addCode: 'Add activation code',
  uploadFiles: 'Upload protection files',
  codeLabel: 'Activation code',
  filesLabel: 'Protection files (.xml)',
  fileLabel: 'Protection file (.xml)',
  add: 'Add',
  upload: 'Upload',
  uploadAnswers: {
    added: 'The license "{product}" with activation code {code} has been added to your account.',
    present: 'A license with activation code {code} is already in your account.',
    unknown: 'Activation code {code} was not found. Check that it is typed correctly.',
    malformed: 'Invalid activation code format: "{code}". An activation code looks like XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.',
    notALicense: 'This is not a license file.',
    unreadable: 'The file could not be read.',
    fileLine: 'File "{file}": {answer}',
    filesSummary: 'Files processed: {files}, licenses added: {added}.',
    noFiles: 'Choose protection files (.xml).',
  },
  serverError: 'Internal Server Error',
  tooManyRequests: 'Too many requests. Please try again later.',
  backToLicenses: 'Back to licenses',
  activationCode: 'Activation code',
  renewOrdered: 'Renewal ordered',
  renewOrderedText: 'Your order to renew the update subscription has been received. A manager will contact you.',
  profileTitle: 'Profile',
  ordersTitle: 'Orders',
  noOrders: 'No orders yet.',
  company: 'Company',
  email: 'E-mail',
  login: {
    title: 'Log in to your personal account',
    login: 'Login',
    password: 'Password',
    submit: 'Log in',
    wrong: 'Wrong login or password',
    demoHint: 'Demo: logins article, typical, partner, hostile, broken; any password.',
  },
  notFound: 'Page not found',
  footer: 'Cleverence technical support: +7 (495) 662-98-03, ext. 2, weekdays 9:00 to 18:00 Moscow time',
  accountSections: 'Account sections',
};

export const WORDS: Record<Language, Words> = { ru, en };

/** Fills `{name}` placeholders, e.g. in `shown`. */
export function fillIn(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}
