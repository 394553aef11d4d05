/**
 * The account's words, in its Russian UI and its English one, and the text
 * shapes its lists are read by. The Russian words come from the help article
 * «Что делать, если лицензия не отображается в списке?»
 * (cleverence.ru/support/357081), which shows a license row as
 * `☐ Основная Mobile SMARTS: ЕГАИС 3, ПОЛНЫЙ... Свободная 17.04.2019 До 17.04.2019 Продлить ...`;
 * the English ones are our reading of the same UI in English. Column headers
 * and labels are guesses at what a list may call its columns: each is
 * matched by its stem, and a header we do not know leaves its column to be
 * read by the shape of what it holds.
 */
import type { DeviceConnection, LicenseKind, LicenseStatus } from '../shared/records';

/** The tab names, exactly as the account's navigation shows them: Russian first, English second (pageLanguage reads them so). */
export const TAB_NAMES = {
  licenses: ['Лицензии', 'Licenses'],
  devices: ['Устройства', 'Devices'],
} as const;
export type AccountTab = keyof typeof TAB_NAMES;

/** A long product name as the list cuts it («Mobile SMARTS: Склад 15, РАСШИ...»); the whole name stays in the element's title. */
export const CUT_NAME = /\s*(?:\.\.\.|…)$/;

/** A row starts with its kind: «Основная …» or «Облачная ОБЛАКО …» (article). */
export const KIND_WORDS: Record<string, LicenseKind> = {
  основная: 'main',
  облачная: 'cloud',
  main: 'main',
  cloud: 'cloud',
};

/** The three statuses the article names: свободная, активирована, истекла. */
export const STATUS_WORDS: Record<string, Exclude<LicenseStatus, 'unknown'>> = {
  свободная: 'free',
  активирована: 'activated',
  истекла: 'expired',
  free: 'free',
  activated: 'activated',
  expired: 'expired',
};

/** The Устройства tab names each device's database type. */
export const CONNECTION_WORDS: Record<string, DeviceConnection> = {
  облачная: 'cloud',
  облачный: 'cloud',
  облако: 'cloud',
  локальная: 'local',
  локальный: 'local',
  cloud: 'cloud',
  local: 'local',
};
/** A connection word anywhere in a text, as a whole word. */
export const CONNECTION_IN_TEXT = /(?:^|[\s(])(облачная|облачный|облако|локальная|локальный|cloud|local)(?=[\s).,]|$)/i;
/**
 * A text that is nothing but the database type: «Облачная база», «Локальная
 * база», "Cloud database", or the bare word. A device's or database's own
 * name may hold a connection word too («Облачный склад», "Cloud POS 1").
 */
export const CONNECTION_PHRASE = /^\(?(облачная|облачный|облако|локальная|локальный|cloud|local)(?:\s+(?:база(?:\s+данных)?|бд|database|db))?\)?$/i;

/** The subscription end is written «До 17.04.2019» beside «Продлить» (article). */
export const UNTIL = /(?:^|\s)(?:До|Until)\s+(\d{2}\.\d{2}\.\d{4})/i;
/** «До» ending a text: its date may stand in the next text. */
export const ENDS_WITH_UNTIL = /(?:^|\s)(?:До|Until)$/i;

/** Any `dd.MM.yyyy`, possible or not (`31.02.2026` is read, then judged unknown). */
export const DATE_TOKEN = /(?:^|[^\d.])(\d{2}\.\d{2}\.\d{4})(?![\d.])/;

/** Cloud rows offer this link; its words are never part of the product. */
export const SHOW_CODE_WORDS = ['Показать код активации', 'Show activation code'];

/**
 * A row's own controls, whose words are never a product, a name or a
 * database: «Продлить», the «...» menu, a checkbox's «Выбрать».
 */
export const ROW_CONTROL = /^(?:Продлить|Renew|\.\.\.|…|⋮|Выбрать|Select|Показать код активации|Show activation code)$/i;

/** Page-size links offer «Все» / «All»; plain numbers are sizes too. */
export const ALL_SIZES = /^(?:Все|All)$/i;

/** A row's own actions, which nothing of ours may cover: «Продлить», its menu «…». */
export const ROW_ACTION = /^(?:Продлить|Renew|\.\.\.|…|⋮)$/i;

/** Who is logged in: the header shows the account's e-mail. */
export const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * What a list says when it has no rows at all: «Ничего не найдено» (the
 * demo's), «Лицензий пока нет», «Список пуст», and the like. Only such words
 * make an empty list: no rows read and none of these is a page we could not read.
 */
export const LIST_IS_EMPTY = /ничего не найдено|(?:лицензий|устройств)(?: пока)? нет|нет (?:ни одной |ни одного )?(?:лицензи|устройств)|список пуст|нет (?:данных|записей)|nothing (?:was )?found|no (?:licenses|devices|records|items)(?: yet| found)?\b|(?:list|table) is empty/i;

/** A list still loading says so: «Загрузка…», "Loading…". */
export const LOADING = /^(?:загрузка|загружается|идёт загрузка|loading)(?!\p{L})/iu;

/** «Показаны 1–20 из 40», "Showing 1–20 of 40": how many rows this page shows. */
export const SHOWN_RANGE = /(\d[\d\s\u00A0]*)\s*[–—-]\s*(\d[\d\s\u00A0]*)\s+(?:из|of)\s+(\d[\d\s\u00A0]*)/;

// ---------------------------------------------------------------------------
// Column headers and labels: what a column (or a label inside a row) says it holds.

/** What a license list's column may hold. `other`: a column we know is none of the record's (an order number, a comment). */
export type LicenseColumn = 'kind' | 'product' | 'status' | 'device' | 'date' | 'end' | 'other';
export type DeviceColumn = 'name' | 'id' | 'database' | 'connection' | 'seen' | 'other';

/**
 * License headers, most specific first: «Дата активации» is no «Дата», and
 * «Подписка до» is the end. A header that says «Лицензия» or "Product" holds
 * the kind and the product (the article's first column).
 */
export const LICENSE_HEADERS: ReadonlyArray<readonly [RegExp, LicenseColumn]> = [
  [/подписк|окончани|действует до|действительна до|^до$|^until$|subscription|expir|valid (?:until|through)|ends?$/i, 'end'],
  [/актива|activat|заказ|order|счёт|счет|invoice|коммент|примечан|comment|note|добавлен|created|added|куплен|purchase/i, 'other'],
  [/^дата$|^date$/i, 'date'],
  [/статус|состояни|status|state/i, 'status'],
  [/устройств|идентификатор|терминал|device|\bid\b/i, 'device'],
  [/^тип$|^вид|^type$|^kind$/i, 'kind'],
  [/лицензи|продукт|наименовани|товар|license|product|name/i, 'product'],
];

/** Device headers, most specific first: «Последнее подключение» is no connection type, «Тип базы» no database. */
export const DEVICE_HEADERS: ReadonlyArray<readonly [RegExp, DeviceColumn]> = [
  [/последн|был в сети|last (?:connection|seen|sync)|seen|активност|activity/i, 'seen'],
  [/тип базы|тип бд|подключени|database type|connection type|^connection$|^type$|^тип$/i, 'connection'],
  [/идентификатор|^id\b|\bid$|identifier|device id/i, 'id'],
  [/серийн|serial|верси|version|добавлен|added|created|создан|приложени|app|прошивк|firmware|коммент|comment|note/i, 'other'],
  [/^баз|база данных|database|^бд$/i, 'database'],
  [/устройств|назван|модел|терминал|device|name|model/i, 'name'],
];

/** A header's text is short; a longer one is a sentence, not a column's name. */
export const HEADER_TEXT_MAX = 40;

/** What a header (or label) says its column holds; undefined for words we do not know. */
export function columnOf<Column>(headers: ReadonlyArray<readonly [RegExp, Column]>, text: string): Column | undefined {
  if (text.length > HEADER_TEXT_MAX) return undefined;
  for (const [words, column] of headers) if (words.test(text)) return column;
  return undefined;
}

// ---------------------------------------------------------------------------
// «Загрузить лицензии»: the upload page's words and the site's answers.

/** The Лицензии tab's link to the upload page (article: «Загрузить лицензии»). */
export const UPLOAD_LINK = /^(?:Загрузить лицензии|Upload licenses)$/i;

/** A code field says what it takes, in its label, name, placeholder or accessible name: «Код активации», "Activation code". */
export const CODE_FIELD_WORDS = /код(?:а|ы)? активаци|activation code|лицензионн\S* ключ|license key|X{5}-X{5}/i;

/** A file field for license protection files: «Файлы защиты (.xml)», or a field that takes `.xml`. */
export const FILE_FIELD_WORDS = /файл\S* защиты|protection file|лицензи|licen|\.xml|xml/i;

/**
 * A text's words from these starts on: a stem matches at the start of a word only («отказ» in «отказано», never in «неотказной»).
 * The answers below are made with it as the module loads, marked pure: the content script, which reads no answer, leaves them out.
 */
const wordsStarting = (...stems: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})`, 'iu');

/**
 * The site's answer to one code or file, by its words, with the item's own
 * name taken out (a file may be called `added.xml` or `error-fixed.xml`).
 * Judged in this order, the first that fits deciding:
 *   1. a refusal, in any wording, or a negation of adding («не добавлена»,
 *      «не может быть добавлена», "cannot be added") → refused;
 *   2. "already in the account" (with or without a refusal) → refused, and present;
 *   3. "later", "after a review", "awaiting" → pending;
 *   4. a plain success («добавлена», "has been uploaded") with no negation,
 *      modal, condition or request anywhere beside it (ANSWER_HEDGED) → added;
 *   5. anything else → unclear: «Запрос по коду … принят», "Request received".
 * A success word is found inside refusals («не может быть добавлена»), so it
 * is only believed last, and alone: a license read as added is never sent again.
 */
export const ANSWER_REFUSED = /* @__PURE__ */ wordsStarting(
  // Russian: not found, wrong, failed, not a license, cannot, refused, forbidden, expired, blocked, invalid.
  'не найден', 'неверн', 'неправильн', 'некорректн', 'недопустим', 'недействител', 'неизвестн', 'ошиб', 'сбой', 'неудач',
  'не удалось', 'не получилось', 'не является', 'не файл', 'не лицензи', 'не существует', 'не подходит', 'не поддерживается',
  'не соответствует', 'не может', 'не могут', 'нельзя', 'невозможн', 'отклон', 'отказ', 'запрещ', 'заблокир', 'блокир', 'аннулир', 'отозван',
  'ист[её]к(?:ла|ло|ли)?(?!\\p{L})', 'срок действия ист', 'уже (?:был[аио]? )?(?:использован|активирован|привязан)',
  'не (?:был[аио]? |будет |будут )?(?:добавлен|загружен|принят|распознан|прочитан|обработан)',
  // English: the same.
  'not found', 'invalid', 'incorrect', 'wrong', 'malformed', 'unknown', 'error', 'fail', 'could not', 'couldn[’\']t', 'cannot', 'can not',
  'can[’\']t', 'unable', 'reject', 'declin', 'denied', 'deny', 'refus', 'not allowed', 'not permitted', 'forbidden', 'prohibited',
  'expired', 'blocked', 'revoked', 'not valid', 'not a licen', 'not recogni[sz]', 'not supported', 'unsupported', 'does not exist',
  'doesn[’\']t exist', 'no such', 'nothing (?:was )?(?:added|uploaded)', 'already (?:been )?(?:used|activated|redeemed)', 'already in use',
  'not (?:be |been |yet been )?(?:added|uploaded|accepted|processed)', '(?:wasn|weren|hasn|haven|isn|aren|won)[’\']t (?:be |been )?(?:added|uploaded|accepted)',
  // A count of none: «добавлено лицензий: 0», "licenses added: 0", "0 licenses added".
  '(?:добавлено|загружено|added|uploaded)[^\\d.!?]{0,25}(?<![\\d.,])0(?!\\d|[.,]\\d)', '0 (?:\\p{L}+ ){0,3}(?:добавлен|загружен|added|uploaded)',
);
/** «уже есть в личном кабинете», «уже добавлена», "is already in your account", "already exists": refused, and the preview remembers it. */
export const ANSWER_PRESENT = /* @__PURE__ */ wordsStarting(
  'уже (?:есть|имеется|существует|присутствует|добавлен|загружен|был[аио]? (?:добавлен|загружен)|в (?:вашем |личном |этом )?(?:кабинет|списк))',
  'already (?:been )?(?:added|uploaded)', 'already (?:in|on) (?:your|the|this)', 'already exists?', 'already present', 'exists already',
);
/** «будет добавлена после проверки», «на рассмотрении», «ожидает подтверждения», "pending review", "will be added after…". */
export const ANSWER_PENDING = /* @__PURE__ */ wordsStarting(
  'после (?:проверк|модераци|подтвержд|рассмотрени|оплат|обработк|одобрени)', 'на (?:проверк|рассмотрени|модераци|согласовани|одобрени)',
  'ожида', 'будет (?:добавлен|загружен|проверен|рассмотрен|обработан|доступ)', 'будут (?:добавлен|загружен)', 'появится (?:после|позже|в течение|через)',
  'в очереди', 'pending', 'await', 'waiting for', 'under review', 'in review', 'for review', 'subject to (?:review|approval)',
  'after (?:review|approval|verification|moderation|confirmation|payment)', 'once (?:approved|reviewed|verified|confirmed)',
  'will be (?:added|uploaded|reviewed|processed|available|activated)', 'queued', 'in (?:the )?queue',
);
/** Success said plainly: «добавлена», «успешно загружен», "was added", "has been uploaded". Believed only with none of the words above, nor ANSWER_HEDGED. */
export const ANSWER_ADDED = /* @__PURE__ */ wordsStarting('добавлен', 'загружен', 'добавили', 'загрузили', 'added(?!\\p{L})', 'uploaded(?!\\p{L})');
/**
 * What leaves a success in doubt: a negation, a modal, a condition, a
 * request, a review («можете», «будет», «после», «запрос», "can", "will",
 * "if", "request", "review"). With a success word beside it the answer is unclear.
 */
export const ANSWER_HEDGED = /* @__PURE__ */ new RegExp(`${/* @__PURE__ */ wordsStarting(
  '(?:не|нет|ни|not|no|never|none|nothing)(?!\\p{L})', 'мож', 'могу', 'мог(?!\\p{L})', 'будет', 'будут', 'бы(?!\\p{L})', 'если', 'после', 'позже',
  'запрос', 'заявк', 'ожида', 'провер', 'рассмотр', 'модерац', 'подтвержд', 'предварительн', 'частичн', 'попыт', 'попробуйте', 'повторите',
  '(?:can|could|may|might|will|would|should|shall|if|unless|once|after|later)(?!\\p{L})', 'pending', 'review', 'request', 'await', 'approv',
  'confirm', 'moderat', 'queue', 'try', 'attempt', 'partial',
).source}|n[’']t(?!\\p{L})`, 'iu');
/**
 * Words that only label the item they stand beside («Файл «a.xml»», «Лицензия
 * с кодом активации …», "License key …"): an element saying nothing else says
 * nothing about it, and its answer is in the text around it (a table's row).
 */
export const ANSWER_ITEM_LABEL = /(?<![\p{L}\p{N}])(?:файл\p{L}*|код\p{L}*|активаци\p{L}*|лицензи\p{L}*|ключ\p{L}*|защит\p{L}*|им[яени]+|назван\p{L}*|номер\p{L}*|с|со|по|для|files?|filename|code|activation|licen[cs]es?|key|name|the|an?|for|with|of|by)(?![\p{L}\p{N}])|№/giu;

/**
 * What marks a page's own status message, when it names no item: a class or
 * id with one of these words (`alert-danger`, `flash`, `upload-message`,
 * `field-validation-error`, a toast). Roles (alert, status) and live regions are read first.
 */
export const PAGE_MESSAGE_NAME = /alert|message|notice|notif|error|success|flash|toast|validation/i;

// ---------------------------------------------------------------------------
// The vendor's support request form (site/support-form.ts). Its fields are not
// public (shared/domain/DOMAIN.md): each is known by its label's words.

/** A link to a new support request: «Создать обращение», «Написать в техподдержку», "Submit a request". */
export const SUPPORT_REQUEST_LINK = /^(?:Создать обращение|Новое обращение|Оставить обращение|Написать в (?:тех)?поддержку|Задать вопрос (?:в )?(?:тех)?поддержк\S*|Submit a (?:support )?request|New (?:support )?(?:request|ticket)|Contact support)$/i;
/** The request's subject: «Тема», «Тема обращения», "Subject", "Summary"; each word from its start («сис-тема» is no subject). */
export const SUPPORT_SUBJECT = /(?<!\p{L})(?:тема|заголов|subject|summary|title)/iu;
/** Its text: «Сообщение», «Опишите вопрос», «Текст обращения», «Описание», "Message", "Description". */
export const SUPPORT_MESSAGE = /(?<!\p{L})(?:сообщени|опиш|описани|текст|вопрос|message|describe|description|details)/iu;
export const SUPPORT_EMAIL = /(?<!\p{L})(?:e-?mail|почт)/iu;
export const SUPPORT_PHONE = /(?<!\p{L})(?:телефон|phone)/iu;
export const SUPPORT_CATEGORY = /(?<!\p{L})(?:категори|тип обращения|тема вопроса|раздел|category|topic|type)/iu;
/** The category a request about the account's licenses belongs to. */
export const SUPPORT_LICENSES_CATEGORY = /лиценз|личн\S* кабинет|licen[cs]|account/i;
/** Words a support form's page or form says of itself: a one-field forum reply or a search box is none. */
export const SUPPORT_FORM_WORDS = /обращени|поддержк|support|ticket|request/i;
