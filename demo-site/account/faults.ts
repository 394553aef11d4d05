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
 *     connection is then closed with no answer: "sent, no answer seen";
 *   - dropBeforeEvery: every N-th has its connection closed with no answer
 *     before it is processed: the same to the client, nothing added;
 *   - chaosSeed: instead of the counts above, each POST's fate is drawn from
 *     a random source seeded with this number (so a run can be repeated):
 *     about 5% HTTP 500, 5% 429, 5% processed then dropped, 4% dropped
 *     unprocessed, 2% answered only after four times `delayMs` more (a very
 *     slow moment); the rest processed. With `delayMs`, each answer waits a
 *     random time up to it instead of exactly it.
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
import { mulberry32, type Random } from '../random.ts';
import { type AccountLogin, isAccountLogin } from '../seed.ts';

/** A chaotic POST's very slow answer takes this many times `delayMs` (3 s makes 12: past a busy day's 10). */
const SLOW_ANSWER_TIMES = 4;

export interface DemoFaults {
  delayMs?: number;
  status500Every?: number;
  status429Every?: number;
  expireSessionAfter?: number;
  dropEvery?: number;
  dropBeforeEvery?: number;
  chaosSeed?: number;
  logInElsewhereAs?: AccountLogin;
  unreachable?: string;
  drawAfterMs?: number;
}

/** What becomes of one upload POST. */
export type UploadFate = 'process' | 'process-then-drop' | 'drop-unprocessed' | 'status-500' | 'status-429' | 'session-expired';

export interface UploadFaults {
  /** New switches; the counting starts again from the next upload POST. */
  set(faults: DemoFaults): void;
  readonly faults: Readonly<DemoFaults>;
  /**
   * Called once per upload POST as it arrives: its number on this server (from 1, never reset), its fate, and how
   * long its answer waits.
   */
  next(): { post: number; fate: UploadFate; delayMs: number };
  /** Called once per upload form page served: the account to log this browser in to as well, once. */
  logInElsewhere(): AccountLogin | undefined;
}

function checked(faults: DemoFaults): DemoFaults {
  const counts: (keyof DemoFaults)[] = ['status500Every', 'status429Every', 'dropEvery', 'dropBeforeEvery'];
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
  let chaos = faults.chaosSeed === undefined ? undefined : mulberry32(faults.chaosSeed);

  /** A chaotic POST's fate: the session's expiry is still counted, as it is a matter of time, not luck. */
  const chaoticFate = (random: Random): UploadFate | 'slow' => {
    const roll = random.next();
    if (roll < 0.05) return 'status-500';
    if (roll < 0.10) return 'status-429';
    if (roll < 0.15) return 'process-then-drop';
    if (roll < 0.19) return 'drop-unprocessed';
    if (roll < 0.21) return 'slow';
    return 'process';
  };

  return {
    set(next) {
      faults = checked(next);
      counted = 0;
      processed = 0;
      expired = false;
      loggedInElsewhere = false;
      chaos = faults.chaosSeed === undefined ? undefined : mulberry32(faults.chaosSeed);
    },
    get faults() {
      return faults;
    },
    next() {
      post += 1;
      counted += 1;
      const nth = (every: number | undefined) => every !== undefined && counted % every === 0;
      const drawn = chaos ? chaoticFate(chaos) : undefined;
      const delayMs = chaos ? Math.round(chaos.next() * (faults.delayMs ?? 0)) + (drawn === 'slow' ? SLOW_ANSWER_TIMES * (faults.delayMs ?? 0) : 0) : faults.delayMs ?? 0;
      let fate: UploadFate;
      if (drawn === 'status-500' || (!chaos && nth(faults.status500Every))) fate = 'status-500';
      else if (drawn === 'status-429' || (!chaos && nth(faults.status429Every))) fate = 'status-429';
      else if (faults.expireSessionAfter !== undefined && !expired && processed >= faults.expireSessionAfter) {
        expired = true;
        fate = 'session-expired';
      } else if (drawn === 'drop-unprocessed' || (!chaos && nth(faults.dropBeforeEvery))) {
        fate = 'drop-unprocessed';
      } else {
        processed += 1;
        fate = drawn === 'process-then-drop' || (!chaos && nth(faults.dropEvery)) ? 'process-then-drop' : 'process';
      }
      return { post, fate, delayMs };
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
