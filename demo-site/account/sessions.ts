/** Log-in sessions, in memory: a demo needs no more. Any password opens a seeded account. */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { type AccountLogin, isAccountLogin } from '../seed.ts';

export const SESSION_COOKIE = 'lk_session';
export const SESSION_COOKIE_OPTIONS = { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' } as const;

export interface Sessions {
  /** A new session id, or undefined for a login no account has. */
  open(login: string): string | undefined;
  loginOf(sessionId: string | undefined): AccountLogin | undefined;
  close(sessionId: string | undefined): void;
}

export function newSessions(): Sessions {
  const logins = new Map<string, AccountLogin>();
  return {
    open(login) {
      if (!isAccountLogin(login)) return undefined;
      // Session ids are secrets, not demo data: they need real randomness, not the seed's PRNG.
      const sessionId = randomBytes(18).toString('base64url');
      logins.set(sessionId, login);
      return sessionId;
    },
    loginOf: (sessionId) => (sessionId === undefined ? undefined : logins.get(sessionId)),
    close(sessionId) {
      if (sessionId !== undefined) logins.delete(sessionId);
    },
  };
}

/**
 * What an account page answers a request without a session (none, unknown or
 * expired): the log-in page, by a redirect that comes back here once logged in.
 */
export function toLogIn(c: Context): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
}
