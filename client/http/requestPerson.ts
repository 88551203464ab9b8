import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { CSRF_HEADER, SESSION_COOKIE, type WebSession, type WebSessions } from '../auth/webSessions';
import { ProblemError } from '../problem';

export interface Identification {
  authenticator: Authenticator;
  /** Browser sessions (absent: bearer tokens only). */
  sessions?: WebSessions;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The browser session of a request, or null when it carries none (or one that no longer holds). */
export const sessionOf = async (c: Context, sessions: WebSessions | undefined): Promise<WebSession | null> => {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined || sessions === undefined) return null;
  try {
    return await sessions.verify(cookie);
  } catch {
    return null;
  }
};

/**
 * The person behind a request: its bearer token (CLI, integrations) or else its
 * browser session cookie. A write through a session must carry the session's CSRF
 * token in X-CSRF-Token, which only the application's own pages can read.
 */
export const personOf = async (c: Context, { authenticator, sessions }: Identification): Promise<Principal> => {
  const authorization = c.req.header('authorization');
  const cookie = getCookie(c, SESSION_COOKIE);
  if (authorization !== undefined || cookie === undefined || sessions === undefined) return authenticator.authenticate(authorization);
  const session = await sessions.verify(cookie);
  if (!SAFE_METHODS.includes(c.req.method) && c.req.header(CSRF_HEADER) !== session.csrf) {
    throw new ProblemError({
      status: 403,
      error: 'csrf',
      message: `a write through a browser session must send the session's CSRF token in ${CSRF_HEADER} (the application's pages do); reload the page and try again`,
    });
  }
  return session.principal;
};
