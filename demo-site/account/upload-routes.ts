/**
 * The routes of «Загрузить лицензии»: the page, its two ways in, and the two
 * POSTs that take a code or files, with the fault switches (faults.ts) in front
 * of the POSTs and every item written to the upload log.
 *
 *   GET  /licenses/upload          the page, both ways closed (the help article's view)
 *   GET  /licenses/upload/code     the page with «Добавить код активации» open
 *   GET  /licenses/upload/files    the page with «Загрузить файлы защиты» open
 *   POST /licenses/upload/code     field `code`: the page again, with the answer
 *   POST /licenses/upload/files    multipart, one or more `file` parts: the page, one answer per file
 *
 * The GETs of the POST paths exist so that a log-in asked for by an expired
 * session comes back to the form that was being used.
 */
import { getCookie, setCookie } from 'hono/cookie';
import type { Context, Hono } from 'hono';
import { html, type Html } from '../html.ts';
import type { AccountLogin } from '../seed.ts';
import { dropConnection, type UploadFate, type UploadFaults } from './faults.ts';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS, type Sessions, toLogIn } from './sessions.ts';
import type { AccountEnv } from './site.ts';
import type { AccountStore } from './store.ts';
import {
  multipleFromQuery,
  UPLOAD_CODE_PATH,
  UPLOAD_FILES_PATH,
  UPLOAD_PAGE_PATH,
  type UploadPageAnswer,
  uploadPage,
  type UploadView,
  type UploadWayShown,
} from './upload-page.ts';
import { answerCode, answerFile, baseName, codeAsNamed, type UploadAnswer, type UploadLogEntry, type UploadWay } from './uploads.ts';
import type { Words } from './words.ts';

export interface UploadRouteOptions {
  words: Words;
  store: AccountStore;
  sessions: Sessions;
  faults: UploadFaults;
  /** Where every upload item is recorded (`stats.uploads`). */
  log: UploadLogEntry[];
  /** Whether the file input takes several files when the page does not say (`?multiple=`). */
  multipleFiles: boolean;
}

/** An item as it arrived, before the account looks at it. */
type Arrived = { way: 'code'; typed: string } | { way: 'file'; fileName: string; file: File };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A failing server's own page: bare, not the account's, as a proxy or a crashed application answers. */
function barePage(words: Words, status: number, text: string): Html {
  return html`<!doctype html>
<html lang="${words.language}">
<head><meta charset="utf-8"><title>${status} ${text}</title></head>
<body><h1>${status}</h1><p>${text}</p></body>
</html>`;
}

/** The code field: one value; anything else (a file, a repeated field) counts as its first text. */
function typedCodeOf(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The `file` parts that are files; an empty one with no name is a file input left empty. */
function filesOf(value: string | File | (string | File)[] | undefined): File[] {
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return parts.filter((part): part is File => typeof part !== 'string' && (part.name !== '' || part.size > 0));
}

export function uploadRoutes(app: Hono<AccountEnv>, options: UploadRouteOptions): void {
  const { words, store, sessions, faults, log } = options;

  const viewOf = (c: Context<AccountEnv>, open?: UploadWayShown): UploadView => {
    const query = c.req.query('multiple');
    const asked = multipleFromQuery(query);
    return {
      multiple: asked ?? options.multipleFiles,
      ...(asked === undefined ? {} : { multipleQuery: query }),
      ...(open ? { open } : {}),
    };
  };

  /** The form's page, for the account asked; the fault logInElsewhereAs may log the browser in elsewhere with it. */
  const formPage = (c: Context<AccountEnv>, open?: UploadWayShown) => {
    const elsewhere = faults.logInElsewhere();
    const sessionId = elsewhere && sessions.open(elsewhere);
    if (sessionId) setCookie(c, SESSION_COOKIE, sessionId, SESSION_COOKIE_OPTIONS);
    return c.html(uploadPage(c.get('account'), words, viewOf(c, open)));
  };
  app.get(UPLOAD_PAGE_PATH, (c) => formPage(c));
  app.get(UPLOAD_CODE_PATH, (c) => formPage(c, 'code'));
  app.get(UPLOAD_FILES_PATH, (c) => formPage(c, 'files'));

  const record = (entry: Omit<UploadLogEntry, 'login'>, login: AccountLogin) => log.push({ login, ...entry });

  /** The log's view of an item that a fault kept from being looked at. */
  const unprocessed = (item: Arrived): Pick<UploadLogEntry, 'way' | 'code' | 'fileName'> =>
    item.way === 'code' ? { way: 'code', code: codeAsNamed(item.typed) } : { way: 'file', fileName: item.fileName };

  const upload = (way: UploadWay) => async (c: Context<AccountEnv>) => {
    const login = c.get('login');
    const form = await c.req.parseBody({ all: true });
    const arrived: Arrived[] =
      way === 'code'
        ? [{ way: 'code', typed: typedCodeOf(form['code']) }]
        : filesOf(form['file']).map((file) => ({ way: 'file', fileName: baseName(file.name), file }));
    // The body arrives after the log-in check: a POST sent beside the one that expired the session (the extension
    // sends two at once) must meet it closed, as it would on a server where a session ends for every request at once.
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessions.loginOf(sessionId) !== login) return toLogIn(c);
    const { post, fate, delayMs } = faults.next();
    if (fate === 'session-expired') sessions.close(sessionId);
    await sleep(delayMs);

    const faulted = FAULT_OUTCOMES[fate];
    if (fate === 'drop-unprocessed') {
      for (const item of arrived.length > 0 ? arrived.map(unprocessed) : [{ way }]) record({ post, ...item, outcome: 'dropped-unprocessed' }, login);
      dropConnection(c.env?.incoming);
    }
    if (faulted) {
      // A file POST with no file still shows in the log, so that every fault can be counted.
      const items = arrived.length > 0 ? arrived.map(unprocessed) : [{ way }];
      for (const item of items) record({ post, ...item, outcome: faulted }, login);
      if (fate === 'status-500') return c.html(barePage(words, 500, words.serverError), 500);
      if (fate === 'status-429') return c.html(barePage(words, 429, words.tooManyRequests), 429, { 'Retry-After': '1' });
      return toLogIn(c);
    }

    const answers: UploadAnswer[] = [];
    for (const item of arrived) {
      answers.push(
        item.way === 'code'
          ? answerCode(store, login, item.typed)
          : answerFile(store, login, item.fileName, new Uint8Array(await item.file.arrayBuffer())),
      );
    }
    const dropped = fate === 'process-then-drop';
    for (const answer of answers) {
      record(
        {
          post,
          way,
          ...(answer.code === undefined ? {} : { code: answer.code }),
          ...(answer.fileName === undefined ? {} : { fileName: answer.fileName }),
          outcome: dropped && answer.verdict === 'added' ? 'dropped-after-adding' : answer.verdict,
          ...(dropped ? { dropped: true as const } : {}),
        },
        login,
      );
    }
    if (dropped) dropConnection(c.env?.incoming);

    const shown: UploadPageAnswer = way === 'code' ? { way: 'code', answer: answers[0]! } : { way: 'files', answers };
    const typed = arrived[0]?.way === 'code' ? arrived[0].typed : undefined;
    const verdict = answers[0]?.verdict;
    // A code to correct stays in the field; one added or already here is done with.
    const keepTyped = typed !== undefined && (verdict === 'malformed' || verdict === 'unknown');
    return c.html(
      uploadPage(c.get('account'), words, {
        ...viewOf(c, way === 'code' ? 'code' : 'files'),
        answer: shown,
        ...(keepTyped ? { typedCode: typed } : {}),
      }),
    );
  };

  app.post(UPLOAD_CODE_PATH, upload('code'));
  app.post(UPLOAD_FILES_PATH, upload('file'));
}

const FAULT_OUTCOMES: Record<UploadFate, UploadLogEntry['outcome'] | undefined> = {
  process: undefined,
  'process-then-drop': undefined,
  'drop-unprocessed': undefined,
  'status-500': 'fault-500',
  'status-429': 'fault-429',
  'session-expired': 'session-expired',
};
