import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from './mountRoutes';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Authenticator } from '../auth/authenticator';
import { People } from '../auth/people';
import { SESSION_COOKIE, type WebSession, type WebSessions } from '../auth/webSessions';
import type { Config } from '../config';
import { ProblemError, parseInput } from '../problem';
import { parseJsonText, readJsonText } from './requestBody';
import { sessionOf } from './requestPerson';

/** The OIDC sign-in in flight (state, PKCE verifier, where to return): Lax, as the issuer's redirect back is a cross-site navigation. */
const OIDC_TRANSACTION_COOKIE = 'ses_oidc';
const OIDC_TRANSACTION_SECONDS = 600;

const SignInSchema = z.strictObject({ userId: z.string().min(1) });

/** A path of this application to return to after sign-in; anything else (another origin, //host) returns to the inbox. */
export const safeNext = (next: string | undefined): string => (next !== undefined && /^\/(?![/\\])/.test(next) ? next : '/');

const isTls = (c: Context, config: Config): boolean =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https' || (config.APP_URL ?? '').startsWith('https:');

const sessionAnswer = (session: WebSession, signIn: 'dev' | 'oidc') => ({
  person: { id: session.principal.id, name: session.name ?? null, roles: session.principal.roles },
  csrf: session.csrf,
  expiresAt: session.expiresAt,
  signIn,
});

interface OidcEndpoints {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}

/**
 * The browser's sign-in and sign-out. Embedded default: a page lists the people of
 * the users file and choosing one starts a session. With an OIDC issuer: the
 * authorization-code flow with PKCE, and the dev sign-in is not served at all.
 * Either way the session is a cookie (see WebSessions).
 */
export const mountSessionRoutes = (
  app: OpenAPIHono<ApiEnv>,
  { config, authenticator, sessions }: { config: Config; authenticator: Authenticator; sessions: WebSessions },
): void => {
  const oidc = config.AUTH_ISSUER !== undefined;
  const signIn = oidc ? 'oidc' : 'dev';
  const startSession = async (c: Context, principal: Parameters<WebSessions['issue']>[0], name: string | undefined) => {
    const { token, session } = await sessions.issue(principal, name);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: isTls(c, config), path: '/', maxAge: sessions.ttlSeconds });
    return session;
  };

  app.get('/auth/session', async (c) => {
    const session = await sessionOf(c, sessions);
    if (!session) throw new ProblemError({ status: 401, error: 'session-expired', message: 'not signed in (or the session expired): sign in' });
    return c.json(sessionAnswer(session, signIn));
  });

  app.post('/auth/sign-out', async (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isTls(c, config) });
    return c.json({ signedOut: true });
  });

  if (!oidc) {
    app.get('/auth/people', (c) =>
      c.json({
        people: People.fromFile(config.AUTH_USERS_FILE)
          .all()
          .map(({ id, name, roles }) => ({ id, name: name ?? null, roles })),
      }),
    );
    app.post('/auth/session', async (c) => {
      const { userId } = parseInput(SignInSchema, parseJsonText(await readJsonText(c.req.raw)));
      const person = People.fromFile(config.AUTH_USERS_FILE).get(userId);
      if (!person) {
        throw new ProblemError({
          status: 404,
          error: 'auth.unknown-user',
          message: `no person "${userId}" in ${config.AUTH_USERS_FILE}`,
          issues: [{ field: 'userId', rule: 'unknown-user', message: 'not in the users file' }],
        });
      }
      return c.json(sessionAnswer(await startSession(c, { id: person.id, roles: person.roles }, person.name), signIn));
    });
    return;
  }

  let discovered: Promise<OidcEndpoints> | null = null;
  const endpoints = (): Promise<OidcEndpoints> =>
    (discovered ??= fetch(`${config.AUTH_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        return (await response.json()) as OidcEndpoints;
      })
      .catch((error: unknown) => {
        discovered = null;
        throw new ProblemError({
          status: 503,
          error: 'oidc-unavailable',
          message: `the sign-in service ${config.AUTH_ISSUER} cannot be reached (${(error as Error).message}); try again shortly`,
          retryAfterSeconds: 5,
        });
      }));
  const redirectUri = (c: Context) => `${config.APP_URL ?? new URL(c.req.url).origin}/auth/oidc/callback`;

  app.get('/auth/oidc/login', async (c) => {
    if (config.AUTH_CLIENT_ID === undefined) {
      throw new ProblemError({
        status: 503,
        error: 'oidc-not-configured',
        message: "browser sign-in needs AUTH_CLIENT_ID: the web application's client at the OIDC issuer",
      });
    }
    const { authorization_endpoint } = await endpoints();
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(16).toString('base64url');
    const sealed = await sessions.seal({ state, verifier, next: safeNext(c.req.query('next')) }, OIDC_TRANSACTION_SECONDS);
    setCookie(c, OIDC_TRANSACTION_COOKIE, sealed, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isTls(c, config),
      path: '/auth/oidc',
      maxAge: OIDC_TRANSACTION_SECONDS,
    });
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.AUTH_CLIENT_ID,
      redirect_uri: redirectUri(c),
      scope: config.AUTH_SCOPES,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return c.redirect(url.toString(), 302);
  });

  app.get('/auth/oidc/callback', async (c) => {
    try {
      return await finishOidcSignIn(c);
    } catch (error) {
      // A person lands here from the issuer: a page that says what went wrong and how to start again.
      const problem = error instanceof ProblemError ? error.problem : { status: 500 as const, message: (error as Error).message };
      return c.html(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title><link rel="stylesheet" href="/assets/uswds/css/uswds.min.css"></head><body><main class="grid-container padding-y-4"><h1>Sign-in did not complete</h1><div class="usa-alert usa-alert--error"><div class="usa-alert__body"><p class="usa-alert__text">${escapeAttribute(problem.message)}</p></div></div><p><a class="usa-button" href="/sign-in">Sign in again</a></p></main></body></html>`,
        problem.status === 503 ? 503 : 400,
      );
    }
  });

  const finishOidcSignIn = async (c: Context): Promise<Response> => {
    const refused = (message: string) => new ProblemError({ status: 400, error: 'oidc-sign-in', message: `${message}; start again from the sign-in` });
    const sealed = getCookie(c, OIDC_TRANSACTION_COOKIE);
    const transaction = sealed === undefined ? null : await sessions.unseal(sealed);
    if (transaction === null) throw refused('this sign-in was not started here or took longer than 10 minutes');
    deleteCookie(c, OIDC_TRANSACTION_COOKIE, { path: '/auth/oidc' });
    const error = c.req.query('error');
    if (error !== undefined)
      throw refused(`the issuer refused the sign-in: ${error}${c.req.query('error_description') ? ` (${c.req.query('error_description')})` : ''}`);
    const code = c.req.query('code');
    if (code === undefined || c.req.query('state') !== transaction.state) throw refused('the answer from the issuer does not belong to this sign-in');
    const { token_endpoint } = await endpoints();
    const response = await fetch(token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(c),
        client_id: config.AUTH_CLIENT_ID!,
        code_verifier: String(transaction.verifier),
        ...(config.AUTH_CLIENT_SECRET ? { client_secret: config.AUTH_CLIENT_SECRET } : {}),
      }),
    });
    if (!response.ok) throw refused(`the issuer did not exchange the code (${response.status} ${(await response.text()).slice(0, 200)})`);
    const tokens = (await response.json()) as { access_token?: string; id_token?: string };
    // The access token is what the API accepts from the issuer (audience AUTH_AUDIENCE, the roles claim).
    const principal = await authenticator.authenticate(tokens.access_token);
    const name = tokens.id_token ? nameIn(tokens.id_token) : undefined;
    await startSession(c, principal, name);
    // A page, not a redirect: the SameSite=Strict cookie rides only on a navigation this site starts.
    const next = safeNext(String(transaction.next));
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeAttribute(next)}"><title>Signed in</title></head><body><p>Signed in. <a href="${escapeAttribute(next)}">Continue</a></p></body></html>`,
    );
  };
};

/** The `name` claim of an ID token the issuer just gave us over TLS (verified as to whom by the access token). */
const nameIn = (idToken: string): string | undefined => {
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { name?: unknown };
    return typeof claims.name === 'string' ? claims.name : undefined;
  } catch {
    return undefined;
  }
};

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
