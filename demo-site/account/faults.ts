/**
 * Fault switches, mostly for tests of a job that uploads many licenses: the
 * account misbehaves the ways a real one can while a batch is being sent
 * (the last switch is for reading lists). They act on upload POSTs only
 * (`/licenses/upload/code`, `/licenses/upload/files`) of a logged-in user,
 * counted across the whole server (both languages, every account) from the
 * moment the switches were set; every other page is left alone, so a client
 * can always look at the Лицензии list to see what happened. For the N-th
 * upload POST, in this order:
 *
 *   - delayMs: the answer, whatever it is, waits this long;
 *   - status500Every: every N-th answers HTTP 500 with a bare error page, unprocessed;
 *   - status429Every: every N-th answers 429 with `Retry-After: 1`, unprocessed;
 *   - expireSessionAfter: once N POSTs have been processed, the next one finds
 *     its session expired: unprocessed, the session closed, and the answer is
 *     what any request without a session gets (a redirect to the log-in page).
 *     It happens once: the session made by logging in again keeps working;
 *   - dropEvery: every N-th is processed (a good code really is added) and the
 *     connection is then closed with no answer: "sent, no answer seen".
 *
 * One switch acts on the upload form's page (a GET) instead, and only once:
 *
 *   - logInElsewhereAs: the next upload form served also logs this browser in
 *     to that account, as a log-in in another tab would had it landed right
 *     after the form was sent. The form names the account it was asked for;
 *     the POST that follows it carries the other account's session.
 *
 * And two act on every request, whoever makes it (the account's page, or
 * the extension's own document that reads lists), until switched off:
 *
 *   - unreachable: a path prefix (`/devices`); every request under it has its
 *     connection closed with no answer, as when the site cannot be reached;
 *   - drawAfterMs: a generated layout (`gen-N`) whose rows are drawn by script
 *     draws them this long after the page loads (800 ms otherwise).
 */
import type { Context } from 'hono';
import { type AccountLogin, isAccountLogin } from '../seed.ts';

export interface DemoFaults {
  delayMs?: number;
  status500Every?: number;
  status429Every?: number;
  expireSessionAfter?: number;
  dropEvery?: number;
  logInElsewhereAs?: AccountLogin;
  unreachable?: string;
  drawAfterMs?: number;
}

/** What becomes of one upload POST. */
export type UploadFate = 'process' | 'process-then-drop' | 'status-500' | 'status-429' | 'session-expired';

export interface UploadFaults {
  /** New switches; the counting starts again from the next upload POST. */
  set(faults: DemoFaults): void;
  readonly faults: Readonly<DemoFaults>;
  /** Called once per upload POST as it arrives: its number on this server (from 1, never reset) and its fate. */
  next(): { post: number; fate: UploadFate };
  /** Called once per upload form page served: the account to log this browser in to as well, once. */
  logInElsewhere(): AccountLogin | undefined;
}

function checked(faults: DemoFaults): DemoFaults {
  const counts: (keyof DemoFaults)[] = ['status500Every', 'status429Every', 'dropEvery'];
  if (faults.logInElsewhereAs !== undefined && !isAccountLogin(faults.logInElsewhereAs)) {
    throw new Error(`logInElsewhereAs wants a seeded account's login, got ${faults.logInElsewhereAs}`);
  }
  if (faults.unreachable !== undefined && (typeof faults.unreachable !== 'string' || !faults.unreachable.startsWith('/'))) {
    throw new Error(`unreachable wants a path prefix starting with "/", got ${faults.unreachable}`);
  }
  for (const [name, value] of Object.entries(faults) as [keyof DemoFaults, unknown][]) {
    if (value === undefined || name === 'logInElsewhereAs' || name === 'unreachable') continue;
    const least = counts.includes(name) ? 1 : 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < least) throw new Error(`${name} wants an integer of at least ${least}, got ${value}`);
  }
  return { ...faults };
}

export function newUploadFaults(initial: DemoFaults = {}): UploadFaults {
  let faults = checked(initial);
  let post = 0;
  let counted = 0;
  let processed = 0;
  let expired = false;
  let loggedInElsewhere = false;
  return {
    set(next) {
      faults = checked(next);
      counted = 0;
      processed = 0;
      expired = false;
      loggedInElsewhere = false;
    },
    get faults() {
      return faults;
    },
    next() {
      post += 1;
      counted += 1;
      const nth = (every: number | undefined) => every !== undefined && counted % every === 0;
      let fate: UploadFate;
      if (nth(faults.status500Every)) fate = 'status-500';
      else if (nth(faults.status429Every)) fate = 'status-429';
      else if (faults.expireSessionAfter !== undefined && !expired && processed >= faults.expireSessionAfter) {
        expired = true;
        fate = 'session-expired';
      } else {
        processed += 1;
        fate = nth(faults.dropEvery) ? 'process-then-drop' : 'process';
      }
      return { post, fate };
    },
    logInElsewhere() {
      if (loggedInElsewhere || faults.logInElsewhereAs === undefined) return undefined;
      loggedInElsewhere = true;
      return faults.logInElsewhereAs;
    },
  };
}

/** Thrown once a connection has been dropped, so that nothing answers in its place. */
export class ConnectionDropped extends Error {
  constructor() {
    super('The demo dropped the connection on purpose (a fault switch)');
    this.name = 'ConnectionDropped';
  }
}

/** What the raw Node request offers here: @hono/node-server passes it as `c.env.incoming`. */
interface NodeIncoming {
  socket: { end(data: string): void };
}

/**
 * Closes the connection with no answer, and throws ConnectionDropped so that
 * no answer is written after it (and so that a caller of `app.fetch` without a
 * server sees its request fail, as fetch would).
 *
 * Not a bare close: Chromium resends a request, a POST too, when a reused
 * keep-alive connection closes before any byte of the answer
 * (HttpNetworkTransaction::ShouldResendRequest), which would submit the item a
 * second time behind the page's back. A status line cut short over HTTPS is
 * ERR_RESPONSE_HEADERS_TRUNCATED instead, which it never retries; and the
 * close is a clean one (TLS close_notify, FIN), as a reset would be retried too.
 */
export function dropConnection(incoming: NodeIncoming | undefined): never {
  incoming?.socket.end('HTTP/1.1 200 OK\r\n');
  throw new ConnectionDropped();
}

/** Hono's own error handling, except that a dropped connection passes through unanswered. */
export function answerErrorsButDrops(error: Error, c: Context): Response {
  if (error instanceof ConnectionDropped) throw error;
  if ('getResponse' in error && typeof error.getResponse === 'function') return error.getResponse() as Response;
  console.error(error);
  return c.text('Internal Server Error', 500);
}
